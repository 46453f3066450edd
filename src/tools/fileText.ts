// Reading a workspace file as text for the tools: containment, binary and size checks, decoding, and the hash
// recorded so that an edit to a file changed on disk since the agent read it is refused.
import { contentHash, decodeFile, isProbablyBinary, type FileFormat } from '../edits';
import { resolveWorkspacePath } from './paths';
import type { ToolContext } from './types';

/** Files larger than this are described, not loaded. */
export const MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024;

export type LoadedText =
  | { readonly kind: 'text'; readonly abs: string; readonly rel: string; readonly text: string; readonly format: FileFormat; readonly size: number }
  | { readonly kind: 'missing'; readonly abs: string; readonly rel: string }
  | { readonly kind: 'error'; readonly error: string };

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function loadText(ctx: ToolContext, input: string, options: { readonly write?: boolean } = {}): Promise<LoadedText> {
  const resolved = await resolveWorkspacePath(ctx.ports, input, options);
  if (!resolved.ok) return { kind: 'error', error: resolved.error };
  const stat = await ctx.ports.fs.stat(resolved.abs);
  if (stat === undefined) return { kind: 'missing', abs: resolved.abs, rel: resolved.rel };
  if (stat.type === 'directory') return { kind: 'error', error: `"${resolved.rel}" is a directory, not a file. Use list_files to see what it contains.` };
  if (stat.type !== 'file' && stat.type !== 'symlink') return { kind: 'error', error: `"${resolved.rel}" is not a regular file.` };
  if (stat.size > MAX_TEXT_FILE_BYTES) {
    return { kind: 'error', error: `"${resolved.rel}" is ${humanSize(stat.size)}, too large to load. Use search to find what you need in it.` };
  }
  let bytes: Uint8Array;
  try {
    bytes = await ctx.ports.fs.readFile(resolved.abs, ctx.signal);
  } catch (err) {
    return { kind: 'error', error: `Could not read "${resolved.rel}": ${err instanceof Error ? err.message : String(err)}` };
  }
  if (isProbablyBinary(bytes)) return { kind: 'error', error: `"${resolved.rel}" is a binary file (${humanSize(bytes.length)}); its content is not shown.` };
  const { text, format } = decodeFile(bytes);
  return { kind: 'text', abs: resolved.abs, rel: resolved.rel, text, format, size: bytes.length };
}

export function rememberContent(ctx: ToolContext, rel: string, text: string): void {
  ctx.session.fileHashes.set(rel, contentHash(text));
}

/** An error when the file changed on disk since the agent last read or wrote it, else undefined. */
export function staleError(ctx: ToolContext, rel: string, text: string): string | undefined {
  const known = ctx.session.fileHashes.get(rel);
  if (known === undefined) return `You have not read "${rel}" in this task. Read it with read_file first, so the change is based on its current content.`;
  if (known !== contentHash(text)) return `"${rel}" changed on disk since you last read it (someone else edited it). Read it again with read_file and redo the change against its current content.`;
  return undefined;
}
