// The FileSystem port on Node's fs: atomic writes (temp file + fsync + rename) that keep the target's mode.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DirEntry, EntryType, FileStat, FileSystem } from '../ports';

function typeOf(s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : s.isSymbolicLink() ? 'symlink' : 'other';
}

export class NodeFileSystem implements FileSystem {
  async stat(absPath: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(absPath);
      return { type: typeOf(s), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      try {
        const l = await fs.lstat(absPath); // a dangling symlink
        return { type: typeOf(l), size: l.size, mtimeMs: l.mtimeMs };
      } catch {
        return undefined;
      }
    }
  }

  async readFile(absPath: string, signal?: AbortSignal): Promise<Uint8Array> {
    return fs.readFile(absPath, signal ? { signal } : {});
  }

  async writeFile(absPath: string, data: Uint8Array): Promise<void> {
    const dir = path.dirname(absPath);
    await fs.mkdir(dir, { recursive: true });
    let mode: number | undefined;
    try {
      mode = (await fs.stat(absPath)).mode & 0o7777;
    } catch {
      mode = undefined;
    }
    const temp = path.join(dir, `.${path.basename(absPath)}.keel-${randomBytes(6).toString('hex')}.tmp`);
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(temp, 'wx', mode ?? 0o666);
      await handle.writeFile(data);
      await handle.sync();
      await handle.close();
      handle = undefined;
      if (mode !== undefined) await fs.chmod(temp, mode);
      await fs.rename(temp, absPath);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  async deleteFile(absPath: string): Promise<void> {
    await fs.rm(absPath, { force: true });
  }

  async readDirectory(absPath: string): Promise<DirEntry[]> {
    const entries = await fs.readdir(absPath, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, type: typeOf(e) }));
  }

  async realPath(absPath: string): Promise<string> {
    return fs.realpath(absPath);
  }
}
