// Recognizes line-number prefixes copied from read_file output (`  12→text`) or other numbered listings
// (`12: `, `12\t`, `L12: `, `12|`) and removes them from old_text and new_text.
import { isBlank, splitLines } from './textLines';

interface Style {
  readonly name: string;
  readonly re: RegExp;
  /** Numbers must run consecutively; our own read_file format is distinctive enough without that. */
  readonly consecutive: boolean;
}

const STYLES: readonly Style[] = [
  { name: 'arrow', re: /^\s*(\d+)→/, consecutive: false },
  { name: 'L', re: /^L(\d+):/, consecutive: true },
  { name: 'tab', re: /^\s*(\d+)\t/, consecutive: true },
  { name: 'pipe', re: /^\s*(\d+) ?\|/, consecutive: true },
  { name: 'colon', re: /^\s*(\d+):/, consecutive: true },
];

/** How far (in lines) a match may be from the number a listing claims for it. */
export const NEAR_LINES = 20;

export interface Variant {
  readonly oldText: string;
  readonly newText: string;
}

/**
 * Ways to read the text without its prefixes (with and without one space after them), likeliest first. For listings
 * other than read_file's, `claimedLine` is the first number: a match must be near it, so that content that merely
 * looks numbered (`200: OK` in YAML) is not taken for a listing.
 */
export type Stripped =
  | { readonly ok: true; readonly variants: readonly Variant[]; readonly claimedLine?: number }
  | { readonly ok: false; readonly error: string };

function detect(lines: readonly string[]): { style: Style; first: number } | undefined {
  for (const style of STYLES) {
    let base: number | undefined;
    let ok = true;
    for (const [k, line] of lines.entries()) {
      const m = style.re.exec(line);
      if (!m) {
        if (isBlank(line)) continue;
        ok = false;
        break;
      }
      const n = Number(m[1]) - k;
      if (style.consecutive && base !== undefined && n !== base) {
        ok = false;
        break;
      }
      base ??= n;
    }
    if (ok && base !== undefined) return { style, first: base };
  }
  return undefined;
}

function strip(lines: readonly string[], style: Style, space: boolean): string {
  return lines.map((l) => (style.re.test(l) ? l.replace(style.re, '').replace(space ? /^ / : /^(?!)/, '') : l)).join('\n');
}

/** Undefined when old_text carries no line-number prefixes. */
export function stripLineNumbers(oldText: string, newText: string, lineCount: number): Stripped | undefined {
  const oldLines = splitLines(oldText);
  const found = detect(oldLines);
  if (!found) return undefined;
  const { style, first } = found;
  if (style.name !== 'arrow' && first + oldLines.length - 1 > lineCount + NEAR_LINES) return undefined;
  const newLines = splitLines(newText);
  const numbered = newLines.filter((l) => style.re.test(l)).length;
  const nonBlank = newLines.filter((l) => !isBlank(l)).length;
  if (style.name === 'arrow' || numbered === 0 || numbered === nonBlank) {
    const variant = (space: boolean): Variant => ({ oldText: strip(oldLines, style, space), newText: strip(newLines, style, space) });
    const spaced = oldLines.every((l) => !style.re.test(l) || l.replace(style.re, '').startsWith(' ') || l.replace(style.re, '') === '');
    const variants = style.name === 'arrow' || !spaced ? [variant(false)] : [variant(false), variant(true)];
    return style.name === 'arrow' ? { ok: true, variants } : { ok: true, variants, claimedLine: first };
  }
  return {
    ok: false,
    error: 'old_text carries line-number prefixes (copied from a numbered listing) and new_text has them on some lines but not on others, so it is unclear which text is meant. Send old_text and new_text without line numbers: only the file content itself.',
  };
}

/** new_text carries read_file prefixes (`12→`) on every line while old_text has none: they would be written into the file. */
export function numberedNewText(oldText: string, newText: string): string | undefined {
  const arrow = STYLES[0];
  if (!arrow) return undefined;
  const lines = splitLines(newText).filter((l) => !isBlank(l));
  if (lines.length === 0 || !lines.every((l) => arrow.re.test(l)) || splitLines(oldText).some((l) => arrow.re.test(l))) return undefined;
  return 'new_text starts every line with a line-number prefix ("12→") copied from read_file output; those numbers are not part of the file and would be written into it. Send new_text without the prefixes.';
}
