// Token counts with a real tokenizer: tiktoken's cl100k_base ranks and split pattern (from js-tiktoken) and the same byte-pair
// merge, with a per-piece cache (js-tiktoken's own encode() is ~4 µs per character). Loaded lazily on first use so it stays
// out of activation. Pure (no I/O); never throws; very long pieces are counted in slices so no input can make it slow.
import type { ChatMessage, ToolSpec } from './types';

/** The shape of js-tiktoken's rank files. */
interface TiktokenBPE {
  readonly pat_str: string;
  readonly special_tokens: Record<string, number>;
  readonly bpe_ranks: string;
}

interface Encoder {
  /** Byte sequence (one char per byte) → rank. */
  readonly ranks: Map<string, number>;
  readonly pattern: RegExp;
}

/** Per-message framing tokens, as OpenAI's cookbook counts them for chat models. */
const PER_MESSAGE = 3;
const PER_REPLY = 3;
const PER_TOOL_CALL = 3;
/** A piece longer than this many bytes is merged in slices of half of it (byte-pair merging is quadratic in a piece's length). */
const LONG_PIECE = 256;
const PIECE_CACHE_MAX = 200_000;

let encoder: Encoder | undefined;
let loadFailed = false;
const pieceCache = new Map<string, number>();
const utf8 = new TextEncoder();
// eslint-disable-next-line no-control-regex -- ASCII pieces are their own UTF-8 bytes
const ASCII = /^[\x00-\x7f]*$/;

/** Parses js-tiktoken's compressed rank format: lines of "! <offset> <base64 token> <base64 token> ...". */
function parseRanks(bpe: TiktokenBPE): Encoder {
  const ranks = new Map<string, number>();
  for (const line of bpe.bpe_ranks.split('\n')) {
    if (line === '') continue;
    const parts = line.split(' ');
    const offset = Number.parseInt(parts[1] ?? '', 10);
    for (let i = 2; i < parts.length; i++) {
      const token = parts[i];
      if (token) ranks.set(atob(token), offset + i - 2);
    }
  }
  return { ranks, pattern: new RegExp(bpe.pat_str, 'gu') };
}

function load(): Encoder | undefined {
  if (encoder !== undefined || loadFailed) return encoder;
  try {
    // Lazy on purpose: the ranks are ~1 MB and must not be parsed while the extension activates.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranksModule = require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE | { default: TiktokenBPE };
    encoder = parseRanks('default' in ranksModule ? ranksModule.default : ranksModule);
  } catch {
    loadFailed = true;
  }
  return encoder;
}

/** Loads the tokenizer now (it takes a fraction of a second) instead of on the first count. */
export function warmTokenizer(): boolean {
  return load() !== undefined;
}

/** True once the tokenizer has been loaded (for tests and the benchmark). */
export function tokenizerLoaded(): boolean {
  return encoder !== undefined;
}

/** tiktoken's byte-pair merge on one piece (one char per byte), returning the number of tokens. */
function mergeCount(bytes: string, ranks: Map<string, number>): number {
  if (bytes.length <= 1 || ranks.has(bytes)) return bytes.length === 0 ? 0 : 1;
  // bounds[i]..bounds[i+1] is part i; pair[i] is the rank of parts i and i+1 merged (Infinity when there is none).
  const bounds: number[] = [];
  for (let i = 0; i <= bytes.length; i++) bounds.push(i);
  const rankAt = (i: number): number => (i + 2 < bounds.length ? (ranks.get(bytes.slice(bounds[i], bounds[i + 2])) ?? Infinity) : Infinity);
  const pair: number[] = [];
  for (let i = 0; i + 1 < bounds.length - 1; i++) pair.push(rankAt(i));
  while (pair.length > 0) {
    let min = Infinity;
    let at = -1;
    for (let i = 0; i < pair.length; i++) {
      const r = pair[i] ?? Infinity;
      if (r < min) {
        min = r;
        at = i;
      }
    }
    if (at < 0) break;
    bounds.splice(at + 1, 1);
    pair.splice(at, 1);
    if (at < pair.length) pair[at] = rankAt(at);
    if (at > 0) pair[at - 1] = rankAt(at - 1);
  }
  return bounds.length - 1;
}

const sliceCache = new Map<string, number>();

function cachedMerge(bytes: string, ranks: Map<string, number>): number {
  const cached = sliceCache.get(bytes);
  if (cached !== undefined) return cached;
  const n = mergeCount(bytes, ranks);
  if (sliceCache.size >= PIECE_CACHE_MAX) sliceCache.clear();
  sliceCache.set(bytes, n);
  return n;
}

function pieceCount(piece: string, ranks: Map<string, number>): number {
  const cached = pieceCache.get(piece);
  if (cached !== undefined) return cached;
  let n = 0;
  if (piece.length <= LONG_PIECE && ASCII.test(piece)) {
    n = mergeCount(piece, ranks);
    if (pieceCache.size >= PIECE_CACHE_MAX) pieceCache.clear();
    pieceCache.set(piece, n);
    return n;
  }
  const encoded = utf8.encode(piece);
  if (encoded.length <= LONG_PIECE) {
    n = mergeCount(String.fromCharCode(...encoded), ranks);
    if (pieceCache.size >= PIECE_CACHE_MAX) pieceCache.clear();
    pieceCache.set(piece, n);
    return n;
  }
  const step = LONG_PIECE / 2;
  for (let i = 0; i < encoded.length; i += step) n += cachedMerge(String.fromCharCode(...encoded.subarray(i, i + step)), ranks);
  return n;
}

/** The number of cl100k_base tokens in `text` (an estimate of about 4 characters per token if the tokenizer cannot load). */
export function countTokens(text: string): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  const enc = load();
  if (enc === undefined) return Math.ceil(text.length / 4);
  try {
    let total = 0;
    enc.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = enc.pattern.exec(text)) !== null) {
      if (m[0] === '') {
        enc.pattern.lastIndex++;
        continue;
      }
      total += pieceCount(m[0], enc.ranks);
    }
    return total;
  } catch {
    return Math.ceil(text.length / 4);
  }
}

const messageCache = new WeakMap<ChatMessage, number>();

function countMessage(m: ChatMessage): number {
  const cached = messageCache.get(m);
  if (cached !== undefined) return cached;
  let n = PER_MESSAGE + 1 + countTokens(m.content);
  if (m.role === 'assistant') for (const c of m.toolCalls ?? []) n += PER_TOOL_CALL + countTokens(c.id) + countTokens(c.name) + countTokens(c.arguments);
  if (m.role === 'tool') n += countTokens(m.toolCallId);
  messageCache.set(m, n);
  return n;
}

const toolsCache = new WeakMap<readonly ToolSpec[], number>();

/** Tokens the tool definitions take in a request (counted from their JSON). */
export function countToolTokens(tools: readonly ToolSpec[]): number {
  if (tools.length === 0) return 0;
  const cached = toolsCache.get(tools);
  if (cached !== undefined) return cached;
  const n = countTokens(JSON.stringify(tools.map((t) => ({ type: 'function', function: t })))) + 12;
  toolsCache.set(tools, n);
  return n;
}

/**
 * Tokens a request takes: the system prompt, every message with its framing, and the tool definitions. Per-message counts are
 * cached on the message objects, so recounting a growing conversation is cheap.
 */
export function countMessageTokens(system: string, messages: readonly ChatMessage[], tools: readonly ToolSpec[] = []): number {
  let total = PER_REPLY + countToolTokens(tools);
  if (system !== '') total += PER_MESSAGE + 1 + countTokens(system);
  for (const m of messages) total += countMessage(m);
  return total;
}
