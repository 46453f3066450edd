// Retry timing: exponential backoff with jitter, the server's Retry-After (seconds or HTTP date) with a cap, and an abortable sleep.
import { ModelError } from './types';

export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, then "equal jitter" (half fixed, half random). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exp / 2 + (exp / 2) * r);
}

/**
 * Milliseconds the server asks us to wait, from `retry-after-ms`, or `retry-after` as seconds or an HTTP date; capped at
 * `capMs`; undefined when there is no usable header.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, capMs: number, now: number): number | undefined {
  if (headers === undefined) return undefined;
  let ms: number | undefined;
  const exactMs = headers.get('retry-after-ms');
  if (exactMs !== null && exactMs.trim() !== '' && Number.isFinite(Number(exactMs))) ms = Number(exactMs);
  const value = headers.get('retry-after');
  if (ms === undefined && value !== null && value.trim() !== '') {
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
    else {
      const date = Date.parse(v);
      if (Number.isFinite(date)) ms = date - now;
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return Math.round(Math.min(capMs, Math.max(0, ms)));
}

/** Waits `ms`, rejecting with ModelError 'cancelled' as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ModelError('cancelled', 'The request was cancelled.'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ModelError('cancelled', 'The request was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
