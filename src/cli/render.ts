// Renders the agent's event stream for a person on a terminal: the plan as it changes, each tool call and its
// result in a line or two, a spinner while the model streams, and the final summary. `--json` uses jsonLines instead.
import type { AgentEvent } from '../agent/events';
import { formatPlan } from '../agent/plan';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class HumanRenderer {
  private spinner: NodeJS.Timeout | undefined;
  private frame = 0;
  private spinning = false;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly color: boolean,
  ) {}

  private paint(code: string, text: string): string {
    return this.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  private line(text: string): void {
    this.stopSpinner();
    this.out.write(`${text}\n`);
  }

  private startSpinner(): void {
    if (!this.out.isTTY || this.spinning) return;
    this.spinning = true;
    this.spinner = setInterval(() => {
      this.frame = (this.frame + 1) % FRAMES.length;
      this.out.write(`\r${FRAMES[this.frame] ?? ''} thinking…`);
    }, 100);
  }

  private stopSpinner(): void {
    if (!this.spinning) return;
    this.spinning = false;
    if (this.spinner) clearInterval(this.spinner);
    this.out.write('\r\x1b[K');
  }

  handle(e: AgentEvent): void {
    switch (e.type) {
      case 'run_start':
        this.line(this.paint('1', `keel: ${e.task}`) + this.paint('2', `  (${e.model})`));
        return;
      case 'turn_start':
        this.startSpinner();
        return;
      case 'assistant_message':
        this.line(this.paint('2', e.text.trim().split('\n').slice(0, 6).join('\n')));
        return;
      case 'plan_updated':
        this.line(`${this.paint('36', 'plan:')}\n${formatPlan(e.steps).replace(/^/gm, '  ')}`);
        return;
      case 'tool_start':
        this.line(`${this.paint('34', '→')} ${e.title}`);
        return;
      case 'approval_needed':
        this.line(this.paint('33', `  needs approval: ${e.reason}`));
        return;
      case 'approval_resolved':
        if (!e.approved) this.line(this.paint('33', `  rejected${e.reason ? `: ${e.reason}` : ''}`));
        return;
      case 'tool_end':
        this.line(`  ${e.ok ? this.paint('32', '✓') : this.paint('31', '✗')} ${e.summary}`);
        return;
      case 'checkpoint_restored':
        this.line(this.paint('35', `  restored checkpoint: ${e.restored.length} files written back, ${e.deleted.length} removed`));
        return;
      case 'verify_result':
        this.line(`${e.passed ? this.paint('32', 'verify ✓') : this.paint('31', 'verify ✗')} ${e.command}${e.passed ? '' : ` — ${e.summary}`}`);
        return;
      case 'stuck_detected':
        this.line(this.paint('33', `stuck: ${e.detail}`));
        return;
      case 'retry':
        this.line(this.paint('2', `model request failed (${e.reason}); retrying in ${Math.round(e.delayMs / 100) / 10} s`));
        return;
      case 'notice':
        this.line(e.level === 'info' ? this.paint('2', e.message) : this.paint(e.level === 'error' ? '31' : '33', e.message));
        return;
      case 'run_end':
        this.line(`\n${e.summary}`);
        return;
      case 'text_delta':
      case 'thinking_delta':
      case 'tool_call_delta':
      case 'tool_output':
      case 'usage':
      case 'checkpoint_created':
        return;
    }
  }

  dispose(): void {
    this.stopSpinner();
  }
}

/** One JSON object per line, for `--json`. Deltas are included so a consumer can stream text. */
export function jsonLine(e: AgentEvent): string {
  return `${JSON.stringify(e)}\n`;
}
