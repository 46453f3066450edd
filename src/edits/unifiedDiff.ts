// Applying a model-written unified diff to one file: each hunk becomes an edit (context and '-' lines → old_text,
// context and '+' lines → new_text) placed through the same matching ladder; the hunk headers' line numbers only
// break ties between identical places.
import { parsePatch } from 'diff';
import { applyEditsWith } from './applyEdits';
import { tidyPatch } from './patchText';
import type { EditOutcome, TextEdit } from './types';

function hunkEdit(lines: readonly string[]): { edit: TextEdit; pureInsert: boolean } {
  const body = lines.filter((l) => !l.startsWith('\\'));
  const old = body.filter((l) => l[0] === ' ' || l[0] === '-').map((l) => l.slice(1));
  const add = body.filter((l) => l[0] === ' ' || l[0] === '+').map((l) => l.slice(1));
  const context = body.some((l) => l[0] === ' ');
  if (!context && add.length === 0) return { edit: { oldText: `${old.join('\n')}\n`, newText: '' }, pureInsert: false };
  return { edit: { oldText: old.join('\n'), newText: add.join('\n') }, pureInsert: old.length === 0 };
}

/** Applies a unified diff (one file) to the original text through the matching ladder; all hunks or none. */
export function applyUnifiedDiff(original: string, patch: string): EditOutcome {
  const tidy = tidyPatch(patch);
  if (tidy.files.length > 1) return { ok: false, error: `The patch changes ${tidy.files.length} files (${tidy.files.join(', ')}); send the changes for each file separately.` };
  if (tidy.headers.length === 0) return { ok: false, error: 'The patch has no hunks: write it as a unified diff, with `@@` hunks whose lines start with " " (unchanged), "-" (removed) or "+" (added).' };
  let parsed;
  try {
    parsed = parsePatch(tidy.text);
  } catch (err) {
    return { ok: false, error: `The patch could not be parsed (${err instanceof Error ? err.message : String(err)}). Write it as a unified diff: lines starting with " ", "-" or "+" under each @@ header.` };
  }
  const hunks = parsed.flatMap((p) => p.hunks);
  const edits: TextEdit[] = [];
  for (const [i, hunk] of hunks.entries()) {
    const { edit, pureInsert } = hunkEdit(hunk.lines);
    if (pureInsert) {
      const final = hunk.lines[hunk.lines.length - 1]?.startsWith('\\') ? '' : '\n';
      if (hunks.length === 1 && original.trim() === '') return { ok: true, content: edit.newText + final, applied: [{ level: 'exact', startLine: 1, endLine: 1, replacements: 1 }] };
      return { ok: false, error: `Hunk ${i + 1} (${tidy.headers[i] ?? '@@'}) only adds lines and has no unchanged context lines, so where they go cannot be checked. Include 2-3 unchanged lines before or after the insertion (lines starting with a space).`, editIndex: i };
    }
    edits.push(edit);
  }
  return applyEditsWith(original, edits, {
    locateOptions: (i) => ({ subject: `Hunk ${i + 1} (${tidy.headers[i] ?? '@@'}; its context and "-" lines)`, hintLine: tidy.hints[i], wholeLines: true, canReplaceAll: false }),
  });
}
