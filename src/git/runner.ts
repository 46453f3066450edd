// Runs git through simple-git: one call = one process with its own working folder, environment, stdin and abort
// signal. Ambient GIT_* variables are dropped so a parent hook's GIT_DIR or GIT_INDEX_FILE can never redirect us.
import { simpleGit, type SimpleGit } from 'simple-git';
import { toGitFailure } from './errors';

export type GitEnv = Readonly<Record<string, string>>;

export interface GitCall {
  readonly signal?: AbortSignal;
  /** Extra environment (e.g. GIT_INDEX_FILE), on top of the runner's. */
  readonly env?: GitEnv;
  /** Written to git's stdin. */
  readonly input?: string;
  /** Working folder for this call instead of the runner's. */
  readonly cwd?: string;
  /**
   * The command prints nothing on success (add, read-tree, update-ref ...). simple-git waits an extra 50 ms for
   * output from a process that printed none, so git is asked to trace to stderr; errors drop the trace lines.
   */
  readonly silent?: boolean;
}

/** Never prompt, and never take optional locks (so `git status` does not rewrite the person's index). */
const FIXED_ENV: GitEnv = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
/** Paths as they are (no octal escapes for non-ASCII names), no colour codes. */
const FIXED_CONFIG = ['core.quotePath=false', 'color.ui=false'];

/** Variables that make git start programs (editors, pagers, askpass); git here never needs them and simple-git refuses them. */
const DROPPED = new Set(['EDITOR', 'VISUAL', 'PAGER', 'SSH_ASKPASS', 'SSH_ASKPASS_REQUIRE']);

function ambientEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const upper = key.toUpperCase();
    if (value !== undefined && !upper.startsWith('GIT_') && !DROPPED.has(upper)) env[key] = value;
  }
  return env;
}

export class GitRunner {
  constructor(
    readonly cwd: string,
    /** Environment for every call (a shadow repository's GIT_DIR and GIT_WORK_TREE). */
    readonly env: GitEnv = {},
  ) {}

  /** Runs `git <args>` and resolves with its standard output. Rejects with a GitFailure, or an AbortError. */
  async run(args: readonly string[], call: GitCall = {}): Promise<string> {
    try {
      return await this.instance(call).raw([...args]);
    } catch (err) {
      throw toGitFailure(err, args, call.signal);
    }
  }

  /** `git cat-file <args>` as bytes (blob contents are not text). */
  async catFile(args: readonly string[], call: GitCall = {}): Promise<Buffer> {
    try {
      return await this.instance(call).binaryCatFile([...args]);
    } catch (err) {
      throw toGitFailure(err, ['cat-file', ...args], call.signal);
    }
  }

  private instance(call: GitCall): SimpleGit {
    const env = { ...ambientEnv(), ...FIXED_ENV, ...this.env, ...call.env, ...(call.silent ? { GIT_TRACE: '2' } : {}) };
    const input = call.input;
    return simpleGit({
      baseDir: call.cwd ?? this.cwd,
      maxConcurrentProcesses: 1,
      config: FIXED_CONFIG,
      trimmed: false,
      allowEnvironment: Object.keys(env),
      ...(call.signal ? { abort: call.signal } : {}),
      ...(input !== undefined ? { input: () => input } : {}),
    }).env(env);
  }
}
