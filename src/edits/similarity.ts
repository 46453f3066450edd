// The last rung's search: candidate line windows found through anchor lines (lines of old_text that occur verbatim,
// whitespace aside, in the file), each scored by a line-aligned normalized edit similarity. Bounded: only a few
// windows around the best-voted anchors are scored, so a 20,000-line file costs a few milliseconds.
import { diffArrays } from 'diff';
import type { FileText } from './fileText';
import { collapse } from './textLines';

/** A run of file lines: 0-based first line, count, similarity in [0, 1]. */
export interface Window {
  readonly start: number;
  readonly length: number;
  readonly score: number;
  /** It contains a line of old_text that occurs nowhere else in the file (not just lines every similar block has). */
  readonly distinctive: boolean;
}

const MAX_STARTS = 8;
const MAX_ANCHOR_OCCURRENCES = 50;
const MIN_ANCHOR_CHARS = 4;
const MAX_LEV_CELLS = 250_000;
const MAX_LARGE_EDITS = 200;
/** Beyond this many lines old_text is scored at fewer places and lengths. */
const LARGE_BLOCK = 100;

/** Pairs from a Myers diff, for blocks too large for the quadratic table; none when they differ too much. */
function alignLarge(a: readonly string[], b: readonly string[]): [number, number][] {
  const changes = diffArrays([...a], [...b], { maxEditLength: MAX_LARGE_EDITS });
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  for (const c of changes ?? []) {
    if (c.added) j += c.count;
    else if (c.removed) i += c.count;
    else for (let k = 0; k < c.count; k++) pairs.push([i++, j++]);
  }
  return pairs;
}

