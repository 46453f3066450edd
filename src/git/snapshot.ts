// Snapshots the working tree (tracked and untracked files, .gitignore respected) into a git tree through a
// task-private index file (GIT_INDEX_FILE), so the person's index, branches and stash are never touched.
import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { GitFailure } from './errors';
import { tempNameFor } from './privateGitDir';
import type { SnapshotRepo } from './snapshotRepo';
import { nulList, splitNul } from './tempFiles';

/** Conversions off (so snapshots are the files' bytes), no advice noise for nested repositories. */
export const BYTE_EXACT = ['-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false', '-c', 'advice.addEmbeddedRepo=false'];
const MAX_EXCLUDED = 50;

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

async function statOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(p);
  } catch {
    return undefined;
  }
}

/** Copies an index file keeping its timestamps (git's racy-entry check depends on the index file's mtime). */
async function copyIndex(from: string, to: string): Promise<boolean> {
  const st = await statOrUndefined(from);
  if (!st) return false;
  const tmp = tempNameFor(to);
  try {
    await fs.copyFile(from, tmp);
    await fs.utimes(tmp, st.atime, st.mtime);
    await fs.rename(tmp, to);
    return true;
  } catch {
    await fs.rm(tmp, { force: true });
    return false;
  }
}

/**
 * Starts a task index from the person's index (stat data included, so unchanged files are not re-hashed), minus
 * what would make the snapshot lie: conflict stages are dropped and assume-unchanged/skip-worktree bits cleared.
 */
async function seedIndex(repo: SnapshotRepo, indexFile: string, signal?: AbortSignal): Promise<void> {
  await fs.mkdir(path.dirname(indexFile), { recursive: true });
  if (!(await copyIndex(repo.seedIndex, indexFile))) return;
  const call = { signal, cwd: repo.topLevel, env: { GIT_INDEX_FILE: indexFile } };
  try {
    const listed = splitNul(await repo.git.run(['ls-files', '-v', '-z', '--full-name'], call));
    const unmerged = new Set<string>();
    const flagged = new Set<string>();
    for (const item of listed) {
      const tag = item.slice(0, 1);
      const file = item.slice(2);
      if (tag === 'M') unmerged.add(file);
      else if (tag === 'S' || (tag !== '' && tag !== tag.toUpperCase())) flagged.add(file);
    }
    if (unmerged.size > 0) await repo.git.run(['update-index', '--force-remove', '-z', '--stdin'], { ...call, silent: true, input: nulList([...unmerged]) });
    if (flagged.size > 0) await repo.git.run(['update-index', '--no-assume-unchanged', '--no-skip-worktree', '-z', '--stdin'], { ...call, silent: true, input: nulList([...flagged]) });
  } catch (err) {
    await fs.rm(indexFile, { force: true });
    if (isAbort(err)) throw err;
  }
}

/** `git add -A` of the workspace folder into the task index; nested repositories without a commit are left out. */
async function addAll(repo: SnapshotRepo, indexFile: string, signal?: AbortSignal): Promise<void> {
  const excluded: string[] = [];
  for (;;) {
    try {
      await repo.git.run([...BYTE_EXACT, 'add', '-A', '--', '.', ...excluded.map((p) => `:(exclude,literal)${p}`)], { signal, silent: true, env: { GIT_INDEX_FILE: indexFile } });
      return;
    } catch (err) {
      const m = err instanceof GitFailure ? /'([^'\n]+?)\/?' does not have a commit checked out/.exec(err.detail) : null;
      const nested = m?.[1];
      if (nested === undefined || excluded.includes(nested) || excluded.length >= MAX_EXCLUDED) throw err;
      excluded.push(nested);
    }
  }
}

/** Snapshots the working tree now and returns the tree id. `indexFile` persists per task to make later snapshots incremental. */
export async function snapshotTree(repo: SnapshotRepo, indexFile: string, signal?: AbortSignal): Promise<string> {
  if (!(await statOrUndefined(indexFile))) await seedIndex(repo, indexFile, signal);
  try {
    await addAll(repo, indexFile, signal);
  } catch (err) {
    if (isAbort(err)) throw err;
    await fs.rm(indexFile, { force: true }); // a damaged or odd index: start from nothing once
    await addAll(repo, indexFile, signal);
  }
  const tree = (await repo.git.run(['write-tree'], { signal, env: { GIT_INDEX_FILE: indexFile } })).trim();
  if (!/^[0-9a-f]{40,64}$/.test(tree)) throw new GitFailure(`git write-tree gave no tree id (${JSON.stringify(tree)})`, 'failed');
  if (repo.shadow) await copyIndex(indexFile, repo.seedIndex); // the next task in this workspace starts warm
  return tree;
}
