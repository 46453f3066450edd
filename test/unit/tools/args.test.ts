// Argument parsing: valid JSON passes, unambiguous slips are repaired, cut-off or ambiguous input is an error.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksTruncated, parseToolArguments } from '../../../src/tools/args';

const value = (raw: string): unknown => {
  const r = parseToolArguments(raw);
  assert.ok(r.ok, `expected ${raw} to parse: ${r.ok ? '' : r.error}`);
  return r.value;
};

test('valid JSON is taken as is', () => {
  const r = parseToolArguments('{"path": "a.ts"}');
  assert.deepEqual(r, { ok: true, value: { path: 'a.ts' }, repaired: false });
});

test('empty arguments are an empty object', () => {
  assert.deepEqual(value('  '), {});
});

test('trailing commas are repaired', () => {
  assert.deepEqual(value('{"path": "a.ts", "start_line": 3,}'), { path: 'a.ts', start_line: 3 });
  const r = parseToolArguments('{"path": "a.ts",}');
  assert.ok(r.ok && r.repaired);
});

test('single quotes are repaired', () => {
  assert.deepEqual(value("{'path': 'src/x.py'}"), { path: 'src/x.py' });
});

test('a JSON object inside a code fence is unwrapped', () => {
  assert.deepEqual(value('```json\n{"query": "TODO"}\n```'), { query: 'TODO' });
  assert.deepEqual(value('```\n{"query": "TODO"}\n```'), { query: 'TODO' });
});

test('a double-encoded JSON string is decoded', () => {
  assert.deepEqual(value(JSON.stringify(JSON.stringify({ path: 'a', content: 'x\ny' }))), { path: 'a', content: 'x\ny' });
});

test('output cut off by the token limit is never repaired', () => {
  const r = parseToolArguments('{"path": "a.ts", "content": "hello', { truncated: true });
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /cut off/);
});

test('arguments that end mid-string are refused even without finish_reason length', () => {
  const r = parseToolArguments('{"path": "a.ts", "content": "function f() {');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /cut off/);
  assert.equal(looksTruncated('{"a": "b"}'), false);
  assert.equal(looksTruncated('{"a": ["b"'), true);
});

test('a JSON value that is not an object is an error with an example', () => {
  for (const raw of ['[1,2]', '42', '"just a string"', 'null']) {
    const r = parseToolArguments(raw);
    assert.equal(r.ok, false, raw);
    assert.match(r.ok ? '' : r.error, /JSON object/);
  }
});

test('prose is not mistaken for arguments', () => {
  const r = parseToolArguments('I will now read the file');
  if (r.ok) assert.fail(`prose parsed as ${JSON.stringify(r.value)}`);
});
