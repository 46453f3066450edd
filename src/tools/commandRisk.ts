// Classifies a shell command before approval: 'dangerous' (can destroy data or reach beyond the workspace: a person
// must approve), 'safe' (read-only, well known: fit for an allow list) or 'normal'. Shell-aware: shell-quote tokens,
// chains, pipes, redirects, command substitutions and nested `sh -c` scripts are analysed, never substrings.
import * as path from 'node:path';
import { parse, type ParseEntry } from 'shell-quote';
import { analyseArgv, DOWNLOADERS, type PartRisk, type PathContext, type RiskLevel } from './commandRiskRules';

export type { RiskLevel } from './commandRiskRules';

export interface CommandRisk {
  readonly level: RiskLevel;
  readonly reasons: string[];
  /** Each simple command of the chain (&&, ||, ;, |, &) as argv, nested scripts and substitutions included. */
  readonly parts: string[][];
}

export interface RiskContext {
  readonly workspaceRoots: readonly string[];
  readonly home?: string;
  /** Where the command runs; default the first workspace root. */
  readonly cwd?: string;
}

interface Substitution {
  readonly source: string;
  readonly risk: CommandRisk;
  /** The substitution downloads something (its output is remote content). */
  readonly remote: boolean;
}

interface Scan {
  readonly text: string;
  readonly subs: Substitution[];
  readonly error?: string;
}

const MAX_DEPTH = 6;
const ASSIGNMENT = /^[A-Za-z_]\w*=/;
const PLACEHOLDER = /__keel_sub_(\d+)__/g;
const SEPARATORS = new Set(['&&', '||', ';', '|', '&', '|&', ';;', '(', ')', '<(', '>(']);
const REDIRECTS = new Set(['>', '>>', '<', '<<', '<<<', '>&', '<&', '&>', '&>>', '>|', '<>']);

/** Index of the `)` closing the `(` at `open`, aware of quotes and nesting; -1 when there is none. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Quote-aware pre-pass: command and process substitutions become placeholders (their bodies are analysed on their
 * own), unquoted newlines become `;`, comments and line continuations go. Unbalanced quotes are reported.
 */
function scan(command: string, ctx: RiskContext, depth: number): Scan {
  const subs: Substitution[] = [];
  let out = '';
  let quote: '' | "'" | '"' = '';
  const addSub = (source: string, body: string): void => {
    const risk = classifyAt(body, ctx, depth + 1);
    subs.push({ source, risk, remote: risk.parts.some((p) => p[0] !== undefined && DOWNLOADERS.has(path.posix.basename(p[0]))) });
    out += `__keel_sub_${subs.length - 1}__`;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] ?? '';
    const next = command[i + 1] ?? '';
    if (quote === "'") {
      out += c;
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      if (next === '\n') i++;
      else {
        out += c + next;
        i++;
      }
      continue;
    }
    if (c === '$' && next === '(' && command[i + 2] !== '(') {
      const end = closingParen(command, i + 1);
      if (end === -1) return { text: out, subs, error: 'an unclosed $( command substitution' };
      addSub(command.slice(i, end + 1), command.slice(i + 2, end));
      i = end;
      continue;
    }
    if (c === '`') {
      const end = command.indexOf('`', i + 1);
      if (end === -1) return { text: out, subs, error: 'an unclosed backtick substitution' };
      addSub(command.slice(i, end + 1), command.slice(i + 1, end));
      i = end;
      continue;
    }
    if (quote === '"') {
      out += c;
      if (c === '"') quote = '';
      continue;
    }
    if ((c === '<' || c === '>') && next === '(') {
      const end = closingParen(command, i + 1);
      if (end === -1) return { text: out, subs, error: `an unclosed ${c}( process substitution` };
      addSub(command.slice(i, end + 1), command.slice(i + 2, end));
      i = end;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === '#' && (out === '' || /[\s;&|()]$/.test(out))) {
      const nl = command.indexOf('\n', i);
      i = nl === -1 ? command.length : nl - 1;
      continue;
    }
    out += c === '\n' ? ' ; ' : c;
  }
  return quote ? { text: out, subs, error: `an unbalanced ${quote} quote` } : { text: out, subs };
}

interface Simple {
  argv: string[];
  outputs: string[];
  pipeline: number;
}

function wordOf(e: ParseEntry | undefined): string | undefined {
  if (typeof e === 'string') return e;
  return e !== undefined && 'pattern' in e ? e.pattern : undefined;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'fi', 'done', 'esac']);

