// The git tools: git_status, git_diff and git_log read; git_commit asks the person, who sees (and may edit) the
// message and the files. Git is reached only through ctx.ports.git. No push, force, rebase or branch deletion.
import { z } from 'zod';
import type { GitPort } from '../ports/git';
import { boundText } from './outputBounds';
import { resolveWorkspacePath } from './paths';
import { fail, immediate, ok, type PreparedStep, type ToolContext, type ToolDef, type ToolResult } from './types';

export interface GitToolsOptions {
  /** Workspace-relative paths the task has changed so far: what git_commit without paths commits. */
  readonly taskChangedPaths: () => readonly string[];
}

const NOT_A_REPO = 'The workspace is not a git repository, so there is no git status, diff, log or commit here. (Keel keeps its own checkpoints of your changes either way.)';
const DEFAULT_LOG = 20;

function errorText(err: unknown, ctx: ToolContext, what: string): string {
  if (ctx.signal.aborted) return `${what} was cancelled.`;
  return err instanceof Error ? err.message : String(err);
}

const normalize = (p: string): string => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');

async function readGit(ctx: ToolContext, what: string, run: (git: GitPort) => Promise<string>): Promise<ToolResult> {
  const git = ctx.ports.git;
  if (!git) return fail(NOT_A_REPO);
  try {
    return ok(boundText(await run(git), ctx.settings.maxResultChars, 'call git_diff with one path to see less at a time'));
  } catch (err) {
    return fail(errorText(err, ctx, what));
  }
}

/** A path argument as a path relative to the first workspace folder (the one the repository belongs to). */
async function repoPath(ctx: ToolContext, input: string): Promise<{ readonly rel: string } | { readonly error: string }> {
  const resolved = await resolveWorkspacePath(ctx.ports, input);
  if (!resolved.ok) return { error: resolved.error };
  const first = ctx.ports.workspace.roots[0];
  if (resolved.root !== first) return { error: `"${input}" is in another workspace folder; the git tools work in the first folder (${first ?? 'none'}) only.` };
  return { rel: resolved.rel };
}

const statusSchema = z.object({}).strict();
const diffSchema = z
  .object({
    path: z.string().optional().describe('A file or folder relative to the workspace root (default: everything)'),
    staged: z.boolean().optional().describe('Show staged changes (what the next commit holds) instead of unstaged ones'),
  })
  .strict();
const logSchema = z
  .object({ max_count: z.number().int().min(1).max(100).optional().describe(`How many commits (default ${DEFAULT_LOG})`) })
  .strict();
const commitSchema = z
  .object({
    message: z.string().min(1).describe('Commit message: a short summary line, optionally a blank line and a body'),
    paths: z.array(z.string()).optional().describe('Files or folders to commit, relative to the workspace root (default: the files this task changed)'),
  })
  .strict();

const gitStatusTool: ToolDef<typeof statusSchema> = {
  name: 'git_status',
  description: 'Show the git state: branch (or detached HEAD), a merge or rebase in progress, and the changed files (staged, unstaged, untracked).',
  schema: statusSchema,
  risk: 'read',
  async prepare() {
    return immediate('git status', (ctx) => readGit(ctx, 'git_status', (git) => git.status(ctx.signal)));
  },
};

const gitDiffTool: ToolDef<typeof diffSchema> = {
  name: 'git_diff',
  description: 'Show uncommitted changes as a unified diff: unstaged by default, staged with staged: true; give a path for one file or folder.',
  schema: diffSchema,
  risk: 'read',
  async prepare(args, ctx) {
    let rel: string | undefined;
    if (args.path !== undefined && args.path.trim() !== '') {
      const resolved = await repoPath(ctx, args.path);
      if ('error' in resolved) return fail(resolved.error);
      rel = resolved.rel === '.' ? undefined : resolved.rel;
    }
    const title = `git diff${args.staged ? ' --staged' : ''}${rel ? ` ${rel}` : ''}`;
    return immediate(title, (c) => readGit(c, 'git_diff', (git) => git.diff({ ...(rel !== undefined ? { path: rel } : {}), staged: args.staged === true }, c.signal)));
  },
};

