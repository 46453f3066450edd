// The Model for any OpenAI-compatible Chat Completions server, through the `openai` package: one streamed request per
// complete(), retried on 429/5xx/cut streams/timeouts with backoff, adapted when a server rejects an optional field.
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { resolveConfig, type OpenAIModelConfig, type ResolvedConfig } from './config';
import { resolveEndpoint, type Endpoint } from './endpoint';
import { classifyFailure, StreamCut, TimedOut, type Adaptation } from './errors';
import { finishReply } from './finishReply';
import { abortableSleep, backoffDelay } from './retry';
import { StreamAssembler, type AssembledReply } from './streamAssembler';
import { ModelError, type Model, type ModelReply, type ModelRequest, type ModelStreamEvent, type ToolProtocol } from './types';
import { toWireMessages, toWireTools } from './wireMessages';

/** Injected for tests and the benchmark; production uses the defaults. */
export interface OpenAIModelDeps {
  readonly fetch?: typeof globalThis.fetch;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** What the model learned about a server's accepted fields; kept across requests. */
interface Learned {
  maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  streamOptions: boolean;
  maxTokensCap: number | undefined;
}

const cancelled = (): ModelError => new ModelError('cancelled', 'The request was cancelled.');

/** An OpenAI client for the endpoint; no SDK retries or logging (we retry and report ourselves). */
export function createClient(endpoint: Endpoint, config: ResolvedConfig, deps: OpenAIModelDeps): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseURL,
    apiKey: config.apiKey ?? 'no-key',
    defaultHeaders: endpoint.headers,
    defaultQuery: endpoint.query,
    maxRetries: 0,
    timeout: config.requestTimeoutMs + 60_000,
    logLevel: 'off',
    ...(deps.fetch !== undefined ? { fetch: deps.fetch } : {}),
  });
}

export class OpenAIModel implements Model {
  readonly id: string;
  readonly contextWindow: number;
  readonly toolProtocol: ToolProtocol;
  private readonly config: ResolvedConfig;
  private readonly endpoint: Endpoint;
  private readonly client: OpenAI;
  private readonly learned: Learned;
  /** A configuration problem, reported by complete() as a ModelError rather than thrown while the adapters build models. */
  private readonly setupError: ModelError | undefined;
  private idCounter = 0;

  constructor(
    config: OpenAIModelConfig,
    private readonly deps: OpenAIModelDeps = {},
  ) {
    this.config = resolveConfig(config);
    let endpoint: Endpoint;
    try {
      endpoint = resolveEndpoint(this.config);
      this.setupError = this.config.model === '' ? new ModelError('bad_request', 'No model is set: set keel.model or run "Keel: Select Model".') : undefined;
    } catch (e) {
      this.setupError = e instanceof ModelError ? e : new ModelError('bad_request', 'The model server URL is not valid.');
      endpoint = resolveEndpoint({ ...this.config, baseUrl: 'http://invalid.invalid/v1' });
    }
    this.endpoint = endpoint;
    this.client = createClient(this.endpoint, this.config, deps);
    this.id = `${this.config.model || '(no model)'} @ ${this.endpoint.display}`;
    this.contextWindow = this.config.contextWindow;
    this.toolProtocol = this.config.toolProtocol;
    this.learned = { maxTokensParam: this.endpoint.maxTokensParam, streamOptions: true, maxTokensCap: undefined };
  }

  private body(request: ModelRequest, messages: ChatCompletionMessageParam[]): ChatCompletionCreateParamsStreaming {
    const native = this.toolProtocol === 'native' && request.tools.length > 0;
    const wanted = request.maxOutputTokens ?? this.config.maxOutputTokens;
    const maxTokens = this.learned.maxTokensCap !== undefined ? Math.min(wanted, this.learned.maxTokensCap) : wanted;
    return {
      model: this.config.model,
      messages,
      stream: true,
      ...(this.learned.streamOptions ? { stream_options: { include_usage: true } } : {}),
      ...(native ? { tools: toWireTools(request.tools), tool_choice: 'auto' as const } : {}),
      ...(this.learned.maxTokensParam === 'max_tokens' ? { max_tokens: maxTokens } : { max_completion_tokens: maxTokens }),
      ...(this.config.temperature !== undefined ? { temperature: this.config.temperature } : {}),
    };
  }

