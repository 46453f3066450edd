// Turns a model's raw argument text into a JSON object: valid JSON passes; unambiguous slips (trailing commas,
// single quotes, a code fence, a double-encoded string) are repaired with jsonrepair; cut-off output is never repaired.
import { jsonrepair } from 'jsonrepair';

export type ParsedArgs =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly repaired: boolean }
  | { readonly ok: false; readonly error: string };

const MAX_ARG_CHARS = 2_000_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function unwrap(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value === 'string') {
    const inner = tryJson(value.trim());
    if (isRecord(inner)) return inner; // double-encoded: "{\"path\": \"a\"}"
  }
  return undefined;
}

function stripFence(text: string): string {
  const m = /^\s*```[a-zA-Z0-9_-]*\s*\n?([\s\S]*?)\n?\s*```\s*$/.exec(text);
  return m?.[1] ?? text;
}

/** True when the text ends inside a string or with brackets left open: a cut-off call, which is never completed by guessing. */
export function looksTruncated(text: string): boolean {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') stack.push(c);
    else if (c === '}' || c === ']') stack.pop();
  }
  return quote !== undefined || stack.length > 0;
}

export function parseToolArguments(raw: string, options: { readonly truncated?: boolean } = {}): ParsedArgs {
  if (options.truncated) {
    return { ok: false, error: 'Your output was cut off by the output token limit in the middle of this tool call, so it was not executed. Make the call again with shorter arguments (for a large file, write it in parts or use edit_file with small edits).' };
  }
  if (raw.length > MAX_ARG_CHARS) return { ok: false, error: `The arguments are ${raw.length} characters long, more than the ${MAX_ARG_CHARS} allowed. Split the work into smaller calls.` };
  const text = raw.trim();
  if (text === '') return { ok: true, value: {}, repaired: false };
  const direct = unwrap(tryJson(text));
  if (direct) return { ok: true, value: direct, repaired: typeof tryJson(text) === 'string' };
  const unfenced = stripFence(text);
  const fenced = unwrap(tryJson(unfenced));
  if (fenced) return { ok: true, value: fenced, repaired: true };
  if (looksTruncated(unfenced)) {
    return { ok: false, error: 'The arguments end in the middle of a string or object, as if cut off, so they were not executed. Send the complete JSON object again.' };
  }
  let repairedText: string;
  try {
    repairedText = jsonrepair(unfenced);
  } catch (err) {
    return { ok: false, error: `The arguments are not valid JSON and could not be repaired safely (${err instanceof Error ? err.message : String(err)}). Send one JSON object, e.g. {"path": "src/index.ts"}.` };
  }
  const repaired = unwrap(tryJson(repairedText));
  if (!repaired) return { ok: false, error: 'The arguments must be one JSON object with named fields, e.g. {"path": "src/index.ts"}.' };
  return { ok: true, value: repaired, repaired: true };
}
