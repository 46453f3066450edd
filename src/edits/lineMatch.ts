// The ladder's text rungs: every place old_text occurs exactly, line by line ignoring trailing whitespace (and line
// endings), or up to a uniform indentation offset. Each returns candidates as offset ranges of the original; the
// scans compare in place, without copying the file's lines.
import type { FileText } from './fileText';
import { detectShift, type IndentShift } from './indentation';
import { isBlank, trimTrailing, type Block } from './textLines';

export interface Candidate {
  readonly start: number;
  readonly end: number;
  /** Indentation rung: how to re-indent new_text for this place. */
  readonly shift?: IndentShift;
  /** old_text ended with a line break the file's last line lacks: drop new_text's final line break too. */
  readonly dropTrailingNewline?: boolean;
}

/** Every occurrence, overlapping ones included (they make old_text just as ambiguous), left to right. */
export function exactMatches(text: string, old: string): Candidate[] {
  const out: Candidate[] = [];
  if (old === '') return out;
  for (let i = text.indexOf(old); i >= 0; i = text.indexOf(old, i + 1)) out.push({ start: i, end: i + old.length });
  return out;
}

/** The candidates left to right, skipping any that overlaps one already taken (for replace_all). */
export function nonOverlapping(candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of [...candidates].sort((a, b) => a.start - b.start)) {
    const prev = out[out.length - 1];
    if (!prev || c.start >= prev.end) out.push(c);
  }
  return out;
}

/**
 * Occurrences of old_text's lines compared without trailing spaces and tabs; with `matchCr` a line's \r must agree
 * too (the trailing-whitespace rung), without it line endings are ignored (the line-endings rung). As with a plain
 * substring search, the first line may be the end of a file line and the last line the start of one.
 */
export function lineWiseMatches(file: FileText, oldText: string, matchCr: boolean): Candidate[] {
  const raw = oldText.split('\n');
  const cr = raw.map((l) => l.endsWith('\r'));
  const lines = raw.map((l) => trimTrailing(l, false));
  const m = lines.length;
  const first = lines[0] ?? '';
  const last = lines[m - 1] ?? '';
  const out: Candidate[] = [];
  /** A match reaching the end of a line's text also takes the line's trailing blanks. */
  const endAt = (line: number, end: number): number => (end === file.trimmedEnd(line) ? file.contentEnd(line) : end);
  if (m === 1) {
    if (first === '') return out;
    for (let k = file.text.indexOf(first); k >= 0; k = file.text.indexOf(first, k + 1)) {
      const line = file.lineOf(k);
      if (k + first.length <= file.trimmedEnd(line)) out.push({ start: k, end: endAt(line, k + first.length) });
    }
    return out;
  }
  if (lines.every((l) => l === '')) return out;
  const crOk = (i: number, k: number): boolean => !matchCr || file.hasCr(i) === cr[k];
  const mid = m >= 3 ? (lines[1] ?? '') : undefined;
  for (let i = 0; i + m <= file.lineCount; i++) {
    if (mid !== undefined && !file.equals(file.start(i + 1), file.trimmedEnd(i + 1), mid)) continue;
    const headEnd = file.trimmedEnd(i);
    const start = headEnd - first.length;
    if (start < file.start(i) || !file.text.startsWith(first, start) || !crOk(i, 0)) continue;
    let ok = true;
    for (let k = 1; k < m - 1 && ok; k++) ok = file.equals(file.start(i + k), file.trimmedEnd(i + k), lines[k] ?? '') && crOk(i + k, k);
    const tail = file.start(i + m - 1);
    if (!ok || tail + last.length > file.trimmedEnd(i + m - 1) || !file.text.startsWith(last, tail)) continue;
    out.push({ start, end: last === '' ? tail : endAt(i + m - 1, tail + last.length) });
  }
  return out;
}

/** Where the block's lines match whole file lines apart from indentation, with a uniform offset. */
export function indentMatches(file: FileText, block: Block): Candidate[] {
  const out: Candidate[] = [];
  const lines = block.lines;
  const m = lines.length;
  if (m === 0 || lines.every(isBlank)) return out;
  const trimmed = lines.map((l) => l.trim());
  const same = (i: number, k: number): boolean => file.equals(file.trimmedStart(i), file.trimmedEnd(i), trimmed[k] ?? '');
  const count = file.visibleLineCount;
  for (let i = 0; i + m <= count; i++) {
    if (!same(i, 0)) continue;
    let ok = true;
    for (let k = 1; k < m && ok; k++) ok = same(i + k, k);
    if (!ok) continue;
    const shift = detectShift(lines, Array.from({ length: m }, (_, k) => file.line(i + k)));
    if (shift) out.push({ ...blockRange(file, i, m, block), shift });
  }
  return out;
}

/** The offset range of m whole lines from line i, widened by the block's leading and trailing line breaks. */
export function blockRange(file: FileText, i: number, m: number, block: Block): { start: number; end: number; dropTrailingNewline?: boolean } {
  const last = i + m - 1;
  const start = block.leadingNewline && i > 0 ? file.contentEnd(i - 1) : file.start(i);
  if (!block.trailingNewline) return { start, end: file.contentEnd(last) };
  if (file.hasEol(last)) return { start, end: file.start(last + 1) };
  return { start, end: file.contentEnd(last), dropTrailingNewline: true };
}
