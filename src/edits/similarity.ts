// The last rung's search: candidate line windows found through anchor lines (lines of old_text that occur verbatim,
// whitespace aside, in the file), each scored by a line-aligned normalized edit similarity. Bounded: only a few
// windows around the best-voted anchors are scored, so a 20,000-line file costs a few milliseconds.
import type { FileText } from './fileText';
import { collapse } from './textLines';

/** A run of file lines: 0-based first line, count, similarity in [0, 1]. */
export interface Window {
  readonly start: number;
  readonly length: number;
  readonly score: number;
}

const MAX_STARTS = 8;
const MAX_ANCHOR_OCCURRENCES = 50;
const MIN_ANCHOR_CHARS = 4;
const MAX_LEV_CELLS = 250_000;

/** Pairs [oldIndex, windowIndex] of equal lines, in order (a longest common subsequence). */
export function alignLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const m = a.length;
  const n = b.length;
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
  let prev = new Int32Array(b.length + 1).map((_, j) => j);
  let cur = new Int32Array(b.length + 1);
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

/** Similarity of two blocks of collapsed lines: characters kept along a line alignment over the larger block's size. */
export function blockSimilarity(a: readonly string[], b: readonly string[]): number {
  const weight = (lines: readonly string[]): number => lines.reduce((s, l) => s + l.length + 1, 0);
  const total = Math.max(weight(a), weight(b));
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

/** Window starts voted for by anchors: old lines found (trimmed) in the file, each occurrence voting for its offset. */
function candidateStarts(file: FileText, oldTrimmed: readonly string[]): number[] {
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
    const line = byLength.get(b - a)?.find((w) => file.text.startsWith(w, a));
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
  return [...votes.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, MAX_STARTS)
    .map(([s]) => s);
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
  const spread = m > 100 ? 1 : 2;
  const seen = new Set<string>();
  const out: Window[] = [];
  for (const s of candidateStarts(file, oldLines.map((l) => l.trim()))) {
    for (let shift = -spread + 1; shift <= spread - 1; shift++) {
      for (let length = Math.max(1, m - spread); length <= m + spread; length++) {
        const start = Math.max(0, Math.min(s + shift, n - 1));
        const len = Math.min(length, n - start);
        const key = `${start}:${len}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const window = Array.from({ length: len }, (_, k) => lineAt(start + k));
        out.push({ start, length: len, score: blockSimilarity(old, window) });
      }
    }
  }
  return out.sort((a, b) => b.score - a.score || Math.abs(a.length - m) - Math.abs(b.length - m) || a.start - b.start);
}

export function overlaps(a: Window, b: Window): boolean {
  return a.start < b.start + b.length && b.start < a.start + a.length;
}

/** The line most like `line` by character bigrams, for pointing at something when no anchor exists. */
export function closestLine(file: FileText, line: string): number | undefined {
  const grams = (s: string): Map<string, number> => {
    const g = new Map<string, number>();
    for (let i = 0; i + 1 < s.length; i++) g.set(s.slice(i, i + 2), (g.get(s.slice(i, i + 2)) ?? 0) + 1);
    return g;
  };
  const probe = line.trim();
  const target = grams(probe);
  if (target.size === 0) return undefined;
  let best: number | undefined;
  let bestScore = 0;
  for (let i = 0; i < file.lineCount; i++) {
    const l = file.line(i).trim();
    if (l.length < 2) continue;
    const g = grams(l);
    let common = 0;
    for (const [k, c] of g) common += Math.min(c, target.get(k) ?? 0);
    const score = (2 * common) / (l.length - 1 + probe.length - 1);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return bestScore >= 0.3 ? best : undefined;
}
