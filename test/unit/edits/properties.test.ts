// Property-based checks (fast-check): an exact edit always applies, and the engine never changes text outside the
// region it reports; formats round-trip.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, decodeFile, encodeFile } from '../../../src/edits';

const lineArb = fc.oneof(
  fc.constantFrom('', '}', '  return x;', 'if (a) {', '\tfoo(bar);', 'const y = 2;   ', '# note'),
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '{', '}', '(', ')', ';', 'x', '1', 'é'), maxLength: 12 }),
);
const textArb = fc.tuple(fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, final]) => lines.join(eol) + (final ? eol : ''));

/** Offsets of lines startLine..endLine (1-based) with their line breaks. */
function lineRange(text: string, startLine: number, endLine: number): [number, number] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return [starts[startLine - 1] ?? 0, starts[endLine] ?? text.length];
}

test('an exact old_text that occurs once always applies, exactly there', () => {
  fc.assert(
    fc.property(textArb, fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (text, a, b, replacement) => {
      const start = a % text.length;
      const end = Math.min(text.length, start + 1 + (b % 40));
      const oldText = text.slice(start, end);
      fc.pre(text.indexOf(oldText) === start && text.indexOf(oldText, start + 1) === -1);
      const newText = replacement.replace(/\r?\n/g, text.includes('\r\n') ? '\r\n' : '\n');
      const r = applyEdits(text, [{ oldText, newText }]);
      fc.pre(!(!r.ok && r.error.startsWith('new_text refused')));
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.applied[0]?.level, 'exact');
      assert.equal(r.content, text.slice(0, start) + newText + text.slice(end));
    }),
    { numRuns: 300 },
  );
});

test('whatever rung places an edit, text outside the reported lines is unchanged', () => {
  const mutate = fc.constantFrom('indent', 'dedent', 'trailing', 'crlf', 'numbers', 'none');
  fc.assert(
    fc.property(textArb, fc.nat(), fc.integer({ min: 1, max: 6 }), mutate, (text, a, count, how) => {
      const lines = text.split('\n');
      const first = a % lines.length;
      const chosen = lines.slice(first, Math.min(lines.length, first + count)).map((l) => l.replace(/\r$/, ''));
      let old = chosen.join('\n');
      if (how === 'indent') old = chosen.map((l) => `  ${l}`).join('\n');
      if (how === 'dedent') old = chosen.map((l) => l.replace(/^\s/, '')).join('\n');
      if (how === 'trailing') old = chosen.map((l) => `${l}  `).join('\n');
      if (how === 'crlf') old = chosen.join('\r\n');
      if (how === 'numbers') old = chosen.map((l, i) => `${String(first + i + 1).padStart(4)}→${l}`).join('\n');
      fc.pre(old.trim() !== '');
      const r = applyEdits(text, [{ oldText: old, newText: 'REPLACED' }]);
      if (!r.ok) return;
      const applied = r.applied[0];
      assert.ok(applied);
      const [s, e] = lineRange(text, applied.startLine, applied.endLine);
      assert.ok(r.content.startsWith(text.slice(0, s)), 'text before the region is unchanged');
      assert.ok(r.content.endsWith(text.slice(e)), 'text after the region is unchanged');
      assert.ok(r.content.includes('REPLACED'));
    }),
    { numRuns: 400 },
  );
});

test('several exact edits apply all together, each exactly in its place', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 }), (ids) => {
      const text = Array.from({ length: 41 }, (_, i) => `line number ${i};`).join('\n');
      const r = applyEdits(text, ids.map((i) => ({ oldText: `line number ${i};`, newText: `changed ${i};` })));
      assert.ok(r.ok);
      const expected = Array.from({ length: 41 }, (_, i) => (ids.includes(i) ? `changed ${i};` : `line number ${i};`)).join('\n');
      assert.equal(r.content, expected);
    }),
  );
});

test('decodeFile then encodeFile returns the same bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom<number[]>([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]), (body, bom) => {
      const bytes = new Uint8Array([...bom, ...(bom.length === 2 && body.length % 2 ? body.subarray(1) : body)]);
      const { text, format } = decodeFile(bytes);
      assert.deepEqual(Buffer.from(encodeFile(text, format)), Buffer.from(bytes));
    }),
    { numRuns: 300 },
  );
});

test('similarity: with a stale context line the edit lands exactly as meant, or is refused; a stale target is always refused', () => {
  const fileArb = fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 12, maxLength: 60 }).map((ns) => ns.map((n) => `  call${n % 7}(value${n}, ${n % 3 === 0 ? '"text"' : n});`));
  fc.assert(
    fc.property(fileArb, fc.nat(), fc.integer({ min: 4, max: 10 }), fc.nat(), fc.nat(), fc.boolean(), (lines, a, k, t0, c0, staleTarget) => {
      const s = a % (lines.length - k);
      const window = lines.slice(s, s + k);
      const t = t0 % k;
      const c = staleTarget ? t : (t + 1 + (c0 % (k - 1))) % k;
      const believed = window.map((l, i) => (i === c ? l.replace(');', ', 1);') : l));
      const meant = believed.map((l, i) => (i === t ? '  changed();' : l));
      const r = applyEdits(`${lines.join('\n')}\n`, [{ oldText: believed.join('\n'), newText: meant.join('\n') }]);
      if (staleTarget) {
        assert.equal(r.ok, false, 'a line the file does not have must not be changed');
        return;
      }
      if (!r.ok) return;
      const expected = lines.map((l, i) => (i === s + t ? '  changed();' : l));
      assert.equal(r.content, `${expected.join('\n')}\n`);
    }),
    { numRuns: 300 },
  );
});
