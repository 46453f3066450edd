// The panel's browser code: a projection of the state the extension owns. It validates every message, applies the
// changed item, and sends decisions back; it never runs tools. Imports protocol.ts only.
import { assertNever, parseToPanel, type FromPanel, type ToPanel } from '../protocol';
import { patchStreaming, renderItem } from './cards';
import { Composer } from './composer';
import { button, h, icon } from './dom';
import { Footer } from './footer';
import { renderHistory } from './historyView';
import { interceptLinks } from './markdown';
import { PlanSection } from './planView';
import { SetupView } from './setupView';
import { appendTo, emptyState, openTask, putItem } from './state';
import { VirtualList } from './virtualList';
import type { TranscriptItem } from '../protocol';

interface VsCodeApi {
  postMessage(message: FromPanel): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: FromPanel): void => vscode.postMessage(m);
const state = emptyState();
const app = document.getElementById('app') ?? document.body;

const title = h('h1', { class: 'task-title' }, 'Keel');
const historyPanel = h('section', { class: 'history-panel', hidden: true, 'aria-label': 'Task history' });
const header = h(
  'header',
  { class: 'keel-header' },
  icon('anchor'),
  title,
  h('span', { class: 'spacer' }),
  button('', () => {
    historyPanel.hidden = !historyPanel.hidden;
    if (!historyPanel.hidden) historyPanel.replaceChildren(renderHistory(state.tasks, state.taskId, post));
  }, { secondary: true, icon: 'history', label: 'Task history', testid: 'history' }),
  button('', () => newTask(), { secondary: true, icon: 'add', label: 'New task', testid: 'new-task' }),
);
const setup = new SetupView(post);
const trustBanner = h('div', { class: 'keel-warning trust-banner', role: 'status', 'data-testid': 'trust-banner' });
trustBanner.hidden = true;
function renderTrust(trusted: boolean): void {
  trustBanner.hidden = trusted;
  if (trusted) return;
  trustBanner.replaceChildren(
    h('p', {}, 'This folder is not trusted, so Keel can read files and propose changes but runs no command and applies no edit. Trust the folder to let Keel act.'),
    button('Manage Workspace Trust', () => post({ type: 'command/run', command: 'workbench.trust.manage' }), { secondary: true, icon: 'shield' }),
  );
}
const plan = new PlanSection(post);
const list = new VirtualList<TranscriptItem>({ count: () => state.items.length, at: (i) => state.items[i], key: (item) => item.id, render: (item) => renderItem(item, post, state.taskId) }, 'Task transcript');
const composer = new Composer(post);
const footer = new Footer(post);
app.replaceChildren(header, trustBanner, historyPanel, setup.element, plan.element, list.element, composer.element, footer.element);
interceptLinks(app, (href) => post({ type: 'link/open', href }));

/** The composer switches to a new task at once (so what is typed next starts one); the extension confirms or re-sends the running task. */
function newTask(): void {
  if (state.status === 'running') return;
  openTask(state, undefined);
  showTask();
  composer.focus();
  post({ type: 'task/new' });
}

function refreshChrome(): void {
  title.textContent = state.title || 'New task';
  composer.setTask(state.taskId, state.status);
  footer.render(state.usage, state.status);
  document.body.dataset.status = state.status;
  if (!historyPanel.hidden) historyPanel.replaceChildren(renderHistory(state.tasks, state.taskId, post));
}

const planContext = (): { taskId: string | undefined; running: boolean } => ({ taskId: state.taskId, running: state.status === 'running' });

function showTask(): void {
  plan.render(state.plan, planContext());
  list.reset();
  historyPanel.hidden = true;
  refreshChrome();
}

function handle(m: ToPanel): void {
  switch (m.type) {
    case 'state/init':
      state.version = m.version;
      state.config = m.config;
      state.tasks = m.tasks;
      openTask(state, m.task);
      setup.render(m.config);
      renderTrust(m.config.trusted);
      showTask();
      document.body.dataset.ready = 'true';
      return;
    case 'config/updated':
      state.config = m.config;
      setup.render(m.config);
      renderTrust(m.config.trusted);
      return;
    case 'task/opened':
      openTask(state, m.task);
      showTask();
      if (!m.task) composer.focus();
      return;
    case 'task/status':
      if (m.taskId !== state.taskId) return;
      state.status = m.status;
      refreshChrome();
      plan.render(state.plan, planContext());
      return;
    case 'plan/updated':
      if (m.taskId !== state.taskId) return;
      state.plan = m.plan;
      plan.render(m.plan, planContext());
      return;
    case 'item/added':
    case 'item/updated':
      if (m.taskId !== state.taskId) return;
      putItem(state, m.item);
      list.invalidate(m.item.id);
      return;
    case 'item/appended': {
      if (m.taskId !== state.taskId) return;
      const item = appendTo(state, m.id, m.chunk);
      const node = list.rendered(m.id);
      if (item && !(node && patchStreaming(node, item))) list.invalidate(m.id);
      else list.schedule();
      return;
    }
    case 'usage/updated':
      if (m.taskId !== state.taskId) return;
      state.usage = m.usage;
      footer.render(m.usage, state.status);
      return;
    case 'history/updated':
      state.tasks = m.tasks;
      refreshChrome();
      return;
    case 'setup/servers':
      if (state.config) setup.addServers(m.servers, state.config);
      return;
    case 'editor/context':
      state.editor = m.context;
      composer.setEditor(m.context);
      return;
    case 'composer/prefill':
      composer.prefill(m.text);
      return;
    default:
      assertNever(m);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToPanel(event.data);
  if (message) handle(message);
});
post({ type: 'panel/ready' });
