// Where a path in a command points (root, home, the workspace, outside it...) and the risk of writing there.
import * as path from 'node:path';

export interface PathContext {
  readonly roots: readonly string[];
  readonly home: string | undefined;
  /** Undefined once a `cd` went somewhere that cannot be known. */
  cwd: string | undefined;
}

const SYSTEM_DIRS = ['/etc', '/usr', '/bin', '/sbin', '/boot', '/lib', '/lib32', '/lib64', '/sys', '/proc', '/var', '/opt', '/System', '/Library', '/Applications'];
export const NULL_LIKE = /^\/dev\/(null|zero|stdout|stderr|stdin|tty|fd\/\d+|shm\/.*)$/;

export type PathKind = 'root' | 'home' | 'above' | 'outside' | 'workspace' | 'inside' | 'unknown' | 'rootIfEmpty';

export const DESCRIBE: Record<PathKind, string> = {
  root: 'the root folder',
  home: 'the home folder',
  above: 'a folder that contains the workspace',
  outside: 'a path outside the workspace',
  workspace: 'the whole workspace',
  inside: 'a path in the workspace',
  unknown: 'an unknown path',
  rootIfEmpty: 'the root folder if the variable is empty',
};

const within = (dir: string, p: string): boolean => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

function absolute(arg: string, ctx: PathContext): string | PathKind {
  let p = arg;
  const home = /^(~|\$HOME|\$\{HOME\})(?=\/|$)/.exec(p);
  if (home) {
    const rest = p.slice(home[0].length);
    if (ctx.home === undefined) return /^\/?(\*|\.\*)?$/.test(rest) ? 'home' : 'outside';
    p = ctx.home + rest;
  } else if (p.startsWith('~')) return 'outside';
  if (/^\$(PWD|\{PWD\})/.test(p)) p = (ctx.cwd ?? '$') + p.replace(/^\$(PWD|\{PWD\})/, '');
  const variable = /^\$(\w+|\{\w+\})/.exec(p);
  if (variable) {
    const rest = p.slice(variable[0].length);
    return /^\/+(\*|\.\*)?$/.test(rest) ? 'rootIfEmpty' : 'unknown';
  }
  const segments = p.split('/');
  const cut = segments.findIndex((s) => /[*?[{$]/.test(s));
  const base = cut === -1 ? p : segments.slice(0, cut).join('/') || (p.startsWith('/') ? '/' : '.');
  if (!path.posix.isAbsolute(base) && ctx.cwd === undefined) return 'unknown';
  return path.posix.resolve(ctx.cwd ?? '/', base);
}

export function pathKind(arg: string, ctx: PathContext): PathKind {
  const abs = absolute(arg, ctx);
  if (!abs.startsWith('/')) return abs as PathKind;
  if (abs === '/') return 'root';
  if (ctx.home !== undefined && abs === path.posix.normalize(ctx.home)) return 'home';
  for (const root of ctx.roots) {
    if (abs === root) return 'workspace';
    if (within(abs, root)) return 'above';
    if (within(root, abs)) return 'inside';
  }
  return ctx.roots.length === 0 && !path.posix.isAbsolute(arg) ? 'unknown' : 'outside';
}

/** The risk of writing to `target` (a redirect, tee, cp or mv destination); undefined for /dev/null and the like. */
export function writeRisk(target: string, ctx: PathContext, what: string): { level: 'normal' | 'dangerous'; reason?: string } | undefined {
  if (NULL_LIKE.test(target)) return undefined;
  if (target.startsWith('/dev/')) return { level: 'dangerous', reason: `writes to a device (${what} ${target})` };
  const abs = absolute(target, ctx);
  const kind = pathKind(target, ctx);
  if (abs.startsWith('/') && SYSTEM_DIRS.some((d) => within(d, abs)) && !within('/var/tmp', abs)) return { level: 'dangerous', reason: `writes into a system folder (${what} ${target})` };
  const home = ctx.home;
  if (abs.startsWith('/') && home !== undefined && within(home, abs) && (abs.slice(home.length + 1).split('/')[0] ?? '').startsWith('.') && kind !== 'inside') {
    return { level: 'dangerous', reason: `writes to a dotfile in the home folder (${what} ${target})` };
  }
  return kind === 'outside' || kind === 'home' || kind === 'root' ? { level: 'normal', reason: `writes outside the workspace (${what} ${target})` } : { level: 'normal' };
}

