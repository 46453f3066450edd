// Task history: earlier tasks, newest first, to reopen and continue.
import type { FromPanel, TaskSummary } from '../protocol';
import { button, h, icon } from './dom';

const STATUS_ICON: Record<TaskSummary['status'], string> = { idle: 'circle-large-outline', running: 'sync', waiting: 'comment-discussion', paused: 'debug-pause', finished: 'pass', stopped: 'debug-stop', failed: 'error' };

export function renderHistory(tasks: readonly TaskSummary[], currentId: string | undefined, post: (m: FromPanel) => void): HTMLElement {
  if (tasks.length === 0) return h('p', { class: 'muted' }, 'No earlier tasks in this workspace.');
  return h(
    'ul',
    { class: 'history', 'aria-label': 'Task history' },
    ...tasks.map((t) => {
      const b = h('button', { type: 'button', class: `history-item${t.id === currentId ? ' current' : ''}`, 'aria-label': `${t.title}, ${t.status}` }, icon(STATUS_ICON[t.status]), h('span', { class: 'history-title' }, t.title), h('span', { class: 'muted' }, new Date(t.updatedAt).toLocaleString()));
      b.addEventListener('click', () => post({ type: 'task/open', taskId: t.id }));
      const del = button('', () => post({ type: 'task/delete', taskId: t.id }), { secondary: true, icon: 'trash', label: `Delete task ${t.title}`, testid: 'history-delete', disabled: t.status === 'running' });
      del.classList.add('history-delete');
      return h('li', { class: 'history-row' }, b, del);
    }),
  );
}
