// GitPort over simple-git: status, diff, log, commit of exactly the given paths, and the dirty paths. Pushing,
// force operations, rebases and branch deletion are deliberately not offered.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { GitPort } from '../ports/git';
import { GitFailure } from './errors';
import { commitRefusal, findRepository, operationInProgress, type RepoLayout } from './repository';
import { GitRunner } from './runner';
import { formatStatus, parsePorcelain, toWorkspacePath } from './statusText';
import { nulList, splitNul, withTempDir } from './tempFiles';

export interface GitPortOptions {
  /** Changed paths listed by status before the rest is summarised (default 200). */
  readonly maxStatusEntries?: number;
  /** Characters of patch text a diff returns before it is cut (default 30,000). */
  readonly maxDiffChars?: number;
}

const MAX_LOG = 200;
const UNTRACKED_LISTED = 20;
const literal = (p: string): string => `:(literal)${p}`;

/** A GitPort for the repository containing `workspaceRoot`, or undefined when there is none (or no git). */
export async function createGitPort(workspaceRoot: string, options: GitPortOptions = {}): Promise<GitPort | undefined> {
  const git = new GitRunner(workspaceRoot);
  let layout: RepoLayout | undefined;
  try {
    layout = await findRepository(git);
  } catch (err) {
    if (err instanceof GitFailure && err.code === 'git-missing') return undefined;
    throw err;
  }
  return layout ? new SimpleGitPort(git, layout, options) : undefined;
}

class SimpleGitPort implements GitPort {
  private readonly maxStatusEntries: number;
  private readonly maxDiffChars: number;

  constructor(
    private readonly git: GitRunner,
    private readonly layout: RepoLayout,
    options: GitPortOptions,
  ) {
    this.maxStatusEntries = options.maxStatusEntries ?? 200;
    this.maxDiffChars = options.maxDiffChars ?? 30_000;
  }

  async status(signal?: AbortSignal): Promise<string> {
    const [raw, operation] = await Promise.all([
      this.git.run(['status', '--porcelain=v1', '-z', '--branch', '--untracked-files=normal'], { signal }),
      operationInProgress(this.layout.gitDir),
    ]);
    const status = parsePorcelain(raw);
    const detachedAt = status.branchLine.startsWith('HEAD (no branch)') ? (await this.git.run(['rev-parse', '--short', 'HEAD'], { signal })).trim() : undefined;
    return formatStatus({ status, prefix: this.layout.prefix, operation, detachedAt, maxEntries: this.maxStatusEntries });
  }

  async diff(options: { readonly path?: string; readonly staged?: boolean }, signal?: AbortSignal): Promise<string> {
    const spec = options.path !== undefined && options.path !== '.' && options.path !== '' ? literal(options.path) : '.';
    const base = ['diff', '--no-color', '--no-ext-diff', '-M', ...(options.staged ? ['--cached'] : [])];
    const patch = await this.git.run([...base, '--', spec], { signal });
    const where = options.path ? ` in ${options.path}` : '';
    const notes: string[] = [];
    if (!options.staged) {
      const untracked = splitNul(await this.git.run(['ls-files', '-z', '--others', '--exclude-standard', '--', spec], { signal }));
      if (untracked.length > 0) {
        const shown = untracked.slice(0, UNTRACKED_LISTED).join(', ');
        const more = untracked.length > UNTRACKED_LISTED ? ` and ${untracked.length - UNTRACKED_LISTED} more` : '';
        notes.push(`Untracked files are not part of git diff (read them with read_file): ${shown}${more}.`);
      }
      const staged = await this.git.run(['diff', '--cached', '--name-only', '-z', '--', spec], { signal });
      if (staged !== '') notes.push('There are also staged changes: call git_diff with staged: true to see them.');
    }
    if (patch.trim() === '') return [`No ${options.staged ? 'staged' : 'unstaged'} changes${where}.`, ...notes].join('\n');
    if (patch.length <= this.maxDiffChars) return [patch.trimEnd(), ...notes].join('\n');
    const stat = await this.git.run([...base, '--stat=120', '--', spec], { signal });
    const head = patch.slice(0, this.maxDiffChars);
    const cut = head.lastIndexOf('\n') > 0 ? head.slice(0, head.lastIndexOf('\n')) : head;
    const shownLines = cut.split('\n').length;
    const totalLines = patch.split('\n').length;
    return [
      `Summary:\n${stat.trimEnd()}`,
      '',
      cut,
      `[diff cut: showing ${shownLines} of ${totalLines} lines; call git_diff with one path to see a single file's changes]`,
      ...notes,
    ].join('\n');
  }

