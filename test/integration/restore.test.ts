// "Restore to before this step" inside a real VS Code on real checkpoints: the person sees every file a restore would
// write back or delete (and unsaved editors it would conflict with) before anything changes; Cancel changes nothing;
// Restore returns the files; Undo Restore brings the present back; a running task or a foreign checkpoint is refused.
// The plan's steps carry their checkpoint from the agent's checkpoint_created events.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KeelApi } from '../../src/extension';
import { createGitCheckpoints } from '../../src/git';
import { parseFromPanel, parseToPanel, type ToPanel } from '../../src/protocol';
import { restoreToCheckpoint, type RestoreStepDeps, type RestoreUi } from '../../src/vscode/restoreStep';
import { TaskTranscript } from '../../src/vscode/taskTranscript';
import { suite, test } from './harness';

interface Asked {
  readonly kind: 'confirm' | 'inform';
  readonly message: string;
  readonly detail?: string;
  readonly actions: readonly string[];
}

/** Answers the dialogs in order; records what was shown. */
function scriptedUi(answers: { confirm?: string; inform?: (message: string) => string | undefined }): RestoreUi & { asked: Asked[] } {
  const asked: Asked[] = [];
  return {
    asked,
    confirm: (message, detail, actions) => {
      asked.push({ kind: 'confirm', message, detail, actions });
      return Promise.resolve(answers.confirm);
    },
    inform: (_level, message, actions) => {
      asked.push({ kind: 'inform', message, actions });
      return Promise.resolve(answers.inform?.(message));
    },
  };
}

async function setup(): Promise<{ root: string; storageDir: string; taskId: string; cpId: string; notes: string[]; deps: (ui: RestoreUi, running?: boolean) => RestoreStepDeps; cleanup: () => Promise<void> }> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root);
  const ext = vscode.extensions.getExtension<KeelApi>('keel-dev.keel');
  assert.ok(ext);
  const storageDir = (await ext.activate()).storageDir;
  const taskId = `restore-${Date.now()}`;
  fs.writeFileSync(path.join(root, 'restore-a.txt'), 'one\n');
  const checkpoints = createGitCheckpoints({ workspaceRoot: root, taskId, shadowStorageDir: path.join(storageDir, 'shadow') });
  const cp = await checkpoints.create('Before step 2: change a');
  fs.writeFileSync(path.join(root, 'restore-a.txt'), 'two\n');
  fs.writeFileSync(path.join(root, 'restore-new.txt'), 'created by the step\n');
  const notes: string[] = [];
  return {
    root,
    storageDir,
    taskId,
    cpId: cp.id,
    notes,
    deps: (ui, running = false) => ({ storageDir, ui, isRunning: () => running, note: (_t, _l, text) => notes.push(text) }),
    cleanup: async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await checkpoints.prune();
      for (const f of ['restore-a.txt', 'restore-new.txt']) fs.rmSync(path.join(root, f), { force: true });
    },
  };
}

const read = (root: string, rel: string): string | undefined => (fs.existsSync(path.join(root, rel)) ? fs.readFileSync(path.join(root, rel), 'utf8') : undefined);

