// GitPort on real temporary repositories: status, diff and log trimmed for a model, commits of exactly the given
// paths, dirty paths, and the edge cases (no commits yet, detached HEAD, merge in progress, odd file names).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { createGitPort } from '../../../src/git';
import type { GitPort } from '../../../src/ports/git';
import { createTempRepo, makeTempDir, startConflictingMerge, type TempRepo } from '../../support/tempRepo';
import { cleanupsAfterEach } from '../../support/cleanups';

const cleanups = cleanupsAfterEach();

function temp(options: Parameters<typeof createTempRepo>[0] = {}): TempRepo {
  const repo = createTempRepo(options);
  cleanups.push(repo.cleanup);
  return repo;
}

async function port(root: string, options?: Parameters<typeof createGitPort>[1]): Promise<GitPort> {
  const p = await createGitPort(root, options);
  assert.ok(p, 'a repository');
  return p;
}

test('createGitPort answers undefined for a folder outside any repository', async () => {
  const dir = makeTempDir();
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.equal(await createGitPort(dir), undefined);
});

test('status: branch, changes in short form, a clean tree, and a cap on entries', async () => {
  const repo = temp({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
  const git = await port(repo.root, { maxStatusEntries: 3 });
  assert.equal(await git.status(), 'On branch main.\nNothing to commit: the working tree is clean.');
  repo.write('a.txt', 'changed\n');
  repo.write('staged.txt', 's\n');
  repo.git('add', 'staged.txt');
  repo.write('new dir/x.txt', 'x\n');
  repo.write('ü b.txt', 'u\n');
  repo.remove('b.txt');
  const status = await git.status();
  assert.match(status, /^On branch main\.\nChanges \(X = staged/);
  assert.match(status, /\n M a\.txt\n D b\.txt\nA {2}staged\.txt\n/);
  assert.match(status, /\[\.\.\. 2 more changed paths not shown/);
  const all = await (await port(repo.root)).status();
  assert.match(all, /\n\?\? new dir\/\n\?\? ü b\.txt$/);
});

test('a repository with no commits yet: status says so, log is empty, the first commit works', async () => {
  const repo = temp();
  repo.write('first.txt', 'hello\n');
  repo.write('later.txt', 'not yet\n');
  const git = await port(repo.root);
  assert.match(await git.status(), /^On branch main, which has no commits yet/);
  assert.equal(await git.log(5), 'No commits yet: this repository has no history.');
  assert.match(await git.diff({ staged: true }), /^No staged changes\./);
  const result = await git.commit('Add first file', ['first.txt']);
  assert.match(result, /^Committed [0-9a-f]{7,} Add first file \(on main; 1 file changed, 1 insertion\(\+\)\)\.$/);
  assert.match(await git.log(5), /^1 most recent commit \(newest first\):\n[0-9a-f]+ \d{4}-\d\d-\d\d Test User: Add first file \(HEAD -> main\)$/);
  assert.equal(repo.git('status', '--porcelain'), '?? later.txt\n');
});

test('detached HEAD is reported with its commit', async () => {
  const repo = temp({ files: { 'a.txt': 'a\n' } });
  const head = repo.git('rev-parse', '--short', 'HEAD').trim();
  repo.git('checkout', '-q', '--detach');
  const git = await port(repo.root);
  assert.match(await git.status(), new RegExp(`^HEAD is detached at ${head}: not on any branch`));
  repo.write('a.txt', 'b\n');
  assert.match(await git.commit('On detached head', ['a.txt']), /\(on a detached HEAD; 1 file changed/);
});

test('a merge in progress: status says so and commit is refused with a clear message', async () => {
  const repo = temp({ files: { 'a.txt': 'a\n' } });
  startConflictingMerge(repo);
  const git = await port(repo.root);
  const status = await git.status();
  assert.match(status, /A merge is in progress/);
  assert.match(status, /1 file has merge conflicts/);
  assert.match(status, /\nUU conflict\.txt/);
  assert.match((await git.commitBlocker?.()) ?? '', /^Refusing to commit: A merge is in progress/);
  repo.write('a.txt', 'edit\n');
  await assert.rejects(git.commit('During merge', ['a.txt']), /Refusing to commit: A merge is in progress.*git merge --abort/s);
  assert.match(repo.git('status', '--porcelain'), /UU conflict\.txt/);
});

test('commit stages exactly the given paths: the person’s other staged and unstaged changes stay as they were', async () => {
  const repo = temp({ files: { 'a.txt': 'a\n', 'gone.txt': 'bye\n', 'user.txt': 'u\n', 'user-staged.txt': 's\n' } });
  repo.write('user.txt', 'person edit\n');
  repo.write('user-staged.txt', 'person staged\n');
  repo.git('add', 'user-staged.txt');
  repo.write('a.txt', 'task edit\n');
  repo.remove('gone.txt');
  repo.write('dir with space/naïve [1].txt', 'task new\n');
  const git = await port(repo.root);
  const result = await git.commit('Task change\n\nWith a body.', ['a.txt', 'gone.txt', 'dir with space/naïve [1].txt']);
  assert.match(result, /^Committed [0-9a-f]+ Task change \(on main; 3 files changed/);
  assert.deepEqual(repo.git('show', '--name-status', '--format=', 'HEAD').trim().split('\n').sort(), ['A\tdir with space/naïve [1].txt', 'D\tgone.txt', 'M\ta.txt']);
  assert.equal(repo.git('log', '-1', '--format=%B').trim(), 'Task change\n\nWith a body.');
  assert.equal(repo.git('status', '--porcelain'), 'M  user-staged.txt\n M user.txt\n');
  await assert.rejects(git.commit('again', ['a.txt']), /Nothing to commit: a\.txt has no changes/);
  await assert.rejects(git.commit('missing', ['no-such-file.txt']), /No file matches "no-such-file\.txt"/);
  await assert.rejects(git.commit('  ', ['user.txt']), /commit message is empty/);
  await assert.rejects(git.commit('none', []), /No paths to commit/);
});

test('diff: unstaged, staged, one path, untracked files named, long diffs cut with a summary', async () => {
  const repo = temp({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n', 'big.txt': 'x\n' } });
  const git = await port(repo.root, { maxDiffChars: 2000 });
  assert.equal(await git.diff({}), 'No unstaged changes.');
  repo.write('a.txt', 'a2\n');
  repo.write('b.txt', 'b2\n');
  repo.git('add', 'b.txt');
  repo.write('new.txt', 'n\n');
  const unstaged = await git.diff({});
  assert.match(unstaged, /^diff --git a\/a\.txt b\/a\.txt\n/);
  assert.match(unstaged, /\n-a\n\+a2\n/);
  assert.doesNotMatch(unstaged, /b\.txt/);
  assert.match(unstaged, /Untracked files are not part of git diff \(read them with read_file\): new\.txt\./);
  assert.match(unstaged, /staged changes: call git_diff with staged: true/);
  const staged = await git.diff({ staged: true });
  assert.match(staged, /^diff --git a\/b\.txt b\/b\.txt\n[\s\S]*\n\+b2$/);
  assert.equal(await git.diff({ path: 'b.txt' }), 'No unstaged changes in b.txt.\nThere are also staged changes: call git_diff with staged: true to see them.');
  repo.write('big.txt', Array.from({ length: 400 }, (_, i) => `line ${i}\n`).join(''));
  const cut = await git.diff({ path: 'big.txt' });
  assert.match(cut, /^Summary:\n big\.txt \| 401 \+/);
  assert.match(cut, /\[diff cut: showing \d+ of \d+ lines; call git_diff with one path/);
  assert.ok(cut.length < 2600, `cut to about the limit (${cut.length})`);
});

test('log: one line per commit, newest first, capped by max count', async () => {
  const repo = temp({ files: { 'a.txt': '0\n' } });
  for (let i = 1; i <= 4; i++) {
    repo.write('a.txt', `${i}\n`);
    repo.commitAll(`change ${i}`);
  }
  const log = await (await port(repo.root)).log(3);
  const lines = log.split('\n');
  assert.equal(lines[0], '3 most recent commits (newest first):');
  assert.deepEqual(lines.slice(1).map((l) => l.replace(/^[0-9a-f]+ \d{4}-\d\d-\d\d Test User: /, '')), ['change 4 (HEAD -> main)', 'change 3', 'change 2']);
});

test('dirtyPaths and status are relative to a workspace folder inside the repository', async () => {
  const repo = temp({ files: { 'pkg/app/a.txt': 'a\n', 'root.txt': 'r\n' } });
  repo.write('pkg/app/a.txt', 'b\n');
  repo.write('pkg/app/new/x y.txt', 'n\n');
  repo.write('root.txt', 'outside the workspace\n');
  const git = await port(`${repo.root}/pkg/app`);
  assert.deepEqual([...(await git.dirtyPaths())].sort(), ['a.txt', 'new/x y.txt']);
  const status = await git.status();
  assert.match(status, /\n M a\.txt\n/);
  assert.match(status, /\n M \.\.\/\.\.\/root\.txt/);
  assert.match(await git.commit('Only the app', ['a.txt', 'new/x y.txt']), /2 files changed/);
  assert.equal(repo.git('status', '--porcelain'), ' M root.txt\n');
});

test('a failing pre-commit hook is reported with its output; the paths stay staged', { skip: process.platform === 'win32' }, async () => {
  const repo = temp({ files: { 'a.txt': 'a\n' } });
  repo.write('.git/hooks/pre-commit', '#!/bin/sh\necho "lint failed: a.txt line 1" >&2\nexit 1\n', 0o755);
  repo.write('a.txt', 'b\n');
  const git = await port(repo.root);
  await assert.rejects(git.commit('Blocked', ['a.txt']), (err: Error) => {
    assert.match(err.message, /^git commit failed: lint failed: a\.txt line 1\n\(The paths were staged and stay staged\.\)$/);
    return true;
  });
  assert.equal(repo.git('status', '--porcelain'), 'M  a.txt\n');
});