  async log(maxCount: number, signal?: AbortSignal): Promise<string> {
    const n = Math.max(1, Math.min(MAX_LOG, Math.floor(Number.isFinite(maxCount) ? maxCount : 20)));
    const head = (await this.git.run(['rev-parse', '-q', '--verify', 'HEAD'], { signal })).trim();
    if (head === '') return 'No commits yet: this repository has no history.';
    const out = await this.git.run(['log', `-n${n}`, '--no-color', '--date=short', '--format=%h %ad %an: %s%d'], { signal });
    const lines = out.trimEnd().split('\n');
    return `${lines.length} most recent commit${lines.length === 1 ? '' : 's'} (newest first):\n${lines.join('\n')}`;
  }

  async commitBlocker(): Promise<string | undefined> {
    return commitRefusal(await operationInProgress(this.layout.gitDir));
  }

  async commit(message: string, paths: readonly string[], signal?: AbortSignal): Promise<string> {
    const refusal = await this.commitBlocker();
    if (refusal) throw new GitFailure(refusal, 'operation-in-progress');
    if (message.trim() === '') throw new GitFailure('The commit message is empty: write a short summary line.', 'invalid');
    const unique = [...new Set(paths.map((p) => p.replace(/\\/g, '/').replace(/^\.\/+/, '')).filter((p) => p !== ''))];
    if (unique.length === 0) throw new GitFailure('No paths to commit: name the files to commit.', 'invalid');
    const before = (await this.git.run(['rev-parse', '-q', '--verify', 'HEAD'], { signal })).trim();
    await withTempDir(async (dir) => {
      const specFile = path.join(dir, 'paths');
      const messageFile = path.join(dir, 'message');
      await fs.writeFile(specFile, nulList(unique.map(literal)));
      await fs.writeFile(messageFile, message.endsWith('\n') ? message : `${message}\n`);
      const call = { signal };
      await this.git.run(['add', '-A', `--pathspec-from-file=${specFile}`, '--pathspec-file-nul'], { ...call, silent: true });
      try {
        // stdin gets a newline and end-of-file, so a hook that reads it cannot wait forever
        await this.git.run(['commit', '--no-edit', '-F', messageFile, `--pathspec-from-file=${specFile}`, '--pathspec-file-nul'], { ...call, input: '\n' });
      } catch (err) {
        if (err instanceof GitFailure) throw new GitFailure(`${err.message}\n(The paths were staged and stay staged.)`, err.code, err.detail);
        throw err;
      }
    });
    const after = (await this.git.run(['rev-parse', '-q', '--verify', 'HEAD'], { signal })).trim();
    if (after === '' || after === before) {
      throw new GitFailure(`Nothing to commit: ${unique.join(', ')} ${unique.length === 1 ? 'has' : 'have'} no changes compared with the last commit.`, 'nothing-to-commit');
    }
    const [summary, branch, stat] = await Promise.all([
      this.git.run(['log', '-1', '--format=%h %s'], { signal }),
      this.git.run(['symbolic-ref', '-q', '--short', 'HEAD'], { signal }),
      this.git.run(['show', '--shortstat', '--format=', 'HEAD'], { signal }),
    ]);
    const on = branch.trim() === '' ? 'on a detached HEAD' : `on ${branch.trim()}`;
    return `Committed ${summary.trim()} (${on}; ${stat.trim() || 'no file changes'}).`;
  }

  async dirtyPaths(signal?: AbortSignal): Promise<readonly string[]> {
    const raw = await this.git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', '.'], { signal });
    return parsePorcelain(raw).entries.map((e) => toWorkspacePath(this.layout.prefix, e.path));
  }
}
