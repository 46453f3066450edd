// Converts the agent's conversation into Chat Completions messages that every server accepts: each assistant tool call is
// answered by exactly one tool message right after it, strays become user notes, and the text protocol writes calls as text.
import type { ChatCompletionMessageParam, ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { renderTextToolCall, renderTextToolResult, textToolInstructions } from './textToolProtocol';
import type { ChatMessage, ToolCall, ToolProtocol, ToolSpec } from './types';

/** Said to the model in place of a result for a call that has none (the run was stopped before it ran). */
export const MISSING_RESULT = 'No result: this tool call was not run.';

const VALID_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A tool name as the API allows it (^[a-zA-Z0-9_-]{1,64}$). */
export function safeToolName(name: string): string {
  if (VALID_NAME.test(name)) return name;
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'unknown_tool' : cleaned;
}

export function toWireTools(tools: readonly ToolSpec[]): ChatCompletionFunctionTool[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: { ...t.parameters } } }));
}

function strayNote(id: string, content: string): string {
  return `[Result of tool call ${id}, which is no longer in the conversation]\n${content}`;
}

type ToolMsg = Extract<ChatMessage, { role: 'tool' }>;

/** Splits messages into items: each assistant-with-calls followed by the tool messages right after it. */
function takeResults(messages: readonly ChatMessage[], from: number): { results: ToolMsg[]; next: number } {
  const results: ToolMsg[] = [];
  let i = from;
  for (; i < messages.length; i++) {
    const m = messages[i];
    if (m?.role !== 'tool') break;
    results.push(m);
  }
  return { results, next: i };
}

/** Pairs calls with results by id (first result for an id goes to the first call with it); returns the leftovers too. */
function pair(calls: readonly ToolCall[], results: readonly ToolMsg[]): { answers: (string | undefined)[]; strays: ToolMsg[] } {
  const queue = new Map<string, ToolMsg[]>();
  for (const r of results) queue.set(r.toolCallId, [...(queue.get(r.toolCallId) ?? []), r]);
  const answers = calls.map((c) => queue.get(c.id)?.shift()?.content);
  const strays = [...queue.values()].flat();
  return { answers, strays };
}

function uniqueIds(calls: readonly ToolCall[], used: Set<string>): string[] {
  return calls.map((c) => {
    const base = c.id.trim() === '' ? 'call' : c.id;
    let id = base;
    for (let n = used.size; id === 'call' || used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  });
}

function nativeMessages(messages: readonly ChatMessage[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  const used = new Set<string>();
  for (let i = 0; i < messages.length; ) {
    const m = messages[i];
    if (m === undefined) break;
    if (m.role === 'user') {
      out.push({ role: 'user', content: m.content });
      i++;
    } else if (m.role === 'tool') {
      out.push({ role: 'user', content: strayNote(m.toolCallId, m.content) });
      i++;
    } else {
      const calls = m.toolCalls ?? [];
      if (calls.length === 0) {
        if (m.content !== '') out.push({ role: 'assistant', content: m.content });
        i++;
        continue;
      }
      const { results, next } = takeResults(messages, i + 1);
      const { answers, strays } = pair(calls, results);
      const ids = uniqueIds(calls, used);
      out.push({
        role: 'assistant',
        content: m.content === '' ? null : m.content,
        tool_calls: calls.map((c, k) => ({ id: ids[k] ?? c.id, type: 'function', function: { name: safeToolName(c.name), arguments: c.arguments.trim() === '' ? '{}' : c.arguments } })),
      });
      calls.forEach((_c, k) => out.push({ role: 'tool', tool_call_id: ids[k] ?? '', content: answers[k] ?? MISSING_RESULT }));
      for (const s of strays) out.push({ role: 'user', content: strayNote(s.toolCallId, s.content) });
      i = next;
    }
  }
  return out;
}

function textMessages(messages: readonly ChatMessage[]): ChatCompletionMessageParam[] {
  const out: { role: 'user' | 'assistant'; content: string }[] = [];
  const names = new Map<string, string>();
  const push = (role: 'user' | 'assistant', content: string): void => {
    const last = out[out.length - 1];
    if (last !== undefined && last.role === role) last.content = `${last.content}\n\n${content}`;
    else out.push({ role, content });
  };
  for (const m of messages) {
    if (m.role === 'user') push('user', m.content);
    else if (m.role === 'tool') push('user', renderTextToolResult(names.get(m.toolCallId), m.content));
    else {
      const calls = m.toolCalls ?? [];
      for (const c of calls) names.set(c.id, c.name);
      const text = [m.content, ...calls.map(renderTextToolCall)].filter((s) => s !== '').join('\n\n');
      if (text !== '') push('assistant', text);
    }
  }
  return out;
}

/**
 * The request's `messages`: the system prompt (plus the tool instructions in the text protocol) and the conversation, repaired
 * so the API's pairing rules always hold.
 */
export function toWireMessages(system: string, messages: readonly ChatMessage[], tools: readonly ToolSpec[], protocol: ToolProtocol): ChatCompletionMessageParam[] {
  const systemText = protocol === 'text' && tools.length > 0 ? `${system}\n\n${textToolInstructions(tools)}` : system;
  const head: ChatCompletionMessageParam[] = systemText.trim() === '' ? [] : [{ role: 'system', content: systemText }];
  const body = protocol === 'text' ? textMessages(messages) : nativeMessages(messages);
  if (body.length === 0) body.push({ role: 'user', content: '(no message)' });
  return [...head, ...body];
}