/** Splits shell-quote entries into simple commands with their output redirect targets and pipeline membership. */
function split(entries: readonly ParseEntry[]): { simples: Simple[]; forkBomb: boolean } {
  const simples: Simple[] = [];
  let current: Simple = { argv: [], outputs: [], pipeline: 0 };
  let pipeline = 0;
  const functions = new Set<string>();
  let forkBomb = false;
  const flush = (op: string): void => {
    while (current.argv.length > 0 && KEYWORDS.has(current.argv[0] ?? '')) current.argv.shift();
    if (current.argv.length > 0 || current.outputs.length > 0) simples.push(current);
    if (op !== '|' && op !== '|&') pipeline++;
    current = { argv: [], outputs: [], pipeline };
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const word = wordOf(e);
    if (word !== undefined) {
      current.argv.push(word);
      continue;
    }
    if (e === undefined || typeof e === 'string' || !('op' in e)) continue;
    const following = entries[i + 1];
    if (e.op === '(' && following !== undefined && typeof following === 'object' && 'op' in following && following.op === ')') {
      const name = current.argv[current.argv.length - 1];
      if (name !== undefined) functions.add(name);
    }
    if (e.op === '|' || e.op === '&') {
      const prev = current.argv[current.argv.length - 1];
      if (prev !== undefined && functions.has(prev) && (e.op === '&' || following === prev)) forkBomb = true;
    }
    if (SEPARATORS.has(e.op)) {
      flush(e.op);
    } else if (REDIRECTS.has(e.op)) {
      const last = current.argv[current.argv.length - 1];
      if (last !== undefined && /^\d+$/.test(last)) current.argv.pop();
      const target = wordOf(following);
      if (target !== undefined) {
        if (e.op.includes('>') && !(e.op === '>&' && /^(\d+|-)$/.test(target))) current.outputs.push(target);
        i++;
      }
    }
  }
  flush(';');
  return { simples, forkBomb };
}

function restore(word: string, subs: readonly Substitution[]): string {
  return word.replace(PLACEHOLDER, (_m, n: string) => subs[Number(n)]?.source ?? '');
}

function remoteSub(word: string, subs: readonly Substitution[]): boolean {
  for (const m of word.matchAll(PLACEHOLDER)) if (subs[Number(m[1])]?.remote) return true;
  return false;
}

function rank(level: RiskLevel): number {
  return level === 'dangerous' ? 2 : level === 'normal' ? 1 : 0;
}

function classifyAt(command: string, ctx: RiskContext, depth: number): CommandRisk {
  if (depth > MAX_DEPTH) return { level: 'normal', reasons: ['nested too deeply to analyse'], parts: [] };
  const scanned = scan(command, ctx, depth);
  if (scanned.error !== undefined) return { level: 'normal', reasons: [`could not be parsed: ${scanned.error}`], parts: [] };
  let entries: ParseEntry[];
  try {
    entries = parse(scanned.text, (key: string) => `$${key}`);
  } catch (err) {
    return { level: 'normal', reasons: [`could not be parsed: ${err instanceof Error ? err.message : String(err)}`], parts: [] };
  }
  const { simples, forkBomb } = split(entries);
  const reasons: string[] = [];
  const parts: string[][] = [];
  let level: RiskLevel = simples.length === 0 ? 'normal' : 'safe';
  const raise = (risk: PartRisk): void => {
    if (rank(risk.level) > rank(level)) level = risk.level;
    for (const why of risk.reasons) if (!reasons.includes(why)) reasons.push(why);
  };
  if (forkBomb) raise({ level: 'dangerous', reasons: ['a fork bomb (a function that calls itself through a pipe or in the background)'] });
  for (const sub of scanned.subs) {
    parts.push(...sub.risk.parts);
    raise(sub.risk);
  }
  const paths: PathContext = { roots: ctx.workspaceRoots, home: ctx.home, cwd: ctx.cwd ?? ctx.workspaceRoots[0] };
  const remoteVars = new Set<string>();
  const isRemote = (w: string): boolean => remoteSub(w, scanned.subs) || [...remoteVars].some((v) => w.includes(`$${v}`) || w.includes(`\${${v}}`));
  simples.forEach((simple, index) => {
    const argv = simple.argv.map((w) => restore(w, scanned.subs));
    if (argv.length > 0) parts.push(argv);
    if (simple.argv.length > 0 && simple.argv.every((w) => ASSIGNMENT.test(w))) {
      for (const w of simple.argv) if (isRemote(w)) remoteVars.add(w.slice(0, w.indexOf('=')));
    }
    const upstream = simples.slice(0, index).filter((s) => s.pipeline === simple.pipeline).map((s) => s.argv.map((w) => restore(w, scanned.subs)));
    raise(
      analyseArgv(argv, {
        paths,
        upstream,
        outputs: simple.outputs.map((w) => restore(w, scanned.subs)),
        remote: simple.argv.map(isRemote),
        nested: (script: string) => {
          const inner = classifyAt(script, { ...ctx, cwd: paths.cwd }, depth + 1);
          parts.push(...inner.parts);
          return inner;
        },
      }),
    );
    if (argv[0] === 'cd' || argv[0] === 'pushd') paths.cwd = changeDir(paths, argv[1]);
  });
  return { level, reasons, parts };
}

function changeDir(ctx: PathContext, target: string | undefined): string | undefined {
  if (target === undefined || target === '~') return ctx.home;
  if (target === '-' || target.includes('$')) return undefined;
  const expanded = target.startsWith('~/') && ctx.home !== undefined ? ctx.home + target.slice(1) : target;
  if (ctx.cwd === undefined && !path.posix.isAbsolute(expanded)) return undefined;
  return path.posix.resolve(ctx.cwd ?? '/', expanded);
}

export function classifyCommand(command: string, ctx: RiskContext): CommandRisk {
  if (command.trim() === '') return { level: 'normal', reasons: ['empty command'], parts: [] };
  return classifyAt(command, ctx, 0);
}
