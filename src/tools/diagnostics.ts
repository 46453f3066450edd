// Which problems an edit introduced: the file's diagnostics after the edit minus those it had before (as a multiset,
// ignoring line shifts), errors first and capped, worded for the model to fix before moving on.
import type { FileDiagnostic } from '../ports';

const ORDER: Record<FileDiagnostic['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };

function key(d: FileDiagnostic): string {
  return `${d.severity}|${d.source ?? ''}|${d.code ?? ''}|${d.message}`;
}

export function introducedDiagnostics(before: readonly FileDiagnostic[], after: readonly FileDiagnostic[]): FileDiagnostic[] {
  const remaining = new Map<string, number>();
  for (const d of before) remaining.set(key(d), (remaining.get(key(d)) ?? 0) + 1);
  const added: FileDiagnostic[] = [];
  for (const d of after) {
    const n = remaining.get(key(d)) ?? 0;
    if (n > 0) remaining.set(key(d), n - 1);
    else if (d.severity === 'error' || d.severity === 'warning') added.push(d);
  }
  return added.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.line - b.line);
}

export function formatIntroduced(rel: string, added: readonly FileDiagnostic[], max = 10): string | undefined {
  if (added.length === 0) return undefined;
  const lines = added.slice(0, max).map((d) => `- ${d.severity} ${rel}:${d.line}: ${d.message.split('\n')[0] ?? ''}${d.source ? ` (${d.source}${d.code ? ` ${d.code}` : ''})` : ''}`);
  const more = added.length > max ? `\n- … and ${added.length - max} more` : '';
  return `This change introduced ${added.length} new problem${added.length === 1 ? '' : 's'} reported by the language servers. Fix them before moving on:\n${lines.join('\n')}${more}`;
}
