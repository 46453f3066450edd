// One task's panel state (plan, transcript items, usage) built from the agent's events; each change is posted as the
// smallest message that describes it (the changed item, an appended chunk), never the whole state.
import { diffLines } from 'diff';
import type { AgentEvent } from '../agent/events';
import type { ApprovalRequest } from '../ports';
import type { FileChangeView, PlanStepView, PlanView, TaskStatus, TaskView, ToPanel, ToolCategory, TranscriptItem, UsageView } from '../protocol';
import type { StepPreview } from '../tools/types';

type ToolItem = Extract<TranscriptItem, { kind: 'tool' }>;
const MAX_OUTPUT = 64 * 1024;
const READ_TOOLS = new Set(['read_file', 'list_files', 'search', 'git_status', 'git_diff', 'git_log', 'read_command_output']);
const HIDDEN_TOOLS = new Set(['update_plan']);

export function lineCounts(before: string | undefined, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(before ?? '', after)) {
    if (part.added) added += part.count ?? 0;
    else if (part.removed) removed += part.count ?? 0;
  }
  return { added, removed };
}

function category(name: string, preview: StepPreview): ToolCategory {
  if (preview.kind === 'files') return 'edit';
  if (preview.kind === 'command') return 'command';
  if (preview.kind === 'commit') return 'commit';
  return READ_TOOLS.has(name) ? 'read' : 'other';
}

function commandPrefix(command: string): string {
  const words = command.trim().split(/\s+/).filter((w) => w !== '' && !w.includes('=') && !/[|&;<>]/.test(w));
  return words.slice(0, words[0] === 'npm' || words[0] === 'git' || words[0] === 'npx' || words[0] === 'yarn' || words[0] === 'pnpm' ? 2 : 1).join(' ');
}

function globFor(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash > 0 ? `${path.slice(0, slash)}/**` : path;
}

const STATUS_OF: Record<string, TaskStatus> = { finished: 'finished', waiting: 'waiting', stopped: 'stopped', error: 'failed', budget: 'waiting', stuck: 'waiting', not_verified: 'waiting' };

export class TaskTranscript {
  private readonly items: TranscriptItem[] = [];
  private readonly index = new Map<string, number>();
  private plan: PlanView = { steps: [] };
  /** The first checkpoint of each plan step (by index, with the step's title then), for "Restore to before this step". */
  private readonly stepCheckpoints = new Map<number, { readonly id: string; readonly title: string }>();
  /** The task's first checkpoint (before its first change), offered on the end card. */
  private firstCheckpoint: string | undefined;
  private streamingId: string | undefined;
  private seq = 0;
  private warned = false;
  /** The file previews of edit cards by call id, for diff review. */
  readonly previews = new Map<string, StepPreview>();
  status: TaskStatus = 'idle';
  updatedAt = Date.now();
  usage: UsageView;

  constructor(
    readonly id: string,
    readonly title: string,
    private readonly post: (message: ToPanel) => void,
    private readonly limits: { maxTurns: number; costWarningUsd: number | undefined },
    saved?: TaskView,
  ) {
    this.usage = saved?.usage ?? { inputTokens: 0, outputTokens: 0, contextTokens: 0, contextWindow: 1, turn: 0, maxTurns: limits.maxTurns, costWarning: false };
    if (saved) {
      for (const item of saved.items) this.put(item);
      this.plan = saved.plan;
      saved.plan.steps.forEach((s, i) => s.checkpointId && this.stepCheckpoints.set(i, { id: s.checkpointId, title: s.title }));
      this.firstCheckpoint = saved.items.map((i) => (i.kind === 'end' ? i.checkpointId : undefined)).find((id) => id !== undefined);
      this.status = saved.status;
      this.updatedAt = saved.updatedAt;
    }
  }

  view(): TaskView {
    return { id: this.id, title: this.title, status: this.status, updatedAt: this.updatedAt, plan: this.plan, items: [...this.items], usage: this.usage };
  }

  get(id: string): TranscriptItem | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  private put(item: TranscriptItem): void {
    const i = this.index.get(item.id);
    if (i === undefined) {
      this.index.set(item.id, this.items.length);
      this.items.push(item);
    } else {
      this.items[i] = item;
    }
  }

  private touch(): void {
    this.updatedAt = Date.now();
  }

  add(item: TranscriptItem): void {
    this.put(item);
    this.touch();
    this.post({ type: 'item/added', taskId: this.id, item });
  }

  update(item: TranscriptItem): void {
    this.put(item);
    this.touch();
    this.post({ type: 'item/updated', taskId: this.id, item });
  }

  private updateTool(id: string, change: (t: ToolItem) => ToolItem): void {
    const t = this.get(id);
    if (t?.kind === 'tool') this.update(change(t));
  }

