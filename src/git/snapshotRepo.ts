// The repository checkpoints are stored in: the workspace's own repository, or a shadow repository when the
// workspace is not in git. Everything the snapshot and restore code needs to know about either.
import * as path from 'node:path';
import { findRepository } from './repository';
import { GitRunner } from './runner';
import { openShadowRepo } from './shadowRepo';

export interface SnapshotRepo {
  /** Runs in the workspace folder; bound to GIT_DIR/GIT_WORK_TREE for a shadow repository. */
  readonly git: GitRunner;
  readonly workspaceRoot: string;
  readonly topLevel: string;
  /** The git folder holding objects and refs (per work tree). */
  readonly gitDir: string;
  /** The workspace folder inside the repository, with a trailing slash ('' at the top level). */
  readonly prefix: string;
  /** Index a task's first snapshot starts from, so unchanged files are not hashed again (never written for a real repository). */
  readonly seedIndex: string;
  readonly shadow: boolean;
}

export async function openSnapshotRepo(workspaceRoot: string, storageDir: string, signal?: AbortSignal): Promise<SnapshotRepo> {
  const root = path.resolve(workspaceRoot);
  const own = new GitRunner(root);
  const layout = await findRepository(own, signal);
  if (layout) {
    return { git: own, workspaceRoot: root, topLevel: layout.topLevel, gitDir: layout.gitDir, prefix: layout.prefix, seedIndex: layout.indexFile, shadow: false };
  }
  const shadow = await openShadowRepo(storageDir, root, signal);
  return { git: shadow.git, workspaceRoot: root, topLevel: root, gitDir: shadow.gitDir, prefix: '', seedIndex: path.join(shadow.gitDir, 'index'), shadow: true };
}
