// Text for the model, bounded and clean: the head and the tail kept with a line saying how much was cut; terminal
// output without ANSI escape sequences and with carriage-return overwrites (progress bars) reduced to their last state.

/** A middle stretch already left out of `text` (e.g. by a runner that keeps only head and tail in memory). */
export interface TextGap {
  readonly at: number;
  readonly chars: number;
  readonly lines: number;
}

/** Appended to the cut line; a function receives the 1-based number of the first line that was cut. */
export type CutHint = string | ((firstCutLine: number) => string);

const HEAD_SHARE = 0.4;
const MARKER_RESERVE = 220;

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Lines in a text: newlines, plus one for a last line without a newline. */
export function countLines(text: string): number {
  if (text === '') return 0;
  return countNewlines(text) + (text.endsWith('\n') ? 0 : 1);
}

function cutLine(chars: number, lines: number, firstCutLine: number, hint: CutHint | undefined): string {
  const what = lines > 0 ? `${formatCount(chars)} characters / ${formatCount(lines)} lines cut` : `${formatCount(chars)} characters cut`;
  const extra = typeof hint === 'function' ? hint(firstCutLine) : hint;
  return `[... ${what}${extra ? `; ${extra}` : ''} ...]`;
}

/**
 * Bounds `text` to about `maxChars` by keeping its head and its larger tail (failures are usually at the end),
 * cutting at line ends where that loses little, with a line in between saying how much was cut.
 */
export function boundText(text: string, maxChars: number, hint?: CutHint): string {
  return boundCaptured(text, undefined, maxChars, hint);
}

/** Like boundText, for text whose middle (`gap`) was already left out; the cut line counts both. */
export function boundCaptured(text: string, gap: TextGap | undefined, maxChars: number, hint?: CutHint): string {
  if (gap === undefined && text.length <= maxChars) return text;
  const splitAt = gap === undefined ? Math.ceil(text.length / 2) : Math.max(0, Math.min(gap.at, text.length));
  const a = text.slice(0, splitAt);
  const b = text.slice(splitAt);
  const budget = Math.max(0, maxChars - MARKER_RESERVE);
  let keepA = Math.min(a.length, Math.floor(budget * HEAD_SHARE));
  const keepB = Math.min(b.length, budget - keepA);
  keepA = Math.min(a.length, budget - keepB);
  if (gap !== undefined && keepA === a.length && keepB === b.length) {
    return `${a}${a.endsWith('\n') || a === '' ? '' : '\n'}${cutLine(gap.chars, gap.lines, countNewlines(a) + 1, hint)}\n${b}`;
  }
  let headEnd = keepA;
  const nl = a.lastIndexOf('\n', headEnd - 1);
  if (headEnd < a.length && nl >= 0 && nl + 1 >= headEnd * 0.7) headEnd = nl + 1;
  let tailStart = b.length - keepB;
  const nextNl = b.indexOf('\n', tailStart === 0 ? 0 : tailStart - 1);
  if (tailStart > 0 && nextNl !== -1 && nextNl + 1 - tailStart <= keepB * 0.3) tailStart = nextNl + 1;
  const head = a.slice(0, headEnd);
  const tail = b.slice(tailStart);
  const chars = a.length - headEnd + (gap?.chars ?? 0) + tailStart;
  const lines = countNewlines(a, headEnd) + (gap?.lines ?? 0) + countNewlines(b, 0, tailStart);
  const sep = head === '' || head.endsWith('\n') ? '' : '\n';
  return `${head}${sep}${cutLine(chars, lines, countNewlines(head) + 1, hint)}\n${tail}`;
}

// OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings, CSI sequences (7- and 8-bit), and the two-character escapes.
/* eslint-disable no-control-regex -- matching control characters is the point */
const ANSI = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x9d[^\x07\x9c]*[\x07\x9c]|\x1b[P^_X][\s\S]*?\x1b\\|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-OQ-WYZ\\`-~]/g;
const OVERSTRIKE = /[^\n]\x08/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;
const ESC = /\x1b/g;
/* eslint-enable no-control-regex */
const LONGEST_HELD_ESCAPE = 4096;
const LONGEST_LINE = 16_384;

/** Removes complete escape sequences only; a lone ESC (start of an unfinished one) stays. */
function stripComplete(text: string): string {
  let out = text.replace(ANSI, '');
  if (out.includes('\x08')) {
    for (let prev = ''; prev !== out; ) {
      prev = out;
      out = out.replace(OVERSTRIKE, '');
    }
  }
  return out.replace(CONTROL, '');
}

/** Removes ANSI escape sequences and stray control characters (keeps tab, newline and carriage return). */
export function stripAnsi(text: string): string {
  return stripComplete(text).replace(ESC, '');
}

/**
 * Streaming cleaner for terminal output: chunks in (split anywhere, even inside an escape sequence), clean text out.
 * CRLF becomes LF; text after a lone CR replaces the line so far (a progress bar keeps its last state).
 */
export class OutputCleaner {
  private held = '';
  private line = '';
  private overwrite = false;

  /** Completed lines (each ending with a newline); the unfinished line stays pending. */
  push(chunk: string): string {
    let text = stripComplete(this.held + chunk);
    this.held = '';
    const esc = text.lastIndexOf('\x1b');
    if (esc !== -1 && text.length - esc < LONGEST_HELD_ESCAPE) {
      this.held = text.slice(esc);
      text = text.slice(0, esc);
    }
    text = text.replace(ESC, '');
    let out = '';
    let last = 0;
    const breaks = /\r\n|\n|\r/g;
    for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
      this.append(text.slice(last, m.index));
      if (m[0] === '\r') {
        this.overwrite = true;
      } else {
        out += `${this.line}\n`;
        this.line = '';
        this.overwrite = false;
      }
      last = m.index + m[0].length;
    }
    this.append(text.slice(last));
    if (this.line.length > LONGEST_LINE) {
      out += this.line;
      this.line = '';
    }
    return out;
  }

  /** The unfinished last line as it stands. */
  get pending(): string {
    return this.line;
  }

  /** Ends the stream: returns the unfinished line. */
  flush(): string {
    const rest = this.line + stripAnsi(this.held);
    this.line = '';
    this.held = '';
    this.overwrite = false;
    return rest;
  }

  private append(segment: string): void {
    if (segment === '') return;
    if (this.overwrite) {
      this.line = segment;
      this.overwrite = false;
    } else {
      this.line += segment;
    }
  }
}

/** One-shot form of OutputCleaner. */
export function cleanTerminalText(text: string): string {
  const cleaner = new OutputCleaner();
  return cleaner.push(text) + cleaner.flush();
}
