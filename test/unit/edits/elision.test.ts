// Placeholders for left-out code are refused in new_text and write_file content, with an explanation; real code,
// ordinary comments and placeholders the file already has are not.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { findElision } from '../../../src/edits';

const REFUSED = [
  '// ... rest of the code unchanged',
  '// ...',
  '  // ... existing code ...',
  '# existing code here',
  '# ...',
  '/* ... */',
  '/* ... */ unchanged',
  '<!-- ... -->',
  '<!-- rest of the page unchanged -->',
  '{/* ... */}',
  '...',
  '…',
  '// rest of the file',
  '// Existing methods remain unchanged',
  '-- ... (remaining columns)',
  '// code omitted for brevity',
  '// keep the existing implementation',
  '# same as before',
  '    // other methods ...',
  '[...]',
  '// ... (rest of the code remains the same)',
  '// ...existing code...',
  '<!-- other sections unchanged -->',
  '// (unchanged)',
  '{/* rest of the JSX */}',
  '// [rest of the file]',
  '// imports unchanged',
  '-- rest of the query unchanged',
  '// Your existing code here',
  '(rest of methods ...)',
  '// unchanged code ...',
];

const ALLOWED = [
  'const rest = [...items];',
  'foo(...args);',
  '// Wait for the server to start...',
  '// Loading...',
  '// Return the input unchanged.',
  '// Other methods call this helper.',
  '# Existing tests live in tests/',
  'console.log("...");',
  'x = y ... z',
  '/** Returns the rest. */',
  '// ...util.normalizeParams(params),',
  '# the rest of this function so that we do not get extra output',
  '# Same as above but a non-standard field name',
  '// while the key keeps the original id',
  '// Test other cases where the constructor would normalize',
  '# File copied from upstream, stripped down a bit for brevity',
  '   * unchanged.',
  "  'leaving the rest of the file out of the edit entirely.',",
  '   * the same values.',
  '(a + b) * c',
  '[first, ...rest]',
];

test('placeholder lines are refused with an explanation', () => {
  for (const line of REFUSED) {
    const text = `function f() {\n  a();\n${line}\n  b();\n}\n`;
    const why = findElision(text);
    assert.ok(why, `should refuse: ${line}`);
    assert.match(why, /placeholder for code that was left out/);
    assert.match(why, /Write the complete text instead/);
    assert.ok(why.includes(`(line 3`), why);
  }
});

test('ordinary code and comments pass', () => {
  for (const line of ALLOWED) assert.equal(findElision(`function f() {\n${line}\n}\n`), undefined, line);
});

test('a Python `...` (stub body, element of a type, doctest prompt) is code, not a placeholder', () => {
  assert.equal(findElision('class P(Protocol):\n    def run(self) -> None:\n        ...\n'), undefined);
  assert.equal(findElision('def f(\n    x,\n) -> int:  # pragma: no cover\n    ...\n'), undefined);
  assert.equal(findElision('if ok:\n    # narrowed\n    ...\n'), undefined);
  assert.equal(findElision('Spec = Tuple[\n    int,\n    ...\n]\n'), undefined);
  assert.equal(findElision('    >>> def f():\n    ...     return 1\n    ...\n'), undefined);
  assert.ok(findElision('def run(self):\n    x = 1\n    ...\n    return x\n'));
});

test('a placeholder the original already contains is allowed', () => {
  const original = 'a();\n// ... rest of the code unchanged\nb();\n';
  assert.equal(findElision('a2();\n// ... rest of the code unchanged\n', original), undefined);
  assert.ok(findElision('a2();\n# existing code here\n', original));
});

test('placeholders inside fenced Markdown code blocks are examples, not elisions', () => {
  assert.equal(findElision('# Usage\n\n```ts\nconst x = f();\n// ...\n```\n'), undefined);
});

test('more than one placeholder is counted', () => {
  assert.match(findElision('// ...\na();\n// ...\n') ?? '', /and 1 more like it/);
});
