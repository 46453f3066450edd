// The panel's extension side inside a real VS Code: settings with fallbacks, the approver and the status bar, the
// transcript's incremental messages, task persistence resuming paused, the WorkspaceEdit file system and diff review.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KeelApi } from '../../src/extension';
import { startTaskBranch } from '../../src/git';
import type { ToPanel } from '../../src/protocol';
import { DiffReview } from '../../src/vscode/diffReview';
import { checkpointsFor } from '../../src/vscode/reviewChanges';
import { readSettings, type KeelSettings } from '../../src/vscode/settings';
import { TaskController } from '../../src/vscode/taskController';
import { TaskStore } from '../../src/vscode/taskStore';
import { TaskTranscript } from '../../src/vscode/taskTranscript';
import { VsCodeFileSystem } from '../../src/vscode/vscodeFileSystem';
import { suite, test } from './harness';

async function api(): Promise<KeelApi> {
  await vscode.commands.executeCommand('keel.focusPanel');
  const ext = vscode.extensions.getExtension<KeelApi>('keel-dev.keel');
  assert.ok(ext);
  return ext.isActive ? ext.exports : ext.activate();
}

function root(): string {
  const r = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(r, 'a workspace folder is open');
  return r;
}

suite('panel: settings', () => {
  test('a corrupt setting falls back to its default with a warning; good values are read', () => {
    const warnings: string[] = [];
    const values: Record<string, unknown> = { 'approval.autoApproveReads': 'yes', 'approval.commandAllowList': ['npm test', 3], 'approval.autoApproveEdits': true, maxTurns: -4, maxCostUsd: 2.5, costWarningUsd: 'lots' };
    const s = readSettings({ get: (k) => values[k] }, (m) => warnings.push(m));
    assert.equal(s.approval.autoApproveReads, true);
    assert.deepEqual(s.approval.commandAllowList, []);
    assert.equal(s.approval.autoApproveEdits, true);
    assert.equal(s.maxTurns, 60);
    assert.equal(s.maxCostUsd, 2.5);
    assert.equal(s.costWarningUsd, undefined);
    assert.equal(warnings.length, 4, warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('keel.approval.autoApproveReads')));
  });

  test('the real configuration is read with the manifest defaults', () => {
    const s = readSettings(vscode.workspace.getConfiguration('keel'), (m) => assert.fail(m));
    assert.equal(s.approval.requirePlanApproval, true);
    assert.equal(s.approval.autoApproveCommands, false);
  });
});

suite('panel: approver and status bar', () => {
  test('a pending decision shows in the status bar and resolves with the answer; Stop rejects it', async () => {
    const { approver, statusBar } = await api();
    const abort = new AbortController();
    const answer = approver.request({ id: 'it-1', kind: 'edit', toolName: 'edit_file', title: 'Edit a.ts', reason: 'edits need approval' }, abort.signal);
    assert.match(statusBar.text, /decision needed/);
    assert.ok(approver.decide('it-1', { decision: 'reject', reason: 'no' }));
    assert.deepEqual(await answer, { decision: 'reject', reason: 'no' });
    assert.doesNotMatch(statusBar.text, /decision needed/);
    const stopped = approver.request({ id: 'it-2', kind: 'command', toolName: 'run_command', title: 'ls', reason: 'commands need approval' }, abort.signal);
    abort.abort();
    await assert.rejects(stopped, /stopped/);
    assert.equal(approver.decide('it-2', { decision: 'approve' }), false);
  });
});

