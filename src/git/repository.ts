// Where a workspace's repository lives (top level, git folders, the workspace's prefix inside it) and which
// multi-step operation (merge, rebase, ...) is in progress.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { GitFailure } from './errors';
import type { GitRunner } from './runner';

export interface RepoLayout {
  readonly workspaceRoot: string;
  readonly topLevel: string;
  /** This work tree's git folder (a linked worktree has its own). */
  readonly gitDir: string;
  readonly commonDir: string;
  /** The person's index file. */
  readonly indexFile: string;
  /** The workspace folder inside the repository, with a trailing slash ('' at the top level). */
  readonly prefix: string;
}

/** The repository the workspace is in, or undefined when it is in none. */
export async function findRepository(git: GitRunner, signal?: AbortSignal): Promise<RepoLayout | undefined> {
  let out: string;
  try {
    out = await git.run(['rev-parse', '--path-format=absolute', '--show-toplevel', '--absolute-git-dir', '--git-common-dir', '--git-path', 'index', '--show-prefix'], { signal });
  } catch (err) {
    if (err instanceof GitFailure && err.code === 'not-a-repository') return undefined;
    if (err instanceof GitFailure && /must be run in a work tree|outside repository|bare repository/i.test(err.detail)) return undefined;
    throw err;
  }
  const [topLevel, gitDir, commonDir, indexFile, prefix = ''] = out.split(/\r?\n/);
  if (!topLevel || !gitDir || !commonDir || !indexFile) throw new GitFailure(`Unexpected answer from git rev-parse: ${JSON.stringify(out)}`, 'failed');
  return { workspaceRoot: git.cwd, topLevel: path.resolve(topLevel), gitDir: path.resolve(gitDir), commonDir: path.resolve(commonDir), indexFile: path.resolve(indexFile), prefix: prefix.trim() };
}

export type Operation = 'merge' | 'rebase' | 'am' | 'cherry-pick' | 'revert' | 'bisect';

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

export async function operationInProgress(gitDir: string): Promise<Operation | undefined> {
  if (await exists(path.join(gitDir, 'MERGE_HEAD'))) return 'merge';
  if (await exists(path.join(gitDir, 'rebase-merge'))) return 'rebase';
  if (await exists(path.join(gitDir, 'rebase-apply'))) return (await exists(path.join(gitDir, 'rebase-apply', 'applying'))) ? 'am' : 'rebase';
  if (await exists(path.join(gitDir, 'CHERRY_PICK_HEAD'))) return 'cherry-pick';
  if (await exists(path.join(gitDir, 'REVERT_HEAD'))) return 'revert';
  if (await exists(path.join(gitDir, 'BISECT_LOG'))) return 'bisect';
  return undefined;
}

const FINISH: Record<Operation, string> = {
  merge: 'A merge is in progress: files marked UU, AA, DU or UD have conflicts. The person must finish the merge (resolve, then `git merge --continue`) or abort it (`git merge --abort`).',
  rebase: 'A rebase is in progress. The person must finish it (`git rebase --continue`) or abort it (`git rebase --abort`).',
  am: 'A `git am` patch series is being applied. The person must finish it (`git am --continue`) or abort it (`git am --abort`).',
  'cherry-pick': 'A cherry-pick is in progress. The person must finish it (`git cherry-pick --continue`) or abort it (`git cherry-pick --abort`).',
  revert: 'A revert is in progress. The person must finish it (`git revert --continue`) or abort it (`git revert --abort`).',
  bisect: 'A bisect is in progress (`git bisect reset` ends it).',
};

/** One line describing the operation and how the person ends it. */
export function describeOperation(op: Operation): string {
  return FINISH[op];
}

/** Why a commit is refused now, or undefined. A bisect does not block commits. */
export function commitRefusal(op: Operation | undefined): string | undefined {
  if (op === undefined || op === 'bisect') return undefined;
  return `Refusing to commit: ${describeOperation(op)} Keel does not commit in the middle of a ${op}.`;
}
