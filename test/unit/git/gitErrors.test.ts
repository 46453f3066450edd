// git's failures become short messages a model can act on: known cases named, hints and trace lines dropped.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { GitFailure } from '../../../src/git';
import { toGitFailure } from '../../../src/git/errors';

function failure(stderr: string, args: readonly string[] = ['commit']): GitFailure {
  const err = toGitFailure(new Error(stderr), args);
  assert.ok(err instanceof GitFailure);
  return err;
}

test('known failures get a clear message and a code', () => {
  assert.equal(failure('Author identity unknown\n\n*** Please tell me who you are.\n').code, 'identity');
  assert.match(failure("fatal: Unable to create '/r/.git/index.lock': File exists.\n\nAnother git process seems to be running").message, /^Another git process is using this repository/);
  assert.equal(failure("fatal: detected dubious ownership in repository at '/r'\nTo add an exception for this directory, call:\n\n\tgit config --global --add safe.directory /r").code, 'unsafe-repository');
  assert.equal(failure("fatal: pathspec ':(literal)a b.txt' did not match any files", ['add']).message, 'No file matches "a b.txt": it does not exist and is not tracked by git.');
  assert.equal(failure('fatal: not a git repository (or any of the parent directories): .git', ['status']).code, 'not-a-repository');
  assert.equal(failure('spawn git ENOENT', ['status']).code, 'git-missing');
});

test('other failures keep git’s words without hints, prefixes or trace lines', () => {
  const err = failure('10:00:00.123456 git.c:460               trace: built-in: git add -A\nerror: open("x"): Permission denied\nhint: some advice\nfatal: adding files failed\n', ['-c', 'core.autocrlf=false', 'add', '-A']);
  assert.equal(err.message, 'git add failed: open("x"): Permission denied\nadding files failed');
  assert.equal(err.code, 'failed');
});

test('an aborted call stays an abort', () => {
  const controller = new AbortController();
  controller.abort();
  const err = toGitFailure(new Error('Abort signal received'), ['status'], controller.signal);
  assert.equal(err.name, 'AbortError');
});
