// One command line run in a terminal through shell integration: its raw output as it comes (execution.read()) and its
// exit code (onDidEndTerminalShellExecution), ended when both are in (or one of them plus a short grace).
import * as vscode from 'vscode';

export interface ExecutionEnd {
  readonly exitCode: number | undefined;
  /** The terminal was closed while the command ran. */
  readonly closed: boolean;
  /** What ended it, for the log: both signals, one of them and the grace period, or the terminal closing. */
  readonly by?: 'end event and output' | 'end event' | 'output' | 'closed';
}

export interface RunningExecution {
  readonly done: Promise<ExecutionEnd>;
  /** True once the end event or the end of the output stream arrived. */
  readonly ending: () => boolean;
}

const GRACE_MS = 1500;

/** Waits (bounded) until the terminal has shell integration; undefined when it did not come, or the terminal closed. */
export function waitForShellIntegration(terminal: vscode.Terminal, timeoutMs: number, signal: AbortSignal): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const subs: vscode.Disposable[] = [];
    const done = (value: vscode.TerminalShellIntegration | undefined): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      for (const s of subs) s.dispose();
      resolve(value);
    };
    const onAbort = (): void => done(undefined);
    const timer = setTimeout(() => done(terminal.shellIntegration), timeoutMs);
    subs.push(vscode.window.onDidChangeTerminalShellIntegration((e) => e.terminal === terminal && done(e.shellIntegration)));
    subs.push(vscode.window.onDidCloseTerminal((t) => t === terminal && done(undefined)));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits (bounded) until a new shell has drawn its first prompt: shell integration reports the working folder from the
 * prompt (OSC 633;P;Cwd), so `cwd` turning defined is the sign. Resolves true when seen, false at the limit.
 */
export function waitForFirstPrompt(terminal: vscode.Terminal, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  if (terminal.shellIntegration?.cwd !== undefined) return Promise.resolve(true);
  return new Promise((resolve) => {
    const subs: vscode.Disposable[] = [];
    const done = (seen: boolean): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      for (const s of subs) s.dispose();
      resolve(seen);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(terminal.shellIntegration?.cwd !== undefined), timeoutMs);
    subs.push(vscode.window.onDidChangeTerminalShellIntegration((e) => e.terminal === terminal && e.shellIntegration.cwd !== undefined && done(true)));
    subs.push(vscode.window.onDidCloseTerminal((t) => t === terminal && done(false)));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Executes `commandLine`; `onData` receives the raw output (escape sequences included). */
export function executeInTerminal(terminal: vscode.Terminal, integration: vscode.TerminalShellIntegration, commandLine: string, onData: (raw: string) => void): RunningExecution {
  const subs: vscode.Disposable[] = [];
  let exitCode: number | undefined;
  let endSeen = false;
  let streamDone = false;
  let resolveDone = (_end: ExecutionEnd): void => undefined;
  const done = new Promise<ExecutionEnd>((r) => (resolveDone = r));
  let graceTimer: NodeJS.Timeout | undefined;
  let finished = false;
  const finish = (closed: boolean): void => {
    if (finished) return;
    finished = true;
    clearTimeout(graceTimer);
    for (const s of subs) s.dispose();
    resolveDone({ exitCode, closed, by: closed ? 'closed' : endSeen && streamDone ? 'end event and output' : endSeen ? 'end event' : 'output' });
  };
  const check = (): void => {
    if (endSeen && streamDone) finish(false);
    else if ((endSeen || streamDone) && graceTimer === undefined) graceTimer = setTimeout(() => finish(false), GRACE_MS);
  };
  subs.push(
    vscode.window.onDidEndTerminalShellExecution((e) => {
      if (e.terminal !== terminal || e.execution !== execution) return;
      exitCode = e.exitCode;
      endSeen = true;
      check();
    }),
  );
  subs.push(vscode.window.onDidCloseTerminal((t) => t === terminal && finish(true)));
  const execution = integration.executeCommand(commandLine);
  const stream = execution.read();
  void (async () => {
    try {
      for await (const data of stream) {
        if (finished) break;
        onData(data);
      }
    } catch {
      // The stream fails when the terminal goes away; the close event reports that.
    }
    streamDone = true;
    check();
  })();
  return { done, ending: () => endSeen || streamDone };
}
