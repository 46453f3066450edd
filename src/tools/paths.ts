// Workspace containment for every path a tool touches: relative to a root; `..`, absolute paths and symlinks that
// lead outside every root are refused, for reads and writes alike; writes inside .git/ are refused outright.
import * as path from 'node:path';
import type { Ports } from '../ports';

export type ResolvedPath =
  | { readonly ok: true; readonly abs: string; /** forward slashes, relative to its root */ readonly rel: string; readonly root: string }
  | { readonly ok: false; readonly error: string };

function inside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Picks the root a path belongs to: an absolute path inside a root, `<rootName>/...` in multi-root, else the first root. */
function lexical(roots: readonly string[], input: string): { abs: string; root: string } | undefined {
  const first = roots[0];
  if (first === undefined) return undefined;
  if (path.isAbsolute(input)) {
    const abs = path.normalize(input);
    const root = roots.find((r) => inside(r, abs));
    return root === undefined ? undefined : { abs, root };
  }
  if (roots.length > 1) {
    const [head] = input.split(/[\\/]/);
    const named = roots.find((r) => path.basename(r) === head);
    if (named !== undefined) {
      const abs = path.resolve(path.dirname(named), input);
      return inside(named, abs) ? { abs, root: named } : undefined;
    }
  }
  const abs = path.resolve(first, input);
  return inside(first, abs) ? { abs, root: first } : undefined;
}

async function realOrUndefined(ports: Ports, p: string): Promise<string | undefined> {
  try {
    return await ports.fs.realPath(p);
  } catch {
    return undefined;
  }
}

/** The real location of `abs`, or of its nearest existing ancestor joined with the rest (for files not yet created). */
async function realLocation(ports: Ports, abs: string): Promise<string | undefined> {
  let probe = abs;
  const rest: string[] = [];
  for (let i = 0; i < 256; i++) {
    const real = await realOrUndefined(ports, probe);
    if (real !== undefined) return rest.length ? path.join(real, ...rest.reverse()) : real;
    const parent = path.dirname(probe);
    if (parent === probe) return undefined;
    rest.push(path.basename(probe));
    probe = parent;
  }
  return undefined;
}

export async function resolveWorkspacePath(ports: Ports, input: string, options: { readonly write?: boolean } = {}): Promise<ResolvedPath> {
  const roots = ports.workspace.roots;
  if (roots.length === 0) return { ok: false, error: 'No workspace folder is open, so no file can be read or written.' };
  const cleaned = input.trim();
  if (cleaned === '' || cleaned.includes('\0')) return { ok: false, error: `Invalid path ${JSON.stringify(input)}: give a path relative to the workspace root, e.g. "src/index.ts".` };
  const located = lexical(roots, cleaned.replace(/^file:\/\//, ''));
  if (located === undefined) {
    return { ok: false, error: `Path "${cleaned}" is outside the workspace and was refused. Use a path relative to the workspace root (${roots.join(', ')}); ".." may not leave it.` };
  }
  const realRoot = (await realOrUndefined(ports, located.root)) ?? located.root;
  const real = await realLocation(ports, located.abs);
  if (real === undefined || !inside(realRoot, real)) {
    return { ok: false, error: `Path "${cleaned}" leads outside the workspace through a symbolic link and was refused.` };
  }
  const rel = toPosix(path.relative(located.root, located.abs)) || '.';
  if (options.write && rel.split('/').some((segment) => segment.toLowerCase() === '.git')) {
    return { ok: false, error: `Writing inside .git/ is not allowed ("${rel}"). Use the git tools (git_status, git_diff, git_commit) for git.` };
  }
  return { ok: true, abs: located.abs, rel, root: located.root };
}

/** Workspace-relative display path for an absolute path (forward slashes); the absolute path when outside every root. */
export function displayPath(roots: readonly string[], abs: string): string {
  const root = roots.find((r) => inside(r, abs));
  if (root === undefined) return abs;
  const rel = toPosix(path.relative(root, abs)) || '.';
  return roots.length > 1 ? `${path.basename(root)}/${rel}` : rel;
}
