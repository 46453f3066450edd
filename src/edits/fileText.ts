// The original text indexed by line offsets, with allocation-free line measurements so that the rungs can scan a
// 20,000-line file without copying it.

const isBlankCode = (c: number): boolean => c === 32 || c === 9;

export class FileText {
  /** Offset of each line's first character; lines are split on \n. */
  readonly starts: Int32Array;
  readonly hasCrlf: boolean;
  readonly hasLf: boolean;
  private crlfCount = 0;
  private trimCache: Int32Array | undefined;

  constructor(readonly text: string) {
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Int32Array(count);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      starts[k++] = i + 1;
      if (i > 0 && text.charCodeAt(i - 1) === 13) this.crlfCount++;
    }
    this.starts = starts;
    this.hasCrlf = this.crlfCount > 0;
    this.hasLf = count - 1 - this.crlfCount > 0;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Lines a person would count: a final line break does not start another line. */
  get visibleLineCount(): number {
    return this.text.endsWith('\n') ? this.starts.length - 1 : this.starts.length;
  }

  start(i: number): number {
    return this.starts[i] ?? this.text.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Whether a line ending follows line i. */
  hasEol(i: number): boolean {
    return i < this.starts.length - 1;
  }

  /** Offset of the \n ending line i, or the text's end. */
  private breakAt(i: number): number {
    return this.hasEol(i) ? this.start(i + 1) - 1 : this.text.length;
  }

  /** Offset just past the line's content (before its \r\n or \n). */
  contentEnd(i: number): number {
    const end = this.breakAt(i);
    return this.hasEol(i) && end > this.start(i) && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  /** Whether line i ends with \r\n. */
  hasCr(i: number): boolean {
    return this.contentEnd(i) !== this.breakAt(i);
  }

  /** The line without its line ending. */
  line(i: number): string {
    return this.text.slice(this.start(i), this.contentEnd(i));
  }

  /** Offset past the line's last character that is not a trailing space or tab. */
  trimmedEnd(i: number): number {
    return this.trimmed()[2 * i + 1] ?? this.text.length;
  }

  /** Offset of the line's first character that is not a leading space or tab (its trimmed end for a blank line). */
  trimmedStart(i: number): number {
    return this.trimmed()[2 * i] ?? this.text.length;
  }

  /** Per line, the trimmed start and end offsets; computed once, on first use. */
  private trimmed(): Int32Array {
    if (this.trimCache) return this.trimCache;
    const out = new Int32Array(2 * this.lineCount);
    const text = this.text;
    for (let i = 0; i < this.lineCount; i++) {
      const s = this.start(i);
      let e = this.contentEnd(i);
      while (e > s && isBlankCode(text.charCodeAt(e - 1))) e--;
      let a = s;
      while (a < e && isBlankCode(text.charCodeAt(a))) a++;
      out[2 * i] = a;
      out[2 * i + 1] = e;
    }
    this.trimCache = out;
    return out;
  }

  /** Whether the text at [from, to) is exactly `s`. */
  equals(from: number, to: number, s: string): boolean {
    return to - from === s.length && this.text.startsWith(s, from);
  }

  /** The line ending new text should use at this offset: the file's own, or in a mixed file that of the line there. */
  eolAt(offset: number): '\n' | '\r\n' {
    if (!this.hasCrlf) return '\n';
    if (!this.hasLf) return '\r\n';
    const i = this.lineOf(offset);
    if (!this.hasEol(i)) return this.crlfCount * 2 > this.lineCount - 1 ? '\r\n' : '\n';
    return this.hasCr(i) ? '\r\n' : '\n';
  }
}
