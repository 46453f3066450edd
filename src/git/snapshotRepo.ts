// The repository checkpoints are stored in: the workspace's own repository (worked on through Keel's overlay git
// folder), or a shadow repository when the workspace is not in git. What snapshot and restore code needs of either.
import * as path from 'node:path';
import { openOverlayGitDir } from './privateGitDir';
import { findRepository } from './repository';
import { GitRunner } from './runner';
import { openShadowRepo } from './shadowRepo';

export interface SnapshotRepo {
  /**
   * Snapshot and restore work: runs in the workspace folder with Keel's private git folder (byte-exact attributes),
   * the repository's objects and its top level as the work tree.
   */
  readonly git: GitRunner;
  /** The repository itself: refs (refs/keel/...), checkpoint commits and blob reads. */
  readonly store: GitRunner;
  readonly workspaceRoot: string;
  readonly topLevel: string;
  /** The workspace folder inside the repository, with a trailing slash ('' at the top level). */
  readonly prefix: string;
  /** Index a task's first snapshot starts from, so unchanged files are not hashed again (never written for a real repository). */
  readonly seedIndex: string;
  readonly shadow: boolean;
}

export async function openSnapshotRepo(workspaceRoot: string, storageDir: string, signal?: AbortSignal): Promise<SnapshotRepo> {
  const root = path.resolve(workspaceRoot);
  const store = new GitRunner(root);
  const layout = await findRepository(store, signal);
  if (layout) {
    const overlay = await openOverlayGitDir(storageDir, layout.commonDir, layout.gitDir, store, signal);
    const git = new GitRunner(root, { GIT_DIR: overlay, GIT_WORK_TREE: layout.topLevel, GIT_OBJECT_DIRECTORY: path.join(layout.commonDir, 'objects') });
    return { git, store, workspaceRoot: root, topLevel: layout.topLevel, prefix: layout.prefix, seedIndex: layout.indexFile, shadow: false };
  }
  const gitDir = await openShadowRepo(storageDir, root, signal);
  const shadow = new GitRunner(root, { GIT_DIR: gitDir, GIT_WORK_TREE: root });
  return { git: shadow, store: shadow, workspaceRoot: root, topLevel: root, prefix: '', seedIndex: path.join(gitDir, 'index'), shadow: true };
}
