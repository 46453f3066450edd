// Runs shell commands for the agent; the VS Code terminal and the Node child process both implement it.

export interface CommandRequest {
  readonly command: string;
  /** Absolute working directory, already checked to be inside the workspace. */
  readonly cwd: string;
  readonly timeoutMs: number;
}

export interface CommandResult {
  /** Undefined when the exit code could not be learnt. */
  readonly exitCode: number | undefined;
  readonly output: string;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly durationMs: number;
  /** Which mechanism ran the command, e.g. "shell integration" or "child process". */
  readonly via: string;
}

export interface CommandRunner {
  /** Must not throw for a failing command: failure is in the result. Aborting the signal kills the process tree. */
  run(request: CommandRequest, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<CommandResult>;
}
