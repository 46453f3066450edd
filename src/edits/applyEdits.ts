// Applying a list of edits to one file: each is located in the ORIGINAL text, then all are applied together, or
// none when any fails or two overlap.
import { findElision } from './elision';
import { FileText } from './fileText';
import { locate, type LocateOptions } from './ladder';
import type { AppliedEdit, EditOutcome, Span, TextEdit } from './types';

interface Placed {
  readonly edit: number;
  readonly span: Span;
}

function describeLines(file: FileText, span: Span): string {
  const a = file.lineOf(span.start) + 1;
  const b = file.lineOf(Math.max(span.start, span.end - 1)) + 1;
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}

function splice(text: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Whether a failing edit would have matched after the earlier ones: a common slip worth naming. */
function dependsOnEarlier(original: string, edits: readonly TextEdit[], index: number): number | undefined {
  let text = original;
  for (let k = 0; k < index; k++) {
    const e = edits[k];
    if (!e || !text.includes(e.oldText)) return undefined;
    text = text.replace(e.oldText, () => e.newText);
    if (text.includes(edits[index]?.oldText ?? '\0')) return k;
  }
  return undefined;
}

export interface ApplyOptions {
  /** Per edit: how errors name it and hints for placing it. */
  readonly locateOptions?: (index: number) => LocateOptions;
}

export function applyEditsWith(original: string, edits: readonly TextEdit[], options: ApplyOptions = {}): EditOutcome {
  if (edits.length === 0) return { ok: false, error: 'No edits were given. Send at least one edit with old_text and new_text.' };
  const file = new FileText(original);
  const many = edits.length > 1;
  const placed: Placed[] = [];
  const applied: AppliedEdit[] = [];
  for (const [i, edit] of edits.entries()) {
    const opts = options.locateOptions?.(i) ?? { subject: many ? `old_text of edit ${i + 1}` : 'old_text' };
    const elision = findElision(edit.newText, original);
    if (elision) return { ok: false, error: `new_text refused: ${elision}`, editIndex: i };
    const located = locate(file, edit, opts);
    if (!located.ok) {
      const earlier = dependsOnEarlier(original, edits, i);
      const note = earlier === undefined ? '' : `\nNote: this text only appears after edit ${earlier + 1} is applied, but all edits in one call are matched against the original file. Merge the two edits into one, or send this one in a separate call.`;
      return { ok: false, error: located.error + note, editIndex: i };
    }
    const first = located.spans[0];
    const last = located.spans[located.spans.length - 1];
    if (!first || !last) return { ok: false, error: `${opts.subject} matched nothing.`, editIndex: i };
    for (const span of located.spans) placed.push({ edit: i, span });
    applied.push({ level: located.level, startLine: file.lineOf(first.start) + 1, endLine: file.lineOf(Math.max(last.start, last.end - 1)) + 1, replacements: located.spans.length });
  }
  const sorted = [...placed].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1];
    const b = sorted[k];
    if (a && b && b.span.start < a.span.end) {
      const [x, y] = a.edit < b.edit ? [a, b] : [b, a];
      const what = x.edit === y.edit ? `Two matches of edit ${x.edit + 1} overlap (${describeLines(file, x.span)} and ${describeLines(file, y.span)})` : `Edits ${x.edit + 1} and ${y.edit + 1} overlap (${describeLines(file, x.span)} and ${describeLines(file, y.span)})`;
      return { ok: false, error: `${what}. All edits in one call apply to the original file, so they must not overlap: merge them into one edit.`, editIndex: y.edit };
    }
  }
  return { ok: true, content: splice(original, placed.map((p) => p.span)), applied };
}

/** Applies edits to the original text in order, all or none. Never throws. */
export function applyEdits(original: string, edits: readonly TextEdit[]): EditOutcome {
  return applyEditsWith(original, edits);
}
