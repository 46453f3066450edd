// Tidying a unified diff as models write it before parsing: code fences, missing `@@` lines, wrong or missing hunk
// line counts, context lines that lost their leading space. Hunk headers are rewritten with the true counts; the
// line numbers they claimed are kept only as hints.

export interface TidyPatch {
  /** A patch that `diff`'s parsePatch accepts. */
  readonly text: string;
  /** Per hunk, the old-side start line the model wrote, if any. */
  readonly hints: readonly (number | undefined)[];
  /** Per hunk, its header as the model wrote it. */
  readonly headers: readonly string[];
  /** File names from `---`/`+++` lines. */
  readonly files: readonly string[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

interface RawHunk {
  header: string;
  hint: number | undefined;
  lines: string[];
}

function stripFences(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && (out[0] ?? '').trim() === '') out.shift();
  if (/^\s*```/.test(out[0] ?? '')) out.shift();
  const close = out.findIndex((l) => /^\s*```\s*$/.test(l));
  return close >= 0 ? out.slice(0, close) : out;
}

export function tidyPatch(patch: string): TidyPatch {
  const lines = stripFences(patch.replace(/\r\n/g, '\n').split('\n'));
  const meta: string[] = [];
  const files: string[] = [];
  const hunks: RawHunk[] = [];
  let current: RawHunk | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fileHeader = /^(---|\+\+\+) (.*)$/.exec(line);
    const nextIsPlus = /^\+\+\+ /.test(lines[i + 1] ?? '');
    if (fileHeader && (fileHeader[1] === '+++' || nextIsPlus || !current)) {
      const name = (fileHeader[2] ?? '').split('\t')[0]?.trim().replace(/^[ab]\//, '') ?? '';
      if (name !== '/dev/null' && !files.includes(name)) files.push(name);
      if (hunks.length === 0) meta.push(line);
      current = undefined;
      continue;
    }
    if (line.startsWith('@@')) {
      const m = HUNK.exec(line);
      current = { header: line, hint: m ? Number(m[1]) : undefined, lines: [] };
      hunks.push(current);
      continue;
    }
    if (!current) {
      if (/^[+\- ]/.test(line) && !/^(diff |index |Index: )/.test(line)) {
        current = { header: '@@', hint: undefined, lines: [line] };
        hunks.push(current);
      } else if (hunks.length === 0) meta.push(line);
      continue;
    }
    if (/^(diff --git |Index: )/.test(line)) {
      current = undefined;
      continue;
    }
    current.lines.push(line === '' ? ' ' : /^[ +\-\\]/.test(line) ? line : ` ${line}`);
  }
  for (const h of hunks) {
    while (h.lines.length > 0 && h.lines[h.lines.length - 1] === ' ') h.lines.pop();
  }
  const body = hunks.map((h) => {
    const oldCount = h.lines.filter((l) => l[0] === ' ' || l[0] === '-').length;
    const newCount = h.lines.filter((l) => l[0] === ' ' || l[0] === '+').length;
    return [`@@ -1,${oldCount} +1,${newCount} @@`, ...h.lines].join('\n');
  });
  const header = meta.filter((l) => /^(---|\+\+\+) /.test(l)).length === 2 ? meta.filter((l) => /^(---|\+\+\+) /.test(l)) : [];
  return { text: [...header, ...body].join('\n'), hints: hunks.map((h) => h.hint), headers: hunks.map((h) => h.header), files };
}
