// Recovers tool calls that a model wrote as text: <tool_call> blocks (Hermes/Qwen JSON or Qwen3-Coder XML), fenced JSON naming
// a known tool, or a bare JSON call. Pure; never throws; linear-time scans so hostile input cannot hang it.
import { jsonrepair } from 'jsonrepair';

export interface TextToolCall {
  readonly name: string;
  /** The arguments as JSON text (an object). */
  readonly arguments: string;
}

export interface TextToolCallParse {
  readonly calls: readonly TextToolCall[];
  /** The text with every recovered call removed. */
  readonly text: string;
  /** A <tool_call> block was opened but not closed and its content is not a complete call: the output was cut. */
  readonly truncated: boolean;
  /** Set when something looked like a tool call but could not be read: what went wrong, for the reminder to the model. */
  readonly malformed?: string;
}

/** Inputs longer than this are not searched (a reply is never this long; a hostile one may be). */
export const MAX_PARSE_CHARS = 2_000_000;
const MAX_REPAIR_CHARS = 100_000;
const MAX_BARE_TRIES = 8;
const NAME_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON.parse, then jsonrepair for small inputs; undefined when neither reads it. */
export function lenientJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    if (text.length > MAX_REPAIR_CHARS) return undefined;
    try {
      return JSON.parse(jsonrepair(text)) as Json;
    } catch {
      return undefined;
    }
  }
}

function resolveName(raw: string, known: ReadonlySet<string>): string {
  if (known.has(raw)) return raw;
  for (const prefix of ['functions.', 'function.', 'tools.']) {
    if (raw.startsWith(prefix) && known.has(raw.slice(prefix.length))) return raw.slice(prefix.length);
  }
  return raw;
}

const NAME_KEYS = ['name', 'tool', 'tool_name', 'toolName', 'function', 'function_name', 'recipient_name'];
const ARG_KEYS = ['arguments', 'args', 'parameters', 'input', 'params', 'tool_input', 'argument'];

/** Reads one call object in any of the common shapes; undefined when it is not a call (or, with requireKnown, not a known tool). */
function callFromObject(value: Json, known: ReadonlySet<string>, requireKnown: boolean): TextToolCall | undefined {
  if (!isObject(value)) return undefined;
  const inner = value.function;
  const obj: JsonObject = isObject(inner) ? inner : value;
  let rawName: string | undefined;
  let nameKey = '';
  for (const k of NAME_KEYS) {
    const v = obj[k];
    if (typeof v === 'string' && v.trim() !== '') {
      rawName = v.trim();
      nameKey = k;
      break;
    }
  }
  if (rawName === undefined || !NAME_RE.test(rawName)) return undefined;
  const name = resolveName(rawName, known);
  if (requireKnown && !known.has(name)) return undefined;
  let args: Json | undefined;
  for (const k of ARG_KEYS) {
    if (k in obj) {
      args = obj[k];
      break;
    }
  }
  if (args === undefined) {
    const rest: JsonObject = {};
    for (const [k, v] of Object.entries(obj)) if (k !== nameKey && k !== 'type' && k !== 'id') rest[k] = v;
    args = rest;
  }
  if (typeof args === 'string') {
    const parsed = lenientJson(args);
    return { name, arguments: isObject(parsed) ? JSON.stringify(parsed) : args };
  }
  if (args === null) return { name, arguments: '{}' };
  return { name, arguments: JSON.stringify(args) };
}

function callsFromJson(value: Json | undefined, known: ReadonlySet<string>, requireKnown: boolean): TextToolCall[] {
  if (value === undefined) return [];
  const items: Json[] = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.tool_calls) ? value.tool_calls : [value];
  const calls: TextToolCall[] = [];
  for (const item of items) {
    const call = callFromObject(item, known, requireKnown);
    if (call === undefined) return []; // all or nothing: a list with a non-call is not a list of calls
    calls.push(call);
  }
  return calls;
}

