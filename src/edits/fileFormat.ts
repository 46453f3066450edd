// Bytes ⇄ text for the tools, keeping what the file had: encoding and BOM, line endings, the final newline or its
// absence. decodeFile followed by encodeFile gives back the same bytes.
import type { FileFormat } from './types';

const SNIFF_BYTES = 8192;

function utf16(bytes: Uint8Array, offset: number, littleEndian: boolean): string {
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = offset; i + 1 < bytes.length; i += 2) {
    const lo = bytes[i] ?? 0;
    const hi = bytes[i + 1] ?? 0;
    chunk.push(littleEndian ? lo | (hi << 8) : (lo << 8) | hi);
    if (chunk.length === 4096) parts.push(String.fromCharCode(...chunk.splice(0)));
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}

function latin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4096) parts.push(String.fromCharCode(...bytes.subarray(i, i + 4096)));
  return parts.join('');
}

function eolStyle(text: string): Pick<FileFormat, 'eol' | 'mixedEol' | 'finalNewline'> {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return { eol: crlf > lf ? '\r\n' : '\n', mixedEol: crlf > 0 && lf > 0, finalNewline: text.endsWith('\n') };
}

export function decodeFile(bytes: Uint8Array): { text: string; format: FileFormat } {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  let text: string;
  let encoding: FileFormat['encoding'] = 'utf8';
  let bom = true;
  const even = bytes.length % 2 === 0;
  if (b0 === 0xff && b1 === 0xfe && even) [text, encoding] = [utf16(bytes, 2, true), 'utf16le'];
  else if (b0 === 0xfe && b1 === 0xff && even) [text, encoding] = [utf16(bytes, 2, false), 'utf16be'];
  else {
    bom = b0 === 0xef && b1 === 0xbb && b2 === 0xbf;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    } catch {
      [text, encoding, bom] = [latin1(bytes), 'latin1', false];
    }
  }
  return { text, format: { encoding, bom, ...eolStyle(text) } };
}

function encodeUtf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const offset = bom ? 2 : 0;
  const out = new Uint8Array(offset + text.length * 2);
  if (bom) out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[offset + 2 * i] = littleEndian ? c & 0xff : c >> 8;
    out[offset + 2 * i + 1] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

function fitsLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** The text in the file's shape: its line ending (unless the file mixes them) and its final-newline state. */
export function conformText(text: string, format: FileFormat): string {
  let out = format.mixedEol ? text : format.eol === '\r\n' ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
  if (format.finalNewline && out !== '' && !out.endsWith('\n')) out += format.eol;
  else if (!format.finalNewline && out.endsWith('\n')) out = out.replace(/\r?\n$/, '');
  return out;
}

/**
 * Bytes for the text in the file's format. A latin1 file that gained characters beyond U+00FF is written as UTF-8,
 * the only choice that loses nothing.
 */
export function encodeFile(text: string, format: FileFormat): Uint8Array {
  const body = conformText(text, format);
  if (format.encoding === 'utf16le' || format.encoding === 'utf16be') return encodeUtf16(body, format.encoding === 'utf16le', format.bom);
  if (format.encoding === 'latin1' && fitsLatin1(body)) return Uint8Array.from(body, (ch) => ch.charCodeAt(0));
  const utf8 = new TextEncoder().encode(body);
  if (!format.bom) return utf8;
  const out = new Uint8Array(utf8.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(utf8, 3);
  return out;
}

/** NUL bytes (outside UTF-16) or mostly control characters in the first 8 KB. */
export function isProbablyBinary(bytes: Uint8Array): boolean {
  const [b0, b1] = [bytes[0], bytes[1]];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return false;
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27 && b !== 8) control++;
  }
  return n > 0 && control / n > 0.3;
}
