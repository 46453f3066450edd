// The optional branch per task: `keel/<slug>` created from the current commit and switched to, carrying the person's
// uncommitted changes along untouched (git switch -c changes no file, no index entry). Any doubt means no branch.
import { GitFailure } from './errors';
import { findRepository, operationInProgress } from './repository';
import { GitRunner } from './runner';

export type TaskBranchResult =
  | { readonly created: true; readonly branch: string; readonly from: string }
  | { readonly created: false; readonly reason: string };

const MAX_SLUG = 40;

/** A branch-safe slug of the task's first words: "Add a --json flag to the CLI!" → "add-a-json-flag-to-the-cli". */
export function branchSlug(task: string): string {
  const words = task
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, MAX_SLUG) || 'task';
}

/** Whether git exits 0. Never pass --quiet: simple-git reports a failure only when git also writes to stderr. */
async function succeeds(git: GitRunner, args: readonly string[], signal?: AbortSignal): Promise<boolean> {
  try {
    await git.run(args, { signal });
    return true;
  } catch (err) {
    if (err instanceof GitFailure) return false;
    throw err;
  }
}

/** Creates and switches to `keel/<slug>` (with -2, -3, … when taken); says why not when it cannot or should not. */
export async function startTaskBranch(workspaceRoot: string, task: string, signal?: AbortSignal): Promise<TaskBranchResult> {
  const git = new GitRunner(workspaceRoot);
  let layout;
  try {
    layout = await findRepository(git, signal);
  } catch (err) {
    return { created: false, reason: err instanceof Error ? err.message : String(err) };
  }
  if (!layout) return { created: false, reason: 'the workspace is not in a git repository' };
  const operation = await operationInProgress(layout.gitDir);
  if (operation) return { created: false, reason: `a ${operation} is in progress` };
  if (!(await succeeds(git, ['rev-parse', '--verify', 'HEAD^{commit}'], signal))) return { created: false, reason: 'the repository has no commit yet' };
  let current = '';
  try {
    current = (await git.run(['symbolic-ref', '--short', 'HEAD'], { signal })).trim();
  } catch (err) {
    if (!(err instanceof GitFailure)) throw err; // detached HEAD ("not a symbolic ref"): branch from the commit
  }
  if (current.startsWith('keel/')) return { created: false, reason: `already on ${current}` };
  const from = current || (await git.run(['rev-parse', '--short', 'HEAD'], { signal })).trim();
  const base = `keel/${branchSlug(task)}`;
  for (let n = 1; n <= 100; n++) {
    const branch = n === 1 ? base : `${base}-${n}`;
    if (await succeeds(git, ['show-ref', '--verify', `refs/heads/${branch}`], signal)) continue;
    try {
      await git.run(['switch', '--no-guess', '-c', branch], { signal });
      return { created: true, branch, from };
    } catch (err) {
      if (err instanceof GitFailure) return { created: false, reason: err.message };
      throw err;
    }
  }
  return { created: false, reason: `${base} and its numbered variants up to -100 are all taken` };
}
