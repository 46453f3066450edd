// Assembles one streamed Chat Completions reply from its chunks, whatever the server's quirks: arguments whole or in pieces,
// the call id only on the first delta, no `index`, reasoning in `reasoning_content`/`reasoning`, empty `choices`, late usage. Pure.
import { ThinkTagSplitter } from './thinkTags';
import type { FinishReason, ModelStreamEvent } from './types';

export interface AssembledCall {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

export interface ServerUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
}

export interface AssembledReply {
  readonly text: string;
  readonly thinking: string;
  readonly toolCalls: readonly AssembledCall[];
  /** undefined when no chunk carried a finish_reason (the stream ended early). */
  readonly finishReason: FinishReason | undefined;
  readonly usage: ServerUsage | undefined;
}

interface Slot {
  index: number;
  id: string;
  name: string;
  args: string;
}

type Rec = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function mapFinishReason(raw: string): FinishReason {
  switch (raw) {
    case 'stop':
    case 'eos':
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'tool_calls':
    case 'function_call':
    case 'tool_use':
      return 'tool_calls';
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'unknown';
  }
}

function readUsage(u: Rec): ServerUsage | undefined {
  const input = num(u.prompt_tokens) ?? num(u.input_tokens);
  const output = num(u.completion_tokens) ?? num(u.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cached = num(rec(u.prompt_tokens_details)?.cached_tokens) ?? num(u.prompt_cache_hit_tokens);
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, ...(cached !== undefined && cached > 0 ? { cachedInputTokens: cached } : {}) };
}

/** Feed chunks in order with push(); each returns the display events it produced. result() gives the assembled reply. */
export class StreamAssembler {
  private text = '';
  private thinking = '';
  private readonly slots: Slot[] = [];
  private readonly byIndex = new Map<number, Slot>();
  private finish: FinishReason | undefined;
  private usage: ServerUsage | undefined;
  private readonly think = new ThinkTagSplitter();

  push(chunk: unknown): ModelStreamEvent[] {
    const c = rec(chunk);
    if (c === undefined) return [];
    const usage = rec(c.usage);
    if (usage !== undefined) this.usage = readUsage(usage) ?? this.usage;
    const events: ModelStreamEvent[] = [];
    const choices = Array.isArray(c.choices) ? c.choices : [];
    for (const raw of choices) {
      const choice = rec(raw);
      if (choice === undefined || (num(choice.index) ?? 0) !== 0) continue;
      const delta = rec(choice.delta) ?? rec(choice.message);
      if (delta !== undefined) this.pushDelta(delta, events);
      const fr = str(choice.finish_reason);
      if (fr !== undefined && fr !== '') this.finish = mapFinishReason(fr);
    }
    return events;
  }

  private pushDelta(delta: Rec, events: ModelStreamEvent[]): void {
    const reasoning = str(delta.reasoning_content) ?? str(delta.reasoning) ?? str(delta.thinking);
    if (reasoning) {
      this.thinking += reasoning;
      events.push({ type: 'thinking', delta: reasoning });
    }
    const content = str(delta.content);
    if (content) this.addContent(this.think.push(content), events);
    const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
    for (const raw of calls) {
      const call = rec(raw);
      if (call !== undefined) this.pushCall(call, events);
    }
  }

  private addContent(piece: { text: string; thinking: string }, events: ModelStreamEvent[]): void {
    if (piece.thinking !== '') {
      this.thinking += piece.thinking;
      events.push({ type: 'thinking', delta: piece.thinking });
    }
    if (piece.text !== '') {
      this.text += piece.text;
      events.push({ type: 'text', delta: piece.text });
    }
  }

  /** Releases content held back while deciding whether it opens a <think> block; call once after the last chunk. */
  end(): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = [];
    this.addContent(this.think.flush(), events);
    return events;
  }

  private slotFor(call: Rec, fn: Rec | undefined): Slot {
    const index = num(call.index);
    const id = str(call.id) ?? '';
    const last = this.slots[this.slots.length - 1];
    let slot: Slot | undefined;
    if (index !== undefined) {
      slot = this.byIndex.get(index);
      // Some servers give every parallel call index 0 but a distinct id.
      if (slot !== undefined && id !== '' && slot.id !== '' && slot.id !== id) slot = undefined;
    } else if (id !== '') {
      slot = this.slots.find((s) => s.id === id);
    } else {
      const startsNew = last !== undefined && str(fn?.name) !== undefined && last.name !== '' && last.args !== '';
      slot = startsNew ? undefined : last;
    }
    if (slot === undefined) {
      slot = { index: this.slots.length, id: '', name: '', args: '' };
      this.slots.push(slot);
      this.byIndex.set(index ?? slot.index, slot);
    }
    return slot;
  }

  private pushCall(call: Rec, events: ModelStreamEvent[]): void {
    const fn = rec(call.function);
    const slot = this.slotFor(call, fn);
    const id = str(call.id);
    const newId = id !== undefined && id !== '' && slot.id === '' ? id : undefined;
    if (newId !== undefined) slot.id = newId;
    const name = str(fn?.name);
    let newName: string | undefined;
    if (name !== undefined && name !== '' && name !== slot.name) {
      slot.name = slot.name === '' ? name : slot.name + name;
      newName = name;
    }
    const rawArgs = fn?.arguments;
    let argsDelta = '';
    if (typeof rawArgs === 'string') {
      argsDelta = rawArgs;
      slot.args += rawArgs;
    } else if (rec(rawArgs) !== undefined) {
      // Arguments sent as an object (some local servers): take them whole.
      argsDelta = JSON.stringify(rawArgs);
      slot.args = argsDelta;
    }
    if (newId !== undefined || newName !== undefined || argsDelta !== '') {
      events.push({ type: 'tool_call', index: slot.index, ...(newId !== undefined ? { id: newId } : {}), ...(newName !== undefined ? { name: newName } : {}), argumentsDelta: argsDelta });
    }
  }

  /** True once a chunk carried a finish_reason. */
  get finished(): boolean {
    return this.finish !== undefined;
  }

  result(): AssembledReply {
    return {
      text: this.text,
      thinking: this.thinking,
      toolCalls: this.slots.filter((s) => s.name !== '' || s.args !== '').map((s) => ({ index: s.index, id: s.id, name: s.name, arguments: s.args })),
      finishReason: this.finish,
      usage: this.usage,
    };
  }
}
