// Error texts for a model: what went wrong with old_text, and the file's lines it should copy instead, numbered like
// read_file (`  12→text`).
import type { FileText } from './fileText';
import { closestLine, rankWindows, type Window } from './similarity';
import type { MatchLevel } from './types';

const MAX_SHOWN_LINES = 40;
const CONTEXT = 2;

/** Lines from..to (0-based, inclusive) in read_file's numbered format. */
export function numbered(file: FileText, from: number, to: number): string {
  const a = Math.max(0, from);
  const b = Math.min(file.visibleLineCount - 1, to, a + MAX_SHOWN_LINES - 1);
  const width = String(b + 1).length;
  const out: string[] = [];
  for (let i = a; i <= b; i++) out.push(`${String(i + 1).padStart(width)}→${file.line(i)}`);
  if (b < Math.min(to, file.visibleLineCount - 1)) out.push(`[${Math.min(to, file.visibleLineCount - 1) - b} more lines]`);
  return out.join('\n');
}

export function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  return lines.length > 10 ? `${shown} and ${lines.length - 10} more` : shown;
}

const LEVEL_WORDS: Record<MatchLevel, string> = {
  exact: '',
  trailing_whitespace: ' (ignoring trailing whitespace)',
  line_endings: ' (ignoring line endings and trailing whitespace)',
  line_numbers: ' (after removing the line-number prefixes)',
  indentation: ' (ignoring indentation)',
  similarity: '',
};

export function ambiguous(subject: string, level: MatchLevel, lines: readonly number[], replaceAllHint: boolean): string {
  return (
    `${subject} matches ${lines.length} places${LEVEL_WORDS[level]} (lines ${lineList(lines)}). ` +
    `Include more surrounding lines so it matches exactly one${replaceAllHint ? ', or set replace_all: true to change every one of them' : ''}.`
  );
}

function regionAround(file: FileText, w: Window): string {
  return numbered(file, w.start - CONTEXT, w.start + w.length - 1 + CONTEXT);
}

/** No rung matched: point at the closest region so the model can copy it. */
export function notFound(file: FileText, subject: string, oldLines: readonly string[], ranked?: readonly Window[]): string {
  const windows = ranked ?? rankWindows(file, oldLines);
  const best = windows[0];
  const head = `${subject} was not found in the file, not even ignoring whitespace, indentation and line endings.`;
  const advice = 'Copy the text to replace exactly from the file as it is now (without line-number prefixes), or read_file the region again if it may have changed.';
  if (best && best.score >= 0.5) {
    const pct = Math.round(best.score * 100);
    return `${head} The closest region is lines ${best.start + 1}-${best.start + best.length} (${pct}% similar):\n${regionAround(file, best)}\n${advice}`;
  }
  const probe = [...oldLines].sort((a, b) => b.trim().length - a.trim().length)[0] ?? '';
  const near = closestLine(file, probe);
  if (near !== undefined) return `${head} The line most like ${JSON.stringify(probe.trim())} is line ${near + 1}:\n${numbered(file, near - CONTEXT, near + CONTEXT)}\n${advice}`;
  return `${head} None of its lines occur in the file. ${advice}`;
}

/** The similarity rung found two close candidates, or one that shares only lines found all over the file. */
export function similarTwice(file: FileText, subject: string, best: Window, second: Window | undefined): string {
  const d = (w: Window): string => `lines ${w.start + 1}-${w.start + w.length} (${Math.round(w.score * 100)}% similar)`;
  const where = best.distinctive
    ? `resembles more than one place: ${d(best)} and ${second ? d(second) : 'another'}`
    : `resembles ${d(best)}, but only through lines that also occur elsewhere in the file${second ? ` (e.g. ${d(second)})` : ''}, so it may belong to another place`;
  return (
    `${subject} does not match the file exactly and ${where}. ` +
    `Copy old_text exactly from the one you mean, with enough surrounding lines to be unique:\n${regionAround(file, best)}`
  );
}

/** The similarity rung found the region, but the lines the edit changes are not in it. */
export function conflict(file: FileText, subject: string, best: Window, conflicts: readonly string[]): string {
  return (
    `${subject} is close to lines ${best.start + 1}-${best.start + best.length} (${Math.round(best.score * 100)}% similar) but not an exact copy, ` +
    `and the edit cannot be carried over safely: ${conflicts.slice(0, 3).join('; ')}. The file may have changed since you read it. ` +
    `Here is the region as it is now; copy old_text exactly from it:\n${regionAround(file, best)}`
  );
}
