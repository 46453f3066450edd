// The optional branch per task on real repositories: keel/<slug> from the current commit, the person's uncommitted
// work (modified, staged, untracked) carried along untouched, names made unique, and a clear reason when skipped.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { branchSlug, startTaskBranch } from '../../../src/git';
import { createTempRepo, readTree, startConflictingMerge, userGitState, type TempRepo } from '../../support/tempRepo';
import { cleanupsAfterEach } from '../../support/cleanups';

const cleanups = cleanupsAfterEach();

function track(repo: TempRepo): TempRepo {
  cleanups.push(repo.cleanup);
  return repo;
}

test('slugs are short, lower-case and safe for a branch name', () => {
  assert.equal(branchSlug('Add a --json flag to the CLI!'), 'add-a-json-flag-to-the-cli');
  assert.equal(branchSlug('Café: réparer l’export'), 'cafe-reparer-l-export');
  assert.equal(branchSlug('   '), 'task');
  assert.equal(branchSlug('日本語だけ'), 'task');
  assert.equal(branchSlug('make the failing test in src/parser/tokenizer.test.ts pass again please'), 'make-the-failing-test-in-src-parser');
  assert.ok(branchSlug('x'.repeat(100)).length <= 40);
});

test('a new branch keel/<slug> from the current commit; uncommitted work is carried along byte for byte', async () => {
  const repo = track(createTempRepo({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } }));
  const head = repo.git('rev-parse', 'HEAD').trim();
  repo.write('a.txt', 'modified\n');
  repo.write('b.txt', 'staged\n');
  repo.git('add', 'b.txt');
  repo.write('new.txt', 'untracked\n');
  const tree = readTree(repo.root);
  const before = userGitState(repo.root);
  const r = await startTaskBranch(repo.root, 'Add a --json flag');
  assert.deepEqual(r, { created: true, branch: 'keel/add-a-json-flag', from: 'main' });
  assert.equal(repo.git('symbolic-ref', '--short', 'HEAD').trim(), 'keel/add-a-json-flag');
  assert.equal(repo.git('rev-parse', 'HEAD').trim(), head);
  const after = userGitState(repo.root);
  assert.deepEqual(readTree(repo.root), tree);
  assert.equal(after.index, before.index);
  assert.equal(after.status, before.status);
  assert.equal(after.stash, before.stash);
  assert.match(repo.git('branch', '--list', 'main'), /main/, 'the person\'s branch is still there');
});

test('a taken name gets a number; a second task started on a keel branch stays there', async () => {
  const repo = track(createTempRepo({ files: { 'a.txt': 'a\n' } }));
  repo.git('branch', 'keel/fix-it');
  const r = await startTaskBranch(repo.root, 'Fix it');
  assert.deepEqual(r, { created: true, branch: 'keel/fix-it-2', from: 'main' });
  const again = await startTaskBranch(repo.root, 'Fix it more');
  assert.deepEqual(again, { created: false, reason: 'already on keel/fix-it-2' });
});

test('a detached HEAD branches from its commit', async () => {
  const repo = track(createTempRepo({ files: { 'a.txt': 'a\n' } }));
  const head = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', '--detach');
  const r = await startTaskBranch(repo.root, 'detached work');
  assert.ok(r.created && r.branch === 'keel/detached-work' && head.startsWith(r.from));
});

test('no branch, and a reason, for a folder outside git, a repository without commits, and a merge in progress', async () => {
  const plain = track(createTempRepo({ init: false, files: { 'a.txt': 'a\n' } }));
  assert.deepEqual(await startTaskBranch(plain.root, 'x'), { created: false, reason: 'the workspace is not in a git repository' });
  const empty = track(createTempRepo());
  assert.deepEqual(await startTaskBranch(empty.root, 'x'), { created: false, reason: 'the repository has no commit yet' });
  const merging = track(createTempRepo({ files: { 'a.txt': 'a\n' } }));
  startConflictingMerge(merging);
  const state = userGitState(merging.root);
  assert.deepEqual(await startTaskBranch(merging.root, 'x'), { created: false, reason: 'a merge is in progress' });
  assert.deepEqual(userGitState(merging.root), state);
});
