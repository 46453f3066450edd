// The task box: Enter sends, Shift+Enter starts a new line; optional context (active file, selection, the file's
// Problems); a new task or a reply to the open one.
import type { ContextChoice, EditorContext, FromPanel, TaskStatus } from '../protocol';
import { autosize, button, h } from './dom';

export class Composer {
  readonly element = h('section', { class: 'composer', 'aria-label': 'Task entry' });
  private readonly area = h('textarea', { rows: '2', 'aria-label': 'Task for Keel', 'data-testid': 'task-input', placeholder: 'Describe a task… (Enter to send, Shift+Enter for a new line)' });
  private readonly contextRow = h('div', { class: 'context-row', role: 'group', 'aria-label': 'Context to include' });
  private readonly choice: { -readonly [K in keyof ContextChoice]: boolean } = { file: false, selection: false, problems: false };
  private readonly send = button('Send', () => this.submit(), { icon: 'send', label: 'Send (Enter)', testid: 'send' });
  private taskId: string | undefined;
  private status: TaskStatus = 'idle';

  constructor(private readonly post: (m: FromPanel) => void) {
    this.area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.area.addEventListener('input', () => autosize(this.area));
    this.element.append(this.area, h('div', { class: 'composer-row' }, this.contextRow, this.send));
  }

  setTask(taskId: string | undefined, status: TaskStatus): void {
    this.taskId = taskId;
    this.status = status;
    const running = status === 'running';
    this.area.placeholder = !taskId ? 'Describe a task… (Enter to send, Shift+Enter for a new line)' : running ? 'Keel is working… (Stop to interrupt)' : 'Reply to continue this task…';
    this.send.disabled = running;
    this.contextRow.hidden = taskId !== undefined;
  }

  setEditor(ctx: EditorContext): void {
    const boxes: HTMLElement[] = [];
    const box = (key: keyof ContextChoice, label: string): void => {
      const input = h('input', { type: 'checkbox', id: `ctx-${key}`, checked: this.choice[key] });
      input.addEventListener('change', () => (this.choice[key] = input.checked));
      boxes.push(h('label', { for: `ctx-${key}`, class: 'ctx' }, input, label));
    };
    if (ctx.file) box('file', `File ${ctx.file.split('/').pop() ?? ctx.file}`);
    else this.choice.file = false;
    if (ctx.selection) box('selection', `Selection (${ctx.selection})`);
    else this.choice.selection = false;
    if (ctx.file && ctx.problems > 0) box('problems', `Problems (${ctx.problems})`);
    else this.choice.problems = false;
    this.contextRow.replaceChildren(...boxes);
  }

  prefill(text: string): void {
    this.area.value = text;
    this.choice.selection = true;
    this.choice.file = true;
    for (const key of ['selection', 'file']) {
      const box = this.contextRow.querySelector<HTMLInputElement>(`#ctx-${key}`);
      if (box) box.checked = true;
    }
    this.focus();
  }

  focus(): void {
    this.area.focus();
    this.area.setSelectionRange(this.area.value.length, this.area.value.length);
  }

  private submit(): void {
    const text = this.area.value;
    if (text.trim() === '' || this.status === 'running') return;
    if (this.taskId) this.post({ type: 'task/reply', taskId: this.taskId, text });
    else this.post({ type: 'task/start', text, context: { file: this.choice.file, selection: this.choice.selection, problems: this.choice.problems } });
    this.area.value = '';
    autosize(this.area);
  }
}
