// CommandRunner in a "Keel" terminal the person can watch and interrupt, through shell integration; when shell
// integration does not come within a bounded wait, the child-process runner runs the command and the result says so.
import * as vscode from 'vscode';
import { quote } from 'shell-quote';
import { ChildProcessRunner, type ChildProcessRunnerOptions } from '../node/childProcessRunner';
import { CommandLogStore, type CommandEntry, DEFAULT_READY, waitReady } from '../node/commandLogs';
import { killTree, snapshotTree } from '../node/processTree';
import type { CommandRequest, CommandResult, CommandRunner, OutputPage, OutputQuery, StartRequest, StartResult } from '../ports/commandRunner';
import { executeInTerminal, waitForFirstPrompt, waitForShellIntegration, type ExecutionEnd } from './terminalExecution';

export interface TerminalRunnerOptions {
  /** Name of the terminal (default "Keel"). */
  readonly name?: string;
  /** Default: the person's default terminal profile. */
  readonly shellPath?: string;
  readonly shellArgs?: readonly string[];
  /** How long to wait for shell integration before falling back (default 4000 ms); read at each run. */
  readonly shellIntegrationTimeoutMs?: number | (() => number);
  /** Between ^C and killing the process tree (default 1500 ms). */
  readonly killGraceMs?: number;
  /** Show the terminal (without taking focus) when a command starts (default true). */
  readonly reveal?: boolean;
  /** Where output logs and background processes are kept; the fallback runner shares it, so ids cover both paths. */
  readonly store?: CommandLogStore;
  /** Options of the child-process fallback (its store is this runner's). */
  readonly fallback?: Omit<ChildProcessRunnerOptions, 'store'>;
  /** Debug lines: which path ran, how long each wait took, what ended a command (Keel's log channel). */
  readonly log?: (message: string) => void;
}

const VIA_TERMINAL = 'the VS Code terminal (shell integration)';

interface KeelTerminal {
  readonly terminal: vscode.Terminal;
  busy: boolean;
  /** Shell integration did not come in time once: later runs do not wait again unless it appeared since. */
  noIntegration: boolean;
}

/** Longest wait for the first prompt of a new shell (a loaded machine can take seconds). */
const FIRST_PROMPT_MS = 5000;
/** After the first prompt: a moment for the shell to finish drawing it. */
const SETTLE_MS = 1500;

