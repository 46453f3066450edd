// Schema validation: safe coercions only, and errors that name the field, the expectation and what came.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { validateArgs } from '../../../src/tools/validate';

const schema = z.object({ path: z.string(), start_line: z.number().int().min(1).optional(), flag: z.boolean().optional(), mode: z.enum(['a', 'b']).optional() }).strict();

test('"5" becomes 5 and "true" becomes true, and the coercion is reported', () => {
  const r = validateArgs(schema, { path: 'x', start_line: '5', flag: 'true' });
  assert.ok(r.ok);
  assert.deepEqual(r.value, { path: 'x', start_line: 5, flag: true });
  assert.equal(r.coerced.length, 2);
});

test('unsafe slips are not coerced: "five", "yes", 1 for a string', () => {
  for (const bad of [{ path: 'x', start_line: 'five' }, { path: 'x', flag: 'yes' }, { path: 1 }]) {
    const r = validateArgs(schema, bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
  }
});

test('a missing field names the field and its type', () => {
  const r = validateArgs(schema, {});
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /"path" is required \(string\)/);
});

test('a wrong type names what came', () => {
  const r = validateArgs(schema, { path: ['a'] });
  assert.match(r.ok ? '' : r.error, /"path": expected string, got array \["a"\]/);
});

test('an unknown field suggests the likely one', () => {
  const r = validateArgs(schema, { file_path: 'a' }, ['path', 'start_line', 'flag', 'mode']);
  assert.equal(r.ok, false);
  const err = r.ok ? '' : r.error;
  assert.match(err, /unknown field "file_path" \(did you mean "path"\?\)/);
  assert.match(err, /"path" is required/);
});

test('an enum lists the allowed values', () => {
  const r = validateArgs(schema, { path: 'a', mode: 'c' });
  assert.match(r.ok ? '' : r.error, /"mode": expected one of "a", "b", got string "c"/);
});

test('a nested field is named with its path', () => {
  const nested = z.object({ edits: z.array(z.object({ old_text: z.string(), replace_all: z.boolean().optional() }).strict()) }).strict();
  const r = validateArgs(nested, { edits: [{ old_text: 'a', replace_all: 'false' }, { old_text: 3 }] });
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /"edits\[1\]\.old_text": expected string, got number 3/);
});
