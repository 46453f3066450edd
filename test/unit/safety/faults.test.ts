// Faults with real causes: a full disk on write (a tiny tmpfs, or a file-size limit where mounting is not allowed),
// a 10 MB single-line file, and a conversation saved mid-step that is resumed without applying anything twice.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repairPairs } from '../../../src/agent/agent';
import type { ChatMessage } from '../../../src/model/types';
import { readFileTool } from '../../../src/tools/readTools';
import { isToolResult, type ToolContext } from '../../../src/tools/types';
import { editFileTool, writeFileTool } from '../../../src/tools/writeTools';
import { nodePortsFor, toolContext } from '../../support/workspace';

async function run(def: typeof writeFileTool | typeof readFileTool | typeof editFileTool, args: object, ctx: ToolContext): Promise<{ ok: boolean; content: string }> {
  const prepared = await def.prepare(args as never, ctx);
  return isToolResult(prepared) ? prepared : prepared.execute(undefined, ctx);
}

function tryMountTmpfs(dir: string, size: string): boolean {
  if (process.platform !== 'linux') return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

test('disk full on write: a clear error, the original intact, no temp file left', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-full-'));
  const mounted = tryMountTmpfs(dir, '96k');
  try {
    if (mounted) {
      fs.writeFileSync(path.join(dir, 'a.txt'), 'original content\n');
      const ctx = toolContext(nodePortsFor(dir));
      assert.ok((await run(readFileTool, { path: 'a.txt' }, ctx)).ok);
      const r = await run(writeFileTool, { path: 'a.txt', content: 'y'.repeat(400_000) }, ctx);
      assert.equal(r.ok, false);
      assert.match(r.content, /Could not write "a\.txt": .*ENOSPC[\s\S]*left as it was/);
      assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'original content\n');
      assert.deepEqual(fs.readdirSync(dir), ['a.txt']);
    } else {
      // Without mount rights, the same failure path through a file-size limit (EFBIG) in a child process.
      fs.writeFileSync(path.join(dir, 'a.txt'), 'original content\n');
      const script = `const { NodeFileSystem } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/node/nodeFileSystem.js'))});
        new NodeFileSystem().writeFile(${JSON.stringify(path.join(dir, 'a.txt'))}, Buffer.alloc(400000, 121)).then(() => process.exit(0), (e) => { console.log(e.code); process.exit(3); });`;
      const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 64; exec "${process.execPath}" -e '${script.replace(/'/g, "'\\''")}'`], { encoding: 'utf8' });
      assert.equal(r.status, 3, r.stderr);
      assert.match(r.stdout, /EFBIG/);
      assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'original content\n');
      assert.deepEqual(fs.readdirSync(dir), ['a.txt']);
    }
  } finally {
    if (mounted) spawnSync('umount', [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a 10 MB single-line file is read in a bounded page and edited without harm', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-big-'));
  try {
    const line = `const data = "${'ab'.repeat(5 * 1024 * 1024)}"; // MARKER`;
    fs.writeFileSync(path.join(dir, 'bundle.js'), line);
    const ctx = toolContext(nodePortsFor(dir));
    const read = await run(readFileTool, { path: 'bundle.js' }, ctx);
    assert.ok(read.ok);
    assert.ok(read.content.length < 5000);
    const started = Date.now();
    const edit = await run(editFileTool, { path: 'bundle.js', edits: [{ old_text: '// MARKER', new_text: '// EDITED' }] }, ctx);
    assert.ok(edit.ok, edit.content);
    assert.ok(Date.now() - started < 20_000);
    const after = fs.readFileSync(path.join(dir, 'bundle.js'), 'utf8');
    assert.equal(after.length, line.length);
    assert.ok(after.endsWith('// EDITED'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a conversation saved mid-step resumes with every open call answered as interrupted, nothing re-run', () => {
  const saved: ChatMessage[] = [
    { role: 'user', content: 'task' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'read_file', arguments: '{}' }, { id: 'b', name: 'write_file', arguments: '{}' }] },
    { role: 'tool', toolCallId: 'a', content: 'ok' },
  ];
  const repaired = repairPairs(saved);
  assert.equal(repaired.length, 4);
  const last = repaired[3];
  assert.ok(last?.role === 'tool' && last.toolCallId === 'b');
  assert.match(last.content, /Interrupted: VS Code closed or reloaded before this call completed/);
  assert.deepEqual(repairPairs(repaired), repaired, 'repair is idempotent');
});
