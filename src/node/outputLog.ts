// The whole output of one command: in memory while small; past a bound, spooled to a temp file with only the head and
// the tail kept in memory (so 50 MB of output costs a few hundred KB). Lines can be paged and grepped later.
import { createReadStream, closeSync, openSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { OutputGap } from '../ports/commandRunner';
import { countNewlines } from '../tools/outputBounds';

export interface OutputLogLimits {
  /** Characters kept in memory before the log spills to disk. */
  readonly spillChars: number;
  /** Of a spilled log: characters of the head and of the tail kept in memory. */
  readonly headChars: number;
  readonly tailChars: number;
}

export const DEFAULT_LIMITS: OutputLogLimits = { spillChars: 256 * 1024, headChars: 64 * 1024, tailChars: 128 * 1024 };

export interface LineSlice {
  readonly lines: string[];
  /** 1-based number of the first line in `lines`. */
  readonly from: number;
  readonly truncated: boolean;
}

export class OutputLog {
  private whole: string[] = [];
  private wholeChars = 0;
  private head = '';
  private tail: string[] = [];
  private tailChars = 0;
  private fd: number | undefined;
  private file: string | undefined;
  private chars = 0;
  private newlines = 0;
  private lastChar = '';

  constructor(
    private readonly spillFile: () => string,
    private readonly limits: OutputLogLimits = DEFAULT_LIMITS,
  ) {}

  get totalChars(): number {
    return this.chars;
  }

  /** Lines so far, a last line without newline included. */
  get totalLines(): number {
    return this.newlines + (this.chars > 0 && this.lastChar !== '\n' ? 1 : 0);
  }

  get spilled(): boolean {
    return this.file !== undefined;
  }

  /** Memory held for the text (UTF-16 code units), for tests and benchmarks. */
  get charsInMemory(): number {
    return this.wholeChars + this.head.length + this.tailChars;
  }

  append(text: string): void {
    if (text === '') return;
    this.chars += text.length;
    this.newlines += countNewlines(text);
    this.lastChar = text.charAt(text.length - 1);
    if (this.file === undefined) {
      this.whole.push(text);
      this.wholeChars += text.length;
      if (this.wholeChars > this.limits.spillChars) this.spill();
      return;
    }
    if (this.fd !== undefined) writeSync(this.fd, text);
    this.pushTail(text);
  }

  /** What is in memory: everything, or head + tail with the gap between them; `pending` is an unfinished last line. */
  captured(pending = ''): { text: string; gap?: OutputGap } {
    if (this.file === undefined) return { text: this.whole.join('') + pending };
    const tail = this.tail.join('').slice(-this.limits.tailChars);
    const gapChars = this.chars - this.head.length - tail.length;
    const gap = { at: this.head.length, chars: gapChars, lines: this.newlines - countNewlines(this.head) - countNewlines(tail) };
    return gapChars > 0 ? { text: this.head + tail + pending, gap } : { text: this.head + tail + pending };
  }

  /** Up to `count` lines from line `from` (1-based), stopping early at `maxChars`. */
  async lines(from: number, count: number, maxChars: number, pending = ''): Promise<LineSlice> {
    const out: string[] = [];
    let size = 0;
    let truncated = false;
    await this.eachLine(pending, (line, n) => {
      if (n < from) return true;
      if (out.length >= count) {
        truncated = true;
        return false;
      }
      if (size + line.length + 1 > maxChars) {
        if (out.length === 0) out.push(`${line.slice(0, Math.max(0, maxChars - 40))} [... line cut at ${maxChars} characters]`);
        truncated = true;
        return false;
      }
      out.push(line);
      size += line.length + 1;
      return true;
    });
    return { lines: out, from, truncated };
  }

  /** Lines matching `re`, each with its number; counts every match but keeps only what fits. */
  async grep(re: RegExp, maxLines: number, maxChars: number, pending = ''): Promise<{ hits: { n: number; line: string }[]; matches: number; truncated: boolean }> {
    const hits: { n: number; line: string }[] = [];
    let matches = 0;
    let size = 0;
    let truncated = false;
    await this.eachLine(pending, (line, n) => {
      if (!re.test(line)) return true;
      matches++;
      const shown = line.length > 500 ? `${line.slice(0, 500)} [...]` : line;
      if (hits.length < maxLines && size + shown.length + 12 <= maxChars) {
        hits.push({ n, line: shown });
        size += shown.length + 12;
      } else truncated = true;
      return true;
    });
    return { hits, matches, truncated };
  }

  /** Stops writing (the file stays readable). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Closes and deletes the spool file. */
  dispose(): void {
    this.close();
    if (this.file !== undefined) rmSync(this.file, { force: true });
    this.whole = [];
    this.tail = [];
  }

  private spill(): void {
    const all = this.whole.join('');
    this.file = this.spillFile();
    this.fd = openSync(this.file, 'w', 0o600);
    writeSync(this.fd, all);
    this.head = all.slice(0, this.limits.headChars);
    this.whole = [];
    this.wholeChars = 0;
    this.pushTail(all.slice(this.limits.headChars));
  }

  private pushTail(text: string): void {
    this.tail.push(text);
    this.tailChars += text.length;
    if (this.tailChars > this.limits.tailChars * 2) {
      const joined = this.tail.join('').slice(-this.limits.tailChars);
      this.tail = [joined];
      this.tailChars = joined.length;
    }
  }

  /** Calls `visit` for each line with its 1-based number until it returns false. */
  private async eachLine(pending: string, visit: (line: string, n: number) => boolean): Promise<void> {
    let n = 0;
    let go = true;
    if (this.file === undefined) {
      const text = this.whole.join('') + pending;
      const lines = text.split('\n');
      if (text.endsWith('\n')) lines.pop();
      for (const line of lines) if (!(go = visit(line, ++n))) return;
      return;
    }
    const stream = createReadStream(this.file, { encoding: 'utf8' });
    const reader = createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of reader) if (!(go = visit(line, ++n))) break;
    } finally {
      reader.close();
      stream.destroy();
    }
    if (go && pending !== '') visit(pending, ++n);
  }
}

export function spoolPath(dir: string, id: string): string {
  return path.join(dir, `${id}.log`);
}
