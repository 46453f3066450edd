// The file-changing tools: write_file and edit_file. prepare() computes the new content in memory and refuses
// elisions, stale reads and unmatched edits; execute() writes it atomically (the person may have amended it).
import { z } from 'zod';
import { applyEdits, countChanges, decodeFile, encodeFile, findElision, makeUnifiedDiff, type FileFormat } from '../edits';
import { formatIntroduced, introducedDiagnostics } from './diagnostics';
import { loadText, rememberContent, staleError } from './fileText';
import { fail, ok, type PreparedStep, type StepAmendment, type ToolContext, type ToolDef, type ToolResult } from './types';

function amendedContent(proposed: string, rel: string, amendment: StepAmendment | undefined): string {
  return amendment?.kind === 'files' && amendment.path === rel ? amendment.after : proposed;
}

async function writeText(ctx: ToolContext, abs: string, rel: string, text: string, format: FileFormat, proposed: string, before: string | undefined): Promise<ToolResult> {
  const watch = await ctx.ports.diagnostics?.watch(abs, before !== undefined);
  try {
    await ctx.ports.fs.writeFile(abs, encodeFile(text, format));
  } catch (err) {
    watch?.dispose();
    return fail(`Could not write "${rel}": ${err instanceof Error ? err.message : String(err)}. The file was left as it was.`);
  }
  rememberContent(ctx, rel, text);
  const { added, removed } = countChanges(before ?? '', text);
  let message = `${before === undefined ? 'Created' : 'Updated'} ${rel} (+${added} −${removed}).`;
  if (text !== proposed) {
    message += `\nThe person edited your proposal before applying it. What they changed relative to your version:\n${makeUnifiedDiff(rel, proposed, text)}`;
  }
  if (watch) {
    const introduced = formatIntroduced(rel, introducedDiagnostics(watch.before, await watch.after(ctx.signal)));
    if (introduced) message += `\n${introduced}`;
  }
  return ok(message, [rel]);
}

function step(title: string, rel: string, abs: string, before: string | undefined, after: string, format: FileFormat): PreparedStep {
  return {
    title,
    preview: { kind: 'files', changes: [{ path: rel, before, after }] },
    writes: [rel],
    execute: (amendment, ctx) => writeText(ctx, abs, rel, amendedContent(after, rel, amendment), format, after, before),
  };
}

const writeSchema = z
  .object({
    path: z.string().describe('File path relative to the workspace root'),
    content: z.string().describe('The complete new content of the file'),
  })
  .strict();

export const writeFileTool: ToolDef<typeof writeSchema> = {
  name: 'write_file',
  description: 'Create a file, or replace a whole file you have read, with the complete content (never elide parts). For changes to an existing file prefer edit_file.',
  schema: writeSchema,
  risk: 'edit',
  async prepare(args, ctx) {
    const loaded = await loadText(ctx, args.path, { write: true });
    if (loaded.kind === 'error') return fail(loaded.error);
    const before = loaded.kind === 'text' ? loaded.text : undefined;
    const elision = findElision(args.content, before);
    if (elision) return fail(`write_file refused: ${elision}`);
    if (loaded.kind === 'text') {
      const stale = staleError(ctx, loaded.rel, loaded.text);
      if (stale) return fail(`write_file refused: ${stale}`);
      if (loaded.text === args.content) return ok(`${loaded.rel} already has exactly this content; nothing to write.`);
      const { added, removed } = countChanges(loaded.text, args.content);
      return step(`Write ${loaded.rel} (+${added} −${removed})`, loaded.rel, loaded.abs, loaded.text, args.content, loaded.format);
    }
    const lines = args.content === '' ? 0 : args.content.split('\n').length;
    return step(`Create ${loaded.rel} (${lines} lines)`, loaded.rel, loaded.abs, undefined, args.content, decodeFile(new TextEncoder().encode(args.content)).format);
  },
};

const editSchema = z
  .object({
    path: z.string().describe('File path relative to the workspace root'),
    edits: z
      .array(
        z
          .object({
            old_text: z.string().min(1).describe('Text to replace, copied from the file with enough context to match exactly one place'),
            new_text: z.string().describe('Replacement text (complete: no "..." or "rest unchanged" comments)'),
            replace_all: z.boolean().optional().describe('Replace every occurrence of old_text (default false)'),
          })
          .strict(),
      )
      .min(1)
      .describe('Edits applied together to the original file: all or none'),
  })
  .strict();

export const editFileTool: ToolDef<typeof editSchema> = {
  name: 'edit_file',
  description: 'Change part of a file you have read: each edit replaces old_text (matching one place) with new_text; all edits apply together or none do.',
  schema: editSchema,
  risk: 'edit',
  async prepare(args, ctx) {
    const loaded = await loadText(ctx, args.path, { write: true });
    if (loaded.kind === 'error') return fail(loaded.error);
    if (loaded.kind === 'missing') return fail(`File "${loaded.rel}" does not exist. To create it, use write_file.`);
    const stale = staleError(ctx, loaded.rel, loaded.text);
    if (stale) return fail(`edit_file refused: ${stale}`);
    for (const [i, e] of args.edits.entries()) {
      const elision = findElision(e.new_text, loaded.text);
      if (elision) return fail(`edit_file refused (edit ${i + 1}): ${elision}`);
    }
    const outcome = applyEdits(
      loaded.text,
      args.edits.map((e) => ({ oldText: e.old_text, newText: e.new_text, replaceAll: e.replace_all })),
    );
    if (!outcome.ok) return fail(`edit_file failed${outcome.editIndex !== undefined ? ` (edit ${outcome.editIndex + 1})` : ''}; the file was not changed.\n${outcome.error}`);
    if (outcome.content === loaded.text) return ok(`The edits leave ${loaded.rel} unchanged; nothing to write.`);
    const { added, removed } = countChanges(loaded.text, outcome.content);
    const fuzzy = outcome.applied.filter((a) => a.level !== 'exact');
    const title = `Edit ${loaded.rel} (+${added} −${removed})${fuzzy.length ? ` [matched by ${fuzzy.map((f) => f.level).join(', ')}]` : ''}`;
    return step(title, loaded.rel, loaded.abs, loaded.text, outcome.content, loaded.format);
  },
};