/** Pairs [oldIndex, windowIndex] of equal lines, in order (a longest common subsequence). */
export function alignLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const m = a.length;
  const n = b.length;
  if (m * n > MAX_LEV_CELLS) return alignLarge(a, b);
  const dp = new Int32Array((m + 1) * (n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      dp[i * (n + 1) + j] = a[i] === b[j] ? (dp[(i + 1) * (n + 1) + j + 1] ?? 0) + 1 : Math.max(dp[(i + 1) * (n + 1) + j] ?? 0, dp[i * (n + 1) + j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if ((dp[(i + 1) * (n + 1) + j] ?? 0) >= (dp[i * (n + 1) + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/** Two reusable rows for levenshtein, grown as needed (the scorer calls it for many short lines). */
let rows: [Int32Array, Int32Array] = [new Int32Array(256), new Int32Array(256)];

/** Levenshtein distance; for very long lines an estimate from the common prefix and suffix. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length * b.length > MAX_LEV_CELLS) {
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    return Math.max(a.length, b.length) - p - s;
  }
  if (rows[0].length <= b.length) rows = [new Int32Array(2 * b.length + 2), new Int32Array(2 * b.length + 2)];
  let [prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/**
 * Similarity of two blocks of collapsed lines (Dice-style): twice the characters kept along a line alignment over
 * both blocks' sizes. A line the model left out costs half of what a wrong line costs.
 */
export function blockSimilarity(a: readonly string[], b: readonly string[]): number {
  const weight = (lines: readonly string[]): number => lines.reduce((s, l) => s + l.length + 1, 0);
  const total = (weight(a) + weight(b)) / 2;
  if (total === 0) return 1;
  let kept = 0;
  let pi = 0;
  let pj = 0;
  for (const [i, j] of [...alignLines(a, b), [a.length, b.length] as [number, number]]) {
    for (let k = 0; pi + k < i && pj + k < j; k++) {
      const x = a[pi + k] ?? '';
      const y = b[pj + k] ?? '';
      kept += Math.max(x.length, y.length) + 1 - levenshtein(x, y);
    }
    if (i < a.length) kept += (a[i] ?? '').length + 1;
    pi = i + 1;
    pj = j + 1;
  }
  return kept / total;
}

/**
 * Window starts voted for by anchors (old lines found, trimmed, in the file; each occurrence votes for its offset),
 * and the file lines that match an old line and occur only once.
 */
function candidateStarts(file: FileText, oldTrimmed: readonly string[]): { starts: number[]; unique: Set<number> } {
  const wanted = new Map<string, number[]>();
  oldTrimmed.forEach((line, i) => {
    if (line === '') return;
    const at = wanted.get(line);
    if (at) at.push(i);
    else wanted.set(line, [i]);
  });
  const byLength = new Map<number, string[]>();
  for (const line of wanted.keys()) {
    const list = byLength.get(line.length);
    if (list) list.push(line);
    else byLength.set(line.length, [line]);
  }
  const hits = new Map<string, number[]>();
  for (let j = 0; j < file.lineCount; j++) {
    const a = file.trimmedStart(j);
    const b = file.trimmedEnd(j);
    const sameLength = byLength.get(b - a);
    if (!sameLength) continue;
    let line: string | undefined;
    if (sameLength.length > 4) {
      const candidate = file.text.slice(a, b);
      if (wanted.has(candidate)) line = candidate;
    } else for (const w of sameLength) if (file.text.startsWith(w, a)) line = w;
    if (line === undefined) continue;
    const list = hits.get(line);
    if (list) list.push(j);
    else hits.set(line, [j]);
  }
  const votes = new Map<number, number>();
  const vote = (minChars: number): void => {
    for (const [line, olds] of wanted) {
      const at = hits.get(line);
      if (line.length < minChars || !at || at.length > MAX_ANCHOR_OCCURRENCES) continue;
      for (const i of olds) for (const j of at) votes.set(j - i, (votes.get(j - i) ?? 0) + 1);
    }
  };
  vote(MIN_ANCHOR_CHARS);
  if (votes.size === 0) vote(1);
  const unique = new Set<number>();
  for (const [line, at] of hits) if (at.length === 1 && line.length >= MIN_ANCHOR_CHARS && at[0] !== undefined) unique.add(at[0]);
  const starts = [...votes.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, oldTrimmed.length > LARGE_BLOCK ? 2 : MAX_STARTS)
    .map(([s]) => s);
  return { starts, unique };
}

/** Scored windows near the anchors, best first (ties: length closest to old_text's, then earliest). */
export function rankWindows(file: FileText, oldLines: readonly string[]): Window[] {
  const old = oldLines.map(collapse);
  const m = old.length;
  const n = Math.max(1, file.visibleLineCount);
  const collapsed = new Map<number, string>();
  const lineAt = (i: number): string => {
    let c = collapsed.get(i);
    if (c === undefined) {
      c = collapse(file.line(i));
      collapsed.set(i, c);
    }
    return c;
  };
  const spread = m > LARGE_BLOCK ? 1 : 2;
  const seen = new Set<string>();
  const out: Window[] = [];
  const { starts, unique } = candidateStarts(file, oldLines.map((l) => l.trim()));
  const anchored = [...unique];
  for (const s of starts) {
    for (let shift = -spread + 1; shift <= spread - 1; shift++) {
      for (let length = Math.max(1, m - spread); length <= m + spread; length++) {
        const start = Math.max(0, Math.min(s + shift, n - 1));
        const len = Math.min(length, n - start);
        const key = `${start}:${len}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const window = Array.from({ length: len }, (_, k) => lineAt(start + k));
        const distinctive = anchored.some((j) => j >= start && j < start + len);
        out.push({ start, length: len, score: blockSimilarity(old, window), distinctive });
      }
    }
  }
  return out.sort((a, b) => b.score - a.score || Math.abs(a.length - m) - Math.abs(b.length - m) || a.start - b.start);
}

export function overlaps(a: Window, b: Window): boolean {
  return a.start < b.start + b.length && b.start < a.start + a.length;
}

/** The line most like `line` by shared character bigrams (Dice over bigram sets), for pointing somewhere when no anchor exists. */
export function closestLine(file: FileText, line: string): number | undefined {
  const probe = line.trim();
  const target = new Set<number>();
  for (let i = 0; i + 1 < probe.length; i++) target.add(probe.charCodeAt(i) * 65536 + probe.charCodeAt(i + 1));
  if (target.size === 0) return undefined;
  const text = file.text;
  let best: number | undefined;
  let bestScore = 0;
  for (let j = 0; j < file.lineCount; j++) {
    const a = file.trimmedStart(j);
    const b = file.trimmedEnd(j);
    if (b - a < 2) continue;
    let common = 0;
    for (let i = a; i + 1 < b; i++) if (target.has(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1))) common++;
    const score = (2 * Math.min(common, target.size)) / (b - a - 1 + target.size);
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return bestScore >= 0.3 ? best : undefined;
}
