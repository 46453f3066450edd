// Snapshots of the workspace the agent can return to; they never touch the user's branches, index or stash.

export interface CheckpointInfo {
  /** Opaque id, e.g. the ref name refs/keel/<task>/<n>. */
  readonly id: string;
  readonly label: string;
  readonly createdAt: number;
}

export interface RestorePreview {
  /** Workspace-relative paths a restore would write back (changed or deleted since the checkpoint). */
  readonly restored: readonly string[];
  /** Workspace-relative paths created since the checkpoint (by the task) that a restore would delete. */
  readonly deleted: readonly string[];
  /**
   * Workspace-relative paths absent from the checkpoint that a restore leaves alone because the checkpoint's
   * .gitignore rules ignore them (they may have existed, unrecorded, back then). Optional for simple fakes.
   */
  readonly kept?: readonly string[];
}

export interface RestoreResult extends RestorePreview {
  /** The checkpoint taken of the state just before the restore, so the restore can be undone. */
  readonly undo: CheckpointInfo;
}

export interface Checkpoints {
  create(label: string, signal?: AbortSignal): Promise<CheckpointInfo>;
  list(): Promise<readonly CheckpointInfo[]>;
  preview(id: string, signal?: AbortSignal): Promise<RestorePreview>;
  restore(id: string, signal?: AbortSignal): Promise<RestoreResult>;
  /** Workspace-relative paths that differ between the checkpoint and the working tree now. */
  changedSince(id: string, signal?: AbortSignal): Promise<readonly string[]>;
  /** Deletes every checkpoint ref of this task. */
  prune(): Promise<void>;
  /**
   * A file's bytes as recorded in the checkpoint (path workspace-relative), or undefined when it did not exist
   * then; for showing a task's changes as diffs. Optional so that simple fakes still fit.
   */
  readFile?(id: string, path: string, signal?: AbortSignal): Promise<Uint8Array | undefined>;
}