suite('panel: transcript', () => {
  test('streamed text and output go out as appended chunks; cards change as single items', () => {
    const sent: ToPanel[] = [];
    const t = new TaskTranscript('t1', 'Task', (m) => sent.push(m), { maxTurns: 10, costWarningUsd: 0.01 });
    t.apply({ type: 'text_delta', delta: 'Hel' });
    t.apply({ type: 'text_delta', delta: 'lo' });
    t.apply({ type: 'tool_start', callId: 'c1', name: 'run_command', args: {}, title: 'Run ls', preview: { kind: 'command', command: 'npm test -- --grep x', cwd: '/' } });
    t.apply({ type: 'approval_needed', callId: 'c1', approvalId: 'c1:approval', reason: 'commands need approval' });
    t.apply({ type: 'tool_output', callId: 'c1', chunk: 'ok\n' });
    t.apply({ type: 'usage', request: { inputTokens: 10, outputTokens: 2, estimated: false }, totalInput: 10, totalOutput: 2, costUsd: 0.02, contextTokens: 100, contextWindow: 1000 });
    assert.deepEqual(sent.map((m) => m.type), ['item/added', 'item/appended', 'item/updated', 'item/added', 'item/updated', 'item/appended', 'usage/updated', 'item/added']);
    const card = t.get('c1');
    assert.ok(card?.kind === 'tool');
    assert.equal(card.state, 'pending');
    assert.deepEqual(card.rule, { kind: 'command', value: 'npm test' });
    assert.equal(card.output, 'ok\n');
    assert.equal(t.usage.costWarning, true);
  });
});

