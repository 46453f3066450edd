// Checkpoint edge cases on real repositories: no commits yet, detached HEAD, merge in progress, odd file names,
// a large ignored folder, submodules, nested repositories, negated ignore rules and a workspace inside a repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createGitCheckpoints } from '../../../src/git';
import type { Checkpoints } from '../../../src/ports/checkpoints';
import { createTempRepo, git, gitTry, makeTempDir, readTree, startConflictingMerge, userGitState, type TempRepo } from '../../support/tempRepo';
import { cleanupsAfterEach } from '../../support/cleanups';

const cleanups = cleanupsAfterEach();

function track(repo: TempRepo): TempRepo {
  cleanups.push(repo.cleanup);
  return repo;
}

function checkpointsFor(workspaceRoot: string, taskId = 'edge'): Checkpoints {
  const storage = makeTempDir('keel-storage-');
  cleanups.push(() => fs.rmSync(storage, { recursive: true, force: true }));
  return createGitCheckpoints({ workspaceRoot, taskId, shadowStorageDir: storage });
}

/** Checkpoint, run `edit`, restore: the tree and the person's git state must be as before. */
async function roundTrip(repo: TempRepo, cps: Checkpoints, edit: () => void): Promise<void> {
  const tree = readTree(repo.root);
  const state = userGitState(repo.root);
  const cp = await cps.create('before');
  edit();
  await cps.restore(cp.id);
  assert.deepEqual(readTree(repo.root), tree);
  assert.deepEqual(userGitState(repo.root), state);
}

test('a repository with no commits yet', async () => {
  const repo = track(createTempRepo());
  repo.write('a.txt', 'a\n');
  repo.write('staged.txt', 'staged\n');
  repo.git('add', 'staged.txt');
  await roundTrip(repo, checkpointsFor(repo.root), () => {
    repo.write('a.txt', 'changed\n');
    repo.write('b/new.txt', 'new\n');
    repo.remove('staged.txt');
  });
  assert.equal(gitTry(repo.root, ['rev-parse', '-q', '--verify', 'HEAD']), '');
});

test('a detached HEAD stays detached at the same commit', async () => {
  const repo = track(createTempRepo({ files: { 'a.txt': 'a\n' } }));
  repo.write('a.txt', 'b\n');
  repo.commitAll('second');
  repo.git('checkout', '-q', 'HEAD~1');
  await roundTrip(repo, checkpointsFor(repo.root), () => {
    repo.write('a.txt', 'task\n');
    repo.write('c.txt', 'c\n');
  });
  assert.equal(gitTry(repo.root, ['symbolic-ref', '-q', 'HEAD']), '');
});

test('a merge in progress: conflict stages in the index and MERGE_HEAD survive checkpoints and restores', async () => {
  const repo = track(createTempRepo({ files: { 'a.txt': 'a\n' } }));
  startConflictingMerge(repo);
  const stages = repo.git('ls-files', '-s', 'conflict.txt');
  assert.equal(stages.trim().split('\n').length, 3);
  await roundTrip(repo, checkpointsFor(repo.root), () => {
    repo.write('conflict.txt', 'resolved by the task\n');
    repo.write('a.txt', 'task\n');
  });
  assert.equal(repo.git('ls-files', '-s', 'conflict.txt'), stages);
  assert.ok(fs.existsSync(path.join(repo.root, '.git', 'MERGE_HEAD')));
});

test('file names with spaces, unicode, quotes, glob characters, a leading dash and a newline', async () => {
  const names = ['with space.txt', 'ünïcødé/日本語.md', "quote'd \"both\".txt", 'glob*[x]?.txt', '-rf', ...(process.platform === 'win32' ? [] : ['new\nline.txt', 'tab\there.txt'])];
  const repo = track(createTempRepo({ files: Object.fromEntries(names.map((n) => [n, `${n}\n`])) }));
  await roundTrip(repo, checkpointsFor(repo.root), () => {
    for (const n of names) repo.write(n, 'changed\n');
    for (const n of names) repo.write(`created/${n}`, 'new\n');
    repo.remove(names[0] ?? '');
  });
});

test('a large folder excluded by .gitignore is neither snapshotted nor touched', async (t) => {
  const repo = track(createTempRepo({ files: { '.gitignore': 'node_modules/\n', 'index.js': 'x\n' } }));
  for (let i = 0; i < 3000; i++) repo.write(`node_modules/pkg${i % 30}/file${i}.js`, `module ${i}\n`);
  const cps = checkpointsFor(repo.root);
  const started = Date.now();
  const cp = await cps.create('start');
  t.diagnostic(`checkpoint with 3,000 ignored files: ${Date.now() - started} ms`);
  assert.equal(repo.git('ls-tree', '-r', '--name-only', cp.id).trim(), '.gitignore\nindex.js');
  repo.write('node_modules/pkg1/added-later.js', 'ignored\n');
  repo.write('index.js', 'task\n');
  const result = await cps.restore(cp.id);
  assert.deepEqual(result.restored, ['index.js']);
  assert.deepEqual(result.deleted, []);
  assert.ok(repo.exists('node_modules/pkg1/added-later.js'));
  assert.equal(fs.readdirSync(path.join(repo.root, 'node_modules')).length, 30);
});

