// One transcript item as a DOM node: messages, tool cards (edit, command, commit, read-only), notices, decisions and the
// run's end. The person's drafts on a card (edited command, reject reason) live here, so re-rendering keeps them.
import type { FromPanel, TranscriptItem } from '../protocol';
import { autosize, button, h, icon } from './dom';
import { markdownInto } from './markdown';

type Tool = Extract<TranscriptItem, { kind: 'tool' }>;
type Post = (m: FromPanel) => void;

interface Draft {
  text?: string;
  reason?: string;
  rejecting?: boolean;
  rule?: string;
  ruling?: boolean;
  expanded?: boolean;
}

const drafts = new Map<string, Draft>();
const draft = (id: string): Draft => {
  let d = drafts.get(id);
  if (!d) drafts.set(id, (d = {}));
  return d;
};

const STATE_LABEL: Record<Tool['state'], string> = { preparing: 'preparing', pending: 'waiting for approval', running: 'running', done: 'done', failed: 'failed', rejected: 'rejected' };
const STATE_ICON: Record<Tool['state'], string> = { preparing: 'loading codicon-modifier-spin', pending: 'question', running: 'loading codicon-modifier-spin', done: 'pass', failed: 'error', rejected: 'circle-slash' };
const CATEGORY_ICON: Record<Tool['category'], string> = { edit: 'edit', command: 'terminal', commit: 'git-commit', read: 'eye', other: 'tools' };

/** `taskId` is the open task's (the end card's Review and Restore name it). */
export function renderItem(item: TranscriptItem, post: Post, taskId?: string): HTMLElement {
  switch (item.kind) {
    case 'user':
      return h('article', { class: 'msg msg-user', 'aria-label': 'Your message', tabindex: '-1' }, h('div', { class: 'msg-who' }, icon('account'), 'You'), h('div', { class: 'msg-text plain' }, item.text));
    case 'assistant': {
      const body = h('div', { class: 'msg-text markdown' });
      markdownInto(body, item.text);
      return h('article', { class: `msg msg-assistant${item.streaming ? ' streaming' : ''}`, 'aria-label': 'Keel says', 'aria-busy': item.streaming ? 'true' : undefined, 'data-testid': 'assistant' }, body);
    }
    case 'tool':
      return toolCard(item, post);
    case 'notice':
      return h('div', { class: `notice notice-${item.level}`, role: item.level === 'error' ? 'alert' : 'status' }, icon(item.level === 'info' ? 'info' : item.level), h('span', {}, item.text));
    case 'decision':
      return decisionCard(item, post);
    case 'end': {
      const summary = h('div', { class: 'markdown' });
      markdownInto(summary, item.summary);
      const files = item.changedPaths.length ? h('ul', { class: 'changed', 'aria-label': 'Changed files' }, ...item.changedPaths.map((p) => h('li', {}, link(p, post)))) : undefined;
      const cp = item.checkpointId;
      const actions =
        cp && taskId && item.changedPaths.length > 0
          ? h(
              'div',
              { class: 'actions' },
              button('Review changes', () => post({ type: 'task/review', taskId }), { secondary: true, icon: 'diff-multiple', label: 'Review all changes of this task in one diff', testid: 'end-review' }),
              button('Restore to before the task', () => post({ type: 'checkpoint/restore', taskId, checkpointId: cp }), { secondary: true, icon: 'discard', label: 'Restore the workspace to before this task (shows what it changes first)', testid: 'end-restore' }),
            )
          : undefined;
      return h('article', { class: `end end-${item.outcome}`, 'aria-label': `Run ended: ${item.outcome}`, 'data-testid': 'run-end' }, h('div', { class: 'end-head' }, icon(item.outcome === 'finished' ? 'pass-filled' : item.outcome === 'stopped' ? 'debug-stop' : 'info'), h('strong', {}, OUTCOME[item.outcome] ?? item.outcome)), summary, files, actions);
    }
  }
}

const OUTCOME: Record<string, string> = { finished: 'Finished', not_verified: 'Not verified', stuck: 'Stuck', budget: 'Limit reached', stopped: 'Stopped', waiting: 'Waiting for you', error: 'Error' };

function link(path: string, post: Post): HTMLElement {
  const a = h('a', { href: '#', class: 'file-link' }, path);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    post({ type: 'link/open', href: path });
  });
  return a;
}

