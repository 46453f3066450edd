// Line helpers shared by the ladder's rungs: trimming without regex backtracking, splitting, line-ending conversion.

/** The line without trailing spaces and tabs; a final \r is kept when keepCr (and the blanks before it removed). */
export function trimTrailing(line: string, keepCr: boolean): string {
  let end = line.length;
  const cr = end > 0 && line.charCodeAt(end - 1) === 13;
  if (cr) end--;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 32 && c !== 9) break;
    end--;
  }
  const body = line.slice(0, end);
  return cr && keepCr ? `${body}\r` : body;
}

/** Trimmed on both sides, inner runs of whitespace collapsed to one space. */
export function collapse(line: string): string {
  const t = line.trim();
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0 || (c === 32 && t.charCodeAt(i + 1) <= 32)) return t.replace(/\s+/g, ' ');
  }
  return t;
}

/** The leading spaces and tabs of a line. */
export function leadingWhitespace(line: string): string {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return line.slice(0, i);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Lines split on \n with a trailing \r removed from each. */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Every line break of text rewritten as eol. */
export function toEol(text: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n');
}

/** Lines of a block of whole lines: a single leading and trailing line break are noted, not counted as lines. */
export interface Block {
  readonly lines: readonly string[];
  readonly leadingNewline: boolean;
  readonly trailingNewline: boolean;
}

export function toBlock(text: string): Block {
  const lines = splitLines(text);
  let leadingNewline = false;
  let trailingNewline = false;
  if (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
    trailingNewline = true;
  }
  if (lines.length > 1 && lines[0] === '') {
    lines.shift();
    leadingNewline = true;
  }
  return { lines, leadingNewline, trailingNewline };
}