test('submodules are left alone: their files and their HEAD', async () => {
  const lib = track(createTempRepo({ files: { 'lib.txt': 'lib v1\n' } }));
  const repo = track(createTempRepo({ files: { 'app.txt': 'app\n' } }));
  repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.root, 'vendor/lib');
  repo.commitAll('add submodule');
  const sub = path.join(repo.root, 'vendor/lib');
  git(sub, ['config', 'user.name', 'Sub']);
  git(sub, ['config', 'user.email', 'sub@example.com']);
  fs.writeFileSync(path.join(sub, 'lib.txt'), 'edited inside the submodule\n');
  const cps = checkpointsFor(repo.root);
  const cp = await cps.create('start');
  repo.write('app.txt', 'task\n');
  fs.writeFileSync(path.join(sub, 'made-later.txt'), 'later\n');
  git(sub, ['add', '-A']);
  git(sub, ['commit', '-q', '-m', 'sub commit']);
  const subHead = git(sub, ['rev-parse', 'HEAD']);
  const subTree = readTree(sub);
  const result = await cps.restore(cp.id);
  assert.deepEqual(result.restored, ['app.txt']);
  assert.deepEqual(result.deleted, []);
  assert.equal(git(sub, ['rev-parse', 'HEAD']), subHead);
  assert.deepEqual(readTree(sub), subTree);
  assert.equal(repo.read('app.txt').toString(), 'app\n');
});

test('a nested repository without commits is left out of snapshots and left alone', async () => {
  const repo = track(createTempRepo({ files: { 'a.txt': 'a\n' } }));
  const nested = path.join(repo.root, 'scratch');
  fs.mkdirSync(nested);
  git(nested, ['init', '-q']);
  fs.writeFileSync(path.join(nested, 'n.txt'), 'nested\n');
  const cps = checkpointsFor(repo.root);
  const cp = await cps.create('start');
  fs.writeFileSync(path.join(nested, 'later.txt'), 'later\n');
  repo.write('a.txt', 'task\n');
  const result = await cps.restore(cp.id);
  assert.deepEqual(result.restored, ['a.txt']);
  assert.ok(fs.existsSync(path.join(nested, 'later.txt')));
});

test('a negated ignore rule: a re-included file created since is deleted, an ignored one stays', async () => {
  const repo = track(createTempRepo({ files: { '.gitignore': '*.gen\n!keep.gen\n', 'a.txt': 'a\n' } }));
  const cps = checkpointsFor(repo.root);
  const cp = await cps.create('start');
  repo.write('keep.gen', 'not ignored, created by the task\n');
  repo.write('other.gen', 'ignored\n');
  const preview = await cps.preview(cp.id);
  assert.deepEqual(preview, { restored: [], deleted: ['keep.gen'], kept: [] });
  await cps.restore(cp.id);
  assert.ok(!repo.exists('keep.gen'));
  assert.ok(repo.exists('other.gen'));
});

test('a workspace folder inside a repository: only its own files are snapshotted and restored, paths relative to it', async () => {
  const repo = track(createTempRepo({ files: { 'pkg/app/a.txt': 'a\n', 'pkg/other/b.txt': 'b\n', 'top.txt': 't\n' } }));
  const cps = checkpointsFor(path.join(repo.root, 'pkg/app'));
  const cp = await cps.create('start');
  repo.write('pkg/app/a.txt', 'task\n');
  repo.write('pkg/app/new.txt', 'task\n');
  repo.write('pkg/other/b.txt', 'someone else\n');
  repo.write('top.txt', 'someone else\n');
  assert.deepEqual([...(await cps.changedSince(cp.id))].sort(), ['a.txt', 'new.txt']);
  const result = await cps.restore(cp.id);
  assert.deepEqual(result.restored, ['a.txt']);
  assert.deepEqual(result.deleted, ['new.txt']);
  assert.equal(repo.read('pkg/other/b.txt').toString(), 'someone else\n');
  assert.equal(repo.read('top.txt').toString(), 'someone else\n');
});

test('checkpoints taken at the same time get distinct ids; nothing changed means an empty preview', async () => {
  const repo = track(createTempRepo({ files: { 'a.txt': 'a\n' } }));
  const cps = checkpointsFor(repo.root);
  const ids = (await Promise.all([cps.create('a'), cps.create('b'), cps.create('c')])).map((c) => c.id);
  assert.equal(new Set(ids).size, 3);
  assert.deepEqual(await cps.preview(ids[0] ?? ''), { restored: [], deleted: [], kept: [] });
});

test('many checkpoint readers opened at once over one repository all answer (the diff editor asks for every file together)', async () => {
  const repo = track(createTempRepo());
  repo.write('a.txt', 'a\n');
  git(repo.root, ['add', '.']);
  git(repo.root, ['commit', '-qm', 'init']);
  const storage = makeTempDir('keel-storage-');
  cleanups.push(() => fs.rmSync(storage, { recursive: true, force: true }));
  const cp = await createGitCheckpoints({ workspaceRoot: repo.root, taskId: 'many', shadowStorageDir: storage }).create('start');
  repo.write('a.txt', 'changed\n');
  const reads = await Promise.all(
    Array.from({ length: 12 }, async () => createGitCheckpoints({ workspaceRoot: repo.root, taskId: 'many', shadowStorageDir: storage }).readFile?.(cp.id, 'a.txt')),
  );
  for (const bytes of reads) assert.equal(new TextDecoder().decode(bytes), 'a\n');
});
