// Checkpoints on real temporary repositories: byte-exact snapshot and restore, the person's git state untouched,
// undo, preview equal to what restore does, listing and pruning.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createGitCheckpoints } from '../../../src/git';
import type { Checkpoints } from '../../../src/ports/checkpoints';
import { createTempRepo, makeTempDir, readTree, userGitState, type TempRepo } from '../../support/tempRepo';
import { cleanupsAfterEach } from '../../support/cleanups';

const cleanups = cleanupsAfterEach();

function setup(files: Record<string, string | Uint8Array>, taskId = 'task-1'): { repo: TempRepo; cps: Checkpoints; storage: string } {
  const repo = createTempRepo({ files });
  const storage = makeTempDir('keel-storage-');
  cleanups.push(repo.cleanup, () => fs.rmSync(storage, { recursive: true, force: true }));
  return { repo, cps: createGitCheckpoints({ workspaceRoot: repo.root, taskId, shadowStorageDir: storage }), storage };
}

const BINARY = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff);

function richFiles(): Record<string, string> {
  return { 'README.md': '# demo\n', 'src/app.ts': 'export const a = 1;\n', 'src/deep/nested/x.txt': 'x\n', 'crlf.txt': 'one\r\ntwo\r\n', 'name with spaces.txt': 'spaces\n', 'ünïcødé/文件.md': 'unicode\n', 'empty.txt': '' };
}

test('snapshot and restore return the tree byte for byte and leave HEAD, refs, index, stash and status alone', async () => {
  const { repo, cps } = setup(richFiles());
  repo.write('bin/data.bin', BINARY);
  repo.write('run.sh', '#!/bin/sh\necho hi\n', 0o755);
  fs.symlinkSync('src/app.ts', path.join(repo.root, 'link-to-app'));
  repo.commitAll('more');
  repo.write('README.md', '# demo, edited by the person before the task\n');
  repo.write('staged.txt', 'staged by the person\n');
  repo.git('add', 'staged.txt');
  repo.write('untracked by person.txt', 'mine\n');
  repo.git('stash', 'push', '-q', '--', 'README.md');
  repo.write('README.md', '# demo, edited again\n');

  const treeBefore = readTree(repo.root);
  const stateBefore = userGitState(repo.root);
  const start = await cps.create('start of task');

  repo.write('src/app.ts', 'export const a = 2;\n');
  repo.write('bin/data.bin', BINARY.slice(0, 100));
  fs.chmodSync(path.join(repo.root, 'run.sh'), 0o644);
  repo.remove('src/deep');
  repo.write('new dir/new file.ts', 'new\n');
  repo.remove('crlf.txt');
  repo.write('crlf.txt/inside.txt', 'a file where a file was\n');
  fs.unlinkSync(path.join(repo.root, 'link-to-app'));
  fs.symlinkSync('README.md', path.join(repo.root, 'link-to-app'));
  repo.remove('empty.txt');
  const second = await cps.create('after edits');
  const treeAfter = readTree(repo.root);

  const preview = await cps.preview(start.id);
  const result = await cps.restore(start.id);
  assert.deepEqual(readTree(repo.root), treeBefore);
  assert.deepEqual(userGitState(repo.root), stateBefore);
  assert.deepEqual({ restored: [...result.restored].sort(), deleted: [...result.deleted].sort() }, { restored: [...preview.restored].sort(), deleted: [...preview.deleted].sort() });
  assert.deepEqual([...result.deleted].sort(), ['crlf.txt/inside.txt', 'new dir/new file.ts']);
  assert.ok(!repo.exists('new dir'), 'a folder the restore emptied is removed');

  await cps.restore(result.undo.id);
  assert.deepEqual(readTree(repo.root), treeAfter, 'restoring the undo checkpoint brings the edits back');
  await cps.restore(start.id);
  await cps.restore(second.id);
  assert.deepEqual(readTree(repo.root), treeAfter);
  await cps.restore(start.id);
  assert.deepEqual(readTree(repo.root), treeBefore);
  assert.deepEqual(userGitState(repo.root), stateBefore);
});

