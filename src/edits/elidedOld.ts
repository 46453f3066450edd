// old_text with lines left out as `...` (or `// ...`): the parts around the gap must pin one region of the file, which
// is then replaced as a whole. The gap must stay inside the block the first part opens (until its brackets close,
// or, without brackets, while lines stay indented under it); of several such regions, the one ending exactly where
// the block closes wins, and otherwise more than one is ambiguous.
import type { FileText } from './fileText';
import type { IndentShift } from './indentation';
import { isElisionLine } from './elision';
import type { Candidate } from './lineMatch';
import { leadingWhitespace, splitLines } from './textLines';
import { MATCH_LEVELS, type MatchLevel } from './types';

export interface RungMatches {
  readonly level: MatchLevel;
  readonly candidates: readonly Candidate[];
}

export type ElidedResult =
  | { readonly ok: true; readonly start: number; readonly end: number; readonly level: MatchLevel; readonly shift?: IndentShift; readonly dropTrailingNewline?: boolean }
  | { readonly ok: false; readonly error: string };

const MAX_BRANCH = 6;
const MAX_CHAINS = 12;

function bracketDelta(line: string): number {
  const code = line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '').replace(/\/\/.*$/, '');
  let d = 0;
  for (const ch of code) {
    if (ch === '{' || ch === '(' || ch === '[') d++;
    else if (ch === '}' || ch === ')' || ch === ']') d--;
  }
  return d;
}

/** Where the block around each head ends, cached per head. */
class BlockLimit {
  private cache = new Map<number, number>();

  constructor(private readonly file: FileText) {}

  first(c: Candidate): number {
    return this.file.lineOf(c.start);
  }

  last(c: Candidate): number {
    return this.file.lineOf(Math.max(c.end - 1, c.start));
  }

  /**
   * The last line a gap after this head may reach: the line where the brackets the head opens close; without open
   * brackets, the first line indented less than the head (or not deeper, after a `:` block opener).
   */
  of(head: Candidate): number {
    const cached = this.cache.get(head.start);
    if (cached !== undefined) return cached;
    const file = this.file;
    const from = this.first(head);
    const headEnd = this.last(head);
    let depth = 0;
    for (let i = from; i <= headEnd; i++) depth += bracketDelta(file.line(i));
    let limit = file.lineCount - 1;
    if (depth < 0) limit = headEnd;
    else if (depth > 0) {
      for (let i = headEnd + 1; i < file.lineCount; i++) {
        depth += bracketDelta(file.line(i));
        if (depth <= 0) {
          limit = i;
          break;
        }
      }
    } else {
      const base = leadingWhitespace(file.line(from)).length;
      const opener = file.line(headEnd).trimEnd().endsWith(':');
      for (let i = headEnd + 1; i < file.lineCount; i++) {
        const l = file.line(i);
        const indent = leadingWhitespace(l).length;
        if (l.trim() !== '' && (indent < base || (opener && indent === base))) {
          limit = i;
          break;
        }
      }
    }
    this.cache.set(head.start, limit);
    return limit;
  }

  plausible(chain: readonly Candidate[]): boolean {
    const head = chain[0];
    const tail = chain[chain.length - 1];
    return head !== undefined && tail !== undefined && this.first(tail) <= this.of(head);
  }

  /** The tail ends exactly where the head's block closes. */
  closes(chain: readonly Candidate[]): boolean {
    const head = chain[0];
    const tail = chain[chain.length - 1];
    return head !== undefined && tail !== undefined && this.last(tail) === this.of(head);
  }
}

/** Only candidates that cover whole lines (whitespace aside): the parts around a "..." are lines. */
function wholeLines(file: FileText, cands: readonly Candidate[]): Candidate[] {
  return cands.filter((c) => {
    const a = file.lineOf(c.start);
    const b = file.lineOf(Math.max(c.end - 1, c.start));
    const before = file.text.slice(file.start(a), c.start);
    const after = c.end >= file.contentEnd(b) ? '' : file.text.slice(c.end, file.contentEnd(b));
    return before.trim() === '' && after.trim() === '';
  });
}

