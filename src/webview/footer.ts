// The footer: tokens, cost, context fill and turn count of the open task, and a Stop button that works at any moment.
import type { FromPanel, TaskStatus, UsageView } from '../protocol';
import { button, formatTokens, h, icon } from './dom';

export class Footer {
  readonly element = h('footer', { class: 'footer', 'aria-label': 'Task usage' });
  private readonly stats = h('span', { class: 'stats', 'data-testid': 'usage', 'aria-live': 'off' });
  private readonly stop: HTMLButtonElement;

  constructor(post: (m: FromPanel) => void) {
    this.stop = button('Stop', () => post({ type: 'task/stop' }), { icon: 'debug-stop', label: 'Stop the run', testid: 'stop' });
    this.stop.classList.add('stop');
    this.element.append(this.stats, this.stop);
  }

  render(usage: UsageView | undefined, status: TaskStatus): void {
    this.stop.hidden = status !== 'running';
    if (!usage) {
      this.stats.replaceChildren();
      return;
    }
    const fill = usage.contextWindow > 0 ? Math.round((100 * usage.contextTokens) / usage.contextWindow) : 0;
    const cost = usage.costUsd !== undefined ? `$${usage.costUsd.toFixed(usage.costUsd < 1 ? 3 : 2)}` : '$—';
    this.stats.classList.toggle('warning', usage.costWarning);
    this.stats.replaceChildren(
      h('span', { title: 'Tokens in / out' }, icon('arrow-up'), formatTokens(usage.inputTokens), ' ', icon('arrow-down'), formatTokens(usage.outputTokens)),
      h('span', { title: 'Cost of this task' }, cost),
      h('span', { title: 'Context window used by the last request' }, `ctx ${fill}%`),
      h('span', { title: 'Model turns' }, `turn ${usage.turn}/${usage.maxTurns}`),
    );
  }
}
