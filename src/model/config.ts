// The OpenAI-compatible client's settings as one plain object, its defaults, and the mapping from Keel's settings. Pure.
import { readPriceTable, type PriceTable } from './cost';
import type { ToolProtocol } from './types';

export interface OpenAIModelConfig {
  /** Chat Completions base URL, e.g. https://api.openai.com/v1, http://localhost:11434/v1, an Azure resource or deployment URL. */
  readonly baseUrl: string;
  /** Model name sent to the server (the deployment name on Azure). */
  readonly model: string;
  /** Omit for servers that need none (Ollama, LM Studio, llama.cpp, vLLM without --api-key). */
  readonly apiKey?: string;
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly toolProtocol?: ToolProtocol;
  /** Azure OpenAI (`api-key` header, `api-version` query). Detected from the URL when undefined. */
  readonly azure?: boolean;
  /** Azure `api-version` when the URL carries none. */
  readonly azureApiVersion?: string;
  /** Which output-limit field to send; detected from the endpoint when undefined (OpenAI and Azure: max_completion_tokens). */
  readonly maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
  readonly temperature?: number;
  /** Extra request headers, e.g. OpenRouter's HTTP-Referer / X-Title. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time allowed until the server starts answering. */
  readonly requestTimeoutMs?: number;
  /** Time allowed between two streamed chunks. */
  readonly idleTimeoutMs?: number;
  /** Retries of 429, 5xx, cut streams and connection resets (timeouts are retried at most once). */
  readonly maxRetries?: number;
  /** First backoff delay; doubles per attempt, with jitter. */
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Cap on a server's Retry-After. */
  readonly maxRetryAfterMs?: number;
  /** USD per 1M tokens per model; a model without a price has cost undefined. */
  readonly prices?: PriceTable;
}

export type ResolvedConfig = Required<Omit<OpenAIModelConfig, 'apiKey' | 'azure' | 'maxTokensParam' | 'temperature' | 'headers' | 'prices'>> &
  Pick<OpenAIModelConfig, 'apiKey' | 'azure' | 'maxTokensParam' | 'temperature' | 'headers' | 'prices'>;

export const CONFIG_DEFAULTS = {
  contextWindow: 128_000,
  maxOutputTokens: 8_192,
  toolProtocol: 'native',
  azureApiVersion: '2024-10-21',
  requestTimeoutMs: 300_000,
  idleTimeoutMs: 180_000,
  maxRetries: 4,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
} as const;

const posInt = (v: number | undefined, fallback: number): number => (v !== undefined && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback);

export function resolveConfig(c: OpenAIModelConfig): ResolvedConfig {
  const d = CONFIG_DEFAULTS;
  return {
    ...c,
    baseUrl: c.baseUrl.trim(),
    model: c.model.trim(),
    apiKey: c.apiKey !== undefined && c.apiKey.trim() !== '' ? c.apiKey.trim() : undefined,
    contextWindow: posInt(c.contextWindow, d.contextWindow) || d.contextWindow,
    maxOutputTokens: posInt(c.maxOutputTokens, d.maxOutputTokens) || d.maxOutputTokens,
    toolProtocol: c.toolProtocol === 'text' ? 'text' : 'native',
    azureApiVersion: c.azureApiVersion?.trim() || d.azureApiVersion,
    requestTimeoutMs: posInt(c.requestTimeoutMs, d.requestTimeoutMs) || d.requestTimeoutMs,
    idleTimeoutMs: posInt(c.idleTimeoutMs, d.idleTimeoutMs) || d.idleTimeoutMs,
    maxRetries: posInt(c.maxRetries, d.maxRetries),
    retryBaseDelayMs: posInt(c.retryBaseDelayMs, d.retryBaseDelayMs),
    retryMaxDelayMs: posInt(c.retryMaxDelayMs, d.retryMaxDelayMs),
    maxRetryAfterMs: posInt(c.maxRetryAfterMs, d.maxRetryAfterMs),
  };
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const seconds = (v: unknown): number | undefined => {
  const n = asNumber(v);
  return n === undefined ? undefined : n * 1000;
};

/**
 * Builds the config from Keel's settings, read through `get(name)` with names without the `keel.` prefix (baseUrl, model,
 * contextWindow, maxOutputTokens, toolProtocol, modelPrices, azureApiVersion, requestTimeoutSeconds, maxRetries). The VS Code
 * adapter passes `workspace.getConfiguration('keel').get`; the CLI passes its flags and environment.
 */
export function configFromSettings(get: (name: string) => unknown, apiKey: string | undefined): OpenAIModelConfig {
  const protocol = asString(get('toolProtocol'));
  return {
    baseUrl: asString(get('baseUrl')) ?? 'https://api.openai.com/v1',
    model: asString(get('model')) ?? '',
    apiKey,
    contextWindow: asNumber(get('contextWindow')),
    maxOutputTokens: asNumber(get('maxOutputTokens')),
    toolProtocol: protocol === 'text' ? 'text' : 'native',
    azureApiVersion: asString(get('azureApiVersion')),
    requestTimeoutMs: seconds(get('requestTimeoutSeconds')),
    maxRetries: asNumber(get('maxRetries')),
    prices: readPriceTable(get('modelPrices')),
  };
}
