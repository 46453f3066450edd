// Diffs for people and models to read: a unified diff of a change, and how many lines it adds and removes.
import { createTwoFilesPatch, diffArrays } from 'diff';

const MAX_EDIT_LENGTH = 4000;

function lf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = lf(text).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A unified diff (`--- a/path`, `+++ b/path`, `@@` hunks with 3 lines of context); empty when nothing changed. */
export function makeUnifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const a = lf(before);
  const b = lf(after);
  if (a === b) return `--- a/${path}\n+++ b/${path}\n(only the line endings changed)\n`;
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, a, b, undefined, undefined, { context: 3 });
  return patch.replace(/^=+\n/, '');
}

/** Lines not in the other text, counted as a multiset: a fallback for texts too different to diff quickly. */
function roughCount(a: readonly string[], b: readonly string[]): { added: number; removed: number } {
  const pool = new Map<string, number>();
  for (const l of a) pool.set(l, (pool.get(l) ?? 0) + 1);
  let added = 0;
  for (const l of b) {
    const n = pool.get(l) ?? 0;
    if (n > 0) pool.set(l, n - 1);
    else added++;
  }
  let removed = 0;
  for (const n of pool.values()) removed += n;
  return { added, removed };
}

/** Lines added and removed from before to after (a changed line counts as one of each). */
export function countChanges(before: string, after: string): { added: number; removed: number } {
  const a = linesOf(before);
  const b = linesOf(after);
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return roughCount(a, b);
  let added = 0;
  let removed = 0;
  for (const c of changes) {
    if (c.added) added += c.count;
    else if (c.removed) removed += c.count;
  }
  return { added, removed };
}
