// A workspace outside git gets a shadow repository in Keel's storage: checkpoints work the same, and nothing is
// created inside the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createGitCheckpoints, shadowGitDir } from '../../../src/git';
import { createTempRepo, makeTempDir, readTree } from '../../support/tempRepo';
import { cleanupsAfterEach } from '../../support/cleanups';

const cleanups = cleanupsAfterEach();

test('checkpoints in a folder that is not a git repository', async () => {
  const ws = createTempRepo({ init: false, files: { '.gitignore': 'out/\n', 'src/a.txt': 'a\n', 'crlf.txt': 'x\r\ny\r\n', 'b c/ü.txt': 'u\n' } });
  ws.write('out/big.bin', 'ignored\n');
  ws.write('run.sh', '#!/bin/sh\n', 0o755);
  const storage = makeTempDir('keel-storage-');
  cleanups.push(ws.cleanup, () => fs.rmSync(storage, { recursive: true, force: true }));
  const cps = createGitCheckpoints({ workspaceRoot: ws.root, taskId: 'plain', shadowStorageDir: storage });
  const tree = readTree(ws.root);
  const start = await cps.create('start');
  ws.write('src/a.txt', 'changed\n');
  ws.write('src/new.txt', 'new\n');
  ws.remove('b c');
  ws.write('out/later.bin', 'ignored, made later\n');
  fs.chmodSync(path.join(ws.root, 'run.sh'), 0o644);
  const preview = await cps.preview(start.id);
  assert.deepEqual([...preview.restored].sort(), ['b c/ü.txt', 'run.sh', 'src/a.txt']);
  assert.deepEqual(preview.deleted, ['src/new.txt']);
  const result = await cps.restore(start.id);
  assert.deepEqual(readTree(ws.root, (rel) => rel === 'out/later.bin'), tree);
  assert.ok(ws.exists('out/later.bin'), 'ignored files are left alone');
  assert.ok(!fs.existsSync(path.join(ws.root, '.git')), 'nothing created inside the workspace');
  assert.ok(fs.existsSync(path.join(shadowGitDir(storage, ws.root), 'HEAD')), 'the shadow repository lives in storage');

  const other = createGitCheckpoints({ workspaceRoot: ws.root, taskId: 'second task', shadowStorageDir: storage });
  const mine = await other.create('another task, warm start');
  ws.write('src/a.txt', 'again\n');
  await other.restore(mine.id);
  assert.equal(ws.read('src/a.txt').toString(), 'a\n');
  await other.prune();
  assert.equal((await other.list()).length, 0);
  assert.deepEqual((await cps.list()).map((c) => c.id), [start.id, result.undo.id]);
});
