// Private temporary folders for git's scratch files (temporary indexes, pathspec and message files), always removed.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'keel-git-'));
  try {
    return await run(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Paths as git's NUL-separated list (for --pathspec-from-file/--stdin -z). */
export function nulList(paths: readonly string[]): string {
  return paths.map((p) => `${p}\0`).join('');
}

export function splitNul(out: string): string[] {
  return out.split('\0').filter((s) => s !== '');
}
