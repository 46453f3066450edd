// Snapshots hold the files' exact bytes whatever the repository's .gitattributes and config say: no end-of-line
// conversion, no clean/smudge filter; the repository's info/exclude is still respected.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { createGitCheckpoints } from '../../../src/git';
import { createTempRepo, makeTempDir, readTree } from '../../support/tempRepo';
import { cleanupsAfterEach } from '../../support/cleanups';

const cleanups = cleanupsAfterEach();

test('text=auto, eol attributes, core.autocrlf and a clean/smudge filter do not change what a restore writes', async () => {
  const repo = createTempRepo({ files: { '.gitattributes': '* text=auto\n*.sh text eol=lf\n*.bat text eol=crlf\n*.secret filter=rot13\n', 'a.txt': 'a\n' } });
  const storage = makeTempDir('keel-storage-');
  cleanups.push(repo.cleanup, () => fs.rmSync(storage, { recursive: true, force: true }));
  repo.git('config', 'core.autocrlf', 'true');
  repo.git('config', 'filter.rot13.clean', 'tr a-zA-Z n-za-mN-ZA-M');
  repo.git('config', 'filter.rot13.smudge', 'tr a-zA-Z n-za-mN-ZA-M');
  repo.write('windows.txt', 'one\r\ntwo\r\n');
  repo.write('mixed.txt', 'lf\ncrlf\r\nlf\n');
  repo.write('script.sh', 'echo hi\r\n');
  repo.write('run.bat', 'echo hi\n');
  repo.write('key.secret', 'Plain Text\n');
  const tree = readTree(repo.root);
  const cps = createGitCheckpoints({ workspaceRoot: repo.root, taskId: 'bytes', shadowStorageDir: storage });
  const cp = await cps.create('start');
  for (const f of ['windows.txt', 'mixed.txt', 'script.sh', 'run.bat', 'key.secret']) repo.write(f, 'changed by the task\n');
  await cps.restore(cp.id);
  assert.deepEqual(readTree(repo.root), tree);
  assert.equal(repo.read('windows.txt').toString(), 'one\r\ntwo\r\n');
  assert.equal(repo.read('key.secret').toString(), 'Plain Text\n');
});

test("the repository's info/exclude keeps a file out of snapshots and safe from restores", async () => {
  const repo = createTempRepo({ files: { 'a.txt': 'a\n' } });
  const storage = makeTempDir('keel-storage-');
  cleanups.push(repo.cleanup, () => fs.rmSync(storage, { recursive: true, force: true }));
  fs.writeFileSync(`${repo.root}/.git/info/exclude`, 'local-notes.md\n');
  const cps = createGitCheckpoints({ workspaceRoot: repo.root, taskId: 'exclude', shadowStorageDir: storage });
  const cp = await cps.create('start');
  repo.write('local-notes.md', 'the person keeps notes here\n');
  repo.write('task.txt', 'task\n');
  const result = await cps.restore(cp.id);
  assert.deepEqual(result.deleted, ['task.txt']);
  assert.ok(repo.exists('local-notes.md'));
});
