// The plan at the top of the panel: each step with its status icon, the step in progress highlighted, "Restore to
// before this step" on steps that changed files (when the agent is not running), and, while the plan waits for
// approval, Approve / Edit / Reject.
import type { FromPanel, PlanView, StepStatus } from '../protocol';
import { button, h, icon } from './dom';

const ICON: Record<StepStatus, string> = { pending: 'circle-large-outline', in_progress: 'arrow-circle-right', done: 'pass-filled', failed: 'error', skipped: 'circle-slash' };
const LABEL: Record<StepStatus, string> = { pending: 'pending', in_progress: 'in progress', done: 'done', failed: 'failed', skipped: 'skipped' };

export class PlanSection {
  readonly element = h('section', { class: 'plan', 'aria-label': 'Plan', 'data-testid': 'plan', hidden: true });
  private editing = false;
  private rejecting = false;

  constructor(private readonly post: (m: FromPanel) => void) {}

  /** `taskId` and `running` decide whether steps offer "Restore to before this step". */
  render(plan: PlanView, task: { readonly taskId: string | undefined; readonly running: boolean } = { taskId: undefined, running: true }): void {
    this.element.hidden = plan.steps.length === 0;
    if (!plan.approvalId) {
      this.editing = false;
      this.rejecting = false;
    }
    const done = plan.steps.filter((s) => s.status === 'done').length;
    const restore = (checkpointId: string, n: number, title: string): HTMLButtonElement | undefined => {
      const taskId = task.taskId;
      if (taskId === undefined || task.running) return undefined;
      const b = button('', () => this.post({ type: 'checkpoint/restore', taskId, checkpointId }), { secondary: true, icon: 'discard', label: `Restore to before step ${n}: ${title}`, testid: `restore-step-${n}` });
      b.classList.add('step-restore');
      b.title = 'Restore to before this step (shows what it changes first)';
      return b;
    };
    const list = h(
      'ol',
      { class: 'steps' },
      ...plan.steps.map((s, i) =>
        h('li', { class: `step step-${s.status}`, 'aria-current': s.status === 'in_progress' ? 'step' : undefined }, icon(ICON[s.status], LABEL[s.status]), h('span', { class: 'step-title' }, s.title), s.checkpointId ? restore(s.checkpointId, i + 1, s.title) : undefined),
      ),
    );
    const head = h('div', { class: 'plan-head' }, h('h2', {}, 'Plan'), h('span', { class: 'muted' }, `${done}/${plan.steps.length} done`));
    this.element.replaceChildren(head, list);
    const id = plan.approvalId;
    this.element.classList.toggle('awaiting', id !== undefined);
    if (!id) return;
    const note = h('p', { class: 'plan-note' }, icon('shield'), 'Until you approve the plan, Keel only reads.');
    if (this.editing) {
      const area = h('textarea', { class: 'plan-edit', rows: String(Math.max(3, plan.steps.length + 1)), 'aria-label': 'Edit the plan, one step per line', 'data-testid': 'plan-edit' });
      area.value = plan.steps.map((s) => s.title).join('\n');
      this.element.append(area, h('div', { class: 'actions' }, button('Approve edited plan', () => this.post({ type: 'approval/decide', approvalId: id, approve: true, edited: area.value }), { icon: 'check', testid: 'plan-approve-edited' }), button('Cancel', () => this.toggle('edit', plan), { secondary: true })));
      requestAnimationFrame(() => area.focus());
      return;
    }
    const actions = h(
      'div',
      { class: 'actions' },
      button('Approve', () => this.post({ type: 'approval/decide', approvalId: id, approve: true }), { icon: 'check', label: 'Approve the plan', testid: 'plan-approve' }),
      button('Edit', () => this.toggle('edit', plan), { secondary: true, icon: 'edit', label: 'Edit the plan', testid: 'plan-edit-button' }),
      button('Reject', () => this.toggle('reject', plan), { secondary: true, icon: 'close', label: 'Reject the plan', testid: 'plan-reject' }),
    );
    this.element.append(note, actions);
    if (this.rejecting) {
      const input = h('input', { type: 'text', placeholder: 'What should change? (optional)', 'aria-label': 'Reason for rejecting the plan', 'data-testid': 'plan-reject-reason' });
      const send = (): void => this.post({ type: 'approval/decide', approvalId: id, approve: false, ...(input.value.trim() ? { reason: input.value.trim() } : {}) });
      input.addEventListener('keydown', (e) => e.key === 'Enter' && send());
      this.element.append(h('div', { class: 'inline-form' }, input, button('Reject', send, { testid: 'plan-confirm-reject' })));
      requestAnimationFrame(() => input.focus());
    }
  }

  private toggle(what: 'edit' | 'reject', plan: PlanView): void {
    if (what === 'edit') this.editing = !this.editing;
    else this.rejecting = !this.rejecting;
    this.render(plan);
  }
}