function chainsFrom(found: readonly RungMatches[], check: BlockLimit): Candidate[][] {
  const out: Candidate[][] = [];
  const extend = (chain: Candidate[]): void => {
    if (out.length >= MAX_CHAINS) return;
    if (chain.length === found.length) {
      if (check.plausible(chain)) out.push(chain);
      return;
    }
    const prevEnd = chain[chain.length - 1]?.end ?? 0;
    const head = chain[0];
    const limit = head ? check.of(head) : 0;
    const last = chain.length === found.length - 1;
    let branches = 0;
    for (const c of found[chain.length]?.candidates ?? []) {
      if (c.start < prevEnd) continue;
      if (check.first(c) > limit || (!last && branches++ >= MAX_BRANCH) || out.length >= MAX_CHAINS) break;
      extend([...chain, c]);
    }
  };
  for (const head of found[0]?.candidates ?? []) extend([head]);
  return out;
}

function describe(file: FileText, start: number, end: number): string {
  const a = file.lineOf(start) + 1;
  const b = file.lineOf(Math.max(end - 1, start)) + 1;
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}

/** Undefined when old_text has no placeholder line; else the one region it pins, or why it pins none. */
export function locateElided(file: FileText, oldText: string, findAll: (segment: string) => RungMatches | undefined): ElidedResult | undefined {
  const lines = splitLines(oldText);
  if (!lines.some((l) => isElisionLine(l))) return undefined;
  const segments: string[][] = [[]];
  for (const l of lines) {
    if (isElisionLine(l)) segments.push([]);
    else segments[segments.length - 1]?.push(l);
  }
  const parts = segments.filter((s) => s.some((l) => l.trim() !== '')).map((s) => s.join('\n'));
  if (parts.length === 0) return { ok: false, error: 'old_text is only a placeholder ("..."); copy the actual lines to replace from the file.' };
  const found: RungMatches[] = [];
  for (const [k, part] of parts.entries()) {
    const all = findAll(part);
    const r = all && { level: all.level, candidates: wholeLines(file, all.candidates) };
    if (!r || r.candidates.length === 0) {
      const which = k === 0 ? 'the part before the "..."' : `the part after the ${k === 1 ? '' : `${k}th `}"..."`;
      return { ok: false, error: `old_text leaves lines out with a "..." line, and ${which} (${JSON.stringify(part.split('\n')[0]?.trim())}) is not in the file. Copy old_text exactly from the file, in full, without "...".` };
    }
    found.push(r);
  }
  const limits = new BlockLimit(file);
  const plausible = chainsFrom(found, limits);
  const closing = plausible.filter((c) => limits.closes(c));
  const chains = plausible.length > 1 && closing.length === 1 ? closing : plausible;
  const level = found.map((f) => f.level).reduce<MatchLevel>((a, b) => (MATCH_LEVELS.indexOf(b) > MATCH_LEVELS.indexOf(a) ? b : a), 'exact');
  const only = chains[0];
  if (chains.length === 1 && only) {
    const head = only[0] ?? { start: 0, end: 0 };
    const tail = only[only.length - 1] ?? head;
    return { ok: true, start: head.start, end: tail.end, level, shift: head.shift, dropTrailingNewline: tail.dropTrailingNewline };
  }
  if (chains.length === 0) {
    const heads = (found[0]?.candidates ?? []).slice(0, 5).map((c) => describe(file, c.start, c.end)).join(', ');
    return { ok: false, error: `old_text leaves lines out with a "..." line, and the parts around it do not pin a region: the part before it is at ${heads}, but no matching part after it closes that block. Copy the lines you want to replace exactly and in full, without "...".` };
  }
  const regions = chains.slice(0, 6).map((c) => describe(file, (c[0] ?? { start: 0 }).start, (c[c.length - 1] ?? { end: 0 }).end));
  return { ok: false, error: `old_text with its "..." fits ${chains.length} regions (${regions.join(', ')}). Include more lines around the "..." so it fits exactly one, or copy the lines in full.` };
}