  private learn(a: Adaptation): boolean {
    const l = this.learned;
    switch (a.kind) {
      case 'max_completion_tokens':
      case 'max_tokens':
        if (l.maxTokensParam === a.kind) return false;
        l.maxTokensParam = a.kind;
        return true;
      case 'no_stream_options':
        if (!l.streamOptions) return false;
        l.streamOptions = false;
        return true;
      case 'lower_max_tokens':
        if (a.value <= 0 || (l.maxTokensCap !== undefined && l.maxTokensCap <= a.value)) return false;
        l.maxTokensCap = a.value;
        return true;
    }
  }

  async complete(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void, signal: AbortSignal): Promise<ModelReply> {
    const emit = (event: ModelStreamEvent): void => {
      try {
        onEvent(event);
      } catch {
        // A listener's failure must not fail the request.
      }
    };
    if (this.setupError !== undefined) throw this.setupError;
    const messages = toWireMessages(request.system, request.messages, request.tools, this.toolProtocol);
    const sleep = this.deps.sleep ?? abortableSleep;
    const now = this.deps.now ?? Date.now;
    let retries = 0;
    let adaptations = 0;
    while (true) {
      if (signal.aborted) throw cancelled();
      try {
        const assembled = await this.attempt(this.body(request, messages), emit, signal);
        return finishReply(request, assembled, { protocol: this.toolProtocol, model: this.config.model, prices: this.config.prices, newId: () => `call_keel_${++this.idCounter}` });
      } catch (e) {
        if (signal.aborted) throw cancelled();
        const f = classifyFailure(e, { url: this.endpoint.display, model: this.config.model, apiKey: this.config.apiKey, maxRetryAfterMs: this.config.maxRetryAfterMs, now: now() });
        if (f.action === 'fail') throw f.error;
        if (f.action === 'adapt') {
          if (adaptations++ >= 3 || !this.learn(f.adapt)) throw f.error;
          continue;
        }
        retries++;
        const limit = f.timeout ? Math.min(1, this.config.maxRetries) : this.config.maxRetries;
        if (retries > limit) throw f.error;
        const delayMs = f.afterMs ?? backoffDelay(retries, { baseDelayMs: this.config.retryBaseDelayMs, maxDelayMs: this.config.retryMaxDelayMs }, this.deps.random ?? Math.random);
        emit({ type: 'retry', attempt: retries, delayMs, reason: f.reason });
        await sleep(delayMs, signal);
      }
    }
  }

  /** One streamed request. Throws TimedOut / StreamCut / SDK errors for complete() to classify. */
  private async attempt(body: ChatCompletionCreateParamsStreaming, emit: (event: ModelStreamEvent) => void, signal: AbortSignal): Promise<AssembledReply> {
    const ctrl = new AbortController();
    const relay = (): void => ctrl.abort();
    signal.addEventListener('abort', relay, { once: true });
    let timedOut: TimedOut | undefined;
    // One timer for both phases; a chunk only records the time, and the idle timer re-arms itself for what is left.
    let phase: 'request' | 'idle' = 'request';
    let lastChunkAt = 0;
    const idleMs = this.config.idleTimeoutMs;
    const onTimer = (): void => {
      const left = phase === 'idle' ? lastChunkAt + idleMs - Date.now() : 0;
      if (left > 0) {
        timer = setTimeout(onTimer, left);
        return;
      }
      timedOut = new TimedOut(phase, phase === 'idle' ? idleMs : this.config.requestTimeoutMs);
      ctrl.abort();
    };
    let timer = setTimeout(onTimer, this.config.requestTimeoutMs);
    const rearm = (): void => {
      lastChunkAt = Date.now();
      if (phase === 'request') {
        phase = 'idle';
        clearTimeout(timer);
        timer = setTimeout(onTimer, idleMs);
      }
    };
    const assembler = new StreamAssembler();
    try {
      const stream = await this.client.chat.completions.create(body, { signal: ctrl.signal, maxRetries: 0 });
      rearm();
      for await (const chunk of stream) {
        rearm();
        for (const event of assembler.push(chunk)) emit(event);
      }
      for (const event of assembler.end()) emit(event);
    } catch (e) {
      if (signal.aborted) throw cancelled();
      if (timedOut !== undefined) throw timedOut;
      throw e;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', relay);
    }
    // The SDK ends the iteration quietly when its signal aborts: find out why.
    if (signal.aborted) throw cancelled();
    if (timedOut !== undefined) throw timedOut;
    if (!assembler.finished) throw new StreamCut('the stream ended before the reply was complete');
    return assembler.result();
  }
}

/** Builds the Model for an OpenAI-compatible server from a plain config (see configFromSettings for Keel's settings). */
export function createOpenAIModel(config: OpenAIModelConfig, deps: OpenAIModelDeps = {}): OpenAIModel {
  return new OpenAIModel(config, deps);
}
