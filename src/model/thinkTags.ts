// Splits a leading <think>…</think> block (DeepSeek-R1, Qwen3 and others served without a reasoning parser) out of streamed
// content, so reasoning is shown as thinking and never sent back as the assistant's text. Pure.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface SplitPiece {
  readonly text: string;
  readonly thinking: string;
}

/** Longest suffix of `s` that is a proper prefix of `tag` (a tag possibly split across chunks). */
function partialTagSuffix(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
    if (tag.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}

export class ThinkTagSplitter {
  private mode: 'start' | 'think' | 'after' | 'text' = 'start';
  private pending = '';

  push(content: string): SplitPiece {
    if (this.mode === 'text') return { text: content, thinking: '' };
    if (this.mode === 'after') {
      // Whitespace between </think> and the answer is dropped, however it is chunked.
      const text = content.trimStart();
      if (text !== '') this.mode = 'text';
      return { text, thinking: '' };
    }
    this.pending += content;
    if (this.mode === 'start') {
      const lead = this.pending.trimStart();
      if (lead.length < OPEN.length && OPEN.startsWith(lead)) return { text: '', thinking: '' };
      if (!lead.startsWith(OPEN)) {
        this.mode = 'text';
        const text = this.pending;
        this.pending = '';
        return { text, thinking: '' };
      }
      this.mode = 'think';
      this.pending = lead.slice(OPEN.length);
    }
    const close = this.pending.indexOf(CLOSE);
    if (close >= 0) {
      const thinking = this.pending.slice(0, close);
      const text = this.pending.slice(close + CLOSE.length).trimStart();
      this.pending = '';
      this.mode = text === '' ? 'after' : 'text';
      return { text, thinking };
    }
    const keep = partialTagSuffix(this.pending, CLOSE);
    const thinking = this.pending.slice(0, this.pending.length - keep);
    this.pending = this.pending.slice(this.pending.length - keep);
    return { text: '', thinking };
  }

  /** What is still held back at the end of the stream. */
  flush(): SplitPiece {
    const rest = this.pending;
    this.pending = '';
    if (this.mode === 'think') return { text: '', thinking: rest };
    if (this.mode === 'after') return { text: rest.trimStart(), thinking: '' };
    return { text: rest, thinking: '' };
  }
}