  nextId(prefix: string): string {
    return `${prefix}-${Date.now().toString(36)}-${(this.seq++).toString(36)}`;
  }

  setStatus(status: TaskStatus): void {
    this.status = status;
    this.touch();
    this.post({ type: 'task/status', taskId: this.id, status });
  }

  setPlan(plan: PlanView): void {
    this.plan = plan;
    this.touch();
    this.post({ type: 'plan/updated', taskId: this.id, plan });
  }

  notice(level: 'info' | 'warning' | 'error', text: string): void {
    this.add({ kind: 'notice', id: this.nextId('n'), level, text });
  }

  /** An approval the agent asks without a tool card (the plan, a question, stuck detection). */
  asked(request: ApprovalRequest): void {
    if (request.kind === 'plan') this.setPlan({ ...this.plan, approvalId: request.id });
    else if (request.kind === 'question' || request.kind === 'stuck' || request.toolName === 'keel') {
      this.add({ kind: 'decision', id: request.id, title: request.title, detail: request.reason, question: request.kind === 'question', approvalId: request.id });
    }
  }

  /** Marks a plan or decision item as settled (tool cards settle through approval_resolved). */
  settled(approvalId: string, label: string): void {
    if (this.plan.approvalId === approvalId) this.setPlan({ steps: this.plan.steps });
    const d = this.get(approvalId);
    if (d?.kind === 'decision') this.update({ kind: 'decision', id: d.id, title: d.title, detail: d.detail, question: d.question, resolved: label });
  }

  apply(e: AgentEvent): void {
    switch (e.type) {
      case 'turn_start':
        this.endStream();
        this.setUsage({ ...this.usage, turn: e.turn });
        return;
      case 'text_delta': {
        const current = this.streamingId ? this.get(this.streamingId) : undefined;
        if (current?.kind === 'assistant') {
          this.put({ ...current, text: current.text + e.delta });
          this.post({ type: 'item/appended', taskId: this.id, id: current.id, chunk: e.delta });
        } else {
          this.streamingId = this.nextId('a');
          this.add({ kind: 'assistant', id: this.streamingId, text: e.delta, streaming: true });
        }
        return;
      }
      case 'assistant_message': {
        const current = this.streamingId ? this.get(this.streamingId) : undefined;
        this.streamingId = undefined;
        if (current?.kind === 'assistant') this.update({ ...current, text: e.text, streaming: false });
        else this.add({ kind: 'assistant', id: this.nextId('a'), text: e.text, streaming: false });
        return;
      }
      case 'tool_start':
        this.endStream();
        this.toolStart(e);
        return;
      case 'approval_needed':
        this.updateTool(e.callId, (t) => ({ ...t, state: 'pending', approvalId: e.approvalId, reason: e.reason }));
        return;
      case 'approval_resolved':
        this.updateTool(e.callId, (t) => ({ ...withoutApproval(t), state: e.approved ? 'running' : 'rejected', ...(e.reason && !e.approved ? { rejectReason: e.reason } : {}) }));
        return;
      case 'tool_output': {
        const t = this.get(e.callId);
        if (t?.kind !== 'tool') return;
        const output = (t.output + e.chunk).slice(-MAX_OUTPUT);
        this.put({ ...t, output });
        this.post({ type: 'item/appended', taskId: this.id, id: t.id, chunk: e.chunk });
        return;
      }
      case 'tool_end':
        this.updateTool(e.callId, (t) => {
          const code = /exit(?:ed with)? code:?\s*(-?\d+)/i.exec(e.summary);
          return { ...withoutApproval(t), state: t.state === 'rejected' ? 'rejected' : e.ok ? 'done' : 'failed', summary: e.summary, ...(code ? { exitCode: Number(code[1]) } : {}) };
        });
        return;
      case 'plan_updated':
        this.setPlan({ ...this.plan, steps: this.withCheckpoints(e.steps.map((s) => ({ title: s.title, status: s.status }))) });
        return;
      case 'checkpoint_created': {
        this.firstCheckpoint ??= e.checkpointId;
        const title = e.stepIndex === undefined ? undefined : this.plan.steps[e.stepIndex]?.title;
        if (e.stepIndex === undefined || title === undefined) return;
        const known = this.stepCheckpoints.get(e.stepIndex);
        if (known && known.title === title) return; // the step's first checkpoint is the one before all of its changes
        this.stepCheckpoints.set(e.stepIndex, { id: e.checkpointId, title });
        this.setPlan({ ...this.plan, steps: this.withCheckpoints(this.plan.steps) });
        return;
      }
      case 'checkpoint_restored':
        this.notice('info', `Checkpoint restored: ${e.restored.length} files written back, ${e.deleted.length} removed.`);
        return;
      case 'verify_result':
        this.notice(e.passed ? 'info' : 'warning', `Verify \`${e.command}\` ${e.passed ? 'passed' : `failed${e.exitCode !== undefined ? ` (exit ${e.exitCode})` : ''}: ${e.summary}`}`);
        return;
      case 'stuck_detected':
        this.notice('warning', `The agent seems stuck (${e.kind}): ${e.detail}`);
        return;
      case 'usage':
        this.onUsage(e);
        return;
      case 'retry':
        this.notice('info', `Retrying the model request (attempt ${e.attempt}) in ${Math.round(e.delayMs / 1000)} s: ${e.reason}`);
        return;
      case 'notice':
        this.notice(e.level, e.message);
        return;
      case 'run_end':
        this.endStream();
        this.add({ kind: 'end', id: this.nextId('end'), outcome: e.outcome, summary: e.summary, changedPaths: e.changedPaths, ...(this.firstCheckpoint ? { checkpointId: this.firstCheckpoint } : {}) });
        this.setStatus(STATUS_OF[e.outcome] ?? 'waiting');
        return;
      case 'run_start':
      case 'thinking_delta':
      case 'tool_call_delta':
        return;
    }
  }

