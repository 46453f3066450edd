// Every rung of the matching ladder places an edit where the model meant it, and reports the rung it used.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, type EditOutcome } from '../../../src/edits';

const CLASS = ['export class Cart {', '  private items: Item[] = [];', '', '  add(item: Item): void {', '    this.items.push(item);', '    this.changed();', '  }', '', '  total(): number {', '    return this.items.reduce((sum, i) => sum + i.price, 0);', '  }', '}', ''].join('\n');

function applied(outcome: EditOutcome): { content: string; level: string; lines: [number, number] } {
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  const a = outcome.applied[0];
  assert.ok(a);
  return { content: outcome.content, level: a.level, lines: [a.startLine, a.endLine] };
}

test('exact: a verbatim old_text is replaced in place', () => {
  const r = applied(applyEdits(CLASS, [{ oldText: '    this.changed();', newText: '    this.changed();\n    this.save();' }]));
  assert.equal(r.level, 'exact');
  assert.deepEqual(r.lines, [6, 6]);
  assert.equal(r.content, CLASS.replace('    this.changed();', '    this.changed();\n    this.save();'));
});

test('trailing_whitespace: trailing blanks in old_text or in the file do not matter', () => {
  const r = applied(applyEdits(CLASS, [{ oldText: '  add(item: Item): void {  \n    this.items.push(item); ', newText: '  add(item: Item): void {\n    this.items.unshift(item);' }]));
  assert.equal(r.level, 'trailing_whitespace');
  assert.equal(r.content, CLASS.replace('this.items.push(item);', 'this.items.unshift(item);'));
  const withBlanks = CLASS.replace('this.changed();', 'this.changed();   ');
  const r2 = applied(applyEdits(withBlanks, [{ oldText: '    this.changed();\n  }', newText: '    this.changed(1);\n  }' }]));
  assert.equal(r2.level, 'trailing_whitespace');
  assert.equal(r2.content, CLASS.replace('this.changed();', 'this.changed(1);'));
});

test('line_endings: LF old_text matches a CRLF file, and the new text is written with CRLF', () => {
  const crlf = CLASS.replace(/\n/g, '\r\n');
  const r = applied(applyEdits(crlf, [{ oldText: '  total(): number {\n    return this.items.reduce((sum, i) => sum + i.price, 0);', newText: '  total(): number {\n    // sum of prices\n    return this.items.reduce((sum, i) => sum + i.price, 0);' }]));
  assert.equal(r.level, 'line_endings');
  assert.equal(r.content, crlf.replace('  total(): number {\r\n', '  total(): number {\r\n    // sum of prices\r\n'));
  assert.ok(!/[^\r]\n/.test(r.content), 'no bare LF in a CRLF file');
});

test('exact single-line match in a CRLF file still writes multi-line new_text with CRLF', () => {
  const crlf = CLASS.replace(/\n/g, '\r\n');
  const r = applied(applyEdits(crlf, [{ oldText: 'this.changed();', newText: 'this.changed();\n    this.save();' }]));
  assert.equal(r.level, 'exact');
  assert.ok(r.content.includes('this.changed();\r\n    this.save();\r\n'));
});

test('line_numbers: prefixes copied from read_file (`  12→`) are removed from old_text and new_text', () => {
  const old = ' 9→  total(): number {\n10→    return this.items.reduce((sum, i) => sum + i.price, 0);\n11→  }';
  const neu = ' 9→  total(): number {\n10→    return this.items.reduce((sum, i) => sum + i.price * i.qty, 0);\n11→  }';
  const r = applied(applyEdits(CLASS, [{ oldText: old, newText: neu }]));
  assert.equal(r.level, 'line_numbers');
  assert.deepEqual(r.lines, [9, 11]);
  assert.equal(r.content, CLASS.replace('sum + i.price, 0', 'sum + i.price * i.qty, 0'));
});

