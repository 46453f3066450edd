// `git status --porcelain -z --branch` turned into a short report for a model: branch (or detached HEAD, or no
// commits yet), the operation in progress, and the changed paths relative to the workspace, capped.
import * as path from 'node:path';
import { describeOperation, type Operation } from './repository';

export interface StatusEntry {
  /** Two status letters: X = staged, Y = not staged ("??" untracked). */
  readonly code: string;
  /** Relative to the repository's top level. */
  readonly path: string;
  /** The source of a rename or copy. */
  readonly from?: string;
}

export interface ParsedStatus {
  /** The text after "## ", e.g. "main...origin/main [ahead 1]". */
  readonly branchLine: string;
  readonly entries: readonly StatusEntry[];
}

export function parsePorcelain(raw: string): ParsedStatus {
  const tokens = raw.split('\0');
  let branchLine = '';
  const entries: StatusEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token === '') continue;
    if (token.startsWith('## ')) {
      branchLine = token.slice(3);
      continue;
    }
    const code = token.slice(0, 2);
    const p = token.slice(3);
    if (code[0] === 'R' || code[0] === 'C') {
      const from = tokens[i + 1] ?? '';
      i++;
      entries.push({ code, path: p, from });
    } else {
      entries.push({ code, path: p });
    }
  }
  return { branchLine, entries };
}

/** A repository path shown relative to the workspace folder (`../x` when outside it). */
export function toWorkspacePath(prefix: string, repoPath: string): string {
  if (prefix === '') return repoPath;
  if (repoPath.startsWith(prefix)) return repoPath.slice(prefix.length);
  return path.posix.relative(prefix.replace(/\/$/, ''), repoPath);
}

export function describeBranch(branchLine: string, detachedAt: string | undefined): string {
  const unborn = /^(?:No commits yet on|Initial commit on) (.+)$/.exec(branchLine);
  if (unborn) return `On branch ${unborn[1] ?? ''}, which has no commits yet (the first commit creates it).`;
  if (branchLine.startsWith('HEAD (no branch)')) {
    return `HEAD is detached at ${detachedAt ?? 'a commit'}: not on any branch, so a new commit would belong to no branch.`;
  }
  const m = /^(.+?)(?:\.\.\.(\S+))?(?: \[(.+)\])?$/.exec(branchLine);
  if (!m) return `Branch: ${branchLine}`;
  const [, branch = branchLine, upstream, track] = m;
  if (upstream === undefined) return `On branch ${branch}.`;
  if (track === 'gone') return `On branch ${branch}; its upstream ${upstream} no longer exists.`;
  return `On branch ${branch}, tracking ${upstream}${track ? ` (${track})` : ' (up to date)'}.`;
}

const CONFLICT = new Set(['DD', 'AU', 'UD', 'UA', 'DU', 'AA', 'UU']);

export interface StatusReportInput {
  readonly status: ParsedStatus;
  readonly prefix: string;
  readonly operation: Operation | undefined;
  readonly detachedAt: string | undefined;
  readonly maxEntries: number;
}

export function formatStatus(input: StatusReportInput): string {
  const { status, prefix, operation, maxEntries } = input;
  const lines = [describeBranch(status.branchLine, input.detachedAt)];
  if (operation) lines.push(describeOperation(operation));
  const conflicts = status.entries.filter((e) => CONFLICT.has(e.code)).length;
  if (conflicts > 0) lines.push(`${conflicts} ${conflicts === 1 ? 'file has' : 'files have'} merge conflicts (marked UU, AA, DU, UD ...).`);
  if (status.entries.length === 0) {
    lines.push('Nothing to commit: the working tree is clean.');
    return lines.join('\n');
  }
  lines.push('Changes (X = staged, Y = not staged; ?? = untracked; a folder ending in / is entirely untracked):');
  for (const e of status.entries.slice(0, maxEntries)) {
    const shown = toWorkspacePath(prefix, e.path);
    lines.push(e.from !== undefined ? `${e.code} ${toWorkspacePath(prefix, e.from)} -> ${shown}` : `${e.code} ${shown}`);
  }
  const rest = status.entries.length - maxEntries;
  if (rest > 0) lines.push(`[... ${rest} more changed paths not shown; use git_diff with a path to look at one]`);
  return lines.join('\n');
}
