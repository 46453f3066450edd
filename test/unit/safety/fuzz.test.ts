// Property-based fuzzing with hostile input: the tool-argument parser, call resolution, the text tool-call parser,
// the webview message validators and workspace paths never crash, never hang, and never accept a path outside.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { parseTextToolCalls } from '../../../src/model/textToolCalls';
import { parseFromPanel, parseToPanel } from '../../../src/protocol';
import { parseToolArguments } from '../../../src/tools/args';
import { createMetaTools } from '../../../src/tools/metaTools';
import { resolveWorkspacePath } from '../../../src/tools/paths';
import { listFilesTool, readFileTool, searchTool } from '../../../src/tools/readTools';
import { ToolRegistry } from '../../../src/tools/registry';
import { editFileTool, writeFileTool } from '../../../src/tools/writeTools';
import { nodePortsFor, tempWorkspace } from '../../support/workspace';

const noop = async (): Promise<{ ok: boolean; content: string }> => ({ ok: true, content: '' });
const registry = new ToolRegistry([readFileTool, listFilesTool, searchTool, writeFileTool, editFileTool, ...createMetaTools({ updatePlan: noop, restoreCheckpoint: noop, askUser: noop, finish: noop })]);
const jsonish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc.json({ maxDepth: 3 }).map((j) => j.replace(/"/g, "'")),
  fc.json({ maxDepth: 3 }).map((j) => `\`\`\`json\n${j}\n\`\`\``),
  fc.json({ maxDepth: 3 }).map((j) => j.slice(0, Math.max(0, j.length - 3))),
  fc.constantFrom('{', '}', '{{{{', '"\\', '{"a":', '[[[[[[[[[[', '{"path": "\u0000"}', '\uFEFF{}', '{"__proto__": {"x": 1}}'),
);

function timed<T>(fn: () => T, ms: number): T {
  const start = Date.now();
  const out = fn();
  assert.ok(Date.now() - start < ms, `took ${Date.now() - start} ms`);
  return out;
}

test('parseToolArguments never throws or hangs and returns an object or an error', () => {
  fc.assert(
    fc.property(jsonish, fc.boolean(), (raw, truncated) => {
      const r = timed(() => parseToolArguments(raw, { truncated }), 500);
      if (r.ok) assert.ok(typeof r.value === 'object' && r.value !== null && !Array.isArray(r.value));
      else assert.ok(r.error.length > 0);
      if (truncated) assert.equal(r.ok, false);
    }),
    { numRuns: 1500 },
  );
});

test('call resolution never throws for any name and arguments', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...registry.names)), jsonish, (name, args) => {
      const r = registry.resolve({ id: 'x', name, arguments: args });
      assert.ok(r.ok || r.error.length > 0);
    }),
    { numRuns: 1500 },
  );
});

test('the text tool-call parser never throws or hangs on hostile text', () => {
  const known = registry.names;
  const hostile = fc.oneof(
    fc.string({ maxLength: 2000 }),
    fc.json().map((j) => `<tool_call>${j}</tool_call>`),
    fc.json().map((j) => `text \`\`\`json\n${j}\n\`\`\` more`),
    fc.constantFrom('<tool_call>'.repeat(2000), '```'.repeat(3000), '{'.repeat(20000), `<tool_call>{"name":"read_file","arguments":${'['.repeat(5000)}</tool_call>`),
  );
  fc.assert(
    fc.property(hostile, (text) => {
      const r = timed(() => parseTextToolCalls(text, known), 1000);
      for (const c of r.calls) assert.equal(typeof c.name, 'string');
    }),
    { numRuns: 800 },
  );
});

test('the webview message validators never throw and only accept well-formed messages', () => {
  const anything = fc.oneof(fc.anything(), fc.record({ type: fc.string(), command: fc.string() }), fc.record({ type: fc.constantFrom('panel/ready', 'command/run', 'task/start', 'approval/decide', 'state/init'), id: fc.anything(), text: fc.anything() }));
  fc.assert(
    fc.property(anything, (value) => {
      const a = parseFromPanel(value);
      const b = parseToPanel(value);
      if (a) assert.equal(typeof a.type, 'string');
      if (b) assert.equal(typeof b.type, 'string');
    }),
    { numRuns: 3000 },
  );
});

const ws = tempWorkspace({ 'src/a.ts': 'a' });
after(() => ws.cleanup());

test('no generated path resolves outside the workspace', async () => {
  const ports = nodePortsFor(ws.root);
  const segment = fc.oneof(fc.constantFrom('..', '.', '', 'src', 'a.ts', '~', '/', '\\', '..\\..', '%2e%2e', '\u0000', 'etc', 'passwd'), fc.string({ maxLength: 8 }));
  const hostilePath = fc.oneof(
    fc.array(segment, { maxLength: 8 }).map((s) => s.join('/')),
    fc.array(segment, { maxLength: 8 }).map((s) => `/${s.join('/')}`),
    fc.array(segment, { maxLength: 6 }).map((s) => `${ws.root}/${s.join('/')}`),
    fc.string({ maxLength: 60 }),
  );
  await fc.assert(
    fc.asyncProperty(hostilePath, fc.boolean(), async (p, write) => {
      const r = await resolveWorkspacePath(ports, p, { write });
      if (r.ok) {
        const rel = path.relative(ws.root, r.abs);
        assert.ok(rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)), `${JSON.stringify(p)} resolved outside: ${r.abs}`);
        if (write) assert.ok(!r.rel.split('/').some((s) => s.toLowerCase() === '.git'));
      }
    }),
    { numRuns: 1500 },
  );
});
