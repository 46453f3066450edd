// Request cost from token usage and a per-model price table (USD per 1M tokens) taken from settings. Pure.
import type { Usage } from './types';

export interface ModelPrice {
  /** USD per 1M input tokens. */
  readonly input: number;
  /** USD per 1M output tokens. */
  readonly output: number;
  /** USD per 1M cached input tokens; the input price when absent. */
  readonly cachedInput?: number;
}

/** Model name → price. A key may end with `*` to match every model name that starts with the rest. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

const isPrice = (v: unknown): v is ModelPrice => {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  const ok = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  return ok(p.input) && ok(p.output) && (p.cachedInput === undefined || ok(p.cachedInput));
};

/** Keeps the well-formed entries of a price table read from settings; drops the rest. */
export function readPriceTable(raw: unknown): PriceTable {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(raw as Record<string, unknown>)) if (isPrice(price)) out[model] = price;
  return out;
}

/** The price for `model`: an exact key, else the longest matching `prefix*` key. */
export function priceFor(model: string, prices: PriceTable | undefined): ModelPrice | undefined {
  if (prices === undefined) return undefined;
  const exact = prices[model];
  if (exact !== undefined) return exact;
  let best: { len: number; price: ModelPrice } | undefined;
  for (const [key, price] of Object.entries(prices)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (model.startsWith(prefix) && (best === undefined || prefix.length > best.len)) best = { len: prefix.length, price };
  }
  return best?.price;
}

/** USD for one request; undefined when the model has no price. */
export function costOf(usage: Usage, model: string, prices: PriceTable | undefined): number | undefined {
  const price = priceFor(model, prices);
  if (price === undefined) return undefined;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  return (fresh * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output) / 1_000_000;
}
