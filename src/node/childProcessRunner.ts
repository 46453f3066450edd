// CommandRunner over a child process with the user's shell, in its own process group so a timeout, an abort or a
// stop kills the whole tree; output is cleaned and logged (spooled to disk when large); background processes are kept.
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import type { CommandRequest, CommandResult, CommandRunner, OutputPage, OutputQuery, StartRequest, StartResult } from '../ports/commandRunner';
import { CommandLogStore, type CommandEntry, DEFAULT_READY, waitReady } from './commandLogs';
import { killTree } from './processTree';

export interface ChildProcessRunnerOptions {
  /** Default: $SHELL, else /bin/sh (ComSpec on Windows). */
  readonly shell?: string;
  /** Default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long a killed tree gets between TERM and KILL (default 1000 ms). */
  readonly killGraceMs?: number;
  /** Shared with another runner (the terminal runner's fallback) so ids and stopAll cover both. */
  readonly store?: CommandLogStore;
  /** Named in results (default "child process"). */
  readonly via?: string;
}

interface Spawned {
  readonly entry: CommandEntry;
  readonly exited: Promise<number | undefined>;
  readonly spawnError: () => string | undefined;
}

/**
 * How to run a command line with the user's shell. On POSIX a tiny /bin/sh exec's that shell with stderr joined to
 * stdout, so both arrive in one pipe in the order they were written, as in a terminal; the pid stays the same.
 */
export function userShell(env: NodeJS.ProcessEnv = process.env, shell?: string): { file: string; args: (command: string) => string[]; name: string } {
  if (process.platform === 'win32') {
    const cmd = shell ?? env.ComSpec ?? 'cmd.exe';
    return { file: cmd, args: (c) => ['/d', '/s', '/c', c], name: cmd };
  }
  const user = shell ?? (env.SHELL && env.SHELL.trim() !== '' ? env.SHELL : '/bin/sh');
  return { file: '/bin/sh', args: (c) => ['-c', 'exec "$0" -c "$1" 2>&1', user, c], name: user };
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number | undefined {
  if (code !== null) return code;
  const n = signal ? osConstants.signals[signal] : undefined;
  return n === undefined ? undefined : 128 + n;
}

export class ChildProcessRunner implements CommandRunner {
  readonly store: CommandLogStore;
  private readonly ownsStore: boolean;

  constructor(private readonly options: ChildProcessRunnerOptions = {}) {
    this.store = options.store ?? new CommandLogStore();
    this.ownsStore = options.store === undefined;
  }

  async run(request: CommandRequest, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<CommandResult> {
    const started = Date.now();
    const { entry, exited, spawnError } = this.spawn(request.command, request.cwd, onOutput);
    let timedOut = false;
    let cancelled = false;
    let killing: Promise<void> | undefined;
    const kill = (): Promise<void> => (killing ??= entry.kill?.() ?? Promise.resolve());
    const timer = setTimeout(() => {
      timedOut = true;
      void kill();
    }, request.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      void kill();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const exitCode = await exited;
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    if (killing) await killing;
    const { text, gap } = entry.log.captured();
    entry.cursor = entry.log.totalLines;
    const error = spawnError();
    const note = error ?? (timedOut ? `timed out after ${Math.round(request.timeoutMs / 1000)} s: the process tree was killed` : cancelled ? 'cancelled: the process tree was killed' : undefined);
    return {
      exitCode: timedOut || cancelled ? undefined : exitCode,
      output: text,
      timedOut,
      cancelled,
      durationMs: Date.now() - started,
      via: this.via,
      id: entry.id,
      totalLines: entry.log.totalLines,
      ...(gap ? { gap } : {}),
      ...(note ? { note } : {}),
    };
  }

  async start(request: StartRequest, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<StartResult> {
    const started = Date.now();
    const { entry, spawnError } = this.spawn(request.command, request.cwd, onOutput);
    const readiness = await waitReady(entry, { pattern: request.readyPattern ?? DEFAULT_READY, quietMs: request.quietMs ?? 1500, maxWaitMs: request.maxWaitMs, signal });
    if (readiness === 'cancelled') await this.store.stop(entry.id);
    const { text, gap } = entry.log.captured(entry.running ? entry.cleaner.pending : '');
    const totalLines = entry.log.totalLines + (entry.running && entry.cleaner.pending !== '' ? 1 : 0);
    entry.cursor = totalLines;
    const error = spawnError();
    return {
      id: entry.id,
      running: entry.running,
      exitCode: entry.exitCode,
      output: text,
      totalLines,
      readiness,
      durationMs: Date.now() - started,
      via: this.via,
      ...(gap ? { gap } : {}),
      ...(error ? { note: error } : {}),
    };
  }

  read(id: string, query: OutputQuery): Promise<OutputPage | undefined> {
    return this.store.read(id, query);
  }

  stop(id: string): Promise<OutputPage | undefined> {
    return this.store.stop(id);
  }

  stopAll(): Promise<number> {
    return this.store.stopAll();
  }

  /** Kills what still runs and deletes spooled output (when this runner owns its store). */
  dispose(): void {
    if (this.ownsStore) this.store.dispose();
  }

  private get via(): string {
    return this.options.via ?? 'child process';
  }

  private spawn(command: string, cwd: string, onOutput: (chunk: string) => void): Spawned {
    const entry = this.store.create(command, this.via);
    const shell = userShell(this.options.env, this.options.shell);
    let error: string | undefined;
    const emit = (raw: string): void => {
      const text = this.store.feed(entry, raw);
      if (text !== '') onOutput(text);
    };
    const child = spawn(shell.file, shell.args(command), {
      cwd,
      env: this.options.env ?? process.env,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const pid = child.pid;
    if (pid !== undefined) entry.kill = async () => void (await killTree(pid, { graceMs: this.options.killGraceMs ?? 1000 }));
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => emit(decoder.write(chunk)));
      stream.on('end', () => emit(decoder.end()));
    }
    const exited = new Promise<number | undefined>((resolve) => {
      let code: number | undefined;
      let settled = false;
      const settle = (): void => {
        if (settled) return;
        settled = true;
        child.stdout.destroy();
        child.stderr.destroy();
        const rest = this.store.finish(entry, code);
        if (rest !== '') onOutput(rest);
        resolve(code);
      };
      child.on('error', (err) => {
        error = `could not start ${shell.name}: ${err.message}`;
        emit(`${error}\n`);
        settle();
      });
      child.on('exit', (c, s) => {
        code = exitCodeOf(c, s);
        // Grandchildren may hold the pipes open: give the output a moment to drain, then stop reading.
        setTimeout(settle, 300);
      });
      child.on('close', (c, s) => {
        code ??= exitCodeOf(c, s);
        settle();
      });
    });
    return { entry, exited, spawnError: () => error };
  }
}
