// The tool set a run offers: model-facing specs generated from the same zod schemas that validate each call, and
// call resolution that turns any malformed call into an error result the model can act on.
import { z } from 'zod';
import type { JsonSchema, ToolCall, ToolSpec } from '../model/types';
import { parseToolArguments } from './args';
import { TOOL_ALIASES } from './names';
import type { ToolDef } from './types';
import { validateArgs } from './validate';

export type ResolvedCall =
  | { readonly ok: true; readonly def: ToolDef; readonly args: Record<string, unknown>; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string };

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

function cleanSchema(schema: Record<string, unknown>): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$schema') continue;
      if ((k === 'maximum' && v === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && v === Number.MIN_SAFE_INTEGER)) continue;
      out[k] = walk(v);
    }
    return out;
  };
  return { ...(walk(schema) as Record<string, unknown>), type: 'object' };
}

export class ToolRegistry {
  private readonly byName = new Map<string, ToolDef>();
  private readonly specCache: ToolSpec[];

  constructor(defs: readonly ToolDef[]) {
    for (const def of defs) {
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(def.name)) throw new Error(`Invalid tool name ${def.name}`);
      if (this.byName.has(def.name)) throw new Error(`Duplicate tool ${def.name}`);
      this.byName.set(def.name, def);
    }
    this.specCache = defs.map((d) => ({ name: d.name, description: d.description, parameters: cleanSchema(z.toJSONSchema(d.schema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>) }));
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): ToolDef | undefined {
    return this.byName.get(name);
  }

  specs(): readonly ToolSpec[] {
    return this.specCache;
  }

  /** A one-line signature, e.g. `read_file {path: string, start_line?: integer}`. */
  signature(name: string): string {
    const spec = this.specCache.find((s) => s.name === name);
    if (!spec) return name;
    const props = (spec.parameters.properties ?? {}) as Record<string, { type?: unknown }>;
    const required = new Set((spec.parameters.required ?? []) as string[]);
    const fields = Object.entries(props).map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${typeof v.type === 'string' ? v.type : 'value'}`);
    return `${name} {${fields.join(', ')}}`;
  }

  suggest(name: string): string | undefined {
    const lower = name.toLowerCase().replace(/^functions[.:]/, '');
    if (this.byName.has(lower)) return lower;
    const alias = TOOL_ALIASES[lower];
    if (alias && this.byName.has(alias)) return alias;
    let best: { name: string; d: number } | undefined;
    for (const candidate of this.byName.keys()) {
      const d = levenshtein(lower, candidate);
      if (!best || d < best.d) best = { name: candidate, d };
    }
    return best && best.d <= Math.max(2, Math.floor(lower.length / 3)) ? best.name : undefined;
  }

  resolve(call: ToolCall, options: { readonly truncated?: boolean } = {}): ResolvedCall {
    const def = this.byName.get(call.name);
    if (!def) {
      const hint = this.suggest(call.name);
      return {
        ok: false,
        error: `There is no tool named "${call.name}".${hint ? ` Did you mean "${hint}"? Its arguments: ${this.signature(hint)}.` : ''} Available tools: ${this.names.join(', ')}.`,
      };
    }
    const parsed = parseToolArguments(call.arguments, options);
    if (!parsed.ok) return { ok: false, error: `${call.name}: ${parsed.error}\nExpected: ${this.signature(def.name)}` };
    const known = Object.keys((this.specCache.find((s) => s.name === def.name)?.parameters.properties ?? {}) as Record<string, unknown>);
    const checked = validateArgs(def.schema, parsed.value, known);
    if (!checked.ok) return { ok: false, error: `${call.name}: invalid arguments:\n${checked.error}\nExpected: ${this.signature(def.name)}` };
    const notes: string[] = [];
    if (parsed.repaired) notes.push('malformed JSON arguments were repaired');
    if (checked.coerced.length) notes.push(`coerced ${checked.coerced.join('; ')}`);
    return { ok: true, def, args: checked.value as Record<string, unknown>, notes };
  }
}