test('line_numbers: the `12: `, `12\\t`, `L12: ` and `12|` listings are recognized too', () => {
  const body = ['    this.items.push(item);', '    this.changed();'];
  const forms: ((n: number, l: string) => string)[] = [(n, l) => `${n}: ${l}`, (n, l) => `${n}\t${l}`, (n, l) => `L${n}: ${l}`, (n, l) => `${n}|${l}`, (n, l) => `${String(n).padStart(4)} | ${l}`];
  for (const form of forms) {
    const old = body.map((l, i) => form(5 + i, l)).join('\n');
    const r = applied(applyEdits(CLASS, [{ oldText: old, newText: '    this.items.push(item);\n    this.emit();' }]));
    assert.equal(r.level, 'line_numbers', old);
    assert.equal(r.content, CLASS.replace('this.changed();', 'this.emit();'));
  }
});

test('line_numbers: new_text numbered on some lines only (non-arrow style) is refused', () => {
  const old = '5: this.items.push(item);\n6: this.changed();';
  const r = applyEdits(CLASS, [{ oldText: old, newText: '5: this.items.push(item);\nthis.log();\n6: this.changed();' }]);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /line-number prefixes/);
});

test('line_numbers: content that only looks numbered (YAML keys) is not taken for a listing', () => {
  const yaml = 'messages:\n  OK\n  Created\nstatuses:\n  200: Fine\n  201: Created\n';
  const r = applyEdits(yaml, [{ oldText: '200: OK\n201: Created', newText: '200: Good\n201: Created' }]);
  assert.ok(!r.ok || !r.content.includes('Good\n  Created\nstatuses'), 'the messages block must not be edited');
  assert.equal(r.ok, false);
});

test('line_numbers: new_text numbered while old_text is not is refused', () => {
  const r = applyEdits(CLASS, [{ oldText: '    this.changed();', newText: ' 6→    this.changed();\n 7→    this.save();' }]);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /line-number prefix/);
});

test('indentation: old_text written without its class-level indent lands re-indented', () => {
  const old = 'add(item: Item): void {\n  this.items.push(item);\n  this.changed();\n}';
  const neu = 'add(item: Item): void {\n  if (!item) return;\n  this.items.push(item);\n  this.changed();\n}';
  const r = applied(applyEdits(CLASS, [{ oldText: old, newText: neu }]));
  assert.equal(r.level, 'indentation');
  assert.equal(r.content, CLASS.replace('  add(item: Item): void {\n', '  add(item: Item): void {\n    if (!item) return;\n'));
});

test('indentation: over-indented old_text is shifted back', () => {
  const old = '        this.items.push(item);\n        this.changed();';
  const r = applied(applyEdits(CLASS, [{ oldText: old, newText: '        this.items.push(item);\n        if (this.items.length > 9) this.trim();\n        this.changed();' }]));
  assert.equal(r.level, 'indentation');
  assert.ok(r.content.includes('\n    this.items.push(item);\n    if (this.items.length > 9) this.trim();\n    this.changed();\n'));
});

test('indentation: spaces in the model text become the file\'s tabs', () => {
  const tabbed = 'function f() {\n\tif (a) {\n\t\treturn 1;\n\t}\n}\n';
  const r = applied(applyEdits(tabbed, [{ oldText: '    if (a) {\n        return 1;\n    }', newText: '    if (a) {\n        log(a);\n        return 1;\n    }' }]));
  assert.equal(r.level, 'indentation');
  assert.equal(r.content, 'function f() {\n\tif (a) {\n\t\tlog(a);\n\t\treturn 1;\n\t}\n}\n');
});

test('indentation: a non-uniform offset is not an indentation match', () => {
  const r = applyEdits(CLASS, [{ oldText: 'add(item: Item): void {\n        this.items.push(item);', newText: 'x' }]);
  assert.ok(!r.ok || r.applied[0]?.level !== 'indentation');
});

test('similarity: a stale context line does not stop the edit, and the file keeps its own version of it', () => {
  const old = ['  add(item: Item): void {', '    this.items.push(item);', '    this.notify();', '  }', '', '  total(): number {', '    return this.items.reduce((sum, i) => sum + i.price, 0);', '  }'].join('\n');
  const neu = old.replace('sum + i.price, 0', 'sum + i.price * i.qty, 0');
  const r = applied(applyEdits(CLASS, [{ oldText: old, newText: neu }]));
  assert.equal(r.level, 'similarity');
  assert.equal(r.content, CLASS.replace('sum + i.price, 0', 'sum + i.price * i.qty, 0'));
  assert.ok(r.content.includes('this.changed();'), 'the line the model misremembered is untouched');
});