/** Qwen3-Coder's XML form: <function=NAME><parameter=KEY>VALUE</parameter>...</function>. */
function callFromXml(body: string, known: ReadonlySet<string>): TextToolCall | undefined {
  const start = body.indexOf('<function=');
  if (start < 0) return undefined;
  const nameEnd = body.indexOf('>', start);
  if (nameEnd < 0) return undefined;
  const rawName = body.slice(start + '<function='.length, nameEnd).trim();
  if (!NAME_RE.test(rawName)) return undefined;
  const args: JsonObject = {};
  let at = nameEnd + 1;
  while (true) {
    const p = body.indexOf('<parameter=', at);
    if (p < 0) break;
    const keyEnd = body.indexOf('>', p);
    if (keyEnd < 0) break;
    const close = body.indexOf('</parameter>', keyEnd);
    const end = close < 0 ? body.indexOf('</function>', keyEnd) : close;
    if (end < 0) return undefined;
    const key = body.slice(p + '<parameter='.length, keyEnd).trim();
    let value = body.slice(keyEnd + 1, end);
    if (value.startsWith('\n')) value = value.slice(1);
    if (value.endsWith('\n')) value = value.slice(0, -1);
    const trimmed = value.trim();
    let parsed: Json | undefined;
    if (/^(?:[[{]|-?\d|true$|false$|null$)/.test(trimmed)) {
      try {
        parsed = JSON.parse(trimmed) as Json;
      } catch {
        parsed = undefined;
      }
    }
    if (key !== '') args[key] = parsed ?? value;
    at = end + 1;
  }
  return { name: resolveName(rawName, known), arguments: JSON.stringify(args) };
}

function stripFence(body: string): string {
  const t = body.trim();
  if (!t.startsWith('```')) return t;
  const firstNl = t.indexOf('\n');
  const last = t.lastIndexOf('```');
  return firstNl > 0 && last > firstNl ? t.slice(firstNl + 1, last).trim() : t;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

interface TagScan {
  readonly calls: TextToolCall[];
  readonly spans: Span[];
  truncated: boolean;
  malformed: string | undefined;
  sawTag: boolean;
}

const OPEN_TAG = /<(tool_call|function_call|tool_use)>/gi;

function scanTags(text: string, known: ReadonlySet<string>): TagScan {
  const scan: TagScan = { calls: [], spans: [], truncated: false, malformed: undefined, sawTag: false };
  OPEN_TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN_TAG.exec(text)) !== null) {
    scan.sawTag = true;
    const tag = (m[1] ?? 'tool_call').toLowerCase();
    const bodyStart = m.index + m[0].length;
    const closeRe = new RegExp(`</${tag}>`, 'i');
    const rest = text.slice(bodyStart);
    const closeAt = rest.search(closeRe);
    const closed = closeAt >= 0;
    const body = stripFence(closed ? rest.slice(0, closeAt) : rest);
    const end = closed ? bodyStart + closeAt + tag.length + 3 : text.length;
    const xml = callFromXml(body, known);
    // An unclosed block may be a cut-off call: only JSON that is complete as written counts, never a repaired fragment.
    const calls = xml !== undefined ? [xml] : callsFromJson(closed ? lenientJson(body) : lenientJsonStrict(body), known, false);
    if (calls.length > 0 && (closed || xml === undefined || body.includes('</function>'))) {
      scan.calls.push(...calls);
      scan.spans.push({ start: m.index, end });
    } else if (!closed) {
      scan.truncated = true;
    } else {
      scan.malformed ??= `a <${tag}> block whose content is not a JSON object with "name" and "arguments"`;
    }
    OPEN_TAG.lastIndex = end;
    if (!closed) break;
  }
  return scan;
}

function scanFences(text: string, known: ReadonlySet<string>): { calls: TextToolCall[]; spans: Span[]; malformed: string | undefined } {
  const calls: TextToolCall[] = [];
  const spans: Span[] = [];
  let malformed: string | undefined;
  let at = 0;
  while (true) {
    const open = text.indexOf('```', at);
    if (open < 0) break;
    const lineEnd = text.indexOf('\n', open);
    if (lineEnd < 0) break;
    const close = text.indexOf('```', lineEnd);
    if (close < 0) break;
    const info = text.slice(open + 3, lineEnd).trim().toLowerCase();
    const body = text.slice(lineEnd + 1, close).trim();
    if ((info === '' || info === 'json' || info === 'jsonc' || info === 'json5' || info.includes('tool')) && (body.startsWith('{') || body.startsWith('['))) {
      const found = callsFromJson(lenientJson(body), known, true);
      if (found.length > 0) {
        calls.push(...found);
        spans.push({ start: open, end: close + 3 });
      } else if (info.includes('tool')) {
        malformed ??= `a \`\`\`${info} block that is not a JSON call of a known tool`;
      }
    }
    at = close + 3;
  }
  return { calls, spans, malformed };
}

/** A JSON object or array that is the whole reply, or starts a line; tried at a few positions only. */
function scanBare(text: string, known: ReadonlySet<string>): { calls: TextToolCall[]; span: Span | undefined } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const calls = callsFromJson(lenientJsonStrict(trimmed), known, true);
    if (calls.length > 0) return { calls, span: { start: 0, end: text.length } };
  }
  let tries = 0;
  let at = 0;
  while (tries < MAX_BARE_TRIES) {
    const nl = text.indexOf('\n{', at);
    if (nl < 0) break;
    tries++;
    const start = nl + 1;
    const end = balancedEnd(text, start);
    if (end > start) {
      const calls = callsFromJson(lenientJsonStrict(text.slice(start, end)), known, true);
      if (calls.length > 0) return { calls, span: { start, end } };
    }
    at = start;
  }
  return { calls: [], span: undefined };
}

/** Bare JSON must parse as it is: repairing arbitrary prose into "calls" would invent them. */
function lenientJsonStrict(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** Index just past the object that opens at `start` (string-aware brace matching), or -1. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function removeSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text.trim();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += text.slice(at, s.start);
    at = s.end;
  }
  out += text.slice(at);
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

const EMPTY = (text: string): TextToolCallParse => ({ calls: [], text, truncated: false });

/**
 * Recovers the tool calls written in `text`. Names inside <tool_call> tags are taken as written (an unknown tool is for the
 * agent to report); fenced or bare JSON counts only when it names one of `knownTools`.
 */
export function parseTextToolCalls(text: string, knownTools: readonly string[]): TextToolCallParse {
  if (typeof text !== 'string') return EMPTY('');
  if (text.length > MAX_PARSE_CHARS) return EMPTY(text);
  try {
    const known = new Set(knownTools);
    const tags = scanTags(text, known);
    if (tags.calls.length > 0 || tags.sawTag) {
      return { calls: tags.calls, text: removeSpans(text, tags.spans), truncated: tags.truncated, ...(tags.malformed !== undefined && tags.calls.length === 0 ? { malformed: tags.malformed } : {}) };
    }
    const fences = scanFences(text, known);
    if (fences.calls.length > 0) return { calls: fences.calls, text: removeSpans(text, fences.spans), truncated: false };
    const bare = scanBare(text, known);
    if (bare.span !== undefined) return { calls: bare.calls, text: removeSpans(text, [bare.span]), truncated: false };
    return { calls: [], text: text.trim(), truncated: false, ...(fences.malformed !== undefined ? { malformed: fences.malformed } : {}) };
  } catch {
    return EMPTY(text);
  }
}
