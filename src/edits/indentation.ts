// A uniform indentation offset between the model's lines and the file's, and re-indenting new_text by it.
import { isBlank, leadingWhitespace } from './textLines';

/** How to turn the model's indentation into the file's. */
export type IndentShift =
  | { readonly kind: 'prefix'; readonly add: string }
  | { readonly kind: 'unprefix'; readonly remove: string }
  | { readonly kind: 'columns'; readonly delta: number; readonly tabWidth: number; readonly useTabs: boolean };

const TAB_WIDTHS = [4, 2, 8];

function width(indent: string, tabWidth: number): number {
  let w = 0;
  for (const ch of indent) w = ch === '\t' ? w + tabWidth - (w % tabWidth) : w + 1;
  return w;
}

function commonOffset(pairs: readonly (readonly [string, string])[], f: (a: string, b: string) => string | undefined): string | undefined {
  let found: string | undefined;
  for (const [a, b] of pairs) {
    const p = f(a, b);
    if (p === undefined || (found !== undefined && p !== found)) return undefined;
    found = p;
  }
  return found;
}

/**
 * The shift that maps every non-blank model line's indentation onto the file line's, or undefined when the offset
 * is not uniform (or no line is non-blank). Lines are paired by position and must agree apart from indentation.
 */
export function detectShift(modelLines: readonly string[], fileLines: readonly string[]): IndentShift | undefined {
  const pairs: [string, string][] = [];
  modelLines.forEach((m, i) => {
    const f = fileLines[i] ?? '';
    if (!isBlank(m) && !isBlank(f)) pairs.push([leadingWhitespace(m), leadingWhitespace(f)]);
  });
  if (pairs.length === 0) return undefined;
  const add = commonOffset(pairs, (m, f) => (f.endsWith(m) ? f.slice(0, f.length - m.length) : undefined));
  if (add !== undefined) return { kind: 'prefix', add };
  const remove = commonOffset(pairs, (m, f) => (m.endsWith(f) ? m.slice(0, m.length - f.length) : undefined));
  if (remove !== undefined) return { kind: 'unprefix', remove };
  const useTabs = pairs.filter(([, f]) => f.startsWith('\t')).length > pairs.filter(([, f]) => f.startsWith(' ')).length;
  for (const tabWidth of TAB_WIDTHS) {
    const deltas = new Set(pairs.map(([m, f]) => width(f, tabWidth) - width(m, tabWidth)));
    const [delta] = [...deltas];
    if (deltas.size === 1 && delta !== undefined) return { kind: 'columns', delta, tabWidth, useTabs };
  }
  return undefined;
}

export function isIdentity(shift: IndentShift | undefined): boolean {
  return shift === undefined || (shift.kind === 'prefix' && shift.add === '') || (shift.kind === 'unprefix' && shift.remove === '');
}

/** One line re-indented by the shift; blank lines stay as they are. */
export function shiftLine(line: string, shift: IndentShift): string {
  if (isBlank(line)) return line;
  switch (shift.kind) {
    case 'prefix':
      return shift.add + line;
    case 'unprefix': {
      if (line.startsWith(shift.remove)) return line.slice(shift.remove.length);
      const lead = leadingWhitespace(line);
      return line.slice(Math.min(lead.length, shift.remove.length));
    }
    case 'columns': {
      const lead = leadingWhitespace(line);
      const w = Math.max(0, width(lead, shift.tabWidth) + shift.delta);
      const indent = shift.useTabs ? '\t'.repeat(Math.floor(w / shift.tabWidth)) + ' '.repeat(w % shift.tabWidth) : ' '.repeat(w);
      return indent + line.slice(lead.length);
    }
  }
}

/** Every line of text (split on \n, \r kept in place) re-indented. */
export function shiftText(text: string, shift: IndentShift | undefined): string {
  if (!shift || isIdentity(shift)) return text;
  return text
    .split('\n')
    .map((l) => shiftLine(l, shift))
    .join('\n');
}
