// Checks parsed arguments against a tool's zod schema; coerces only the safe slips ("5" → 5, "true" → true) and
// otherwise answers with an error that names each field, what was expected and what came.
import { z } from 'zod';

export type Validated<T> = { readonly ok: true; readonly value: T; readonly coerced: readonly string[] } | { readonly ok: false; readonly error: string };

type Path = readonly PropertyKey[];

function fieldName(path: Path): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out === '' ? '(arguments)' : out;
}

function getAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (typeof parent === 'object' && parent !== null && last !== undefined) (parent as Record<PropertyKey, unknown>)[last] = value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return `${kind} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

/** The safe coercion for a string where a number or boolean was expected, or undefined when there is none. */
function safeCoercion(expected: string, value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if ((expected === 'number' || expected === 'int') && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (expected === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
  return undefined;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase().replace(/[-_]/g, '');
  return candidates.find((c) => {
    const k = c.toLowerCase().replace(/[-_]/g, '');
    return k === w || k.includes(w) || w.includes(k);
  });
}

export function validateArgs<S extends z.ZodType>(schema: S, input: Record<string, unknown>, knownFields: readonly string[] = []): Validated<z.infer<S>> {
  const value = structuredClone(input);
  const coerced: string[] = [];
  for (let round = 0; round < 2; round++) {
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, value: result.data, coerced };
    let changed = false;
    for (const issue of result.error.issues) {
      if (issue.code !== 'invalid_type') continue;
      const current = getAt(value, issue.path);
      const fixed = safeCoercion(issue.expected, current);
      if (fixed !== undefined) {
        setAt(value, issue.path, fixed);
        coerced.push(`${fieldName(issue.path)}: ${JSON.stringify(current)} → ${JSON.stringify(fixed)}`);
        changed = true;
      }
    }
    if (!changed) {
      const lines = result.error.issues.map((issue) => {
        const field = fieldName(issue.path);
        switch (issue.code) {
          case 'invalid_type': {
            const got = getAt(value, issue.path);
            return got === undefined ? `- "${field}" is required (${issue.expected}).` : `- "${field}": expected ${issue.expected}, got ${describe(got)}.`;
          }
          case 'unrecognized_keys':
            return issue.keys
              .map((k) => {
                const hint = closest(k, knownFields);
                return `- unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}.`;
              })
              .join('\n');
          case 'invalid_value':
            if (getAt(value, issue.path) === undefined) return `- "${field}" is required (one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}).`;
            return `- "${field}": expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(getAt(value, issue.path))}.`;
          default:
            return `- "${field}": ${issue.message}.`;
        }
      });
      return { ok: false, error: lines.join('\n') };
    }
  }
  const final = schema.safeParse(value);
  return final.success ? { ok: true, value: final.data, coerced } : { ok: false, error: final.error.issues.map((i) => `- "${fieldName(i.path)}": ${i.message}.`).join('\n') };
}
