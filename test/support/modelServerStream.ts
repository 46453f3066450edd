// Renders a scripted reply as the SSE events of a streamed Chat Completions response, in the requested server style. Pure.
import type { ChatRequestBody } from './modelServerRules';
import type { ScriptedReply } from './modelServer';

function pieces(text: string, size: number): string[] {
  if (text === '') return [];
  if (size <= 0) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const approxTokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4));

/** The SSE events (each a complete `data: ...\n\n` or `: comment\n\n` string) for `reply`; the last is `data: [DONE]`. */
export function sseEvents(reply: ScriptedReply, body: ChatRequestBody, n: number): string[] {
  const style = reply.style ?? {};
  const base = { id: `chatcmpl-${n}`, object: 'chat.completion.chunk', created: 1_700_000_000, model: body.model ?? 'test-model', system_fingerprint: 'fp_keel' };
  const calls = (reply.toolCalls ?? []).map((c, i) => ({ id: c.id ?? `call_${n}_${i}`, name: c.name, args: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) }));
  const finish = reply.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop');
  const wantUsage = body.stream_options?.include_usage === true && reply.usage !== null;
  const outChars = (reply.text ?? '') + (reply.thinking ?? '') + calls.map((c) => c.name + c.args).join('');
  const usage = reply.usage ?? { prompt_tokens: approxTokens(JSON.stringify(body.messages ?? [])), completion_tokens: approxTokens(outChars) };
  const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };

  const deltas: Record<string, unknown>[] = [{ role: 'assistant', content: '' }];
  const textSize = style.textChunkSize ?? 8;
  for (const p of pieces(reply.thinking ?? '', textSize)) deltas.push({ [style.reasoningField ?? 'reasoning_content']: p });
  for (const p of pieces(reply.text ?? '', textSize)) deltas.push({ content: p });
  const argsSize = style.argsChunkSize ?? 12;
  calls.forEach((c, i) => {
    const idx = style.omitIndex ? {} : { index: i };
    const idOn = (first: boolean): Record<string, string> => (first || style.idOnlyOnFirst === false ? { id: c.id, type: 'function' } : {});
    if (argsSize <= 0) {
      deltas.push({ tool_calls: [{ ...idx, ...idOn(true), function: { name: c.name, arguments: c.args } }] });
      return;
    }
    deltas.push({ tool_calls: [{ ...idx, ...idOn(true), function: { name: c.name, arguments: '' } }] });
    for (const p of pieces(c.args, argsSize)) deltas.push({ tool_calls: [{ ...idx, ...idOn(false), function: { arguments: p } }] });
  });

  const events: string[] = [];
  const data = (obj: object): void => {
    events.push(`data: ${JSON.stringify(obj)}\n\n`);
    if (style.sseComments) events.push(': keep-alive\n\n');
    if (style.emptyChoicesChunks) events.push(`data: ${JSON.stringify({ ...base, choices: [] })}\n\n`);
  };
  const everyUsage = wantUsage && style.usageEveryChunk ? { usage: fullUsage } : {};
  if (style.sseComments) events.push(': OPENROUTER PROCESSING\n\n');
  for (const delta of deltas) data({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }], ...everyUsage });
  data({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finish }], ...everyUsage });
  if (wantUsage && !style.usageEveryChunk) events.push(`data: ${JSON.stringify({ ...base, choices: [], usage: fullUsage })}\n\n`);
  events.push('data: [DONE]\n\n');
  return events;
}