  /** Each step with the checkpoint taken before it, when one was taken for a step of that title at that place. */
  private withCheckpoints(steps: readonly PlanStepView[]): PlanStepView[] {
    return steps.map((s, i) => {
      const cp = this.stepCheckpoints.get(i);
      const { checkpointId: _old, ...rest } = s;
      return cp && cp.title === s.title ? { ...rest, checkpointId: cp.id } : rest;
    });
  }

  private endStream(): void {
    const current = this.streamingId ? this.get(this.streamingId) : undefined;
    this.streamingId = undefined;
    if (current?.kind === 'assistant' && current.streaming) this.update({ ...current, streaming: false });
  }

  private toolStart(e: Extract<AgentEvent, { type: 'tool_start' }>): void {
    if (HIDDEN_TOOLS.has(e.name)) return;
    const p = e.preview;
    const files: FileChangeView[] = p.kind === 'files' ? p.changes.map((c) => ({ path: c.path, isNew: c.before === undefined, ...lineCounts(c.before, c.after) })) : [];
    if (p.kind === 'files') this.previews.set(e.callId, p);
    const first = files[0];
    const rule = p.kind === 'command' && !p.danger ? { kind: 'command' as const, value: commandPrefix(p.command) } : first ? { kind: 'editGlob' as const, value: globFor(first.path) } : undefined;
    const text = p.kind === 'command' ? p.command : p.kind === 'commit' ? p.message : undefined;
    const item: ToolItem = {
      kind: 'tool',
      id: e.callId,
      name: e.name,
      title: e.title,
      category: category(e.name, p),
      state: 'running',
      files,
      output: '',
      ...(text !== undefined ? { text } : {}),
      ...(p.kind === 'command' && p.danger ? { danger: p.danger } : {}),
      ...(rule && rule.value ? { rule } : {}),
    };
    this.add(item);
  }

  private onUsage(e: Extract<AgentEvent, { type: 'usage' }>): void {
    const warnAt = this.limits.costWarningUsd;
    const costWarning = warnAt !== undefined && (e.costUsd ?? 0) >= warnAt;
    this.setUsage({ ...this.usage, inputTokens: e.totalInput, outputTokens: e.totalOutput, contextTokens: e.contextTokens || this.usage.contextTokens, contextWindow: e.contextWindow, costWarning, ...(e.costUsd !== undefined ? { costUsd: e.costUsd } : {}) });
    if (costWarning && !this.warned && warnAt !== undefined) {
      this.warned = true;
      this.notice('warning', `This task has cost $${(e.costUsd ?? 0).toFixed(2)}, past the warning level of $${warnAt.toFixed(2)}.`);
    }
  }

  setUsage(usage: UsageView): void {
    this.usage = usage;
    this.post({ type: 'usage/updated', taskId: this.id, usage });
  }

  /** After a reload: nothing runs and nothing waits any more; the task waits for the person. */
  markInterrupted(): void {
    for (const item of this.items) {
      if (item.kind === 'tool' && (item.state === 'pending' || item.state === 'running' || item.state === 'preparing')) this.put({ ...withoutApproval(item), state: 'failed', summary: 'Interrupted: VS Code closed or reloaded before this step completed.' });
      if (item.kind === 'assistant' && item.streaming) this.put({ ...item, streaming: false });
      if (item.kind === 'decision' && item.approvalId && !item.resolved) this.put({ ...item, resolved: 'interrupted' });
    }
    this.plan = { steps: this.plan.steps };
    if (this.status === 'running') this.status = 'paused';
  }
}

function withoutApproval(t: ToolItem): ToolItem {
  const { approvalId: _a, reason: _r, ...rest } = t;
  return rest;
}
