// The read-only file tools: read_file (numbered pages), list_files (respects .gitignore) and search.
import ignore, { type Ignore } from 'ignore';
import * as path from 'node:path';
import { z } from 'zod';
import { decodeFile } from '../edits';
import { loadText, rememberContent } from './fileText';
import { displayPath, resolveWorkspacePath } from './paths';
import { fail, immediate, ok, type ToolContext, type ToolDef } from './types';

export const READ_PAGE_LINES = 500;
const MAX_LINE_CHARS = 2000;
const LIST_CAP = 400;
const SEARCH_CAP = 100;

const readFileSchema = z
  .object({
    path: z.string().describe('File path relative to the workspace root'),
    start_line: z.number().int().min(1).optional().describe('First line to read (1-based)'),
    end_line: z.number().int().min(1).optional().describe('Last line to read (inclusive)'),
  })
  .strict();

export function numberLines(lines: readonly string[], firstLine: number, width: number): string {
  return lines
    .map((line, i) => {
      const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut: ${line.length - MAX_LINE_CHARS} more characters]` : line;
      return `${String(firstLine + i).padStart(width)}→${shown}`;
    })
    .join('\n');
}

export const readFileTool: ToolDef<typeof readFileSchema> = {
  name: 'read_file',
  description: 'Read a text file with numbered lines; large files come in pages (use start_line/end_line). The numbers are not part of the file.',
  schema: readFileSchema,
  risk: 'read',
  async prepare(args) {
    return immediate(`Read ${args.path}`, async (ctx) => {
      const loaded = await loadText(ctx, args.path);
      if (loaded.kind === 'error') return fail(loaded.error);
      if (loaded.kind === 'missing') return fail(`File "${loaded.rel}" does not exist. Use list_files or search to find the right path.`);
      rememberContent(ctx, loaded.rel, loaded.text);
      const lines = loaded.text.split(/\r?\n/);
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      const total = lines.length;
      if (total === 0) return ok(`${loaded.rel} is empty.`);
      const start = Math.min(args.start_line ?? 1, total);
      if (args.end_line !== undefined && args.end_line < start) return fail(`end_line (${args.end_line}) is before start_line (${start}).`);
      const end = Math.min(args.end_line ?? start + READ_PAGE_LINES - 1, total, start + READ_PAGE_LINES - 1);
      const body = numberLines(lines.slice(start - 1, end), start, String(end).length);
      const header = start === 1 && end === total ? `${loaded.rel} (${total} lines)` : `${loaded.rel} lines ${start}-${end} of ${total}`;
      const more = end < total ? `\n[${total - end} more lines. Read the next page with read_file {"path": "${loaded.rel}", "start_line": ${end + 1}}]` : '';
      return ok(`${header}\n${body}${more}`);
    });
  },
};

const listSchema = z
  .object({
    path: z.string().optional().describe('Folder relative to the workspace root (default: the root)'),
    recursive: z.boolean().optional().describe('List the whole tree below the folder (default false)'),
  })
  .strict();

async function loadIgnore(ctx: ToolContext, dirAbs: string, rules: Ignore, rootAbs: string): Promise<void> {
  try {
    const bytes = await ctx.ports.fs.readFile(path.join(dirAbs, '.gitignore'), ctx.signal);
    const prefix = path.relative(rootAbs, dirAbs).split(path.sep).join('/');
    const lines = decodeFile(bytes).text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
    rules.add(prefix === '' ? lines : lines.map((l) => (l.startsWith('!') ? `!${prefix}/${l.slice(1).replace(/^\//, '')}` : `${prefix}/${l.replace(/^\//, '')}`)));
  } catch {
    // no .gitignore here
  }
}

export const listFilesTool: ToolDef<typeof listSchema> = {
  name: 'list_files',
  description: 'List files and folders (folders end with /); skips what .gitignore excludes. Use recursive: true for the whole tree.',
  schema: listSchema,
  risk: 'read',
  async prepare(args) {
    return immediate(`List ${args.path ?? '.'}`, async (ctx) => {
      const resolved = await resolveWorkspacePath(ctx.ports, args.path ?? '.');
      if (!resolved.ok) return fail(resolved.error);
      const stat = await ctx.ports.fs.stat(resolved.abs);
      if (stat?.type !== 'directory') return fail(`"${resolved.rel}" is not a folder.`);
      const rules = ignore().add(['.git/']);
      const out: string[] = [];
      let omitted = 0;
      const queue: string[] = [resolved.abs];
      for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
        if (ctx.signal.aborted) return fail('Cancelled.');
        await loadIgnore(ctx, dir, rules, resolved.root);
        const entries = (await ctx.ports.fs.readDirectory(dir)).sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
          const abs = path.join(dir, entry.name);
          const relToRoot = path.relative(resolved.root, abs).split(path.sep).join('/');
          const isDir = entry.type === 'directory';
          if (rules.ignores(isDir ? `${relToRoot}/` : relToRoot)) continue;
          if (out.length >= LIST_CAP) {
            omitted++;
            continue;
          }
          out.push(`${displayPath(ctx.ports.workspace.roots, abs)}${isDir ? '/' : ''}`);
          if (isDir && args.recursive) queue.push(abs);
        }
      }
      if (out.length === 0) return ok(`${resolved.rel}/ is empty (or everything in it is ignored by .gitignore).`);
      const note = omitted > 0 ? `\n[${omitted} more entries not shown. List a subfolder, or use search.]` : '';
      return ok(`${out.join('\n')}${note}`);
    });
  },
};

const searchSchema = z
  .object({
    query: z.string().min(1).describe('Text to find (a regular expression when regex is true)'),
    path: z.string().optional().describe('Folder or file to search in (default: the workspace)'),
    glob: z.string().optional().describe('Only files matching this glob, e.g. "*.ts" or "src/**/*.py"'),
    regex: z.boolean().optional().describe('Treat query as a regular expression (default false: plain text)'),
  })
  .strict();

export const searchTool: ToolDef<typeof searchSchema> = {
  name: 'search',
  description: 'Search file contents in the workspace (ripgrep); returns file:line: text matches, skipping ignored files.',
  schema: searchSchema,
  risk: 'read',
  async prepare(args) {
    return immediate(`Search "${args.query}"`, async (ctx) => {
      const resolved = await resolveWorkspacePath(ctx.ports, args.path ?? '.');
      if (!resolved.ok) return fail(resolved.error);
      try {
        const result = await ctx.ports.search.search({ query: args.query, path: resolved.abs, glob: args.glob, regex: args.regex ?? false, maxResults: SEARCH_CAP }, ctx.signal);
        if (result.matches.length === 0) return ok(`No matches for ${JSON.stringify(args.query)}${args.glob ? ` in files matching ${args.glob}` : ''}.`);
        const lines = result.matches.map((m) => `${displayPath(ctx.ports.workspace.roots, m.file)}:${m.line}: ${m.text.length > 240 ? `${m.text.slice(0, 240)}…` : m.text}`);
        const note = result.truncated ? `\n[More than ${SEARCH_CAP} matches; showing the first ${SEARCH_CAP}. Narrow the query, path or glob.]` : '';
        return ok(`${lines.join('\n')}${note}`);
      } catch (err) {
        return fail(`Search failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  },
};