export class TerminalRunner implements CommandRunner, vscode.Disposable {
  readonly store: CommandLogStore;
  private readonly fallback: ChildProcessRunner;
  private readonly terminals: KeelTerminal[] = [];
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly options: TerminalRunnerOptions = {}) {
    this.store = options.store ?? new CommandLogStore();
    this.fallback = new ChildProcessRunner({ ...options.fallback, store: this.store });
    this.subs.push(
      vscode.window.onDidCloseTerminal((t) => {
        const i = this.terminals.findIndex((k) => k.terminal === t);
        if (i !== -1) this.terminals.splice(i, 1);
      }),
    );
  }

  async run(request: CommandRequest, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<CommandResult> {
    const started = Date.now();
    const keel = this.idleTerminal(request.cwd);
    keel.busy = true;
    try {
      const integration = await this.integrationOf(keel, signal);
      if (integration === undefined) return this.viaFallback(request, onOutput, signal, started);
      await this.changeDirectory(keel.terminal, integration, request.cwd);
      this.debug(`terminal: running after ${Date.now() - started} ms of waiting: ${request.command.slice(0, 120)}`);
      const entry = this.store.create(request.command, VIA_TERMINAL);
      if (this.options.reveal ?? true) keel.terminal.show(true);
      const execution = executeInTerminal(keel.terminal, integration, request.command, (raw) => {
        const text = this.store.feed(entry, raw);
        if (text !== '') onOutput(text);
      });
      let timedOut = false;
      let cancelled = false;
      let interrupting: Promise<boolean> | undefined;
      let interrupted = (_end: ExecutionEnd): void => undefined;
      const afterInterrupt = new Promise<ExecutionEnd>((r) => (interrupted = r));
      // Whatever the events say, once the interrupt is through the run ends (with an unknown exit code).
      const interrupt = (): Promise<boolean> =>
        (interrupting ??= this.interrupt(keel, execution.done).then((ended) => {
          setTimeout(() => interrupted({ exitCode: undefined, closed: false }), 500);
          return ended;
        }));
      entry.kill = async () => void (await interrupt());
      const timer = setTimeout(() => {
        timedOut = true;
        void interrupt();
      }, request.timeoutMs);
      const onAbort = (): void => {
        cancelled = true;
        void interrupt();
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      const end = await Promise.race([execution.done, afterInterrupt]);
      this.debug(`terminal: ended after ${Date.now() - started} ms by ${end.by ?? 'interrupt'}, exit code ${end.exitCode ?? 'unknown'}${timedOut ? ', timed out' : ''}${cancelled ? ', cancelled' : ''}`);
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      // ^C may end the command before the rest of its tree is killed: the kill finishes before the result is given.
      if (interrupting) await interrupting;
      const rest = this.store.finish(entry, timedOut || cancelled ? undefined : end.exitCode);
      if (rest !== '') onOutput(rest);
      const { text, gap } = entry.log.captured();
      entry.cursor = entry.log.totalLines;
      const note = timedOut
        ? `timed out after ${Math.round(request.timeoutMs / 1000)} s: ^C was sent and the process tree killed`
        : cancelled
          ? 'cancelled: ^C was sent and the process tree killed'
          : end.closed
            ? 'the terminal was closed while the command ran'
            : undefined;
      return {
        exitCode: entry.exitCode,
        output: text,
        timedOut,
        cancelled,
        durationMs: Date.now() - started,
        via: VIA_TERMINAL,
        id: entry.id,
        totalLines: entry.log.totalLines,
        ...(gap ? { gap } : {}),
        ...(note ? { note } : {}),
      };
    } finally {
      keel.busy = false;
    }
  }

  async start(request: StartRequest, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<StartResult> {
    const started = Date.now();
    const keel = this.createTerminal(request.cwd, `${this.options.name ?? 'Keel'}: ${request.command.slice(0, 30)}`);
    keel.busy = true;
    const integration = await this.integrationOf(keel, signal);
    if (integration === undefined) {
      keel.terminal.dispose();
      const result = await this.fallback.start(request, onOutput, signal);
      return { ...result, via: `${result.via} (shell integration did not start)` };
    }
    await this.changeDirectory(keel.terminal, integration, request.cwd);
    const entry = this.store.create(request.command, VIA_TERMINAL);
    const execution = executeInTerminal(keel.terminal, integration, request.command, (raw) => {
      const text = this.store.feed(entry, raw);
      if (text !== '') onOutput(text);
    });
    entry.kill = async () => {
      await this.interrupt(keel, execution.done);
      keel.terminal.dispose();
    };
    void execution.done.then((end) => {
      if (!entry.running) return;
      const rest = this.store.finish(entry, end.exitCode);
      if (rest !== '') onOutput(rest);
    });
    const readiness = await waitReady(entry, { pattern: request.readyPattern ?? DEFAULT_READY, quietMs: request.quietMs ?? 1500, maxWaitMs: request.maxWaitMs, signal });
    if (readiness === 'cancelled') await this.store.stop(entry.id);
    return this.startResult(entry, readiness, started);
  }

  /** Creates the Keel terminal ahead of the first command, so its shell integration is up by then (call at task start). */
  warmUp(cwd: string): void {
    this.idleTerminal(cwd);
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

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.store.dispose();
    for (const k of this.terminals) k.terminal.dispose();
    this.terminals.length = 0;
  }

  private startResult(entry: CommandEntry, readiness: StartResult['readiness'], started: number): StartResult {
    const pending = entry.running ? entry.cleaner.pending : '';
    const { text, gap } = entry.log.captured(pending);
    const totalLines = entry.log.totalLines + (pending !== '' ? 1 : 0);
    entry.cursor = totalLines;
    return { id: entry.id, running: entry.running, exitCode: entry.exitCode, output: text, totalLines, readiness, durationMs: Date.now() - started, via: VIA_TERMINAL, ...(gap ? { gap } : {}) };
  }

  private debug(message: string): void {
    this.options.log?.(message);
  }

  private async viaFallback(request: CommandRequest, onOutput: (chunk: string) => void, signal: AbortSignal, started: number): Promise<CommandResult> {
    const waited = Math.round((Date.now() - started) / 100) / 10;
    this.debug(`terminal: no shell integration after ${waited} s; running as a child process: ${request.command.slice(0, 120)}`);
    const result = await this.fallback.run(request, onOutput, signal);
    const why = `shell integration did not start in the terminal within ${waited} s`;
    return { ...result, via: `${result.via} (${why})`, note: result.note ? `${result.note}; ${why}` : why };
  }

  private timeoutMs(): number {
    const t = this.options.shellIntegrationTimeoutMs;
    return typeof t === 'function' ? t() : (t ?? 4000);
  }

  private async integrationOf(keel: KeelTerminal, signal: AbortSignal): Promise<vscode.TerminalShellIntegration | undefined> {
    if (keel.terminal.shellIntegration) return keel.terminal.shellIntegration;
    if (keel.noIntegration) return undefined;
    const waitStarted = Date.now();
    const integration = await waitForShellIntegration(keel.terminal, this.timeoutMs(), signal);
    if (integration === undefined) {
      keel.noIntegration = true;
      return undefined;
    }
    this.debug(`terminal: shell integration after ${Date.now() - waitStarted} ms`);
    // Shell integration reports in before the shell has drawn its first prompt; a command sent at once can lose its
    // end event (the run then hangs until its timeout). Wait for the first prompt (it reports the folder; bounded, as a
    // shell may never report it), then let the shell settle.
    const promptStarted = Date.now();
    const prompted = await waitForFirstPrompt(keel.terminal, FIRST_PROMPT_MS, signal);
    this.debug(prompted ? `terminal: first prompt after ${Date.now() - promptStarted} ms` : `terminal: no first prompt reported within ${FIRST_PROMPT_MS} ms`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return integration;
  }

  private idleTerminal(cwd: string): KeelTerminal {
    const name = this.options.name ?? 'Keel';
    return this.terminals.find((k) => !k.busy && k.terminal.exitStatus === undefined && k.terminal.name === name) ?? this.createTerminal(cwd, name);
  }

  private createTerminal(cwd: string, name: string): KeelTerminal {
    const terminal = vscode.window.createTerminal({
      name,
      cwd,
      isTransient: true,
      iconPath: new vscode.ThemeIcon('terminal'),
      ...(this.options.shellPath !== undefined ? { shellPath: this.options.shellPath, shellArgs: [...(this.options.shellArgs ?? [])] } : {}),
    });
    const keel: KeelTerminal = { terminal, busy: false, noIntegration: false };
    this.terminals.push(keel);
    return keel;
  }

  /** `cd` into the command's folder first when the terminal is elsewhere (a separate, visible step). */
  private async changeDirectory(terminal: vscode.Terminal, integration: vscode.TerminalShellIntegration, cwd: string): Promise<void> {
    if (integration.cwd?.fsPath === cwd) return;
    const cd = executeInTerminal(terminal, integration, `cd ${quote([cwd])}`, () => undefined);
    await Promise.race([cd.done, new Promise((r) => setTimeout(r, 5000))]);
  }

  /**
   * ^C first; then every process the shell still has under it is killed (jobs it put in the background ignore ^C),
   * the shell itself stays. Resolves true when the command ended; a terminal that will not end is disposed.
   */
  private async interrupt(keel: KeelTerminal, done: Promise<ExecutionEnd>): Promise<boolean> {
    const grace = this.options.killGraceMs ?? 1500;
    let finished = false;
    void done.then(() => (finished = true));
    const ended = (ms: number): Promise<boolean> => Promise.race([done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(finished), ms))]);
    const shellPid = await Promise.race([keel.terminal.processId, new Promise<undefined>((r) => setTimeout(() => r(undefined), 2000))]);
    // Taken before ^C: what ^C kills orphans the rest (a `cmd &` inside `sh -c` ignores SIGINT and loses its parent).
    const earlier = shellPid === undefined ? undefined : await snapshotTree(shellPid, true);
    if (keel.terminal.exitStatus === undefined) keel.terminal.sendText('\x03', false);
    await ended(grace);
    if (shellPid !== undefined) await killTree(shellPid, { keepRoot: true, graceMs: grace, earlier });
    if (await ended(3000)) return true;
    keel.terminal.dispose();
    return false;
  }
}
