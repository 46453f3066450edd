// The Model backed by VS Code's Language Model API (vscode.lm), so people can use the models they already have in VS Code.
import * as vscode from 'vscode';
import { finishReply } from '../model/finishReply';
import { redactSecrets } from '../model/redact';
import type { AssembledCall } from '../model/streamAssembler';
import { countMessageTokens, countTokens } from '../model/tokens';
import { ModelError, type Model, type ModelReply, type ModelRequest, type ModelStreamEvent } from '../model/types';
import { toWireMessages } from '../model/wireMessages';

export const NO_LM_MESSAGE =
  'No VS Code language model is available. Install and sign in to an extension that provides one (for example GitHub Copilot Chat), or choose a server model with "Keel: Select Model".';

/** The slice of vscode.lm used here (tests pass a fake). */
export interface LmSource {
  selectChatModels(selector?: vscode.LanguageModelChatSelector): Thenable<vscode.LanguageModelChat[]>;
}

/** The VS Code model with id `modelId` (any model when empty); rejects with a ModelError that says what is available. */
export async function selectLmModel(modelId: string | undefined, source: LmSource = vscode.lm): Promise<LmModel> {
  const all = await source.selectChatModels();
  if (all.length === 0) throw new ModelError('unreachable', NO_LM_MESSAGE);
  const wanted = modelId?.trim() ?? '';
  const chat = wanted === '' ? all[0] : all.find((m) => m.id === wanted || m.family === wanted || m.name === wanted);
  if (chat === undefined) {
    throw new ModelError('unreachable', `The VS Code language model "${wanted}" is not available. Available: ${all.map((m) => m.id).join(', ')}. Run "Keel: Select Model" to choose one.`);
  }
  return new LmModel(chat);
}

function parseInput(args: string): object {
  try {
    const v: unknown = JSON.parse(args);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** The conversation as vscode.lm messages; the pairing of calls and results is repaired exactly as for the HTTP client. */
export function toLmMessages(request: ModelRequest): vscode.LanguageModelChatMessage[] {
  const out: vscode.LanguageModelChatMessage[] = [];
  let results: vscode.LanguageModelToolResultPart[] = [];
  const flush = (): void => {
    if (results.length > 0) out.push(vscode.LanguageModelChatMessage.User(results));
    results = [];
  };
  // The API has no system role: the system prompt is the first user message.
  for (const m of toWireMessages(request.system, request.messages, request.tools, 'native')) {
    const text = typeof m.content === 'string' ? m.content : '';
    if (m.role === 'tool') {
      results.push(new vscode.LanguageModelToolResultPart(m.tool_call_id, [new vscode.LanguageModelTextPart(text)]));
      continue;
    }
    flush();
    if (m.role === 'assistant') {
      const parts: (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[] = text === '' ? [] : [new vscode.LanguageModelTextPart(text)];
      for (const c of m.tool_calls ?? []) if (c.type === 'function') parts.push(new vscode.LanguageModelToolCallPart(c.id, c.function.name, parseInput(c.function.arguments)));
      if (parts.length > 0) out.push(vscode.LanguageModelChatMessage.Assistant(parts));
    } else if (text !== '') {
      out.push(vscode.LanguageModelChatMessage.User(text));
    }
  }
  flush();
  return out;
}

function toModelError(e: unknown, name: string): ModelError {
  if (e instanceof ModelError) return e;
  const message = redactSecrets(e instanceof Error ? e.message : String(e));
  if (e instanceof vscode.LanguageModelError) {
    if (e.code === 'NoPermissions') return new ModelError('auth', `Keel is not allowed to use the VS Code language model ${name}: allow it when VS Code asks (Accounts menu → Manage Language Model Access). ${message}`);
    if (e.code === 'Blocked') return new ModelError('rate_limit', `The VS Code language model ${name} refused the request (blocked or over its quota): ${message}`);
    if (e.code === 'NotFound') return new ModelError('unreachable', `The VS Code language model ${name} is no longer available: ${message}`);
  }
  if (/context|too long|token limit|too many tokens/i.test(message)) return new ModelError('context_length', `The request is larger than the context window of ${name}: ${message}`);
  return new ModelError('server', `The VS Code language model ${name} failed: ${message}`);
}

export class LmModel implements Model {
  readonly id: string;
  readonly contextWindow: number;
  readonly toolProtocol = 'native' as const;
  private callCounter = 0;

  constructor(readonly chat: vscode.LanguageModelChat) {
    this.id = `${chat.name} (${chat.vendor}) via VS Code`;
    this.contextWindow = chat.maxInputTokens;
  }

  private async inputTokens(messages: vscode.LanguageModelChatMessage[], request: ModelRequest, token: vscode.CancellationToken): Promise<number> {
    try {
      const counts = await Promise.all(messages.map((m) => this.chat.countTokens(m, token)));
      const tools = request.tools.length > 0 ? await this.chat.countTokens(JSON.stringify(request.tools), token) : 0;
      return counts.reduce((a, b) => a + b, 0) + tools;
    } catch {
      return countMessageTokens(request.system, request.messages, request.tools);
    }
  }

  async complete(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void, signal: AbortSignal): Promise<ModelReply> {
    if (signal.aborted) throw new ModelError('cancelled', 'The request was cancelled.');
    const cts = new vscode.CancellationTokenSource();
    const cancel = (): void => cts.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    const emit = (e: ModelStreamEvent): void => {
      try {
        onEvent(e);
      } catch {
        // A listener's failure must not fail the request.
      }
    };
    try {
      const messages = toLmMessages(request);
      const options: vscode.LanguageModelChatRequestOptions = {
        justification: 'Keel uses the model to carry out the coding task you gave it.',
        ...(request.tools.length > 0 ? { tools: request.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.parameters })), toolMode: vscode.LanguageModelChatToolMode.Auto } : {}),
      };
      const response = await this.chat.sendRequest(messages, options, cts.token);
      let text = '';
      const calls: AssembledCall[] = [];
      for await (const part of response.stream) {
        if (signal.aborted) break;
        if (part instanceof vscode.LanguageModelTextPart) {
          text += part.value;
          emit({ type: 'text', delta: part.value });
        } else if (part instanceof vscode.LanguageModelToolCallPart) {
          const args = JSON.stringify(part.input ?? {});
          calls.push({ index: calls.length, id: part.callId || `call_lm_${++this.callCounter}`, name: part.name, arguments: args });
          emit({ type: 'tool_call', index: calls.length - 1, id: part.callId, name: part.name, argumentsDelta: args });
        }
      }
      if (signal.aborted) throw new ModelError('cancelled', 'The request was cancelled.');
      const inputTokens = await this.inputTokens(messages, request, cts.token);
      const outputTokens = await Promise.resolve(this.chat.countTokens(text + calls.map((c) => c.name + c.arguments).join(''), cts.token)).catch(() => countTokens(text));
      const reply = finishReply(
        request,
        { text, thinking: '', toolCalls: calls, finishReason: calls.length > 0 ? 'tool_calls' : 'stop', usage: { inputTokens, outputTokens } },
        { protocol: 'native', model: this.chat.id, prices: undefined, newId: () => `call_lm_${++this.callCounter}` },
      );
      return { ...reply, usage: { ...reply.usage, estimated: true } };
    } catch (e) {
      if (signal.aborted || e instanceof vscode.CancellationError) throw new ModelError('cancelled', 'The request was cancelled.');
      throw toModelError(e, this.chat.name);
    } finally {
      signal.removeEventListener('abort', cancel);
      cts.dispose();
    }
  }
}