const gitLogTool: ToolDef<typeof logSchema> = {
  name: 'git_log',
  description: 'List recent commits, one line each (hash, date, author, subject), newest first.',
  schema: logSchema,
  risk: 'read',
  async prepare(args) {
    return immediate('git log', (ctx) => readGit(ctx, 'git_log', (git) => git.log(args.max_count ?? DEFAULT_LOG, ctx.signal)));
  },
};

/** The dirty paths a commit argument names: the path itself, or the changed files inside a folder. */
function expand(rel: string, dirty: readonly string[]): string[] {
  if (rel === '.' || rel === '') return [...dirty];
  return dirty.filter((d) => d === rel || d.startsWith(`${rel}/`));
}

function firstLine(message: string): string {
  const line = message.trim().split('\n')[0] ?? '';
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}

function commitStep(message: string, paths: readonly string[], notes: readonly string[]): PreparedStep {
  return {
    title: `Commit ${paths.length} file${paths.length === 1 ? '' : 's'}: ${firstLine(message)}`,
    preview: { kind: 'commit', message, paths },
    writes: [],
    async execute(amendment, ctx) {
      const git = ctx.ports.git;
      if (!git) return fail(NOT_A_REPO);
      const final = amendment?.kind === 'commit' ? amendment.message : message;
      if (final.trim() === '') return fail('The commit message was left empty, so nothing was committed.');
      try {
        const lines = [await git.commit(final, paths, ctx.signal)];
        if (final !== message) lines.push(`The person edited the commit message; it reads:\n${final}`);
        return ok([...lines, ...notes].join('\n'));
      } catch (err) {
        return fail(errorText(err, ctx, 'git_commit'));
      }
    },
  };
}

function gitCommitTool(options: GitToolsOptions): ToolDef<typeof commitSchema> {
  return {
    name: 'git_commit',
    description: 'Commit files with a message; the person approves and may edit it. Without paths it commits the files this task changed, never the person’s other changes. Does not push.',
    schema: commitSchema,
    risk: 'git',
    async prepare(args, ctx) {
      const git = ctx.ports.git;
      if (!git) return fail(NOT_A_REPO);
      if (args.message.trim() === '') return fail('The commit message is empty: give a short summary line.');
      try {
        const blocker = await git.commitBlocker?.(ctx.signal);
        if (blocker) return fail(blocker);
        const dirty = (await git.dirtyPaths(ctx.signal)).map(normalize);
        if (args.paths !== undefined && args.paths.length > 0) {
          const paths = new Set<string>();
          const unchanged: string[] = [];
          for (const input of args.paths) {
            const resolved = await repoPath(ctx, input);
            if ('error' in resolved) return fail(resolved.error);
            const found = expand(normalize(resolved.rel), dirty);
            if (found.length === 0) unchanged.push(resolved.rel);
            for (const f of found) paths.add(f);
          }
          if (paths.size === 0) return fail(`Nothing to commit: ${unchanged.join(', ')} ${unchanged.length === 1 ? 'has' : 'have'} no uncommitted changes. Check git_status.`);
          const notes = unchanged.length > 0 ? [`Not included (no changes): ${unchanged.join(', ')}.`] : [];
          return commitStep(args.message, [...paths], notes);
        }
        const task = [...new Set(options.taskChangedPaths().map(normalize))];
        if (task.length === 0) return fail('This task has not changed any file yet, so there is nothing to commit. To commit other files, name them in paths.');
        const dirtySet = new Set(dirty);
        const paths = task.filter((p) => dirtySet.has(p));
        if (paths.length === 0) return fail(`The files this task changed (${task.slice(0, 10).join(', ')}) have no uncommitted changes, so there is nothing to commit.`);
        return commitStep(args.message, paths, []);
      } catch (err) {
        return fail(errorText(err, ctx, 'git_commit'));
      }
    },
  };
}

/** git_status, git_diff, git_log and git_commit. */
export function createGitTools(options: GitToolsOptions): ToolDef[] {
  return [gitStatusTool, gitDiffTool, gitLogTool, gitCommitTool(options)];
}
