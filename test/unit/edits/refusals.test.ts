// Every refusal: ambiguous and missing old_text, overlapping and dependent edits, all-or-nothing; the messages say
// what went wrong and how to fix it.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../src/edits';

const FILE = ['function a() {', '  return 1;', '}', '', 'function b() {', '  return 1;', '}', '', 'function c() {', '  return 1;', '}', ''].join('\n');

function error(r: ReturnType<typeof applyEdits>): string {
  assert.equal(r.ok, false);
  return r.ok ? '' : r.error;
}

test('several matches: the error lists their lines and asks for context or replace_all', () => {
  const e = error(applyEdits(FILE, [{ oldText: '  return 1;', newText: '  return 2;' }]));
  assert.equal(e, 'old_text matches 3 places (lines 2, 6, 10). Include more surrounding lines so it matches exactly one, or set replace_all: true to change every one of them.');
});

test('replace_all replaces every match', () => {
  const r = applyEdits(FILE, [{ oldText: '  return 1;', newText: '  return 2;', replaceAll: true }]);
  assert.ok(r.ok);
  assert.equal(r.content, FILE.replace(/return 1;/g, 'return 2;'));
  assert.deepEqual(r.applied, [{ level: 'exact', startLine: 2, endLine: 10, replacements: 3 }]);
});

test('more context makes a duplicate unique', () => {
  const r = applyEdits(FILE, [{ oldText: 'function b() {\n  return 1;', newText: 'function b() {\n  return 2;' }]);
  assert.ok(r.ok);
  assert.equal(r.content, FILE.replace('function b() {\n  return 1;', 'function b() {\n  return 2;'));
});

test('no match: the error shows the closest region with read_file line numbers', () => {
  const e = error(applyEdits(FILE, [{ oldText: 'function b() {\n  return b0 + 7;\n}\n\nfunction c() {\n  return c0 + 7;\n}', newText: 'x' }]));
  assert.match(e, /^old_text was not found in the file/);
  assert.match(e, /closest region is lines 5-11 \(\d+% similar\)/);
  assert.match(e, /\n 5→function b\(\) \{\n 6→ {2}return 1;/);
  assert.match(e, /Copy the text to replace exactly/);
});

test('a close region whose changed lines differ from the file is refused with the current text', () => {
  const e = error(applyEdits(FILE, [{ oldText: 'function b() {\n  return 7;\n}\n\nfunction c() {\n  return 7;\n}', newText: 'function b() {\n  return 8;\n}\n\nfunction c() {\n  return 8;\n}' }]));
  assert.match(e, /^old_text is close to lines 5-11 \(\d+% similar\) but not an exact copy/);
  assert.match(e, /your old_text has "return 7;", which your edit changes, but the file has no such line there\./);
  assert.match(e, /\n 6→ {2}return 1;/);
});

test('no match at all: says that none of its lines occur', () => {
  const e = error(applyEdits(FILE, [{ oldText: 'zzz qqq', newText: 'x' }]));
  assert.match(e, /not found/);
});

test('empty old_text is refused with advice', () => {
  assert.match(error(applyEdits(FILE, [{ oldText: '', newText: 'x' }])), /empty/);
});

test('no edits is refused', () => {
  assert.match(error(applyEdits(FILE, [])), /No edits/);
});

test('several edits apply to the original text together', () => {
  const r = applyEdits(FILE, [
    { oldText: 'function a() {\n  return 1;', newText: 'function a() {\n  return 10;' },
    { oldText: 'function c() {\n  return 1;', newText: 'function c() {\n  return 30;' },
  ]);
  assert.ok(r.ok);
  assert.equal(r.content, FILE.replace('a() {\n  return 1;', 'a() {\n  return 10;').replace('c() {\n  return 1;', 'c() {\n  return 30;'));
  assert.deepEqual(r.applied.map((a) => a.startLine), [1, 9]);
});

test('one failing edit fails them all, naming it', () => {
  const r = applyEdits(FILE, [
    { oldText: 'function a() {', newText: 'function A() {' },
    { oldText: 'function zzz() {', newText: 'x' },
  ]);
  assert.equal(r.ok, false);
  assert.equal(r.ok ? -1 : r.editIndex, 1);
  assert.match(r.ok ? '' : r.error, /^old_text of edit 2 was not found/);
});

test('overlapping edits are refused', () => {
  const r = applyEdits(FILE, [
    { oldText: 'function a() {\n  return 1;', newText: 'x' },
    { oldText: '  return 1;\n}\n\nfunction b', newText: 'y' },
  ]);
  assert.match(error(r), /Edits 1 and 2 overlap \(lines 1-2 and lines 2-5\)/);
});

test('an edit that only matches after an earlier one is explained', () => {
  const r = applyEdits(FILE, [
    { oldText: 'function a() {', newText: 'function alpha() {' },
    { oldText: 'function alpha() {\n  return 1;', newText: 'function alpha() {\n  return 2;' },
  ]);
  assert.match(error(r), /only appears after edit 1 is applied/);
});

test('new_text with an elision placeholder is refused before matching', () => {
  const r = applyEdits(FILE, [{ oldText: 'function a() {\n  return 1;\n}', newText: 'function a() {\n  // ... existing code ...\n  return 2;\n}' }]);
  assert.match(error(r), /^new_text refused: the text contains "\/\/ \.\.\. existing code \.\.\."/);
});

test('an elision placeholder the file already contains is allowed', () => {
  const file = 'const x = 1;\n// ...\nconst y = 2;\n';
  const r = applyEdits(file, [{ oldText: 'const x = 1;\n// ...', newText: 'const x = 3;\n// ...' }]);
  assert.ok(r.ok);
  assert.equal(r.content, 'const x = 3;\n// ...\nconst y = 2;\n');
});

test('a whitespace-only old_text that occurs many times is ambiguous', () => {
  assert.match(error(applyEdits(FILE, [{ oldText: '\n', newText: '\n\n' }])), /matches \d+ places/);
});
