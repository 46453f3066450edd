// Restoring a snapshot tree: plan (files to write back, files created since to delete) and apply. Deletion is
// limited to files the snapshot proves did not exist then: absent from it and not ignored by its own .gitignore
// rules. Ignored files, submodules and everything unchanged are never touched; there is no blanket clean.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { GitFailure } from './errors';
import { BYTE_EXACT } from './snapshot';
import type { SnapshotRepo } from './snapshotRepo';
import { nulList, withTempDir } from './tempFiles';
import { diffTrees, ignoredInTree } from './treeDiff';

export interface RestorePlan {
  /** Present in the target: written back (changed, deleted or of another type now). */
  readonly writes: readonly string[];
  /** Created since the target: deleted. */
  readonly deletes: readonly string[];
  /** Absent from the target but ignored by its rules, so they may have existed unseen then: left alone. */
  readonly kept: readonly string[];
}

/** What restoring `targetTree` over the working tree snapshotted as `nowTree` would do. */
export async function planRestore(repo: SnapshotRepo, nowTree: string, targetTree: string, signal?: AbortSignal): Promise<RestorePlan> {
  const changes = await diffTrees(repo, nowTree, targetTree, signal);
  const writes = changes.filter((c) => c.status !== 'D').map((c) => c.path);
  const candidates = changes.filter((c) => c.status === 'D').map((c) => c.path);
  const ignored = await ignoredInTree(repo, targetTree, candidates, signal);
  return { writes, deletes: candidates.filter((p) => !ignored.has(p)), kept: candidates.filter((p) => ignored.has(p)) };
}

function inside(root: string, rel: string): string | undefined {
  const abs = path.resolve(root, rel);
  const back = path.relative(root, abs);
  return back === '' || back.startsWith('..') || path.isAbsolute(back) ? undefined : abs;
}

async function removeFile(root: string, rel: string): Promise<void> {
  const abs = inside(root, rel);
  if (abs === undefined) return;
  try {
    const st = await fs.lstat(abs);
    if (!st.isDirectory()) await fs.unlink(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Removes folders left empty by the deletions (deepest first); a folder with anything left in it stays. */
async function removeEmptyParents(root: string, deleted: readonly string[]): Promise<void> {
  const dirs = new Set<string>();
  for (const rel of deleted) {
    for (let d = path.posix.dirname(rel); d !== '.' && d !== '/' && d !== ''; d = path.posix.dirname(d)) dirs.add(d);
  }
  const deepestFirst = [...dirs].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const rel of deepestFirst) {
    const abs = inside(root, rel);
    if (abs === undefined) continue;
    try {
      await fs.rmdir(abs);
    } catch {
      // not empty, already gone, or not a folder: leave it
    }
  }
}

/** Applies a plan: deletions first (a file may stand where a folder must go), then the target's files written back. */
export async function applyRestore(repo: SnapshotRepo, targetTree: string, plan: RestorePlan): Promise<void> {
  for (const rel of plan.deletes) await removeFile(repo.workspaceRoot, rel);
  await removeEmptyParents(repo.workspaceRoot, plan.deletes);
  if (plan.writes.length === 0) return;
  await withTempDir(async (dir) => {
    const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
    await repo.git.run(['read-tree', targetTree], { env, silent: true });
    try {
      await repo.git.run([...BYTE_EXACT, 'checkout-index', '-f', '-z', '--stdin'], { env, silent: true, input: nulList(plan.writes) });
    } catch (err) {
      if (err instanceof GitFailure) throw new GitFailure(`The restore could not write back every file: ${err.message}`, err.code, err.detail);
      throw err;
    }
  });
}
