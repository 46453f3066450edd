// Keeps every request inside the context window: old tool output is elided first (it can be read again), then older
// turns are condensed into a summary by an auxiliary request; the system prompt, the task card, the task and the latest
// turns always stay. Tool calls and their results are never separated.
import type { ChatMessage, ToolSpec } from '../model/types';

export type TokenCounter = (text: string) => number;
export type Summarizer = (messages: readonly ChatMessage[], signal: AbortSignal) => Promise<string>;

export interface ContextLimits {
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  /** Messages at the end that are never elided or condensed. */
  readonly keepRecent: number;
}

export interface FitResult {
  readonly messages: ChatMessage[];
  readonly tokens: number;
  readonly elided: number;
  readonly condensed: boolean;
}

const PER_MESSAGE = 4;
export const ELIDED_NOTE = '[Earlier tool output elided to save context. Call the tool again if you need it.]';
export const SUMMARY_PREFIX = '[Summary of earlier work in this task]';

export class ContextManager {
  private readonly cache = new WeakMap<ChatMessage, number>();

  constructor(
    private readonly count: TokenCounter,
    private readonly limits: ContextLimits,
  ) {}

  messageTokens(m: ChatMessage): number {
    const hit = this.cache.get(m);
    if (hit !== undefined) return hit;
    let n = PER_MESSAGE + this.count(m.content);
    if (m.role === 'assistant') for (const c of m.toolCalls ?? []) n += this.count(c.name) + this.count(c.arguments) + PER_MESSAGE;
    this.cache.set(m, n);
    return n;
  }

  fixedTokens(system: string, tools: readonly ToolSpec[], card: string): number {
    return this.count(system) + (tools.length ? this.count(JSON.stringify(tools)) : 0) + this.count(card) + 2 * PER_MESSAGE;
  }

  total(history: readonly ChatMessage[], fixed: number): number {
    return history.reduce((sum, m) => sum + this.messageTokens(m), fixed);
  }

  budget(shrink = 1): number {
    const usable = this.limits.contextWindow - this.limits.maxOutputTokens;
    return Math.max(256, Math.floor(usable * 0.95 * shrink));
  }

  /**
   * Returns a history that fits the budget with the fixed parts. May summarise older turns (a model request);
   * the returned array replaces the caller's history so the work is not repeated next turn.
   */
  async fit(history: readonly ChatMessage[], fixed: number, summarize: Summarizer, signal: AbortSignal, shrink = 1): Promise<FitResult> {
    const budget = this.budget(shrink);
    let messages = [...history];
    let elided = 0;
    if (this.total(messages, fixed) <= budget) return { messages, tokens: this.total(messages, fixed), elided, condensed: false };

    const protectedFrom = Math.max(1, messages.length - this.limits.keepRecent);
    for (let i = 1; i < protectedFrom && this.total(messages, fixed) > budget; i++) {
      const m = messages[i];
      if (m?.role === 'tool' && m.content !== ELIDED_NOTE && m.content.length > ELIDED_NOTE.length) {
        messages[i] = { role: 'tool', toolCallId: m.toolCallId, content: ELIDED_NOTE };
        elided++;
      }
    }
    if (this.total(messages, fixed) <= budget) return { messages, tokens: this.total(messages, fixed), elided, condensed: false };

    const cut = this.cutPoint(messages, fixed, budget);
    let condensed = false;
    if (cut > 1) {
      const region = messages.slice(1, cut);
      let summary: string;
      try {
        summary = await summarize(region, signal);
      } catch {
        summary = mechanicalSummary(region);
      }
      const head = messages[0];
      messages = [...(head ? [head] : []), { role: 'user', content: `${SUMMARY_PREFIX}\n${summary}` }, ...messages.slice(cut)];
      condensed = true;
    }
    // Last resort: the recent turns alone are too large; cut their tool outputs hard, newest last.
    for (let i = 1; i < messages.length && this.total(messages, fixed) > budget; i++) {
      const m = messages[i];
      if (m?.role === 'tool' && m.content.length > 2000) {
        messages[i] = { role: 'tool', toolCallId: m.toolCallId, content: `${m.content.slice(0, 1000)}\n[... cut to fit the context window ...]\n${m.content.slice(-800)}` };
      }
    }
    return { messages, tokens: this.total(messages, fixed), elided, condensed };
  }

  /** The index of the oldest assistant message from which the newer messages fit in half the budget. */
  private cutPoint(messages: readonly ChatMessage[], fixed: number, budget: number): number {
    const target = fixed + (budget - fixed) / 2;
    let tokens = fixed + (messages[0] ? this.messageTokens(messages[0]) : 0);
    let cut = messages.length;
    for (let i = messages.length - 1; i >= 1; i--) {
      const m = messages[i];
      if (!m) continue;
      tokens += this.messageTokens(m);
      if (tokens > target && i < messages.length - 1) break;
      if (m.role === 'assistant' || m.role === 'user') cut = i;
    }
    // Never start the kept part with tool results whose call was condensed away.
    while (cut < messages.length && messages[cut]?.role === 'tool') cut++;
    return Math.min(cut, Math.max(1, messages.length - 1));
  }
}

export function mechanicalSummary(region: readonly ChatMessage[]): string {
  const lines: string[] = [];
  for (const m of region) {
    if (m.role === 'assistant') {
      if (m.content.trim()) lines.push(`Assistant: ${m.content.trim().slice(0, 200)}`);
      for (const c of m.toolCalls ?? []) lines.push(`Called ${c.name} ${c.arguments.slice(0, 160)}`);
    } else if (m.role === 'tool') {
      lines.push(`  → ${m.content.split('\n')[0]?.slice(0, 160) ?? ''}`);
    } else {
      lines.push(`Person: ${m.content.slice(0, 300)}`);
    }
  }
  return lines.slice(-80).join('\n');
}

export const SUMMARIZER_SYSTEM = 'You condense the earlier part of a coding agent\'s work log so the agent can continue. Write a compact factual summary: files read and what matters in them, changes made (file and what), commands run and their outcomes, errors met and what was learnt, decisions and open questions. No preamble. Under 400 words.';