suite('panel: persistence', () => {
  test('a task saved while running comes back paused, its pending step marked interrupted, nothing running', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-tasks-'));
    const store = new TaskStore(dir, (m) => assert.fail(m));
    const t = new TaskTranscript('t-run', 'Fix it', () => undefined, { maxTurns: 10, costWarningUsd: undefined });
    t.add({ kind: 'user', id: 'u1', text: 'Fix it' });
    t.apply({ type: 'tool_start', callId: 'c9', name: 'edit_file', args: {}, title: 'Edit a.ts', preview: { kind: 'files', changes: [{ path: 'a.ts', before: 'a', after: 'b' }] } });
    t.apply({ type: 'approval_needed', callId: 'c9', approvalId: 'c9:approval', reason: 'edits need approval' });
    t.setStatus('running');
    await store.save({ version: 1, view: t.view(), snapshot: undefined, task: 'Fix it' });
    const { approver } = await api();
    const diff = new DiffReview('keel-proposal-restore');
    const sent: ToPanel[] = [];
    const controller = new TaskController({ log: vscode.window.createOutputChannel('keel-test', { log: true }), store, approver, diff, post: (m) => sent.push(m), settings: () => readSettings({ get: () => undefined }, () => undefined), setup: () => Promise.reject(new Error('no runs here')), contextBlock: () => '', workspaceRoot: () => undefined });
    try {
      await controller.restore();
      assert.equal(controller.status, 'paused');
      assert.equal(controller.isRunning, false);
      const card = controller.view()?.items.find((i) => i.id === 'c9');
      assert.ok(card?.kind === 'tool');
      assert.equal(card.state, 'failed');
      assert.equal(card.approvalId, undefined);
      assert.ok(sent.some((m) => m.type === 'task/opened'));
      assert.deepEqual((await store.list()).map((s) => s.id), ['t-run']);
    } finally {
      controller.dispose();
      diff.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

suite('panel: deleting a task', () => {
  test('a deleted task leaves the history with its checkpoints pruned; Cancel keeps it', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root);
    const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-storage-'));
    const dir = path.join(storageDir, 'tasks');
    const store = new TaskStore(dir, (m) => assert.fail(m), (id) => checkpointsFor({ storageDir }, root, id).prune());
    const t = new TaskTranscript('t-del', 'Throwaway', () => undefined, { maxTurns: 10, costWarningUsd: undefined });
    t.setStatus('finished');
    await store.save({ version: 1, view: t.view(), snapshot: undefined, task: 'Throwaway' });
    const checkpoints = checkpointsFor({ storageDir }, root, 't-del');
    await checkpoints.create('Task start');
    assert.equal((await checkpoints.list()).length, 1);
    const { approver } = await api();
    const diff = new DiffReview('keel-proposal-delete');
    const controller = new TaskController({ log: vscode.window.createOutputChannel('keel-test', { log: true }), store, approver, diff, post: () => undefined, settings: () => readSettings({ get: () => undefined }, () => undefined), setup: () => Promise.reject(new Error('no runs here')), contextBlock: () => '', workspaceRoot: () => root });
    try {
      const asked: string[] = [];
      assert.equal(await controller.delete('t-del', (title) => (asked.push(title), Promise.resolve(false))), false);
      assert.deepEqual(asked, ['Throwaway']);
      assert.deepEqual((await store.list()).map((s) => s.id), ['t-del'], 'Cancel keeps it');
      assert.equal(await controller.delete('t-del', () => Promise.resolve(true)), true);
      assert.deepEqual(await store.list(), []);
      assert.equal((await checkpoints.list()).length, 0, 'its checkpoint refs are pruned');
    } finally {
      controller.dispose();
      diff.dispose();
      fs.rmSync(storageDir, { recursive: true, force: true });
    }
  }, 60_000);
});

suite('panel: branch per task', () => {
  test('with keel.git.branchPerTask a new task starts on keel/<slug>, says so, and the uncommitted work comes along', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-branch-'));
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'init');
    fs.writeFileSync(path.join(repo, 'wip.txt'), 'uncommitted\n');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-tasks-'));
    const { approver } = await api();
    const diff = new DiffReview('keel-proposal-branch');
    const sent: ToPanel[] = [];
    const settings = (): KeelSettings => readSettings({ get: (k) => (k === 'git.branchPerTask' ? true : undefined) }, () => undefined);
    const controller = new TaskController({ log: vscode.window.createOutputChannel('keel-test', { log: true }), store: new TaskStore(dir, () => undefined), approver, diff, post: (m) => sent.push(m), settings, setup: () => Promise.reject(new Error('no runs here')), contextBlock: () => '', workspaceRoot: () => repo, taskBranch: (task) => startTaskBranch(repo, task) });
    try {
      await controller.start('Add a --json flag to the CLI', { file: false, selection: false, problems: false });
      assert.equal(git('symbolic-ref', '--short', 'HEAD').trim(), 'keel/add-a-json-flag-to-the-cli');
      assert.equal(fs.readFileSync(path.join(repo, 'wip.txt'), 'utf8'), 'uncommitted\n');
      const notices = controller.view()?.items.filter((i) => i.kind === 'notice').map((i) => (i.kind === 'notice' ? i.text : '')) ?? [];
      assert.ok(notices.some((n) => /Working on a new branch keel\/add-a-json-flag-to-the-cli \(from main\)/.test(n)), JSON.stringify(notices));
      await controller.start('Add a --json flag to the CLI', { file: false, selection: false, problems: false });
      const again = controller.view()?.items.filter((i) => i.kind === 'notice').map((i) => (i.kind === 'notice' ? i.text : '')) ?? [];
      assert.ok(again.some((n) => /No task branch \(keel.git.branchPerTask\): already on keel\/add-a-json-flag-to-the-cli/.test(n)), JSON.stringify(again));
    } finally {
      controller.dispose();
      diff.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});

suite('panel: file system and diff review', () => {
  test('a write goes through a WorkspaceEdit (Undo works) and refuses to overwrite unsaved edits', async () => {
    const file = path.join(root(), 'panel-fs.txt');
    fs.writeFileSync(file, 'one\n');
    const vfs = new VsCodeFileSystem();
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await vfs.writeFile(file, new TextEncoder().encode('two\n'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'two\n');
    assert.equal(doc.getText(), 'two\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), 'one\n', 'Undo reverts the agent edit');
    await assert.rejects(vfs.writeFile(file, new TextEncoder().encode('three\n')), /unsaved changes/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'two\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the review diff opens the proposal editable; an edit to it is what gets applied; closing removes the tab', async () => {
    const review = new DiffReview('keel-proposal-test');
    try {
      fs.writeFileSync(path.join(root(), 'review.txt'), 'old\n');
      await review.open('call-r', { path: 'review.txt', before: 'old\n', after: 'new\n' }, root());
      const proposal = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'keel-proposal-test' && d.uri.path.endsWith('review.txt'));
      assert.ok(proposal, 'the proposal document is open');
      assert.equal(review.edited('call-r'), undefined);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(proposal.uri, new vscode.Position(1, 0), 'added by the person\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(review.edited('call-r'), 'new\nadded by the person\n');
      await review.close('call-r');
      const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'keel-proposal-test');
      assert.equal(open, false);
    } finally {
      review.dispose();
    }
  });
});
