// Git failures translated into messages a model (or a person) can act on: no stack traces, no hint noise.

export type GitFailureCode =
  | 'not-a-repository'
  | 'git-missing'
  | 'identity'
  | 'locked'
  | 'no-match'
  | 'unsafe-repository'
  | 'operation-in-progress'
  | 'nothing-to-commit'
  | 'invalid'
  | 'unknown-checkpoint'
  | 'failed';

export class GitFailure extends Error {
  override readonly name = 'GitFailure';
  constructor(
    message: string,
    readonly code: GitFailureCode,
    /** git's own output, for logs and for callers that parse it (never shown to the model as is). */
    readonly detail = '',
  ) {
    super(message);
  }
}

const MAX_MESSAGE_CHARS = 1500;
const MAX_MESSAGE_LINES = 15;

/** A GIT_TRACE line, e.g. "09:30:26.123456 git.c:460               trace: built-in: git add". */
const TRACE_LINE = /^\d\d:\d\d:\d\d\.\d+ \S+:\d+ +trace: .*$/gm;

function rawText(err: unknown): string {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  return text.replace(TRACE_LINE, '').replace(/\n{2,}/g, '\n').replace(/^\n/, '');
}

/** git's stderr without hints and "fatal:"/"error:" prefixes, bounded. */
export function cleanGitOutput(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !/^hint:/i.test(l))
    .map((l) => l.replace(/^(fatal|error|warning): /i, ''));
  const kept = lines.slice(0, MAX_MESSAGE_LINES);
  let out = kept.join('\n');
  if (lines.length > kept.length) out += `\n[... ${lines.length - kept.length} more lines]`;
  return out.length > MAX_MESSAGE_CHARS ? `${out.slice(0, MAX_MESSAGE_CHARS)} [...]` : out;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}

/** The failure of `git <args>` as a GitFailure with a clear message; an abort stays an abort. */
export function toGitFailure(err: unknown, args: readonly string[], signal?: AbortSignal): Error {
  if (signal?.aborted) return abortError(signal);
  if (err instanceof GitFailure) return err;
  const text = rawText(err);
  const command = args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? 'git';
  if (/not a git repository/i.test(text)) return new GitFailure('This folder is not inside a git repository.', 'not-a-repository', text);
  if (/spawn\s+\S*git\S*\s+ENOENT|ENOENT.*spawn|git: not found|command not found/i.test(text)) {
    return new GitFailure('git is not installed or not on PATH. Install git to use the git tools and checkpoints.', 'git-missing', text);
  }
  if (/please tell me who you are|author identity unknown|committer identity unknown|empty ident name/i.test(text)) {
    return new GitFailure(
      'git does not know who the author is (user.name and user.email are not set). The person can set them with `git config --global user.name "Name"` and `git config --global user.email "name@example.com"`.',
      'identity',
      text,
    );
  }
  if (/\.lock'?: File exists|Unable to create '[^']*\.lock'|cannot lock ref/i.test(text)) {
    return new GitFailure('Another git process is using this repository (a .lock file exists). Wait for it to finish and try again.', 'locked', text);
  }
  const noMatch = /pathspec '([^']*)' did not match any file/i.exec(text);
  if (noMatch) return new GitFailure(`No file matches "${(noMatch[1] ?? '').replace(/^:\([^)]*\)/, '')}": it does not exist and is not tracked by git.`, 'no-match', text);
  if (/dubious ownership|safe\.directory/i.test(text)) {
    return new GitFailure('git refuses to work in this repository because it belongs to another user (see `git config --global --add safe.directory`). The person must decide whether to trust it.', 'unsafe-repository', text);
  }
  if (/Cannot use simple-git on a directory that does not exist/i.test(text)) return new GitFailure('The workspace folder does not exist (any more).', 'invalid', text);
  if (/abort signal|abort already signaled/i.test(text)) return new DOMException('The operation was aborted.', 'AbortError');
  const cleaned = cleanGitOutput(text);
  return new GitFailure(`git ${command} failed${cleaned ? `: ${cleaned}` : '.'}`, 'failed', text);
}
