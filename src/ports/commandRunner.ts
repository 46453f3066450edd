// Runs shell commands for the agent; the VS Code terminal and the Node child process both implement it.

export interface CommandRequest {
  readonly command: string;
  /** Absolute working directory, already checked to be inside the workspace. */
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** A middle stretch of the output that the runner did not keep in memory; read() still returns it. */
export interface OutputGap {
  /** Index in `output` where the left-out text was. */
  readonly at: number;
  readonly chars: number;
  readonly lines: number;
}

export interface CommandResult {
  /** Undefined when the exit code could not be learnt. */
  readonly exitCode: number | undefined;
  /** Output without ANSI escape sequences (stdout and stderr interleaved); all of it unless `gap` is set. */
  readonly output: string;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly durationMs: number;
  /** Which mechanism ran the command, e.g. "shell integration" or "child process". */
  readonly via: string;
  /** Id under which read() returns the whole output later; absent when the runner keeps no log. */
  readonly id?: string;
  /** Set when `output` keeps only the head and the tail of a large output. */
  readonly gap?: OutputGap;
  /** Lines in the whole output. */
  readonly totalLines?: number;
  /** A plain remark for the model, e.g. why the fallback ran or that the process tree was killed. */
  readonly note?: string;
}

/** A long-running command (dev server, watcher) started in the background. */
export interface StartRequest {
  readonly command: string;
  /** Absolute working directory, already checked to be inside the workspace. */
  readonly cwd: string;
  /** start() resolves when the output matches this; default /ready|listening|compiled|started/i. */
  readonly readyPattern?: RegExp;
  /** start() resolves after 1.5 s without new output (default), or at `maxWaitMs` at the latest. */
  readonly quietMs?: number;
  readonly maxWaitMs: number;
}

export type Readiness = 'pattern' | 'quiet' | 'exited' | 'waited' | 'cancelled';

export interface StartResult {
  readonly id: string;
  /** False when the process ended while start() waited. */
  readonly running: boolean;
  readonly exitCode: number | undefined;
  /** The output so far, ANSI-free; head and tail only when `gap` is set. */
  readonly output: string;
  readonly gap?: OutputGap;
  readonly totalLines: number;
  /** Why start() returned. */
  readonly readiness: Readiness;
  readonly durationMs: number;
  readonly via: string;
  readonly note?: string;
}

export interface OutputQuery {
  /** First line to return, 1-based. Default: the lines not returned before (none when nothing is new). */
  readonly offset?: number;
  /** At most this many lines (default 200). */
  readonly limit?: number;
  /** Only lines matching this regular expression (case-insensitive; an invalid one is taken literally), each with its number. */
  readonly grep?: string;
  /** Bound on the characters of `text`. */
  readonly maxChars: number;
}

export interface OutputPage {
  readonly id: string;
  readonly command: string;
  readonly running: boolean;
  readonly exitCode: number | undefined;
  readonly text: string;
  /** 1-based, inclusive; 0 and 0 when no line was returned. */
  readonly fromLine: number;
  readonly toLine: number;
  readonly totalLines: number;
  /** With grep: how many lines matched in all (text holds the first of them). */
  readonly matches?: number;
  /** True when `text` stopped early at maxChars or the line limit. */
  readonly truncated: boolean;
}

export interface CommandRunner {
  /** Must not throw for a failing command: failure is in the result. Aborting the signal kills the process tree. */
  run(request: CommandRequest, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<CommandResult>;
  /**
   * Starts a background process and resolves with its first output once it is ready, quiet or ended; it keeps running
   * until stop() or stopAll(). Aborting the signal while start() waits kills it. Must not throw for a failing command.
   */
  start?(request: StartRequest, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<StartResult>;
  /** The whole output of a command run or started earlier; undefined for an unknown id. */
  read?(id: string, query: OutputQuery): Promise<OutputPage | undefined>;
  /** Kills a background process's tree; resolves with its final state, undefined for an unknown id. */
  stop?(id: string): Promise<OutputPage | undefined>;
  /** Kills every process this runner started that still runs (Stop in the panel, shutdown); resolves with how many. */
  stopAll?(): Promise<number>;
}
