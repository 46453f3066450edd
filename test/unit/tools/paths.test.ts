// Workspace containment: `..`, absolute paths and symlinks leading outside are refused for reads and writes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { resolveWorkspacePath } from '../../../src/tools/paths';
import { nodePortsFor, tempWorkspace } from '../../support/workspace';

const ws = tempWorkspace({ 'src/a.ts': 'a', 'docs/readme.md': 'r' });
const outside = tempWorkspace({ 'secret.txt': 's' }, 'keel-outside-');
fs.symlinkSync(outside.root, path.join(ws.root, 'link-out'));
fs.symlinkSync(path.join(outside.root, 'secret.txt'), path.join(ws.root, 'secret-link.txt'));
fs.symlinkSync(path.join(ws.root, 'src'), path.join(ws.root, 'link-in'));
after(() => {
  ws.cleanup();
  outside.cleanup();
});
const ports = nodePortsFor(ws.root);

test('relative paths resolve inside the root', async () => {
  const r = await resolveWorkspacePath(ports, 'src/a.ts');
  assert.ok(r.ok);
  assert.equal(r.rel, 'src/a.ts');
  assert.equal(r.abs, path.join(ws.root, 'src/a.ts'));
  const dot = await resolveWorkspacePath(ports, './src/../src/a.ts');
  assert.ok(dot.ok && dot.rel === 'src/a.ts');
});

test('.. that leaves the workspace is refused', async () => {
  for (const p of ['../x', 'src/../../x', '../../etc/passwd', '..']) {
    const r = await resolveWorkspacePath(ports, p);
    assert.equal(r.ok, false, p);
    assert.match(r.ok ? '' : r.error, /outside the workspace/);
  }
});

test('absolute paths are accepted inside and refused outside', async () => {
  assert.ok((await resolveWorkspacePath(ports, path.join(ws.root, 'docs/readme.md'))).ok);
  for (const p of ['/etc/passwd', outside.root, path.join(outside.root, 'secret.txt')]) {
    assert.equal((await resolveWorkspacePath(ports, p)).ok, false, p);
  }
});

test('symlinks that lead outside are refused for reads and for writes below them', async () => {
  for (const p of ['link-out/secret.txt', 'secret-link.txt', 'link-out/new-file.txt']) {
    const r = await resolveWorkspacePath(ports, p, { write: true });
    assert.equal(r.ok, false, p);
    assert.match(r.ok ? '' : r.error, /symbolic link/);
  }
  assert.ok((await resolveWorkspacePath(ports, 'link-in/a.ts')).ok, 'a link that stays inside is fine');
});

test('new files in new folders resolve', async () => {
  const r = await resolveWorkspacePath(ports, 'new/dir/file.ts', { write: true });
  assert.ok(r.ok && r.rel === 'new/dir/file.ts');
});

test('writes inside .git are refused outright', async () => {
  for (const p of ['.git/config', '.git/hooks/pre-commit', 'sub/.git/HEAD', '.GIT/config']) {
    const r = await resolveWorkspacePath(ports, p, { write: true });
    assert.equal(r.ok, false, p);
    assert.match(r.ok ? '' : r.error, /\.git/);
  }
  assert.ok((await resolveWorkspacePath(ports, '.gitignore', { write: true })).ok);
});

test('multi-root: a path named after a root resolves in that root', async () => {
  const second = tempWorkspace({ 'lib.py': 'x' }, 'keel-second-');
  try {
    const multi = nodePortsFor(ws.root, { roots: [ws.root, second.root] });
    const r = await resolveWorkspacePath(multi, `${path.basename(second.root)}/lib.py`);
    assert.ok(r.ok && r.root === second.root && r.rel === 'lib.py');
    assert.ok((await resolveWorkspacePath(multi, path.join(second.root, 'lib.py'))).ok);
  } finally {
    second.cleanup();
  }
});

test('empty and NUL paths are refused', async () => {
  for (const p of ['', '   ', 'a\0b']) assert.equal((await resolveWorkspacePath(ports, p)).ok, false);
});
