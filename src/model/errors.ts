// Classifies a failed request: retry (and how long to wait), adapt the request and resend, or give up with a ModelError whose
// message names the server and the cause in plain words, without stack traces or secrets.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { redactSecrets } from './redact';
import { retryAfterMs } from './retry';
import { ModelError } from './types';

/** The stream ended without a finish_reason, or the connection dropped mid-reply. */
export class StreamCut extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'StreamCut';
  }
}

/** One of our own timers fired: before the server answered ('request') or between chunks ('idle'). */
export class TimedOut extends Error {
  constructor(
    readonly phase: 'request' | 'idle',
    readonly afterMs: number,
  ) {
    super(`timed out (${phase})`);
    this.name = 'TimedOut';
  }
}

export type Adaptation = { readonly kind: 'max_completion_tokens' } | { readonly kind: 'max_tokens' } | { readonly kind: 'no_stream_options' } | { readonly kind: 'lower_max_tokens'; readonly value: number };

export type Failure =
  | { readonly action: 'fail'; readonly error: ModelError }
  | { readonly action: 'retry'; readonly error: ModelError; readonly reason: string; readonly timeout: boolean; readonly afterMs?: number }
  | { readonly action: 'adapt'; readonly error: ModelError; readonly adapt: Adaptation };

export interface FailureContext {
  /** The server URL as shown to people. */
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | undefined;
  readonly maxRetryAfterMs: number;
  readonly now: number;
}

