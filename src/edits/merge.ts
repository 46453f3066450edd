// Applying an edit to a region that only resembles old_text: the model's change (old_text → new_text) is carried onto
// the file's actual lines, like a three-way merge. Lines the model keeps stay as the file has them; the lines it
// changes or deletes must be in the file (whitespace aside), else it is a conflict and nothing is applied. Text
// inserted where the file has lines the model did not show goes right after the line before it only when those
// lines are blank (models drop blank lines); otherwise the place is unclear and it is a conflict.
import { diffArrays } from 'diff';
import { detectShift, shiftLine, type IndentShift } from './indentation';
import { alignLines } from './similarity';
import { collapse, trimTrailing } from './textLines';

export type MergeResult = { readonly ok: true; readonly lines: string[] } | { readonly ok: false; readonly conflicts: string[] };

interface Hunk {
  readonly oStart: number;
  readonly oEnd: number;
  readonly added: readonly string[];
}

function hunksOf(oldLines: readonly string[], newLines: readonly string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let oi = 0;
  let open: { oStart: number; oEnd: number; added: string[] } | undefined;
  const a = oldLines.map((l) => trimTrailing(l, false));
  const b = newLines.map((l) => trimTrailing(l, false));
  for (const change of diffArrays(a, b)) {
    if (!change.added && !change.removed) {
      if (open) hunks.push(open);
      open = undefined;
      oi += change.count;
      continue;
    }
    open ??= { oStart: oi, oEnd: oi, added: [] };
    if (change.removed) {
      oi += change.count;
      open.oEnd = oi;
    } else open.added.push(...change.value);
  }
  if (open) hunks.push(open);
  return hunks;
}

export function mergeIntoWindow(oldLines: readonly string[], newLines: readonly string[], windowLines: readonly string[]): MergeResult {
  const m = oldLines.length;
  const L = windowLines.length;
  const oToW = new Array<number>(m).fill(-1);
  const pairs = alignLines(oldLines.map(collapse), windowLines.map(collapse));
  for (const [i, j] of pairs) oToW[i] = j;
  const shiftOf = (olds: readonly number[]): IndentShift | undefined =>
    detectShift(
      olds.map((i) => oldLines[i] ?? ''),
      olds.map((i) => windowLines[oToW[i] ?? -1] ?? ''),
    );
  const overall = shiftOf(pairs.map(([i]) => i));
  /** New lines take the indentation offset of the old lines they replace (or stand next to), else the overall one. */
  const reindent = (lines: readonly string[], near: readonly number[]): string[] => {
    const shift = shiftOf(near.filter((i) => i >= 0 && i < m && (oToW[i] ?? -1) >= 0 && (oldLines[i] ?? '').trim() !== '')) ?? overall;
    return shift ? lines.map((l) => shiftLine(l, shift)) : [...lines];
  };
  const deleted = new Array<boolean>(L).fill(false);
  const insertBefore: string[][] = Array.from({ length: L + 1 }, () => []);
  const conflicts: string[] = [];
  for (const h of hunksOf(oldLines, newLines)) {
    if (h.oEnd > h.oStart) {
      const ws = oToW.slice(h.oStart, h.oEnd);
      const missing = ws.flatMap((w, k) => (w < 0 ? [oldLines[h.oStart + k] ?? ''] : []));
      if (missing.length > 0) {
        conflicts.push(...missing.map((l) => `your old_text has ${JSON.stringify(l.trim())}, which your edit changes, but the file has no such line there`));
        continue;
      }
      const w0 = ws[0] ?? 0;
      if (ws.some((w, k) => w !== w0 + k)) {
        conflicts.push(`the file has lines between ${JSON.stringify((oldLines[h.oStart] ?? '').trim())} and ${JSON.stringify((oldLines[h.oEnd - 1] ?? '').trim())} that your old_text leaves out`);
        continue;
      }
      for (const w of ws) deleted[w] = true;
      insertBefore[w0]?.push(...reindent(h.added, Array.from({ length: h.oEnd - h.oStart }, (_, k) => h.oStart + k)));
      continue;
    }
    const prev = h.oStart > 0 ? (oToW[h.oStart - 1] ?? -1) : -1;
    const next = h.oStart < m ? (oToW[h.oStart] ?? -1) : -1;
    const onlyBlanksBetween = prev >= 0 && next > prev && windowLines.slice(prev + 1, next).every((l) => l.trim() === '');
    if (prev >= 0 && next >= 0 && next !== prev + 1 && !onlyBlanksBetween) {
      conflicts.push(`the file has lines between ${JSON.stringify((oldLines[h.oStart - 1] ?? '').trim())} and ${JSON.stringify((oldLines[h.oStart] ?? '').trim())}, where your edit inserts text`);
      continue;
    }
    const at = prev >= 0 ? prev + 1 : next;
    if (at < 0) {
      conflicts.push(`the lines around your insertion of ${JSON.stringify((h.added[0] ?? '').trim())} are not in the file`);
      continue;
    }
    insertBefore[at]?.push(...reindent(h.added, prev >= 0 ? [h.oStart - 1] : [h.oStart]));
  }
  if (conflicts.length > 0) return { ok: false, conflicts: [...new Set(conflicts)] };
  const lines: string[] = [];
  for (let w = 0; w <= L; w++) {
    lines.push(...(insertBefore[w] ?? []));
    if (w < L && !deleted[w]) lines.push(windowLines[w] ?? '');
  }
  return { ok: true, lines };
}
