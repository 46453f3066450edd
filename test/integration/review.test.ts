// "Keel: Review Task Changes" lists the files a task changed since its first checkpoint and serves their old content.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createGitCheckpoints } from '../../src/git';
import type { KeelApi } from '../../src/extension';
import { CHECKPOINT_SCHEME, type ReviewResult } from '../../src/vscode/reviewChanges';
import { suite, test } from './harness';

suite('review task changes', () => {
  test('the files changed since the first checkpoint open in one multi-file diff, left side from the checkpoint', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root);
    const taskId = `review-${Date.now()}`;
    const ext = vscode.extensions.getExtension<KeelApi>('keel-dev.keel');
    assert.ok(ext);
    const api = await ext.activate();
    const storage = api.storageDir;
    fs.writeFileSync(path.join(root, 'review-a.txt'), 'before\n');
    const checkpoints = createGitCheckpoints({ workspaceRoot: root, taskId, shadowStorageDir: path.join(storage, 'shadow') });
    const first = await checkpoints.create('Task start');
    fs.writeFileSync(path.join(root, 'review-a.txt'), 'after\n');
    fs.writeFileSync(path.join(root, 'review-new.txt'), 'new\n');
    try {
      const r = await vscode.commands.executeCommand<ReviewResult>('keel.reviewTaskChanges', taskId);
      assert.equal(r.checkpoint, first.id);
      assert.deepEqual([...r.paths], ['review-a.txt', 'review-new.txt']);
      const left = vscode.Uri.from({ scheme: CHECKPOINT_SCHEME, path: '/review-a.txt', query: JSON.stringify({ task: taskId, cp: first.id }) });
      const doc = await vscode.workspace.openTextDocument(left);
      assert.equal(doc.getText(), 'before\n');
    } finally {
      await checkpoints.prune();
      fs.rmSync(path.join(root, 'review-a.txt'), { force: true });
      fs.rmSync(path.join(root, 'review-new.txt'), { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  }, 60_000);
});