suite('restore to before a step', () => {
  test('the preview lists what changes; Cancel changes nothing; Restore returns the files; Undo Restore brings them back', async () => {
    const s = await setup();
    try {
      const cancel = scriptedUi({ confirm: undefined });
      assert.equal((await restoreToCheckpoint(s.deps(cancel), s.taskId, s.cpId)).outcome, 'cancelled');
      const [question] = cancel.asked;
      assert.equal(question?.kind, 'confirm');
      assert.equal(question?.message, 'Restore the workspace to before step 2: change a?');
      assert.match(question?.detail ?? '', /Writes back 1 file:\n {2}restore-a\.txt/);
      assert.match(question?.detail ?? '', /Deletes 1 file created since:\n {2}restore-new\.txt/);
      assert.match(question?.detail ?? '', /can be undone/);
      assert.equal(read(s.root, 'restore-a.txt'), 'two\n', 'cancel changed nothing');
      assert.equal(read(s.root, 'restore-new.txt'), 'created by the step\n');

      let undoOffered: (answer: string | undefined) => void = () => undefined;
      const answered = new Promise<string | undefined>((r) => (undoOffered = r));
      const ui: RestoreUi = { confirm: () => Promise.resolve('Restore'), inform: () => answered };
      const r = await restoreToCheckpoint(s.deps(ui), s.taskId, s.cpId);
      assert.equal(r.outcome, 'restored');
      assert.equal(read(s.root, 'restore-a.txt'), 'one\n');
      assert.equal(read(s.root, 'restore-new.txt'), undefined);
      assert.match(s.notes[0] ?? '', /Restored the workspace to before step 2: change a: 1 file written back, 1 removed/);
      undoOffered('Undo Restore');
      assert.equal(await r.undo, true);
      assert.equal(read(s.root, 'restore-a.txt'), 'two\n');
      assert.equal(read(s.root, 'restore-new.txt'), 'created by the step\n');
      assert.match(s.notes[1] ?? '', /Undid the restore/);
    } finally {
      await s.cleanup();
    }
  }, 60_000);

  test('unsaved edits in a file the restore touches are named in the preview', async () => {
    const s = await setup();
    try {
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(path.join(s.root, 'restore-a.txt')));
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'unsaved '));
      const ui = scriptedUi({ confirm: undefined });
      await restoreToCheckpoint(s.deps(ui), s.taskId, s.cpId);
      assert.match(ui.asked[0]?.detail ?? '', /Unsaved edits in restore-a\.txt would conflict/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await s.cleanup();
    }
  }, 60_000);

  test('refused while the task runs, for a checkpoint of another task, and nothing to do when nothing changed', async () => {
    const s = await setup();
    try {
      const running = scriptedUi({});
      assert.equal((await restoreToCheckpoint(s.deps(running, true), s.taskId, s.cpId)).outcome, 'refused');
      assert.deepEqual(running.asked.map((a) => a.kind), ['inform']);
      assert.match(running.asked[0]?.message ?? '', /stop the task/);
      const foreign = scriptedUi({});
      assert.equal((await restoreToCheckpoint(s.deps(foreign), 'another-task', s.cpId)).outcome, 'refused');
      assert.match(foreign.asked[0]?.message ?? '', /no longer exists/);
      assert.equal(read(s.root, 'restore-a.txt'), 'two\n');
      fs.writeFileSync(path.join(s.root, 'restore-a.txt'), 'one\n');
      fs.rmSync(path.join(s.root, 'restore-new.txt'));
      const same = scriptedUi({});
      assert.equal((await restoreToCheckpoint(s.deps(same), s.taskId, s.cpId)).outcome, 'nothing');
      assert.match(same.asked[0]?.message ?? '', /nothing to restore/);
    } finally {
      await s.cleanup();
    }
  }, 60_000);

  test('plan steps carry the checkpoint taken before their first change, the end card the first one; messages are validated', () => {
    const sent: ToPanel[] = [];
    const t = new TaskTranscript('t-cp', 'Task', (m) => sent.push(m), { maxTurns: 10, costWarningUsd: undefined });
    const steps = [{ title: 'Read', status: 'done' as const }, { title: 'Change a', status: 'in_progress' as const }];
    t.apply({ type: 'plan_updated', steps });
    t.apply({ type: 'checkpoint_created', checkpointId: 'refs/keel/t-cp/1', label: 'Before step 2: Change a', stepIndex: 1 });
    t.apply({ type: 'checkpoint_created', checkpointId: 'refs/keel/t-cp/2', label: 'Before step 2: Change a', stepIndex: 1 });
    t.apply({ type: 'plan_updated', steps: [{ title: 'Read', status: 'done' }, { title: 'Change a', status: 'done' }, { title: 'Test', status: 'in_progress' }] });
    const plan = t.view().plan;
    assert.deepEqual(plan.steps.map((x) => x.checkpointId), [undefined, 'refs/keel/t-cp/1', undefined]);
    // A replanned step at the same place is a different step: it gets its own checkpoint.
    t.apply({ type: 'plan_updated', steps: [{ title: 'Read', status: 'done' }, { title: 'Another approach', status: 'in_progress' }] });
    assert.equal(t.view().plan.steps[1]?.checkpointId, undefined);
    t.apply({ type: 'checkpoint_created', checkpointId: 'refs/keel/t-cp/3', label: 'Before step 2: Another approach', stepIndex: 1 });
    assert.equal(t.view().plan.steps[1]?.checkpointId, 'refs/keel/t-cp/3');
    assert.ok(sent.some((m) => m.type === 'plan/updated' && m.plan.steps[1]?.checkpointId === 'refs/keel/t-cp/3'));
    // The end card carries the task's first checkpoint, for "Restore to before the task".
    t.apply({ type: 'run_end', outcome: 'finished', summary: 'Done.', changedPaths: ['a.txt'], verified: undefined });
    const end = t.view().items.find((i) => i.kind === 'end');
    assert.ok(end?.kind === 'end' && end.checkpointId === 'refs/keel/t-cp/1');
    assert.equal(parseToPanel({ type: 'item/added', taskId: 't-cp', item: { ...end, checkpointId: 'refs/heads/main' } }), undefined);
    // What the webview may send: a task and a checkpoint ref, nothing that escapes refs/keel/.
    assert.deepEqual(parseFromPanel({ type: 'checkpoint/restore', taskId: 't-cp', checkpointId: 'refs/keel/t-cp/1' }), { type: 'checkpoint/restore', taskId: 't-cp', checkpointId: 'refs/keel/t-cp/1' });
    for (const bad of ['refs/heads/main', 'refs/keel/../heads/main', 'HEAD', '', 42]) assert.equal(parseFromPanel({ type: 'checkpoint/restore', taskId: 't-cp', checkpointId: bad }), undefined, String(bad));
  });
});
