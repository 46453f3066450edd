// Turns an assembled stream into the ModelReply the agent acts on: drops a call cut off by the output limit, recovers calls
// written as text, fills in usage (estimated when the server sent none) and cost. Pure.
import { costOf, type PriceTable } from './cost';
import type { AssembledReply } from './streamAssembler';
import { parseTextToolCalls } from './textToolCalls';
import { countMessageTokens, countTokens } from './tokens';
import type { ModelReply, ModelRequest, ToolCall, ToolProtocol, Usage } from './types';

export interface FinishOptions {
  readonly protocol: ToolProtocol;
  readonly model: string;
  readonly prices: PriceTable | undefined;
  /** Makes ids for calls that came without one. */
  readonly newId: () => string;
}

function isCompleteJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

function estimateUsage(request: ModelRequest, reply: AssembledReply): Usage {
  const out = countTokens(reply.text) + countTokens(reply.thinking) + reply.toolCalls.reduce((n, c) => n + 3 + countTokens(c.name) + countTokens(c.arguments), 0);
  return { inputTokens: countMessageTokens(request.system, request.messages, request.tools), outputTokens: out, estimated: true };
}

export function finishReply(request: ModelRequest, reply: AssembledReply, options: FinishOptions): ModelReply {
  const finishReason = reply.finishReason ?? 'unknown';
  let truncatedToolCall = false;
  let malformedToolCall: string | undefined;
  let native = reply.toolCalls.filter((c) => c.name !== '');
  if (native.length < reply.toolCalls.length) malformedToolCall = 'a tool call without a tool name';
  // Cut off by the output limit: the last call's arguments are incomplete unless they form a whole JSON object.
  const last = native[native.length - 1];
  if (finishReason === 'length' && last !== undefined && !isCompleteJsonObject(last.arguments)) {
    native = native.slice(0, -1);
    truncatedToolCall = true;
  }
  let toolCalls: ToolCall[] = native.map((c) => ({ id: c.id !== '' ? c.id : options.newId(), name: c.name, arguments: c.arguments }));
  let text = reply.text;
  let recoveredFromText = false;
  if (toolCalls.length === 0 && !truncatedToolCall && (options.protocol === 'text' || request.tools.length > 0)) {
    const parsed = parseTextToolCalls(reply.text, request.tools.map((t) => t.name));
    if (parsed.calls.length > 0) {
      toolCalls = parsed.calls.map((c) => ({ id: options.newId(), name: c.name, arguments: c.arguments }));
      text = parsed.text;
      recoveredFromText = true;
    }
    if (parsed.truncated) {
      if (finishReason === 'length') truncatedToolCall = true;
      else malformedToolCall ??= 'a <tool_call> block that was never closed';
    }
    if (parsed.malformed !== undefined && parsed.calls.length === 0) malformedToolCall ??= parsed.malformed;
  }
  const usage: Usage = reply.usage !== undefined ? { ...reply.usage, estimated: false } : estimateUsage(request, reply);
  const costUsd = costOf(usage, options.model, options.prices);
  return {
    text,
    thinking: reply.thinking,
    toolCalls,
    finishReason: toolCalls.length > 0 && finishReason === 'stop' ? 'tool_calls' : finishReason,
    usage,
    recoveredFromText,
    truncatedToolCall,
    ...(costUsd !== undefined ? { costUsd } : {}),
    ...(malformedToolCall !== undefined && toolCalls.length === 0 ? { malformedToolCall } : {}),
  };
}
