// Edit engine benchmark: the corpus of model-written edits (test/bench/corpus/edits) scored against its expected
// files for the engine and for a plain exact-match baseline, then per-rung timings of a 30-line edit in a
// 20,000-line file. Run: npx tsc -p . && node --expose-gc out/test/bench/edits.bench.js
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyEdits, applyUnifiedDiff, findElision, type EditOutcome, type TextEdit } from '../../src/edits';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'test', 'bench', 'corpus', 'edits');
const TIME_LIMIT_MS = 50;
const RUNS = 15;

type Piece = string | [number, number];
interface Replacement {
  readonly find: string;
  readonly replace: string;
  readonly all?: boolean;
}
interface Case {
  readonly id: string;
  readonly source: string;
  readonly kind: 'edits' | 'diff' | 'write';
  readonly category: string;
  readonly why: string;
  readonly variant?: { readonly crlf?: boolean; readonly trailingSpaces?: readonly number[] };
  readonly edits?: readonly { old_text: string; new_text: string; replace_all?: boolean }[];
  readonly patch?: string;
  readonly content?: readonly Piece[];
  readonly expect: 'refuse' | { readonly replace: readonly Replacement[] };
}
type Result = { applied: true; content: string } | { applied: false };
type Verdict = 'correct' | 'refused' | 'missed' | 'wrong';

const occurrences = (text: string, find: string): number => (find === '' ? 0 : text.split(find).length - 1);

function originalOf(c: Case, sources: ReadonlyMap<string, string>): string {
  const text = sources.get(c.source) ?? '';
  if (c.variant?.crlf) return text.replace(/\n/g, '\r\n');
  const spaced = c.variant?.trailingSpaces;
  return spaced ? text.split('\n').map((l, i) => (spaced.includes(i) ? `${l}   ` : l)).join('\n') : text;
}

function expectedOf(c: Case, original: string): string | undefined {
  if (c.expect === 'refuse') return undefined;
  let out = original;
  for (const r of c.expect.replace) {
    if (r.all) out = out.split(r.find).join(r.replace);
    else if (occurrences(out, r.find) === 1) out = out.replace(r.find, () => r.replace);
    else throw new Error(`${c.id}: expected replacement does not occur exactly once`);
  }
  return out;
}

function contentOf(c: Case, original: string): string {
  const lines = original.split('\n');
  return (c.content ?? []).flatMap((p) => (typeof p === 'string' ? [p] : lines.slice(p[0], p[1]))).join('\n');
}

const editsOf = (c: Case): TextEdit[] => (c.edits ?? []).map((e) => ({ oldText: e.old_text, newText: e.new_text, replaceAll: e.replace_all }));
const fromOutcome = (o: EditOutcome): Result => (o.ok ? { applied: true, content: o.content } : { applied: false });

function engine(c: Case, original: string): Result {
  if (c.kind === 'edits') return fromOutcome(applyEdits(original, editsOf(c)));
  if (c.kind === 'diff') return fromOutcome(applyUnifiedDiff(original, c.patch ?? ''));
  const content = contentOf(c, original);
  return findElision(content, original) ? { applied: false } : { applied: true, content };
}

/** The plain approach: each old text must occur exactly once, verbatim; hunks likewise; write_file writes as given. */
function baseline(c: Case, original: string): Result {
  const replaceOnce = (text: string, find: string, replace: string, all = false): string | undefined => {
    const n = occurrences(text, find);
    if (all && n > 0) return text.split(find).join(replace);
    return n === 1 ? text.replace(find, () => replace) : undefined;
  };
  let text: string | undefined = original;
  if (c.kind === 'write') return { applied: true, content: contentOf(c, original) };
  if (c.kind === 'edits') {
    for (const e of c.edits ?? []) text = text === undefined ? undefined : replaceOnce(text, e.old_text, e.new_text, e.replace_all);
  } else {
    const hunks = (c.patch ?? '').split(/^@@.*$/m).slice(1);
    for (const h of hunks) {
      const lines = h.replace(/^\n/, '').replace(/\n$/, '').split('\n');
      if (lines.some((l) => !/^[ +-]/.test(l))) return { applied: false };
      const old = lines.filter((l) => l[0] !== '+').map((l) => l.slice(1));
      const neu = lines.filter((l) => l[0] !== '-').map((l) => l.slice(1));
      text = text === undefined ? undefined : replaceOnce(text, old.join('\n'), neu.join('\n'));
    }
  }
  return text === undefined ? { applied: false } : { applied: true, content: text };
}