test('similarity: an edit to a line that differs in the file is refused, showing the current region', () => {
  const old = ['  add(item: Item): void {', '    this.items.push(item);', '    this.changed();', '  }', '', '  total(): number {', '    return this.items.reduce((sum, i) => sum + i.cost, 0);', '  }'].join('\n');
  const r = applyEdits(CLASS, [{ oldText: old, newText: old.replace('i.cost', 'i.cost * 2') }]);
  assert.equal(r.ok, false);
  const error = r.ok ? '' : r.error;
  assert.match(error, /not an exact copy/);
  assert.match(error, /10→ {4}return this\.items\.reduce/);
});

test('similarity: two equally close regions are refused as ambiguous', () => {
  const block = (n: string): string => [`function ${n}(a) {`, '  const x = compute(a);', '  const y = transform(x);', '  return finish(y);', '}'].join('\n');
  const file = `${block('one')}\n\n${block('two')}\n`;
  const old = ['function three(a) {', '  const x = compute(a);', '  const y = transform(x);', '  return finish(y);', '}'].join('\n');
  const r = applyEdits(file, [{ oldText: old, newText: old.replace('finish', 'done') }]);
  assert.equal(r.ok, false);
});

test('similarity: a region that resembles old_text only through lines found elsewhere too is refused', () => {
  const fn = (name: string, table: string, extra: string[] = []): string[] => [
    `function ${name}(id) {`,
    `  const row = ${table}.find(id);`,
    ...extra,
    '  if (!row) throw new HttpError(404, `record ${id} was not found in the database`);',
    "  await auditLog.record('read', row, { actor: currentUser(), at: Date.now() });",
    '  return row;',
    '}',
    '',
  ];
  const file = [...fn('getTeam', 'teams'), ...fn('getProject', 'projects', ['  if (row?.archived) return undefined;', '  row.owner = await owners.lookup(row.ownerId);'])].join('\n');
  const deleted = fn('getUser', 'users').slice(0, 6).join('\n');
  const r = applyEdits(file, [{ oldText: deleted, newText: deleted.replace('404', '410') }]);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /resembles lines 1-6 \(\d+% similar\), but only through lines that also occur elsewhere/);
  const stale = fn('getTeam', 'teams').slice(0, 6).join('\n').replace("'read'", "'get'");
  const ok = applyEdits(file, [{ oldText: stale, newText: stale.replace('404', '410') }]);
  assert.ok(ok.ok, ok.ok ? '' : ok.error);
  assert.equal(ok.applied[0]?.level, 'similarity');
  assert.equal(ok.content, file.replace('404', '410'));
});

test('elided old_text: `...` inside old_text pins the block by its first and last lines', () => {
  const r = applied(applyEdits(CLASS, [{ oldText: '  add(item: Item): void {\n    // ...\n  }', newText: '  add(item: Item): void {\n    this.items = [...this.items, item];\n  }' }]));
  assert.deepEqual(r.lines, [4, 7]);
  assert.equal(r.content, CLASS.replace('    this.items.push(item);\n    this.changed();\n', '    this.items = [...this.items, item];\n'));
});

test('elided old_text: a Python body is pinned by indentation', () => {
  const py = 'def a(x):\n    y = x + 1\n    return y\n\ndef b(x):\n    return x\n';
  const r = applied(applyEdits(py, [{ oldText: 'def a(x):\n    ...\n    return y', newText: 'def a(x):\n    return x + 1' }]));
  assert.equal(r.content, 'def a(x):\n    return x + 1\n\ndef b(x):\n    return x\n');
});

test('elided old_text: a region the parts cannot pin is refused', () => {
  const r = applyEdits(CLASS, [{ oldText: '  }\n  ...\n  }', newText: '  }' }]);
  assert.equal(r.ok, false);
});
