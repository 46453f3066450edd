// The git operations behind the git tools, already trimmed for a model; implemented with simple-git in src/git/.
// Paths in and out are relative to the workspace folder, with forward slashes.

export interface GitPort {
  /** Short status of the repository, including branch, detached HEAD and merge/rebase in progress. */
  status(signal?: AbortSignal): Promise<string>;
  diff(options: { readonly path?: string; readonly staged?: boolean }, signal?: AbortSignal): Promise<string>;
  log(maxCount: number, signal?: AbortSignal): Promise<string>;
  /** Stages exactly `paths` and commits; refuses during a merge. Returns a one-line result (hash and subject). */
  commit(message: string, paths: readonly string[], signal?: AbortSignal): Promise<string>;
  /** Workspace-relative paths with uncommitted changes now (used to tell the task's changes from the user's). */
  dirtyPaths(signal?: AbortSignal): Promise<readonly string[]>;
  /**
   * Why a commit would be refused right now (a merge, rebase, cherry-pick or revert in progress), or undefined.
   * Optional so that simple fakes still fit; commit() refuses in the same cases either way.
   */
  commitBlocker?(signal?: AbortSignal): Promise<string | undefined>;
}