function toolCard(t: Tool, post: Post): HTMLElement {
  const pending = t.state === 'pending' && t.approvalId !== undefined;
  const head = h('div', { class: 'card-head' }, icon(CATEGORY_ICON[t.category]), h('span', { class: 'card-title' }, t.title), h('span', { class: `badge badge-${t.state}` }, icon(STATE_ICON[t.state]), STATE_LABEL[t.state]));
  const card = h('article', { class: `card card-${t.category} state-${t.state}`, 'aria-label': `${t.title}, ${STATE_LABEL[t.state]}`, tabindex: '0', 'data-testid': `card-${t.category}`, 'data-state': t.state, 'data-call': t.id });
  if (t.category === 'read' || (t.category === 'other' && !pending)) {
    const d = draft(t.id);
    const details = h('details', { open: d.expanded }, h('summary', {}, head), t.summary ? h('div', { class: 'card-summary' }, t.summary) : undefined, t.output ? h('pre', { class: 'output' }, t.output) : undefined);
    details.addEventListener('toggle', () => (d.expanded = details.open));
    card.classList.add('compact');
    card.append(details);
    return card;
  }
  card.append(head);
  if (t.reason && pending) card.append(h('div', { class: 'card-reason' }, icon('shield'), t.reason));
  if (t.danger) card.append(h('div', { class: 'card-danger', role: 'alert' }, icon('warning'), t.danger));
  for (const f of t.files) {
    card.append(
      h('div', { class: 'file-row' }, icon(f.isNew ? 'new-file' : 'file'), link(f.path, post), h('span', { class: 'added', 'aria-label': `${f.added} lines added` }, `+${f.added}`), h('span', { class: 'removed', 'aria-label': `${f.removed} lines removed` }, `−${f.removed}`), button('Review', () => post({ type: 'diff/open', callId: t.id, path: f.path }), { secondary: true, icon: 'diff', label: `Review the diff of ${f.path}`, testid: 'review' })),
    );
  }
  let edited: HTMLTextAreaElement | undefined;
  if (t.text !== undefined) {
    const d = draft(t.id);
    if (pending) {
      edited = h('textarea', { class: t.category === 'command' ? 'cmd-edit' : 'msg-edit', 'aria-label': t.category === 'command' ? 'Command line (editable before approval)' : 'Commit message (editable before approval)', rows: '1', spellcheck: 'false', 'data-testid': 'card-text' });
      edited.value = d.text ?? t.text;
      const area = edited;
      area.addEventListener('input', () => {
        d.text = area.value;
        autosize(area);
      });
      requestAnimationFrame(() => autosize(area));
      card.append(edited);
    } else {
      card.append(h('pre', { class: t.category === 'command' ? 'cmd' : 'commit-msg' }, t.category === 'command' ? `$ ${t.text}` : t.text));
    }
  }
  if (t.category === 'command' && (t.output || t.state === 'running')) card.append(h('pre', { class: 'output', 'aria-label': 'Command output', 'data-testid': 'output' }, t.output));
  if (t.exitCode !== undefined) card.append(h('div', { class: `exit ${t.exitCode === 0 ? 'ok' : 'bad'}`, 'data-testid': 'exit-code' }, `exit code ${t.exitCode}`));
  if (t.summary && t.state !== 'pending' && t.exitCode === undefined) card.append(h('div', { class: 'card-summary' }, t.summary));
  if (t.rejectReason) card.append(h('div', { class: 'card-reason' }, icon('comment'), `Rejected: ${t.rejectReason}`));
  if (t.category === 'command' && t.state === 'running') card.append(h('div', { class: 'actions' }, button('Stop', () => post({ type: 'task/stop' }), { secondary: true, icon: 'debug-stop', label: 'Stop the command and the run' })));
  if (pending && t.approvalId) card.append(...approvalControls(t, t.approvalId, post, edited));
  return card;
}

