// Unified diffs as models write them apply through the same matching rules; diffs for display and change counts.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyUnifiedDiff, countChanges, makeUnifiedDiff } from '../../../src/edits';

const FILE = ['import { a } from "./a";', '', 'export function one() {', '  return a(1);', '}', '', 'export function two() {', '  return a(2);', '}', ''].join('\n');
const EXPECTED = FILE.replace('  return a(2);', '  const r = a(2);\n  return r;');

test('a well-formed diff applies', () => {
  const patch = makeUnifiedDiff('src/x.ts', FILE, EXPECTED);
  const r = applyUnifiedDiff(FILE, patch);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.content, EXPECTED);
});

test('wrong hunk line numbers and counts do not matter', () => {
  const r = applyUnifiedDiff(FILE, '--- a/x.ts\n+++ b/x.ts\n@@ -40,2 +40,9 @@\n export function two() {\n-  return a(2);\n+  const r = a(2);\n+  return r;\n }\n');
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.content, EXPECTED);
});

test('missing file headers, bare @@ and a code fence are tolerated', () => {
  const r = applyUnifiedDiff(FILE, '```diff\n@@\n export function two() {\n-  return a(2);\n+  const r = a(2);\n+  return r;\n }\n```\n');
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.content, EXPECTED);
});

test('no @@ line at all, and context lines that lost their leading space', () => {
  const r = applyUnifiedDiff(FILE, '--- a/x.ts\n+++ b/x.ts\nexport function two() {\n-  return a(2);\n+  const r = a(2);\n+  return r;\n}\n');
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.content, EXPECTED);
});

test('hunk lines with drifted indentation match through the ladder and land in the file\'s indentation', () => {
  const uniform = applyUnifiedDiff(FILE, '@@ -7,3 +7,4 @@\n   export function two() {\n-    return a(2);\n+    const r = a(2);\n+    return r;\n   }\n');
  assert.ok(uniform.ok, uniform.ok ? '' : uniform.error);
  assert.equal(uniform.content, EXPECTED);
  assert.equal(uniform.applied[0]?.level, 'indentation');
  const uneven = applyUnifiedDiff(FILE, '@@ -7,3 +7,4 @@\n export function two() {\n-    return a(2);\n+    const r = a(2);\n+    return r;\n }\n');
  assert.ok(uneven.ok, uneven.ok ? '' : uneven.error);
  assert.equal(uneven.content, EXPECTED);
  assert.equal(uneven.applied[0]?.level, 'similarity');
});

test('several hunks apply together; a failing one fails them all', () => {
  const two = '@@ -3,2 +3,2 @@\n export function one() {\n-  return a(1);\n+  return a(10);\n@@ -7,2 +7,2 @@\n export function two() {\n-  return a(2);\n+  return a(20);\n';
  const r = applyUnifiedDiff(FILE, two);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.content, FILE.replace('a(1)', 'a(10)').replace('a(2)', 'a(20)'));
  const bad = applyUnifiedDiff(FILE, two.replace('-  return a(2);\n+  return a(20);', '-  return b(2);\n+  return b(20);'));
  assert.equal(bad.ok, false);
  assert.equal(bad.ok ? -1 : bad.editIndex, 1);
  assert.match(bad.ok ? "" : bad.error, /^Hunk 2/);
});

test('a hunk matching several places is refused, unless its header line pins one', () => {
  const file = 'a\n}\nb\n}\n';
  const ambiguous = applyUnifiedDiff(file, '@@ -9,1 +9,2 @@\n }\n+c\n');
  assert.equal(ambiguous.ok, false);
  assert.match(ambiguous.ok ? '' : ambiguous.error, /matches 2 places \(lines 2, 4\)\. Include more surrounding lines so it matches exactly one\.$/);
  const pinned = applyUnifiedDiff(file, '@@ -4,1 +4,2 @@\n }\n+c\n');
  assert.ok(pinned.ok);
  assert.equal(pinned.content, 'a\n}\nb\n}\nc\n');
});

test('hunk lines match whole lines only', () => {
  const r = applyUnifiedDiff('foo();\nfoobar();\n', '@@\n-bar();\n+baz();\n');
  assert.equal(r.ok, false);
});

test('a hunk without context that only adds lines is refused, except to create a file', () => {
  assert.equal(applyUnifiedDiff(FILE, '@@ -3,0 +4,1 @@\n+// note\n').ok, false);
  const created = applyUnifiedDiff('', '--- /dev/null\n+++ b/new.ts\n@@ -0,0 +1,2 @@\n+line one\n+line two\n');
  assert.ok(created.ok);
  assert.equal(created.content, 'line one\nline two\n');
});

test('a hunk that only removes lines removes them whole', () => {
  const r = applyUnifiedDiff(FILE, '@@\n-import { a } from "./a";\n');
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.content, FILE.replace('import { a } from "./a";\n', ''));
});

test('a patch for several files is refused', () => {
  const r = applyUnifiedDiff(FILE, '--- a/x.ts\n+++ b/x.ts\n@@\n-a\n+b\n--- a/y.ts\n+++ b/y.ts\n@@\n-c\n+d\n');
  assert.match(r.ok ? '' : r.error, /changes 2 files/);
});

test('text without hunks is refused', () => {
  assert.match((({ ok, ...r }) => (ok ? '' : (r as { error: string }).error))(applyUnifiedDiff(FILE, 'just prose')), /no hunks/);
});

test('added lines with an elision placeholder are refused', () => {
  const r = applyUnifiedDiff(FILE, '@@\n export function two() {\n-  return a(2);\n+  // ... existing code ...\n }\n');
  assert.match(r.ok ? '' : r.error, /placeholder/);
});

test('makeUnifiedDiff: a/ b/ headers and @@ hunks; nothing for no change; CRLF shown as lines', () => {
  const d = makeUnifiedDiff('src/x.ts', FILE, EXPECTED);
  assert.match(d, /^--- a\/src\/x\.ts\n\+\+\+ b\/src\/x\.ts\n@@ -5,5 \+5,6 @@/);
  assert.ok(d.includes('-  return a(2);\n+  const r = a(2);\n+  return r;\n'));
  assert.equal(makeUnifiedDiff('x', FILE, FILE), '');
  assert.ok(!makeUnifiedDiff('x', 'a\r\nb\r\n', 'a\r\nc\r\n').includes('\r'));
  assert.match(makeUnifiedDiff('x', 'a\nb\n', 'a\r\nb\r\n'), /only the line endings changed/);
});

test('countChanges counts added and removed lines', () => {
  assert.deepEqual(countChanges(FILE, EXPECTED), { added: 2, removed: 1 });
  assert.deepEqual(countChanges('', 'a\nb\n'), { added: 2, removed: 0 });
  assert.deepEqual(countChanges('a\nb\n', ''), { added: 0, removed: 2 });
  assert.deepEqual(countChanges('a\r\nb\r\n', 'a\nb\n'), { added: 0, removed: 0 });
  const big = Array.from({ length: 20000 }, (_, i) => `line ${i}`).join('\n');
  const other = Array.from({ length: 20000 }, (_, i) => `other ${i}`).join('\n');
  assert.deepEqual(countChanges(big, other), { added: 20000, removed: 20000 });
});