test('restore never deletes a file the task did not create', async () => {
  const { repo, cps } = setup({ '.gitignore': 'build/\n*.log\n', 'a.txt': 'a\n' });
  repo.write('mine.txt', 'the person made this before the task\n');
  repo.write('a.txt', 'the person edited this before the task\n');
  repo.write('build/old.js', 'ignored build output from before the task\n');
  const start = await cps.create('start');

  repo.write('task.txt', 'created by the task\n');
  repo.write('debug.log', 'ignored, created during the task\n');
  repo.write('.gitignore', '*.log\n'); // the task un-ignores build/: build/old.js now shows up as untracked
  await cps.create('later');

  const preview = await cps.preview(start.id);
  assert.deepEqual(preview.deleted, ['task.txt']);
  assert.deepEqual(preview.kept, ['build/old.js']);
  const result = await cps.restore(start.id);
  assert.deepEqual(result.deleted, ['task.txt']);
  assert.equal(repo.read('mine.txt').toString(), 'the person made this before the task\n');
  assert.equal(repo.read('a.txt').toString(), 'the person edited this before the task\n');
  assert.equal(repo.read('build/old.js').toString(), 'ignored build output from before the task\n');
  assert.equal(repo.read('debug.log').toString(), 'ignored, created during the task\n');
  assert.equal(repo.read('.gitignore').toString(), 'build/\n*.log\n');
  assert.ok(!repo.exists('task.txt'));
});

test('list, changedSince, readFile and prune', async () => {
  const { repo, cps } = setup({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
  let clock = 1000;
  const timedStorage = makeTempDir('keel-storage-');
  cleanups.push(() => fs.rmSync(timedStorage, { recursive: true, force: true }));
  const timed = createGitCheckpoints({ workspaceRoot: repo.root, taskId: 'timed task/ü', shadowStorageDir: timedStorage, now: () => clock++ });
  const one = await timed.create('first\nlabel');
  repo.write('a.txt', 'A\n');
  repo.write('c.txt', 'c\n');
  repo.remove('b.txt');
  const two = await timed.create('second');
  assert.match(one.id, /^refs\/keel\/timed-task-[0-9a-f]{8}\/1$/);
  assert.deepEqual(await timed.list(), [
    { id: one.id, label: 'first label', createdAt: 1000 },
    { id: two.id, label: 'second', createdAt: 1001 },
  ]);
  assert.deepEqual([...(await timed.changedSince(one.id))].sort(), ['a.txt', 'b.txt', 'c.txt']);
  assert.deepEqual(await timed.changedSince(two.id), []);
  assert.equal(Buffer.from((await timed.readFile?.(one.id, 'a.txt')) ?? []).toString(), 'a\n');
  assert.equal(await timed.readFile?.(one.id, 'c.txt'), undefined);
  await assert.rejects(timed.restore('refs/keel/other/1'), /No checkpoint "refs\/keel\/other\/1" in this task/);

  await cps.create('another task keeps its own refs');
  await timed.prune();
  assert.deepEqual(await timed.list(), []);
  assert.equal((await cps.list()).length, 1);
  assert.equal(repo.git('for-each-ref', 'refs/keel/timed-task*').trim(), '');
});

test('any number of checkpoints and restores leave the person state identical', async () => {
  const { repo, cps } = setup({ 'a.txt': '1\n', 'dir/b.txt': '2\n' });
  repo.write('a.txt', 'person edit\n');
  repo.git('add', 'a.txt');
  repo.write('dir/b.txt', 'unstaged edit\n');
  const state = userGitState(repo.root);
  const tree = readTree(repo.root);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    ids.push((await cps.create(`step ${i}`)).id);
    repo.write(`gen/${i}.txt`, `${i}\n`);
    repo.write('dir/b.txt', `edit ${i}\n`);
  }
  for (const id of [ids[3], ids[1], ids[5], ids[0]]) await cps.restore(id ?? '');
  assert.deepEqual(readTree(repo.root), tree);
  assert.deepEqual(userGitState(repo.root), state);
});
