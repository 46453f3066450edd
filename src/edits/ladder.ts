// The matching ladder: locates one edit's old_text in the original, strictest rung first, stopping at the first rung
// that matches; exactly one match (or replace_all) is required, and the replacement is adapted to the place found
// (line endings, indentation, a merge onto the file's lines at the similarity rung).
import { locateElided, type RungMatches } from './elidedOld';
import type { FileText } from './fileText';
import { shiftText } from './indentation';
import { exactMatches, indentMatches, lineWiseMatches, nonOverlapping, type Candidate } from './lineMatch';
import { NEAR_LINES, numberedNewText, stripLineNumbers } from './lineNumbers';
import { mergeIntoWindow } from './merge';
import { ambiguous, conflict, notFound, similarTwice } from './messages';
import { overlaps, rankWindows } from './similarity';
import { toBlock, toEol } from './textLines';
import type { Located, MatchLevel, Span, TextEdit } from './types';

export const SIMILARITY_THRESHOLD = 0.9;
export const SIMILARITY_MARGIN = 0.05;

export interface LocateOptions {
  /** How errors name the text, e.g. "old_text" or "hunk 2". */
  readonly subject: string;
  /** 1-based line where the text is said to start (a hunk header); breaks a tie between identical matches. */
  readonly hintLine?: number;
  /** Matches must cover whole lines (diff hunks). */
  readonly wholeLines?: boolean;
  /** Whether the caller can set replace_all (edit_file can, a diff cannot): the ambiguity error offers it. */
  readonly canReplaceAll?: boolean;
}

function render(file: FileText, c: Candidate, newText: string): string {
  let text = shiftText(newText, c.shift);
  if (c.dropTrailingNewline) text = text.replace(/\r?\n$/, '');
  return toEol(text, file.eolAt(c.start));
}

/** The first three rungs, each run only when asked for. */
function textRungs(file: FileText, old: string): [MatchLevel, () => Candidate[]][] {
  return [
    ['exact', () => exactMatches(file.text, old)],
    ['trailing_whitespace', () => lineWiseMatches(file, old, true)],
    ['line_endings', () => lineWiseMatches(file, old, false)],
  ];
}

function isWholeLines(file: FileText, c: Candidate): boolean {
  const a = file.lineOf(c.start);
  const b = file.lineOf(Math.max(c.start, c.end - 1));
  return c.start === file.start(a) && (c.end === file.contentEnd(b) || (file.hasEol(b) && c.end === file.start(b + 1)));
}

function choose(file: FileText, level: MatchLevel, cands: readonly Candidate[], newText: string, edit: TextEdit, opts: LocateOptions): Located {
  const spans = (cs: readonly Candidate[]): Span[] => cs.map((c) => ({ start: c.start, end: c.end, text: render(file, c, newText) }));
  if (cands.length === 1 || edit.replaceAll) return { ok: true, level, spans: spans(nonOverlapping(cands)) };
  const lines = cands.map((c) => file.lineOf(c.start) + 1);
  const hinted = cands.filter((c) => file.lineOf(c.start) + 1 === opts.hintLine);
  if (hinted.length === 1) return { ok: true, level, spans: spans(hinted) };
  return { ok: false, error: ambiguous(opts.subject, level, [...new Set(lines)], opts.canReplaceAll ?? true) };
}

/** The first of the text rungs (exact … indentation) where `old` occurs at all, with every candidate there. */
function firstRungWithMatches(file: FileText, old: string): RungMatches | undefined {
  for (const [level, run] of textRungs(file, old)) {
    const candidates = run();
    if (candidates.length > 0) return { level, candidates };
  }
  const indent = indentMatches(file, toBlock(old));
  return indent.length > 0 ? { level: 'indentation', candidates: indent } : undefined;
}

function similarity(file: FileText, old: string, newText: string, opts: LocateOptions): Located {
  const block = toBlock(old);
  const ranked = rankWindows(file, block.lines);
  const best = ranked[0];
  if (!best || best.score < SIMILARITY_THRESHOLD || block.lines.filter((l) => l.trim() !== '').length < 2) {
    return { ok: false, error: notFound(file, opts.subject, block.lines, ranked) };
  }
  const second = ranked.find((w) => !overlaps(w, best));
  if ((second && best.score - second.score < SIMILARITY_MARGIN) || !best.distinctive) return { ok: false, error: similarTwice(file, opts.subject, best, second) };
  const windowLines = Array.from({ length: best.length }, (_, k) => file.line(best.start + k));
  const merged = mergeIntoWindow(block.lines, newText === '' ? [] : toBlock(newText).lines, windowLines);
  if (!merged.ok) return { ok: false, error: conflict(file, opts.subject, best, merged.conflicts) };
  const last = best.start + best.length - 1;
  const start = file.start(best.start);
  const eol = file.eolAt(start);
  if (merged.lines.length === 0) {
    const range = file.hasEol(last) ? { start, end: file.start(last + 1) } : { start: best.start > 0 ? file.contentEnd(best.start - 1) : start, end: file.contentEnd(last) };
    return { ok: true, level: 'similarity', spans: [{ ...range, text: '' }] };
  }
  return { ok: true, level: 'similarity', spans: [{ start, end: file.contentEnd(last), text: merged.lines.join(eol) }] };
}

/** Where one edit goes in the original, or an error a model can act on. */
export function locate(file: FileText, edit: TextEdit, opts: LocateOptions): Located {
  let old = edit.oldText;
  let newText = edit.newText;
  if (old === '') return { ok: false, error: `${opts.subject} is empty. To insert text, put the line before or after the insertion point in old_text and repeat it in new_text; to create a file, use write_file.` };
  const numbered = numberedNewText(old, newText);
  if (numbered) return { ok: false, error: numbered };
  const keep = (cs: readonly Candidate[]): Candidate[] => (opts.wholeLines ? cs.filter((c) => isWholeLines(file, c)) : [...cs]);
  for (const [level, run] of textRungs(file, old)) {
    const cands = keep(run());
    if (cands.length > 0) return choose(file, level, cands, newText, edit, opts);
  }
  const stripped = stripLineNumbers(old, newText, file.visibleLineCount);
  if (stripped && !stripped.ok) return { ok: false, error: stripped.error };
  if (stripped) {
    const claimed = stripped.claimedLine;
    const near = (c: Candidate): boolean => claimed === undefined || Math.abs(file.lineOf(c.start) + 1 - claimed) <= NEAR_LINES;
    for (const v of stripped.variants) {
      const cands = keep(lineWiseMatches(file, v.oldText, false)).filter(near);
      if (cands.length > 0) return choose(file, 'line_numbers', cands, v.newText, edit, opts);
    }
    const first = stripped.variants[0];
    if (first) [old, newText] = [first.oldText, first.newText];
  }
  const indented = keep(indentMatches(file, toBlock(old)));
  if (indented.length > 0) return choose(file, 'indentation', indented, newText, edit, opts);
  const elided = locateElided(file, old, (segment) => firstRungWithMatches(file, segment));
  if (elided) {
    if (!elided.ok) return elided;
    const c: Candidate = { start: elided.start, end: elided.end, shift: elided.shift, dropTrailingNewline: elided.dropTrailingNewline };
    return { ok: true, level: elided.level, spans: [{ start: c.start, end: c.end, text: render(file, c, newText) }] };
  }
  if (edit.replaceAll) return { ok: false, error: notFound(file, opts.subject, toBlock(old).lines) };
  return similarity(file, old, newText, opts);
}
