// The Model interface the agent talks to, and the conversation types shared by every implementation.

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** The raw argument text as the model wrote it (JSON, possibly malformed). */
  readonly arguments: string;
}

export type ChatMessage =
  | { readonly role: 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/** A JSON Schema object as sent in `tools[].function.parameters`. */
export type JsonSchema = { readonly type: 'object' } & Readonly<Record<string, unknown>>;

export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
}

export interface ModelRequest {
  readonly system: string;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolSpec[];
  readonly maxOutputTokens?: number;
  /** Purpose of the request, for logs and accounting ("turn", "condense"). */
  readonly purpose?: string;
}

export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** True when counted locally because the server sent no usage. */
  readonly estimated: boolean;
  /** Input tokens served from the provider's prompt cache, when it reports them (part of inputTokens). */
  readonly cachedInputTokens?: number;
}

/** How tools reach the model: the server's native tool calling, or instructions in the system prompt and calls written as text. */
export type ToolProtocol = 'native' | 'text';

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'unknown';

/**
 * Streamed while a reply arrives; for display only — the agent acts on the final ModelReply. After a 'retry' event, whatever was
 * streamed since the request began is void (the stream was cut or failed): the reply streams again from its start.
 */
export type ModelStreamEvent =
  | { readonly type: 'text'; readonly delta: string }
  | { readonly type: 'thinking'; readonly delta: string }
  | { readonly type: 'tool_call'; readonly index: number; readonly id?: string; readonly name?: string; readonly argumentsDelta: string }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly reason: string };

export interface ModelReply {
  readonly text: string;
  readonly thinking: string;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  /** Tool calls were recovered from the reply's text (no native tool calling). */
  readonly recoveredFromText: boolean;
  /** A tool call was cut off by the output limit; it is not in toolCalls and must not be executed. */
  readonly truncatedToolCall: boolean;
  /** Cost of this request in USD when a price is configured for the model; undefined when unknown. */
  readonly costUsd?: number;
  /**
   * Set when the text looks like an attempted tool call that could not be read (e.g. a `<tool_call>` block with broken JSON):
   * a short description of what went wrong. The agent should then send toolCallReminder(...) in the next turn.
   */
  readonly malformedToolCall?: string;
}

export type ModelErrorCode =
  | 'auth' // bad or missing key
  | 'unreachable' // connection refused, DNS, TLS
  | 'timeout' // no answer in time
  | 'context_length' // the request is larger than the model's window
  | 'rate_limit' // still 429 after retries
  | 'server' // still 5xx after retries
  | 'bad_request' // any other 4xx
  | 'cancelled';

/** A model failure with a code the agent can act on; the message is for a person and never contains a key. */
export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export interface Model {
  /** For display, e.g. "gpt-4o @ https://api.openai.com/v1". */
  readonly id: string;
  readonly contextWindow: number;
  /** How this model receives tools; undefined means 'native'. Chooses the wording of toolCallReminder(). */
  readonly toolProtocol?: ToolProtocol;
  /**
   * Sends one request and resolves with the whole reply, streaming deltas to onEvent meanwhile.
   * Retries transient failures itself; rejects with ModelError otherwise (code 'cancelled' when the signal aborts).
   */
  complete(request: ModelRequest, onEvent: (event: ModelStreamEvent) => void, signal: AbortSignal): Promise<ModelReply>;
}