function approvalControls(t: Tool, approvalId: string, post: Post, edited: HTMLTextAreaElement | undefined): HTMLElement[] {
  const d = draft(t.id);
  const out: HTMLElement[] = [];
  const approve = (): void => {
    const text = edited?.value;
    post({ type: 'approval/decide', approvalId, approve: true, ...(text !== undefined && text !== t.text ? { edited: text } : {}) });
  };
  const row = h('div', { class: 'actions' }, button('Approve', approve, { icon: 'check', label: `Approve: ${t.title}`, testid: 'approve' }), button('Reject', () => {
    d.rejecting = !d.rejecting;
    refresh();
  }, { secondary: true, icon: 'close', label: `Reject: ${t.title}`, testid: 'reject' }));
  if (t.rule) row.append(button('Always allow…', () => {
    d.ruling = !d.ruling;
    refresh();
  }, { secondary: true, icon: 'shield', label: 'Add an approval rule', testid: 'always-allow' }));
  out.push(row);
  const extra = h('div', { class: 'card-extra' });
  const refresh = (): void => {
    extra.replaceChildren();
    if (d.rejecting) {
      const input = h('input', { type: 'text', class: 'reason', placeholder: 'Why? (optional, goes to the agent)', 'aria-label': 'Reason for rejecting', 'data-testid': 'reject-reason' });
      input.value = d.reason ?? '';
      const send = (): void => post({ type: 'approval/decide', approvalId, approve: false, ...(input.value.trim() ? { reason: input.value.trim() } : {}) });
      input.addEventListener('input', () => (d.reason = input.value));
      input.addEventListener('keydown', (e) => e.key === 'Enter' && send());
      extra.append(h('div', { class: 'inline-form' }, input, button('Reject', send, { icon: 'close', testid: 'confirm-reject', label: 'Confirm reject' })));
      requestAnimationFrame(() => input.focus());
    }
    if (d.ruling && t.rule) {
      const rule = t.rule;
      const input = h('input', { type: 'text', class: 'rule', 'aria-label': rule.kind === 'command' ? 'Command prefix to always allow' : 'Path glob whose edits are always allowed', 'data-testid': 'rule-value' });
      input.value = d.rule ?? rule.value;
      input.addEventListener('input', () => (d.rule = input.value));
      extra.append(h('div', { class: 'inline-form' }, h('label', {}, rule.kind === 'command' ? 'Always allow commands starting with' : 'Always allow edits to'), input, button('Add rule', () => {
        if (input.value.trim()) post({ type: 'rule/add', rule: { kind: rule.kind, value: input.value.trim() } });
        d.ruling = false;
        refresh();
      }, { secondary: true, testid: 'add-rule' })));
    }
  };
  refresh();
  out.push(extra);
  return out;
}

function decisionCard(item: Extract<TranscriptItem, { kind: 'decision' }>, post: Post): HTMLElement {
  const card = h('article', { class: 'card card-decision', 'aria-label': item.title, tabindex: '0', 'data-testid': 'decision' }, h('div', { class: 'card-head' }, icon(item.question ? 'question' : 'warning'), h('span', { class: 'card-title' }, item.title)), h('div', { class: 'card-summary' }, item.detail));
  const id = item.approvalId;
  if (item.resolved || !id) {
    card.append(h('div', { class: 'card-summary muted' }, item.resolved ?? ''));
    return card;
  }
  if (item.question) {
    const d = draft(item.id);
    const answer = h('textarea', { rows: '2', 'aria-label': 'Your answer', placeholder: 'Your answer' });
    answer.value = d.text ?? '';
    answer.addEventListener('input', () => (d.text = answer.value));
    card.append(answer, h('div', { class: 'actions' }, button('Answer', () => post({ type: 'approval/decide', approvalId: id, approve: true, edited: answer.value }), { icon: 'send' }), button('Skip', () => post({ type: 'approval/decide', approvalId: id, approve: false }), { secondary: true })));
  } else {
    card.append(h('div', { class: 'actions' }, button('Continue', () => post({ type: 'approval/decide', approvalId: id, approve: true }), { icon: 'debug-continue', testid: 'continue' }), button('Stop', () => post({ type: 'approval/decide', approvalId: id, approve: false }), { secondary: true, icon: 'debug-stop' })));
  }
  return card;
}

/** Streamed text patched into an already rendered node, so a token does not rebuild the card. */
export function patchStreaming(node: HTMLElement, item: TranscriptItem): boolean {
  if (item.kind === 'assistant') {
    const body = node.querySelector<HTMLElement>('.msg-text');
    if (!body) return false;
    markdownInto(body, item.text);
    return true;
  }
  if (item.kind === 'tool') {
    const out = node.querySelector<HTMLElement>('pre.output');
    if (!out) return false;
    out.textContent = item.output;
    out.scrollTop = out.scrollHeight;
    return true;
  }
  return false;
}
