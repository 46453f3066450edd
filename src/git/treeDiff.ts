// Differences between two snapshot trees (workspace-relative, submodules left out), and which paths a tree's own
// .gitignore files would ignore: the two facts a restore is planned from.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BYTE_EXACT } from './snapshot';
import type { SnapshotRepo } from './snapshotRepo';
import { nulList, splitNul, withTempDir } from './tempFiles';

export interface TreeChange {
  /** Relative to the workspace folder. */
  readonly path: string;
  /** A: only in `to`; D: only in `from`; M: content or mode differs; T: type differs (file, symlink). */
  readonly status: 'A' | 'D' | 'M' | 'T';
}

const GITLINK = '160000';

/** File-level changes from tree `from` to tree `to` inside the workspace folder; submodule entries are skipped. */
export async function diffTrees(repo: SnapshotRepo, from: string, to: string, signal?: AbortSignal): Promise<TreeChange[]> {
  const out = await repo.git.run(['diff-tree', '-r', '-z', '--no-renames', '--raw', ...(repo.prefix ? [`--relative=${repo.prefix}`] : []), from, to], { signal });
  const tokens = out.split('\0');
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const meta = tokens[i] ?? '';
    const file = tokens[i + 1] ?? '';
    const m = /^:(\d{6}) (\d{6}) \S+ \S+ ([ADMT])/.exec(meta);
    if (!m || file === '') continue;
    const [, oldMode, newMode, status] = m;
    if (oldMode === GITLINK || newMode === GITLINK) continue;
    changes.push({ path: file, status: status as TreeChange['status'] });
  }
  return changes;
}

/**
 * The subset of `paths` (workspace-relative) that the .gitignore files of `tree` ignore, together with the
 * repository's info/exclude (copied into the private git folder) and the person's global excludes. The tree's .gitignore files are written to a scratch
 * work tree, so the workspace is not touched.
 */
export async function ignoredInTree(repo: SnapshotRepo, tree: string, paths: readonly string[], signal?: AbortSignal): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  return withTempDir(async (dir) => {
    const work = path.join(dir, 'work');
    await fs.mkdir(work);
    const env = { GIT_WORK_TREE: work, GIT_INDEX_FILE: path.join(dir, 'index') };
    const call = { signal, env, cwd: work };
    const all = splitNul(await repo.git.run(['ls-tree', '-r', '-z', '--name-only', '--full-tree', tree], call));
    const ignoreFiles = all.filter((p) => p === '.gitignore' || p.endsWith('/.gitignore'));
    if (ignoreFiles.length > 0) {
      await repo.git.run(['read-tree', tree], { ...call, silent: true });
      await repo.git.run([...BYTE_EXACT, 'checkout-index', '-f', '-z', '--stdin'], { ...call, silent: true, input: nulList(ignoreFiles) });
    }
    // -v --non-matching: one record per path (source, line, pattern, path), so a "!pattern" match reads as not ignored
    const out = await repo.git.run(['check-ignore', '--no-index', '-v', '--non-matching', '-z', '--stdin'], { ...call, input: nulList(paths.map((p) => repo.prefix + p)) });
    const fields = out.split('\0');
    const ignored = new Set<string>();
    for (let i = 0; i + 3 < fields.length; i += 4) {
      const pattern = fields[i + 2] ?? '';
      const file = fields[i + 3] ?? '';
      if (pattern !== '' && !pattern.startsWith('!')) ignored.add(file.startsWith(repo.prefix) ? file.slice(repo.prefix.length) : file);
    }
    return ignored;
  });
}
