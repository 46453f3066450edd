// The file system as the core sees it: absolute paths only; containment is checked by the caller (tools/paths.ts).

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface FileStat {
  readonly type: EntryType;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DirEntry {
  readonly name: string;
  readonly type: EntryType;
}

export interface FileSystem {
  /** Undefined when nothing exists at the path. Does not follow a final symlink. */
  stat(absPath: string): Promise<FileStat | undefined>;
  readFile(absPath: string, signal?: AbortSignal): Promise<Uint8Array>;
  /** Atomic: writes a sibling temp file and renames it over the target; creates parent folders. */
  writeFile(absPath: string, data: Uint8Array): Promise<void>;
  deleteFile(absPath: string): Promise<void>;
  readDirectory(absPath: string): Promise<DirEntry[]>;
  /** The path with every symlink resolved; throws when it does not exist. */
  realPath(absPath: string): Promise<string>;
}
