// The rules behind commandRisk: one simple command (argv, its output redirects, its pipeline) → safe, normal or
// dangerous with reasons. Wrappers (sudo, env, timeout, xargs, find -exec, sh -c) are looked through.
import * as path from 'node:path';
import { DESCRIBE, NULL_LIKE, pathKind, writeRisk, type PathContext, type PathKind } from './commandRiskPaths';

export type { PathContext } from './commandRiskPaths';

export type RiskLevel = 'safe' | 'normal' | 'dangerous';

export interface PartRisk {
  readonly level: RiskLevel;
  readonly reasons: readonly string[];
}


export interface ArgvEnv {
  readonly paths: PathContext;
  /** Earlier commands of the same pipeline. */
  readonly upstream: readonly string[][];
  /** Targets of the output redirects of this command. */
  readonly outputs: readonly string[];
  /** Per argv word: it holds a command substitution whose command downloads something. */
  readonly remote: readonly boolean[];
  /** Classifies a nested script (sh -c, eval, watch). */
  readonly nested: (script: string) => PartRisk;
}

export const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'iwr', 'Invoke-WebRequest', 'irm', 'Invoke-RestMethod']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'fish', 'ash', 'csh', 'tcsh']);
const INTERPRETERS = new Set(['python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'pwsh', 'powershell', 'deno', 'bun']);
const HARMLESS_ENV = new Set(['CI', 'NODE_ENV', 'FORCE_COLOR', 'NO_COLOR', 'TERM', 'LANG', 'LC_ALL', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'RUST_BACKTRACE', 'DEBUG', 'TZ']);
const ALWAYS_SAFE = new Set(['ls', 'cat', 'head', 'tail', 'wc', 'pwd', 'echo', 'printf', 'which', 'whereis', 'type', 'file', 'stat', 'du', 'df', 'tree', 'diff', 'cmp', 'comm', 'uniq', 'cut', 'tr', 'paste', 'fold', 'basename', 'dirname', 'realpath', 'readlink', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'jq', 'date', 'whoami', 'id', 'uname', 'hostname', 'printenv', 'true', 'false', 'test', '[', 'nl', 'column', 'sha256sum', 'sha1sum', 'md5sum', 'shasum', 'cksum', 'tac', 'rev', 'seq', 'expr', 'sleep', 'less', 'more', 'ps', 'uptime', 'free', 'cd', 'pushd', 'popd']);
const VERSIONED = new Set(['node', 'npm', 'npx', 'pnpm', 'yarn', 'bun', 'deno', 'python', 'python3', 'pip', 'pip3', 'go', 'cargo', 'rustc', 'rustup', 'git', 'java', 'javac', 'mvn', 'gradle', 'dotnet', 'ruby', 'gem', 'php', 'composer', 'tsc', 'eslint', 'prettier', 'docker', 'kubectl', 'make', 'cmake', 'gcc', 'g++', 'clang', 'code']);
const TEST_TOOLS = new Set(['jest', 'vitest', 'mocha', 'ava', 'tap', 'pytest', 'py.test', 'nosetests', 'mypy', 'flake8', 'pylint', 'pyright']);
const SAFE_GIT = new Set(['status', 'diff', 'log', 'show', 'blame', 'rev-parse', 'ls-files', 'ls-tree', 'describe', 'shortlog', 'grep', 'cat-file', 'rev-list', 'whatchanged', 'count-objects', 'help', 'version', 'merge-base', 'name-rev', 'check-ignore']);
class Acc {
  private level: RiskLevel | undefined;
  readonly reasons: string[] = [];
  set(level: RiskLevel, reason?: string): void {
    const rank = (l: RiskLevel | undefined): number => (l === 'dangerous' ? 3 : l === 'normal' ? 2 : l === 'safe' ? 1 : 0);
    if (rank(level) > rank(this.level)) this.level = level;
    if (reason !== undefined && !this.reasons.includes(reason)) this.reasons.push(reason);
  }
  merge(risk: PartRisk): void {
    this.set(risk.level);
    for (const r of risk.reasons) this.set(risk.level, r);
  }
  result(): PartRisk {
    return { level: this.level ?? 'normal', reasons: this.reasons };
  }
}

const show = (argv: readonly string[]): string => {
  const text = argv.join(' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Splits short-option clusters and long options: `-rf --force x` → flags {r, f, --force}, operands [x]. */
function options(args: readonly string[], withValue: readonly string[] = []): { flags: Set<string>; operands: string[]; values: Map<string, string> } {
  const flags = new Set<string>();
  const operands: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name = a, value] = a.split('=', 2);
      flags.add(name);
      if (value !== undefined) values.set(name, value);
      else if (withValue.includes(name)) values.set(name, args[++i] ?? '');
    } else if (/^-[^-]/.test(a)) {
      if (withValue.includes(a)) {
        values.set(a, args[++i] ?? '');
        flags.add(a);
      } else for (const ch of a.slice(1)) flags.add(ch);
    } else operands.push(a);
  }
  return { flags, operands, values };
}

function checkWrite(target: string, acc: Acc, env: ArgvEnv, what: string): void {
  const risk = writeRisk(target, env.paths, what);
  if (risk !== undefined) acc.set(risk.level, risk.reason);
}

function deletes(argv: readonly string[], targets: readonly string[], recursive: boolean, acc: Acc, env: ArgvEnv): void {
  for (const t of targets) {
    const kind = pathKind(t, env.paths);
    const bad: PathKind[] = recursive ? ['root', 'home', 'above', 'outside', 'workspace', 'rootIfEmpty'] : ['root', 'home', 'outside', 'rootIfEmpty'];
    if (bad.includes(kind)) acc.set('dangerous', `${recursive ? 'recursive delete' : 'delete'} of ${DESCRIBE[kind]} (${show(argv)})`);
  }
  acc.set('normal');
}

function git(argv: readonly string[], acc: Acc): void {
  let i = 1;
  while (i < argv.length && (argv[i] ?? '').startsWith('-')) i += ['-C', '-c', '--git-dir', '--work-tree', '--namespace'].includes(argv[i] ?? '') ? 2 : 1;
  const sub = argv[i];
  const { flags, operands } = options(argv.slice(i + 1));
  const danger = (why: string): void => acc.set('dangerous', `${why} (${show(argv)})`);
  switch (sub) {
    case 'push':
      if (['--force', 'f', '--force-with-lease', '--force-if-includes', '--mirror', '--delete', 'd', '--prune'].some((f) => flags.has(f)) || operands.slice(1).some((r) => r.startsWith('+') || r.startsWith(':'))) {
        return danger('rewrites or deletes history on the remote');
      }
      return acc.set('normal');
    case 'reset':
      return flags.has('--hard') ? danger('discards uncommitted changes') : acc.set('normal');
    case 'clean':
      return (flags.has('f') || flags.has('--force')) && !flags.has('n') && !flags.has('--dry-run') ? danger('deletes untracked files') : acc.set('normal');
    case 'checkout':
    case 'restore': {
      const everything = operands.some((o) => ['.', './', ':/', '*', ':/*'].includes(o));
      const stagedOnly = sub === 'restore' && (flags.has('--staged') || flags.has('S')) && !flags.has('--worktree') && !flags.has('W');
      if ((everything && !stagedOnly) || (sub === 'checkout' && (flags.has('f') || flags.has('--force')))) return danger('discards all uncommitted changes');
      return acc.set('normal');
    }
    case 'branch':
      if (flags.has('D') || ((flags.has('d') || flags.has('--delete')) && (flags.has('f') || flags.has('--force')))) return danger('force-deletes a branch');
      return acc.set(operands.length === 0 && [...flags].every((f) => ['a', 'r', 'v', '--list', '--show-current', '--all', '--remotes', '--merged', '--no-merged', '--contains'].includes(f)) ? 'safe' : 'normal');
    case 'stash':
      if (operands[0] === 'clear') return danger('deletes every stash');
      return acc.set(operands[0] === 'list' || operands[0] === 'show' ? 'safe' : 'normal');
    case 'filter-branch':
    case 'filter-repo':
      return danger('rewrites the whole history');
    case 'reflog':
      return operands[0] === 'expire' || operands[0] === 'delete' ? danger('deletes reflog entries') : acc.set(operands.length === 0 || operands[0] === 'show' ? 'safe' : 'normal');
    case 'gc':
      return [...flags].some((f) => f.startsWith('--prune')) ? danger('prunes unreachable objects') : acc.set('normal');
    case 'tag':
      return acc.set(operands.length === 0 && [...flags].every((f) => f === 'l' || f === '--list') ? 'safe' : 'normal');
    case 'remote':
      return acc.set(operands.length === 0 || operands[0] === 'show' || operands[0] === 'get-url' ? 'safe' : 'normal');
    case 'config':
      return acc.set([...flags].some((f) => ['--get', '--get-all', '--list', 'l', '--get-regexp'].includes(f)) ? 'safe' : 'normal');
    default:
      return acc.set(sub !== undefined && SAFE_GIT.has(sub) ? 'safe' : 'normal');
  }
}

/** Position after a wrapper's own options: `timeout -s KILL 10 npm test` → index of `npm`. */
function skipWrapper(cmd: string, argv: readonly string[]): number {
  const valued: Record<string, readonly string[]> = {
    sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group'],
    doas: ['-u', '-C'],
    env: ['-u', '-C', '-S', '--unset', '--chdir'],
    nice: ['-n', '--adjustment'],
    ionice: ['-c', '-n', '-p'],
    timeout: ['-s', '-k', '--signal', '--kill-after'],
    stdbuf: ['-i', '-o', '-e'],
    xargs: ['-n', '-L', '-P', '-s', '-d', '-E', '-I', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file'],
    watch: ['-n', '-d', '--interval'],
    exec: ['-a'],
  };
  let i = 1;
  while (i < argv.length) {
    const a = argv[i] ?? '';
    if (a === '--') return i + 1;
    if (cmd === 'env' && /^[A-Za-z_]\w*=/.test(a)) i++;
    else if (a.startsWith('-') && a.length > 1) i += (valued[cmd] ?? []).includes(a) ? 2 : 1;
    else break;
  }
  return cmd === 'timeout' ? i + 1 : i;
}

const WRAPPERS = new Set(['sudo', 'doas', 'pkexec', 'run0', 'env', 'nohup', 'time', 'nice', 'ionice', 'timeout', 'stdbuf', 'command', 'builtin', 'exec', 'chronic', 'unbuffer', 'xargs']);

function analyse(argv: readonly string[], remote: readonly boolean[], env: ArgvEnv, acc: Acc, extraTargets: readonly string[]): void {
  let start = 0;
  while (/^[A-Za-z_]\w*=/.test(argv[start] ?? '')) {
    if (!HARMLESS_ENV.has((argv[start] ?? '').split('=')[0] ?? '')) acc.set('normal');
    start++;
  }
  const words = argv.slice(start);
  const flagsRemote = remote.slice(start);
  const first = words[0];
  if (first === undefined) return acc.set('normal');
  const cmd = path.posix.basename(first);
  const args = words.slice(1);
  if (flagsRemote[0]) return acc.set('dangerous', `runs downloaded content as a command (${show(words)})`);
  if (['sudo', 'doas', 'pkexec', 'run0', 'su'].includes(cmd)) acc.set('dangerous', `runs with another user's rights (${cmd})`);
  if (cmd === 'su') {
    const script = args[args.indexOf('-c') + 1];
    if (args.includes('-c') && script !== undefined) acc.merge(env.nested(script));
    return;
  }
  if (WRAPPERS.has(cmd)) {
    const at = skipWrapper(cmd, words);
    if (at >= words.length) return acc.set(cmd === 'env' ? 'safe' : 'normal');
    const inner = words.slice(at);
    const targets = cmd === 'xargs' ? upstreamPaths(env.upstream) : extraTargets;
    if (cmd === 'xargs' && targets.length === 0) acc.set('normal');
    return analyse(targets.length > 0 && cmd === 'xargs' ? [...inner, ...targets] : inner, flagsRemote.slice(at), env, acc, targets);
  }
  if (cmd === 'watch') return acc.merge(env.nested(words.slice(skipWrapper(cmd, words)).join(' ')));
  if (SHELLS.has(cmd) || INTERPRETERS.has(cmd)) return interpreter(cmd, words, flagsRemote, env, acc);
  if (cmd === 'eval' || cmd === 'source' || cmd === '.') {
    if (flagsRemote.some(Boolean)) return acc.set('dangerous', `${cmd === 'eval' ? 'evaluates' : 'sources'} downloaded content (${show(words)})`);
    return cmd === 'eval' ? acc.merge(env.nested(args.join(' '))) : acc.set('normal');
  }
  rules(cmd, words, args, env, acc);
}

function upstreamPaths(upstream: readonly string[][]): string[] {
  const producer = upstream[upstream.length - 1];
  if (producer === undefined) return [];
  const name = path.posix.basename(producer[0] ?? '');
  if (name === 'find') return findPaths(producer.slice(1));
  if (name === 'echo' || name === 'printf' || name === 'ls') return producer.slice(1).filter((a) => !a.startsWith('-'));
  return [];
}

function findPaths(args: readonly string[]): string[] {
  const paths: string[] = [];
  for (const a of args) {
    if (['-H', '-L', '-P'].includes(a)) continue;
    if (a.startsWith('-') || a === '(' || a === '!') break;
    paths.push(a);
  }
  return paths.length > 0 ? paths : ['.'];
}

function interpreter(cmd: string, words: readonly string[], remote: readonly boolean[], env: ArgvEnv, acc: Acc): void {
  const scriptFlag = words.findIndex((w, i) => i > 0 && (w === '-c' || w === '-e' || w === '--eval' || w === '-Command' || (SHELLS.has(cmd) && /^-[a-z]*c$/.test(w))));
  const downloaded = env.upstream.some((p) => DOWNLOADERS.has(path.posix.basename(p[0] ?? '')));
  if (scriptFlag !== -1) {
    if (remote[scriptFlag + 1]) return acc.set('dangerous', `runs downloaded code (${show(words)})`);
    const script = words[scriptFlag + 1];
    if (SHELLS.has(cmd) && script !== undefined) return acc.merge(env.nested(script));
    return acc.set('normal');
  }
  if (remote.slice(1).some(Boolean)) return acc.set('dangerous', `runs downloaded code (${show(words)})`);
  const operands = words.slice(1).filter((w) => !w.startsWith('-') || w === '-');
  const fromStdin = operands.length === 0 || operands[0] === '-' || words.includes('-s');
  if (fromStdin && downloaded) return acc.set('dangerous', `pipes a download into ${cmd}, which runs it unseen`);
  if (cmd.startsWith('python') && words[1] === '-m') return acc.set(['pytest', 'unittest', 'mypy', 'pyflakes', 'pylint', 'flake8'].includes(words[2] ?? '') ? 'safe' : 'normal');
  if (cmd === 'node' && (words[1] === '--test' || words[1] === '--check')) return acc.set('safe');
  if ((cmd === 'deno' || cmd === 'bun') && words[1] === 'test') return acc.set('safe');
  acc.set(words.length === 2 && ['--version', '-V', '-v', '--help'].includes(words[1] ?? '') ? 'safe' : 'normal');
}

function rules(cmd: string, words: readonly string[], args: readonly string[], env: ArgvEnv, acc: Acc): void {
  const danger = (why: string): void => acc.set('dangerous', `${why} (${show(words)})`);
  const { flags, operands, values } = options(args);
  if (/^mkfs(\.|$)/.test(cmd) || ['mke2fs', 'mkswap', 'fdisk', 'sfdisk', 'cfdisk', 'gdisk', 'sgdisk', 'parted', 'wipefs', 'blkdiscard'].includes(cmd)) return danger('partitions or formats a disk');
  if (cmd === 'diskutil' && /^(erase|partition|zero|secureErase)/i.test(args[0] ?? '')) return danger('erases a disk');
  if (['shutdown', 'reboot', 'halt', 'poweroff'].includes(cmd)) return danger('shuts the machine down or restarts it');
  if (cmd === 'systemctl' && ['poweroff', 'reboot', 'halt', 'kexec', 'suspend', 'hibernate', 'rescue', 'emergency'].includes(operands[0] ?? '')) return danger('shuts the machine down or restarts it');
  if ((cmd === 'init' || cmd === 'telinit') && ['0', '6'].includes(operands[0] ?? '')) return danger('shuts the machine down or restarts it');
  switch (cmd) {
    case 'rm':
      if (flags.has('--no-preserve-root')) danger('deletes with --no-preserve-root');
      return deletes(words, operands, flags.has('r') || flags.has('R') || flags.has('--recursive'), acc, env);
    case 'find': {
      const roots = findPaths(args);
      const execAt = args.findIndex((a) => ['-exec', '-execdir', '-ok', '-okdir'].includes(a));
      const bare = args.every((a) => roots.includes(a) || ['-delete', '-depth', '-L', '-H', '-P', '-xdev', '-mount'].includes(a));
      if (args.includes('-delete')) deletes(words, roots.filter((r) => bare || pathKind(r, env.paths) !== 'workspace'), true, acc, env);
      if (execAt !== -1) {
        const end = args.findIndex((a, i) => i > execAt && (a === ';' || a === '+'));
        const inner = args.slice(execAt + 1, end === -1 ? undefined : end);
        for (const root of roots) analyse(inner.map((a) => (a === '{}' ? (bare ? root : `${root.replace(/\/$/, '')}/found-entry`) : a)), [], env, acc, []);
      }
      return acc.set(args.some((a) => a === '-delete' || /^-(exec|execdir|ok|okdir|fprint0?|fprintf|fls)$/.test(a)) ? 'normal' : 'safe');
    }
    case 'shred':
      for (const t of operands) if (t.startsWith('/dev/') || pathKind(t, env.paths) !== 'inside') danger('overwrites a device or a file outside the workspace');
      return acc.set('normal');
    case 'dd': {
      const of = args.find((a) => a.startsWith('of='))?.slice(3);
      if (of !== undefined && !NULL_LIKE.test(of)) {
        if (of.startsWith('/dev/')) return danger('writes raw data to a device');
        if (pathKind(of, env.paths) !== 'inside') return danger('overwrites a file outside the workspace');
      }
      return acc.set('normal');
    }
    case 'chmod':
    case 'chown':
    case 'chgrp': {
      const recursive = flags.has('R') || flags.has('--recursive');
      const targets = values.has('--reference') ? operands : operands.slice(1);
      for (const t of targets) {
        const kind = pathKind(t, env.paths);
        if (kind === 'root' || kind === 'rootIfEmpty' || (['home', 'above', 'outside'].includes(kind) && (recursive || kind === 'outside'))) danger(`changes ${recursive ? 'recursively ' : ''}the permissions or owner of ${DESCRIBE[kind]}`);
      }
      return acc.set('normal');
    }
    case 'kill': {
      const rest = /^-(\w+)$/.test(args[0] ?? '') && args.length > 1 ? args.slice(args[0] === '-s' || args[0] === '-n' ? 2 : 1) : args;
      if (rest.filter((a) => a !== '--').some((a) => a === '-1')) return danger('kills every process the user can reach');
      return acc.set('normal');
    }
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun':
      if (operands.includes('publish') || operands.includes('unpublish')) return danger('publishes to a package registry, which cannot be undone');
      return acc.set(packageScriptSafe(cmd, operands, flags) ? 'safe' : 'normal');
    case 'npx': {
      const at = words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
      return at === -1 ? acc.set('normal') : analyse(words.slice(at), [], env, acc, []);
    }
    case 'cargo':
      if (operands[0] === 'publish' || operands[0] === 'yank') return danger('publishes to a package registry, which cannot be undone');
      return acc.set(['test', 'check', 'tree', 'metadata'].includes(operands[0] ?? '') || (operands[0] === 'clippy' && !flags.has('--fix')) || (operands[0] === 'fmt' && flags.has('--check')) || flags.has('--version') ? 'safe' : 'normal');
    case 'twine':
    case 'gem':
    case 'poetry':
    case 'flit':
      if (['upload', 'push', 'publish'].includes(operands[0] ?? '')) return danger('publishes to a package registry, which cannot be undone');
      return acc.set('normal');
    case 'crontab':
      return flags.has('r') ? danger('deletes every cron job') : acc.set('normal');
    case 'git':
      return git(words, acc);
    case 'mv': {
      const dest = operands[operands.length - 1];
      if (dest === '/dev/null') return danger('moves files into /dev/null (deletes them)');
      for (const src of operands.slice(0, -1)) {
        const kind = pathKind(src, env.paths);
        if (['root', 'home', 'above', 'workspace', 'rootIfEmpty'].includes(kind)) danger(`moves ${DESCRIBE[kind]}`);
      }
      if (dest !== undefined) checkWrite(dest, acc, env, cmd);
      return acc.set('normal');
    }
    case 'cp':
    case 'install':
    case 'rsync': {
      const dest = operands[operands.length - 1];
      if (dest !== undefined && operands.length > 1) checkWrite(dest, acc, env, cmd);
      if (cmd === 'rsync' && flags.has('--delete') && dest !== undefined && pathKind(dest, env.paths) !== 'inside') danger('deletes files outside the workspace');
      return acc.set('normal');
    }
    case 'tee':
      for (const t of operands) checkWrite(t, acc, env, 'tee');
      return acc.set(operands.every((t) => NULL_LIKE.test(t)) ? 'safe' : 'normal');
    case 'go':
      return acc.set(['test', 'vet', 'version', 'env', 'list', 'doc'].includes(operands[0] ?? '') ? 'safe' : 'normal');
    case 'make':
      return acc.set(flags.has('n') || flags.has('--dry-run') ? 'safe' : 'normal');
    case 'sort':
      return acc.set(flags.has('o') || flags.has('--output') ? 'normal' : 'safe');
    case 'tsc':
      return acc.set(flags.has('--noEmit') || flags.has('--showConfig') || flags.has('v') || flags.has('--version') ? 'safe' : 'normal');
    case 'eslint':
      return acc.set(flags.has('--fix') ? 'normal' : 'safe');
    case 'prettier':
      return acc.set((flags.has('--check') || flags.has('c') || flags.has('l') || flags.has('--list-different')) && !flags.has('--write') && !flags.has('w') ? 'safe' : 'normal');
    case 'ruff':
      return acc.set(operands[0] === 'check' && !flags.has('--fix') ? 'safe' : 'normal');
    case 'pip':
    case 'pip3':
      return acc.set(['list', 'show', 'freeze', 'check'].includes(operands[0] ?? '') || flags.has('--version') ? 'safe' : 'normal');
    default:
      if (ALWAYS_SAFE.has(cmd) || TEST_TOOLS.has(cmd)) return acc.set('safe');
      return acc.set(VERSIONED.has(cmd) && args.length === 1 && ['--version', '-V', '-v', 'version', '--help'].includes(args[0] ?? '') ? 'safe' : 'normal');
  }
}

function packageScriptSafe(cmd: string, operands: readonly string[], flags: ReadonlySet<string>): boolean {
  const [verb, script] = operands;
  if (operands.length === 0) return flags.has('v') || flags.has('--version');
  if (operands.some((o) => /^--(fix|write)\b/.test(o))) return false;
  if (verb === 'test' || verb === 't' || verb === 'tst') return true;
  if (verb === 'run' || (cmd !== 'npm' && script === undefined && !['install', 'add', 'remove', 'exec', 'dlx', 'create', 'init', 'link'].includes(verb ?? ''))) {
    const name = verb === 'run' ? script : verb;
    return name !== undefined && /^(test(:.*)?|lint|typecheck|type-check|check|tsc)$/.test(name);
  }
  if (verb === 'exec' || (cmd === 'npx' && verb !== undefined)) return false;
  return ['ls', 'list', 'outdated', 'view', 'info', 'why', 'explain', 'root', 'prefix'].includes(verb ?? '') || (verb === 'audit' && operands[1] !== 'fix');
}

export function analyseArgv(argv: readonly string[], env: ArgvEnv): PartRisk {
  const acc = new Acc();
  for (const out of env.outputs) checkWrite(out, acc, env, '>');
  analyse(argv, env.remote, env, acc, []);
  return acc.result();
}
