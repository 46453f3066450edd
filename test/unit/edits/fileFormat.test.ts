// decode → encode gives back the same bytes, and the file keeps its BOM, encoding, line endings and final newline.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, contentHash, decodeFile, encodeFile, isProbablyBinary } from '../../../src/edits';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function roundTrip(bytes: Uint8Array): void {
  const { text, format } = decodeFile(bytes);
  assert.deepEqual(Buffer.from(encodeFile(text, format)), Buffer.from(bytes));
}

test('UTF-8 with and without BOM', () => {
  const plain = decodeFile(utf8('héllo\n'));
  assert.equal(plain.text, 'héllo\n');
  assert.deepEqual(plain.format, { encoding: 'utf8', bom: false, eol: '\n', mixedEol: false, finalNewline: true });
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('x\r\ny')]);
  const d = decodeFile(bom);
  assert.equal(d.text, 'x\r\ny');
  assert.deepEqual(d.format, { encoding: 'utf8', bom: true, eol: '\r\n', mixedEol: false, finalNewline: false });
  roundTrip(bom);
});

test('UTF-16 LE and BE with BOM', () => {
  const le = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00, 0xe9, 0x00]);
  assert.equal(decodeFile(le).text, 'a\né');
  assert.equal(decodeFile(le).format.encoding, 'utf16le');
  roundTrip(le);
  const be = new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x20, 0xac]);
  assert.equal(decodeFile(be).text, 'a€');
  roundTrip(be);
  assert.equal(isProbablyBinary(le), false, 'NUL bytes of UTF-16 are not binary');
});

test('bytes that are not UTF-8 are kept one byte per character', () => {
  const latin = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]);
  const d = decodeFile(latin);
  assert.equal(d.text, 'café\n');
  assert.equal(d.format.encoding, 'latin1');
  roundTrip(latin);
});

test('line endings: CRLF, LF, mixed (dominant, written back untouched)', () => {
  assert.equal(decodeFile(utf8('a\r\nb\r\nc\n')).format.eol, '\r\n');
  assert.equal(decodeFile(utf8('a\r\nb\nc\n')).format.mixedEol, true);
  roundTrip(utf8('a\r\nb\nc\r\n'));
  roundTrip(utf8('a\nb'));
  roundTrip(utf8(''));
});

test('encodeFile keeps a CRLF file CRLF and the final newline as it was', () => {
  const { format } = decodeFile(utf8('a\r\nb\r\n'));
  assert.equal(Buffer.from(encodeFile('a\nb\nc', format)).toString(), 'a\r\nb\r\nc\r\n');
  const noFinal = decodeFile(utf8('a\nb')).format;
  assert.equal(Buffer.from(encodeFile('a\nb\nc\n', noFinal)).toString(), 'a\nb\nc');
});

test('edits keep a CRLF file CRLF even when old_text and new_text use LF', () => {
  const original = 'one\r\ntwo\r\nthree\r\n';
  const r = applyEdits(original, [{ oldText: 'one\ntwo', newText: 'one\n1.5\ntwo' }]);
  assert.ok(r.ok);
  assert.equal(r.content, 'one\r\n1.5\r\ntwo\r\nthree\r\n');
});

test('edits keep a file without a final newline without one', () => {
  const r = applyEdits('a\nb', [{ oldText: 'b\n', newText: 'c\n' }]);
  assert.ok(r.ok);
  assert.equal(r.content, 'a\nc');
});

test('binary detection: NUL bytes or mostly control characters', () => {
  assert.equal(isProbablyBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])), true);
  assert.equal(isProbablyBinary(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 0x41])), true);
  assert.equal(isProbablyBinary(utf8('plain text\twith tabs\r\n')), false);
  assert.equal(isProbablyBinary(new Uint8Array()), false);
});

test('contentHash: stable, sensitive to any change, sync and pure', () => {
  const text = 'export const x = 1;\n';
  assert.equal(contentHash(text), contentHash(`${text}`));
  assert.notEqual(contentHash(text), contentHash(text.replace('1', '2')));
  assert.notEqual(contentHash(text), contentHash(text.replace('\n', '\r\n')));
  assert.notEqual(contentHash(''), contentHash(' '));
  assert.match(contentHash(text), /^[0-9a-f]{16}-[0-9a-z]+$/);
});
