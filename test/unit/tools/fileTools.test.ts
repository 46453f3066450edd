// The file tools on real files: numbered pages, binary and huge files described, .gitignore respected,
// writes refused for elisions and stale reads, edits all-or-nothing, and an amended proposal applied as amended.
import * as assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { listFilesTool, readFileTool, searchTool } from '../../../src/tools/readTools';
import { isToolResult, type PreparedStep, type ToolContext, type ToolDef, type ToolResult } from '../../../src/tools/types';
import { editFileTool, writeFileTool } from '../../../src/tools/writeTools';
import { nodePortsFor, tempWorkspace, toolContext } from '../../support/workspace';

const lines = Array.from({ length: 1200 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const ws = tempWorkspace({
  'big.txt': lines,
  'src/app.ts': 'export function add(a: number, b: number) {\n  return a - b;\n}\n',
  'crlf.txt': 'one\r\ntwo\r\nthree\r\n',
  '.gitignore': 'dist/\n*.log\n',
  'dist/out.js': 'x',
  'debug.log': 'x',
  'docs/guide.md': '# Guide\nTODO: write\n',
});
ws.write('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
after(() => ws.cleanup());

async function call(def: ToolDef, args: unknown, ctx: ToolContext): Promise<ToolResult> {
  const prepared = await def.prepare(args as never, ctx);
  if (isToolResult(prepared)) return prepared;
  return prepared.execute(undefined, ctx);
}

async function prepare(def: ToolDef, args: unknown, ctx: ToolContext): Promise<PreparedStep> {
  const prepared = await def.prepare(args as never, ctx);
  if (isToolResult(prepared)) assert.fail(`expected a step, got: ${prepared.content}`);
  return prepared;
}

test('read_file numbers lines and pages large files with a note on the next page', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  const first = await call(readFileTool, { path: 'big.txt' }, ctx);
  assert.ok(first.ok);
  assert.match(first.content, /^big\.txt lines 1-500 of 1200/);
  assert.match(first.content, /\n {2}1→line 1\n/);
  assert.match(first.content, /"start_line": 501/);
  const last = await call(readFileTool, { path: 'big.txt', start_line: 1101 }, ctx);
  assert.match(last.content, /lines 1101-1200 of 1200/);
  assert.doesNotMatch(last.content, /more lines/);
  const range = await call(readFileTool, { path: 'big.txt', start_line: 10, end_line: 12 }, ctx);
  assert.match(range.content, /10→line 10\n11→line 11\n12→line 12\n/);
});

test('read_file describes binary files and reports missing ones', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  const bin = await call(readFileTool, { path: 'image.png' }, ctx);
  assert.equal(bin.ok, false);
  assert.match(bin.content, /binary file/);
  const missing = await call(readFileTool, { path: 'nope.ts' }, ctx);
  assert.match(missing.content, /does not exist/);
});

test('read_file cuts a 10 MB single-line file into a bounded page', async () => {
  ws.write('one-line.min.js', 'x'.repeat(10 * 1024 * 1024));
  const ctx = toolContext(nodePortsFor(ws.root));
  const r = await call(readFileTool, { path: 'one-line.min.js' }, ctx);
  assert.ok(r.ok);
  assert.ok(r.content.length < 5000, `result is ${r.content.length} chars`);
  assert.match(r.content, /line cut: \d+ more characters/);
});

test('list_files skips what .gitignore excludes and .git itself', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  const r = await call(listFilesTool, { recursive: true }, ctx);
  assert.ok(r.ok);
  const entries = r.content.split('\n');
  assert.ok(entries.includes('src/app.ts') && entries.includes('docs/guide.md') && entries.includes('src/'));
  assert.ok(!entries.some((e) => e.startsWith('dist') || e.endsWith('.log')), r.content);
});

test('search finds matches with file:line', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  const r = await call(searchTool, { query: 'TODO' }, ctx);
  assert.ok(r.ok);
  assert.match(r.content, /docs\/guide\.md:2: TODO: write/);
});

test('edit_file needs a prior read, then applies; the file changed on disk since is refused', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  const unread = await call(editFileTool, { path: 'src/app.ts', edits: [{ old_text: 'a - b', new_text: 'a + b' }] }, ctx);
  assert.equal(unread.ok, false);
  assert.match(unread.content, /read_file first/);
  await call(readFileTool, { path: 'src/app.ts' }, ctx);
  const done = await call(editFileTool, { path: 'src/app.ts', edits: [{ old_text: 'a - b', new_text: 'a + b' }] }, ctx);
  assert.ok(done.ok, done.content);
  assert.deepEqual(done.changedPaths, ['src/app.ts']);
  assert.match(ws.read('src/app.ts'), /return a \+ b;/);
  ws.write('src/app.ts', 'export const changed = true;\n');
  const stale = await call(editFileTool, { path: 'src/app.ts', edits: [{ old_text: 'changed', new_text: 'x' }] }, ctx);
  assert.equal(stale.ok, false);
  assert.match(stale.content, /changed on disk/);
});

test('edit_file is all or nothing', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  ws.write('src/two.ts', 'const a = 1;\nconst b = 2;\n');
  await call(readFileTool, { path: 'src/two.ts' }, ctx);
  const r = await call(editFileTool, { path: 'src/two.ts', edits: [{ old_text: 'const a = 1;', new_text: 'const a = 10;' }, { old_text: 'const zzz = 3;', new_text: 'x' }] }, ctx);
  assert.equal(r.ok, false);
  assert.equal(ws.read('src/two.ts'), 'const a = 1;\nconst b = 2;\n');
});

test('CRLF files stay CRLF after an edit written with LF', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  await call(readFileTool, { path: 'crlf.txt' }, ctx);
  const r = await call(editFileTool, { path: 'crlf.txt', edits: [{ old_text: 'two\nthree', new_text: 'TWO\nTHREE' }] }, ctx);
  assert.ok(r.ok, r.content);
  assert.equal(ws.read('crlf.txt'), 'one\r\nTWO\r\nTHREE\r\n');
});

test('write_file refuses elided content and overwriting an unread file', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  const elided = await call(writeFileTool, { path: 'src/new.ts', content: 'export const a = 1;\n// ... rest of the code unchanged\n' }, ctx);
  assert.equal(elided.ok, false);
  assert.equal(ws.exists('src/new.ts'), false);
  const unread = await call(writeFileTool, { path: 'docs/guide.md', content: 'new' }, ctx);
  assert.equal(unread.ok, false);
  assert.match(ws.read('docs/guide.md'), /TODO: write/);
});

test('write_file previews before/after, and an amended proposal is applied as amended and reported', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  const step = await prepare(writeFileTool, { path: 'src/created.ts', content: 'export const x = 1;\n' }, ctx);
  assert.equal(ws.exists('src/created.ts'), false, 'nothing is written before execute');
  assert.deepEqual(step.writes, ['src/created.ts']);
  assert.equal(step.preview.kind, 'files');
  const r = await step.execute({ kind: 'files', path: 'src/created.ts', after: 'export const x = 2;\n' }, ctx);
  assert.ok(r.ok);
  assert.equal(ws.read('src/created.ts'), 'export const x = 2;\n');
  assert.match(r.content, /The person edited your proposal/);
  assert.match(r.content, /\+export const x = 2;/);
});

test('writes inside .git and outside the workspace are refused', async () => {
  const ctx = toolContext(nodePortsFor(ws.root));
  assert.equal((await call(writeFileTool, { path: '.git/config', content: 'x' }, ctx)).ok, false);
  assert.equal((await call(writeFileTool, { path: '../escape.txt', content: 'x' }, ctx)).ok, false);
});