function verdict(result: Result, expected: string | undefined): Verdict {
  if (!result.applied) return expected === undefined ? 'refused' : 'missed';
  return expected !== undefined && result.content === expected ? 'correct' : 'wrong';
}

interface Tally {
  correct: number;
  refused: number;
  missed: number;
  wrong: number;
}
const emptyTally = (): Tally => ({ correct: 0, refused: 0, missed: 0, wrong: 0 });
const fmt = (t: Tally): string => `${String(t.correct).padStart(4)} ${String(t.refused).padStart(4)} ${String(t.missed).padStart(4)} ${String(t.wrong).padStart(4)}`;

function scoreCorpus(): boolean {
  const sources = new Map(fs.readdirSync(path.join(CORPUS, 'sources')).map((n) => [n.replace(/\.txt$/, ''), fs.readFileSync(path.join(CORPUS, 'sources', n), 'utf8')]));
  const cases = fs
    .readFileSync(path.join(CORPUS, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);
  const rows = new Map<string, { engine: Tally; baseline: Tally; n: number }>();
  const total = { engine: emptyTally(), baseline: emptyTally() };
  const wrong: string[] = [];
  const missed: string[] = [];
  for (const c of cases) {
    const original = originalOf(c, sources);
    const expected = expectedOf(c, original);
    const e = verdict(engine(c, original), expected);
    const b = verdict(baseline(c, original), expected);
    const row = rows.get(c.category) ?? { engine: emptyTally(), baseline: emptyTally(), n: 0 };
    row.n++;
    row.engine[e]++;
    row.baseline[b]++;
    total.engine[e]++;
    total.baseline[b]++;
    rows.set(c.category, row);
    if (e === 'wrong') wrong.push(`${c.id} (${c.why})`);
    if (e === 'missed') missed.push(`${c.id} (${c.why})`);
  }
  const expectRefuse = cases.filter((c) => c.expect === 'refuse').length;
  console.log(`Edit corpus: ${cases.length} cases from ${sources.size} source files (${cases.length - expectRefuse} should apply, ${expectRefuse} should be refused)`);
  console.log('columns: correctly applied, correctly refused, refused but should apply, WRONGLY APPLIED');
  console.log(`${'category'.padEnd(24)}${'n'.padStart(4)}   ${'engine'.padEnd(19)}   baseline (exact match)`);
  for (const [name, r] of [...rows.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`${name.padEnd(24)}${String(r.n).padStart(4)}   ${fmt(r.engine)}   ${fmt(r.baseline)}`);
  }
  console.log(`${'total'.padEnd(24)}${String(cases.length).padStart(4)}   ${fmt(total.engine)}   ${fmt(total.baseline)}`);
  const pct = (t: Tally): string => `${(((t.correct + t.refused) / cases.length) * 100).toFixed(1)}%`;
  console.log(`engine:   ${total.engine.correct} correctly applied, ${total.engine.refused} correctly refused, ${total.engine.missed} refused that should apply, ${total.engine.wrong} wrongly applied (${pct(total.engine)} right)`);
  console.log(`baseline: ${total.baseline.correct} correctly applied, ${total.baseline.refused} correctly refused, ${total.baseline.missed} refused that should apply, ${total.baseline.wrong} wrongly applied (${pct(total.baseline)} right)`);
  if (missed.length > 0) console.log(`refused that should apply:\n  ${missed.join('\n  ')}`);
  if (wrong.length > 0) console.log(`WRONGLY APPLIED:\n  ${wrong.join('\n  ')}`);
  return wrong.length === 0;
}

/** A 20,000-line TypeScript file (the cart module repeated with distinct names), and a 30-line region in its middle. */
function bigFile(): { text: string; region: string[]; start: number } {
  const unit = fs.readFileSync(path.join(CORPUS, 'sources', 'cart.ts.txt'), 'utf8').split('\n');
  const lines: string[] = [];
  for (let k = 0; lines.length < 20_000; k++) lines.push(...unit.map((l) => l.replace(/\b(Cart|round|mergeCarts|CartLine|CartTotals)\b/g, `$1${k}`)));
  lines.length = 20_000;
  const at = lines.findIndex((l, i) => i > 10_000 && l.startsWith('export function mergeCarts'));
  const start = at - 16;
  return { text: `${lines.join('\n')}\n`, region: lines.slice(start, start + 30), start };
}

interface Rung {
  readonly name: string;
  readonly expectLevel?: string;
  /** Shown for information, not held to the limit (not a rung). */
  readonly informational?: boolean;
  run(): EditOutcome;
}

function rungs(): Rung[] {
  const { text, region, start } = bigFile();
  const old = region.join('\n');
  const target = region.findIndex((l) => l.includes('const existing = merged.get('));
  const changed = region.map((l, i) => (i === target ? l.replace('merged.get(line.item.sku)', 'merged.get(line.item.sku.toLowerCase())') : l));
  const neu = changed.join('\n');
  const crlf = text.replace(/\n/g, '\r\n');
  const width = String(start + 30).length;
  const numbered = (ls: readonly string[]): string => ls.map((l, i) => `${String(start + 1 + i).padStart(width)}→${l}`).join('\n');
  const indented = (ls: readonly string[]): string => ls.map((l) => (l === '' ? l : `    ${l}`)).join('\n');
  const stale = (ls: readonly string[]): string => ls.map((l) => l.replace('existing.quantity += line.quantity;', 'existing.quantity = existing.quantity + line.quantity;')).join('\n');
  const hunk = ['@@ -3,30 +3,30 @@', ...region.map((l, i) => (i === target ? `-${l}\n+${changed[i]}` : ` ${l}`))].join('\n');
  const fn = region.findIndex((l) => l.startsWith('export function mergeCarts'));
  const elided = [...region.slice(fn, fn + 2), '  // ...', '}'].join('\n');
  const fnNew = changed.slice(fn, fn + 14).join('\n');
  const edit = (o: string, n: string): (() => EditOutcome) => () => applyEdits(text, [{ oldText: o, newText: n }]);
  return [
    { name: 'exact', expectLevel: 'exact', run: edit(old, neu) },
    { name: 'trailing_whitespace', expectLevel: 'trailing_whitespace', run: edit(region.map((l) => `${l}  `).join('\n'), neu) },
    { name: 'line_endings', expectLevel: 'line_endings', run: () => applyEdits(crlf, [{ oldText: old, newText: neu }]) },
    { name: 'line_numbers', expectLevel: 'line_numbers', run: edit(numbered(region), numbered(changed)) },
    { name: 'indentation', expectLevel: 'indentation', run: edit(indented(region), indented(changed)) },
    { name: 'similarity', expectLevel: 'similarity', run: edit(stale(region), stale(changed)) },
    { name: 'elided old_text', expectLevel: 'exact', run: edit(elided, fnNew) },
    { name: 'unified diff', expectLevel: 'exact', run: () => applyUnifiedDiff(text, hunk) },
    { name: 'not found (error)', expectLevel: 'refused', informational: true, run: edit(region.map((l) => l.replace(/[a-z]/g, 'q')).join('\n'), 'x') },
  ];
}

function timeRungs(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  const load = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'n/a';
  console.log(`\nSpeed: a 30-line edit in a 20,000-line file, ${RUNS} runs per rung${gc ? ' (GC between runs)' : ''}; limit ${TIME_LIMIT_MS} ms on the median`);
  console.log(`(wall-clock times; machine load average ${load} on ${os.cpus().length} CPUs, so max includes time waiting for a CPU)`);
  console.log(`${'rung'.padEnd(22)}${'median'.padStart(9)}${'max'.padStart(9)}${'min'.padStart(9)}  result`);
  let ok = true;
  for (const r of rungs()) {
    const times: number[] = [];
    let outcome: EditOutcome = r.run();
    for (let k = 0; k < RUNS; k++) {
      gc?.();
      const t0 = performance.now();
      outcome = r.run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const max = times[times.length - 1] ?? 0;
    const min = times[0] ?? 0;
    const level = outcome.ok ? outcome.applied.map((a) => a.level).join(',') : 'refused';
    const levelOk = r.expectLevel === undefined || level === r.expectLevel;
    const fast = median < TIME_LIMIT_MS || r.informational === true;
    if (!levelOk || !fast) ok = false;
    const ms = (t: number): string => `${t.toFixed(1).padStart(7)}ms`;
    console.log(`${r.name.padEnd(22)}${ms(median)}${ms(max)}${ms(min)}  ${level}${levelOk ? '' : ` (expected ${r.expectLevel})`}${fast ? '' : '  SLOW'}${r.informational ? '  (error path, not a rung)' : ''}`);
  }
  return ok;
}

const corpusOk = scoreCorpus();
const speedOk = timeRungs();
if (!corpusOk || !speedOk) process.exitCode = 1;
