// The Checkpoints port over git: snapshots of the working tree stored as commits under refs/keel/<task>/<n>,
// restores that take an undo checkpoint first, previews, and pruning. Operations of one task run one at a time.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { CheckpointInfo, Checkpoints, RestorePreview, RestoreResult } from '../ports/checkpoints';
import { deleteRefs, listStored, saveCheckpoint, taskRefBase, type StoredCheckpoint } from './checkpointRefs';
import { GitFailure } from './errors';
import { applyRestore, planRestore } from './restore';
import { snapshotTree } from './snapshot';
import { openSnapshotRepo, type SnapshotRepo } from './snapshotRepo';
import { diffTrees } from './treeDiff';

export interface GitCheckpointsOptions {
  readonly workspaceRoot: string;
  readonly taskId: string;
  /**
   * A folder in Keel's own storage (e.g. the extension's globalStorageUri): holds the shadow repository of a
   * workspace that is not in git, and each task's snapshot index.
   */
  readonly shadowStorageDir: string;
  /** Clock for createdAt (tests). */
  readonly now?: () => number;
}

function abortIfNeeded(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

export function createGitCheckpoints(options: GitCheckpointsOptions): Checkpoints {
  return new GitCheckpoints(options);
}

class GitCheckpoints implements Checkpoints {
  private readonly refBase: string;
  private readonly now: () => number;
  private repoPromise: Promise<SnapshotRepo> | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: GitCheckpointsOptions) {
    this.refBase = taskRefBase(options.taskId);
    this.now = options.now ?? Date.now;
  }

  create(label: string, signal?: AbortSignal): Promise<CheckpointInfo> {
    return this.exclusive(async () => (await this.createLocked(label, signal)).info);
  }

  list(): Promise<readonly CheckpointInfo[]> {
    return this.exclusive(async () => (await listStored(await this.repo(), this.refBase)).map((s) => s.info));
  }

  preview(id: string, signal?: AbortSignal): Promise<RestorePreview> {
    return this.exclusive(async () => {
      const repo = await this.repo(signal);
      const target = await this.resolve(repo, id, signal);
      const plan = await planRestore(repo, await snapshotTree(repo, await this.indexFile(repo), signal), target.tree, signal);
      return { restored: plan.writes, deleted: plan.deletes, kept: plan.kept };
    });
  }

  restore(id: string, signal?: AbortSignal): Promise<RestoreResult> {
    return this.exclusive(async () => {
      const repo = await this.repo(signal);
      const target = await this.resolve(repo, id, signal);
      const undo = await this.createLocked(`Before restoring "${target.info.label}"`, signal);
      const plan = await planRestore(repo, undo.tree, target.tree, signal);
      abortIfNeeded(signal); // past this point the restore runs to the end: a half-restored tree helps no one
      await applyRestore(repo, target.tree, plan);
      return { restored: plan.writes, deleted: plan.deletes, kept: plan.kept, undo: undo.info };
    });
  }

  changedSince(id: string, signal?: AbortSignal): Promise<readonly string[]> {
    return this.exclusive(async () => {
      const repo = await this.repo(signal);
      const target = await this.resolve(repo, id, signal);
      const now = await snapshotTree(repo, await this.indexFile(repo), signal);
      return (await diffTrees(repo, target.tree, now, signal)).map((c) => c.path);
    });
  }

  prune(): Promise<void> {
    return this.exclusive(async () => {
      const repo = await this.repo();
      await deleteRefs(repo, (await listStored(repo, this.refBase)).map((s) => s.info.id));
      await fs.rm(await this.indexFile(repo), { force: true });
      if (repo.shadow) await repo.git.run(['gc', '--auto', '--quiet'], { silent: true });
    });
  }

  readFile(id: string, file: string, signal?: AbortSignal): Promise<Uint8Array | undefined> {
    return this.exclusive(async () => {
      const repo = await this.repo(signal);
      const target = await this.resolve(repo, id, signal);
      const spec = `${target.tree}:${repo.prefix}${file.replace(/\\/g, '/').replace(/^\.\//, '')}`;
      const type = (await repo.store.run(['cat-file', '-t', spec], { signal }).catch(() => '')).trim();
      return type === 'blob' ? new Uint8Array(await repo.store.catFile(['blob', spec], { signal })) : undefined;
    });
  }

  private async createLocked(label: string, signal?: AbortSignal): Promise<StoredCheckpoint> {
    const repo = await this.repo(signal);
    const tree = await snapshotTree(repo, await this.indexFile(repo), signal);
    return saveCheckpoint(repo, this.refBase, tree, label, this.now(), signal);
  }

  private async resolve(repo: SnapshotRepo, id: string, signal?: AbortSignal): Promise<StoredCheckpoint> {
    const stored = await listStored(repo, this.refBase, signal);
    const found = stored.find((s) => s.info.id === id || String(s.n) === id);
    if (found) return found;
    const known = stored.map((s) => s.info.id).join(', ');
    throw new GitFailure(`No checkpoint "${id}" in this task.${known ? ` Known checkpoints: ${known}.` : ' It has none yet.'}`, 'unknown-checkpoint');
  }

  /** The task's snapshot index, in Keel's storage (kept between snapshots so they only re-hash what changed). */
  private async indexFile(repo: SnapshotRepo): Promise<string> {
    const repoKey = createHash('sha256').update(`${repo.seedIndex}\n${repo.workspaceRoot}`).digest('hex').slice(0, 16);
    const dir = path.join(path.resolve(this.options.shadowStorageDir), 'snapshot-index');
    await fs.mkdir(dir, { recursive: true });
    return path.join(dir, `${repoKey}-${this.refBase.slice('refs/keel/'.length)}.index`);
  }

  private repo(signal?: AbortSignal): Promise<SnapshotRepo> {
    if (!this.repoPromise) {
      this.repoPromise = openSnapshotRepo(this.options.workspaceRoot, this.options.shadowStorageDir, signal);
      this.repoPromise.catch(() => (this.repoPromise = undefined));
    }
    return this.repoPromise;
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