const CONTEXT_RE = /context[_ ]length|context window|maximum context|context size|too many tokens|prompt is too long|input is too long|maximum input length|reduce the length|exceeds? the (?:available )?context|too long for (?:the|this) model|prompt too long/i;
const MAX_VALUE_RE = /(?:max_tokens|max_completion_tokens|max_new_tokens|completion tokens|output tokens)[\s\S]{0,120}?(?:at most|<=|less than or equal to|maximum (?:value )?(?:is|of)|must be (?:in|within) \[\d+, ?)\s*(\d{2,7})/i;
const FATAL_NET = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_INVALID_URL']);

const clip = (s: string, n = 400): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The server's own words: `error.message` from the body, else the SDK's message without the leading status. */
function serverMessage(e: APIError): string {
  const body = e.error as Record<string, unknown> | undefined;
  const m = body !== undefined && typeof body.message === 'string' ? body.message : e.message.replace(/^\d{3}\s+/, '');
  return m.replace(/\s+/g, ' ').trim();
}

/** Innermost cause: its code and message, e.g. "connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)". */
function rootCause(e: unknown): { code: string | undefined; message: string } {
  let cur: unknown = e;
  let code: string | undefined;
  let message = e instanceof Error ? e.message : String(e);
  for (let depth = 0; depth < 8 && cur instanceof Error; depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') code = c;
    if (cur.message && cur.message !== 'fetch failed' && !/^Connection error\.?$/.test(cur.message)) message = cur.message;
    cur = (cur as { cause?: unknown }).cause;
  }
  const withCode = code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
  return { code, message: withCode };
}

function statusFailure(e: APIError, status: number, ctx: FailureContext): Failure {
  const said = serverMessage(e);
  const r = (s: string): string => redactSecrets(s, [ctx.apiKey]);
  const detail = said === '' ? '' : `: ${clip(said).replace(/[.\s]+$/, '')}`;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'context_length_exceeded' || status === 413 || ((status === 400 || status === 422) && CONTEXT_RE.test(said))) {
    return { action: 'fail', error: new ModelError('context_length', r(`The request is larger than the model's context window (HTTP ${status})${detail}`), status) };
  }
  if (status === 401 || status === 403) {
    const what = ctx.apiKey === undefined ? 'needs an API key' : status === 401 ? 'rejected the API key' : 'refused access with this API key';
    return { action: 'fail', error: new ModelError('auth', r(`The model server at ${ctx.url} ${what} (HTTP ${status})${detail}. Set the key with "Keel: Set API Key" (or the OPENAI_API_KEY environment variable).`), status) };
  }
  if (status === 429) {
    if (code === 'insufficient_quota' || /quota|billing|credits/i.test(said)) {
      return { action: 'fail', error: new ModelError('rate_limit', r(`The model server at ${ctx.url} refused the request: the account's quota or credit is used up (HTTP 429)${detail}`), status) };
    }
    const afterMs = retryAfterMs(e.headers, ctx.maxRetryAfterMs, ctx.now);
    return { action: 'retry', error: new ModelError('rate_limit', r(`The model server at ${ctx.url} is still rate-limiting requests (HTTP 429)${detail}`), status), reason: 'rate limited (HTTP 429)', timeout: false, ...(afterMs !== undefined ? { afterMs } : {}) };
  }
  if (status >= 500 || status === 408) {
    const afterMs = retryAfterMs(e.headers, ctx.maxRetryAfterMs, ctx.now);
    return { action: 'retry', error: new ModelError('server', r(`The model server at ${ctx.url} keeps failing (HTTP ${status})${detail}`), status), reason: `server error (HTTP ${status})`, timeout: false, ...(afterMs !== undefined ? { afterMs } : {}) };
  }
  const error = new ModelError('bad_request', r(status === 404 ? `The model server at ${ctx.url} does not know model "${ctx.model}" or this URL (HTTP 404)${detail}. Check keel.model and keel.baseUrl.` : `The model server at ${ctx.url} refused the request (HTTP ${status})${detail}`), status);
  if (/stream_options/i.test(said)) return { action: 'adapt', error, adapt: { kind: 'no_stream_options' } };
  if (/max_completion_tokens/i.test(said) && /max_tokens/i.test(said)) {
    const wantsCompletion = /use ['"`]?max_completion_tokens|max_tokens['"`]? is not supported|unsupported parameter:? ['"`]?max_tokens/i.test(said);
    return { action: 'adapt', error, adapt: { kind: wantsCompletion ? 'max_completion_tokens' : 'max_tokens' } };
  }
  const max = MAX_VALUE_RE.exec(said);
  if (max?.[1] !== undefined) return { action: 'adapt', error, adapt: { kind: 'lower_max_tokens', value: Number(max[1]) } };
  return { action: 'fail', error };
}

/** Decides what to do about `e`, thrown by one attempt. Call only when the caller's signal has not aborted. */
export function classifyFailure(e: unknown, ctx: FailureContext): Failure {
  const r = (s: string): string => redactSecrets(s, [ctx.apiKey]);
  if (e instanceof ModelError) return { action: 'fail', error: e };
  if (e instanceof TimedOut) {
    const secs = Math.round(e.afterMs / 100) / 10;
    const what = e.phase === 'request' ? `did not answer within ${secs} s` : `stopped sending mid-reply for ${secs} s`;
    return { action: 'retry', error: new ModelError('timeout', r(`The model server at ${ctx.url} ${what}. Check that it is running and not overloaded.`)), reason: `timed out (${e.phase})`, timeout: true };
  }
  if (e instanceof StreamCut) {
    return { action: 'retry', error: new ModelError('server', r(`The model server at ${ctx.url} keeps cutting the reply off mid-stream: ${clip(e.message)}`)), reason: 'stream cut off', timeout: false };
  }
  if (e instanceof APIUserAbortError) return { action: 'fail', error: new ModelError('cancelled', 'The request was cancelled.') };
  if (e instanceof APIConnectionTimeoutError) return classifyFailure(new TimedOut('request', 0), ctx);
  if (e instanceof APIConnectionError) {
    const cause = rootCause(e);
    const error = new ModelError('unreachable', r(`Cannot reach the model server at ${ctx.url}: ${clip(cause.message)}. Check keel.baseUrl and that the server is running.`));
    if (cause.code !== undefined && (FATAL_NET.has(cause.code) || cause.code.startsWith('ERR_TLS') || cause.code.includes('CERT'))) return { action: 'fail', error };
    return { action: 'retry', error, reason: `connection failed (${cause.code ?? 'network'})`, timeout: false };
  }
  if (e instanceof APIError) {
    if (typeof e.status === 'number') return statusFailure(e, e.status, ctx);
    // An error event inside the stream (no HTTP status).
    const said = serverMessage(e);
    if (CONTEXT_RE.test(said)) return { action: 'fail', error: new ModelError('context_length', r(`The request is larger than the model's context window: ${clip(said)}`)) };
    return { action: 'retry', error: new ModelError('server', r(`The model server at ${ctx.url} reported an error mid-reply: ${clip(said)}`)), reason: 'error event in the stream', timeout: false };
  }
  const cause = rootCause(e);
  if (e instanceof SyntaxError) {
    return { action: 'retry', error: new ModelError('server', r(`The model server at ${ctx.url} sent a malformed stream: ${clip(cause.message)}`)), reason: 'malformed stream', timeout: false };
  }
  // Undici reports a dropped connection while reading the body as TypeError("terminated") and the like.
  if (!/terminated|socket|closed|reset|aborted|network|fetch failed|ECONN|EPIPE|premature|other side/i.test(cause.message)) {
    return { action: 'fail', error: new ModelError('server', r(`Unexpected failure while talking to the model server at ${ctx.url}: ${clip(cause.message)}`)) };
  }
  return { action: 'retry', error: new ModelError('server', r(`The connection to the model server at ${ctx.url} failed mid-reply: ${clip(cause.message)}`)), reason: 'connection dropped', timeout: false };
}
