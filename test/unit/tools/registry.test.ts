// The registry: specs from the same schemas that validate, unknown tools answered with the closest match.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMetaTools } from '../../../src/tools/metaTools';
import { listFilesTool, readFileTool, searchTool } from '../../../src/tools/readTools';
import { ToolRegistry } from '../../../src/tools/registry';
import type { ToolResult } from '../../../src/tools/types';
import { editFileTool, writeFileTool } from '../../../src/tools/writeTools';

const noop = async (): Promise<ToolResult> => ({ ok: true, content: '' });
const registry = new ToolRegistry([readFileTool, listFilesTool, searchTool, writeFileTool, editFileTool, ...createMetaTools({ updatePlan: noop, restoreCheckpoint: noop, askUser: noop, finish: noop })]);

test('every spec has a valid name, a one-line description and an object schema', () => {
  for (const spec of registry.specs()) {
    assert.match(spec.name, /^[a-zA-Z0-9_-]{1,64}$/);
    assert.equal(spec.parameters.type, 'object');
    assert.ok(spec.description.length > 20 && spec.description.length < 220, spec.name);
    assert.ok(!('$schema' in spec.parameters));
  }
});

test('an unknown tool lists the tools and the closest match', () => {
  const cases: [string, string][] = [
    ['open_file', 'read_file'],
    ['readfile', 'read_file'],
    ['read_flie', 'read_file'],
    ['str_replace', 'edit_file'],
    ['grep', 'search'],
    ['attempt_completion', 'finish'],
    ['functions.read_file', 'read_file'],
  ];
  for (const [wrong, right] of cases) {
    const r = registry.resolve({ id: '1', name: wrong, arguments: '{}' });
    assert.equal(r.ok, false);
    const err = r.ok ? '' : r.error;
    assert.match(err, new RegExp(`Did you mean "${right}"`), wrong);
    assert.match(err, /Available tools: read_file, list_files/);
  }
});

test('a valid call resolves to its definition and typed arguments', () => {
  const r = registry.resolve({ id: '1', name: 'read_file', arguments: '{"path":"a.ts","start_line":"3"}' });
  assert.ok(r.ok);
  assert.equal(r.def.name, 'read_file');
  assert.deepEqual(r.args, { path: 'a.ts', start_line: 3 });
  assert.match(r.notes.join(), /coerced start_line/);
});

test('invalid arguments come back with the expected signature', () => {
  const r = registry.resolve({ id: '1', name: 'edit_file', arguments: '{"path":"a.ts","edits":[{"old":"x","new":"y"}]}' });
  assert.equal(r.ok, false);
  const err = r.ok ? '' : r.error;
  assert.match(err, /unknown field "old"/);
  assert.match(err, /Expected: edit_file \{path: string, edits: array\}/);
});

test('update_plan rejects an unknown status with the allowed ones', () => {
  const r = registry.resolve({ id: '1', name: 'update_plan', arguments: '{"steps":[{"title":"a","status":"doing"}]}' });
  assert.match(r.ok ? '' : r.error, /expected one of "pending", "in_progress", "done", "failed", "skipped"/);
});
