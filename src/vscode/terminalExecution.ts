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

/**
 * Waits (bounded) until the terminal's shell integration is there and satisfies `ready`; resolves with it, or
 * undefined at the limit, on abort, or when the terminal closes.
 */
function waitForIntegration(terminal: vscode.Terminal, timeoutMs: number, signal: AbortSignal, ready: (integration: vscode.TerminalShellIntegration) => boolean): Promise<vscode.TerminalShellIntegration | undefined> {
  const readyNow = (): vscode.TerminalShellIntegration | undefined => (terminal.shellIntegration && ready(terminal.shellIntegration) ? terminal.shellIntegration : undefined);
  const already = readyNow();
  if (already) return Promise.resolve(already);
  return new Promise((resolve) => {
    const subs: vscode.Disposable[] = [];
    const done = (value: vscode.TerminalShellIntegration | undefined): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      for (const s of subs) s.dispose();
      resolve(value);
    };
    const onAbort = (): void => done(undefined);
    const timer = setTimeout(() => done(readyNow()), timeoutMs);
    subs.push(vscode.window.onDidChangeTerminalShellIntegration((e) => e.terminal === terminal && ready(e.shellIntegration) && done(e.shellIntegration)));
    subs.push(vscode.window.onDidCloseTerminal((t) => t === terminal && done(undefined)));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits (bounded) until the terminal has shell integration; undefined when it did not come, or the terminal closed. */
export function waitForShellIntegration(terminal: vscode.Terminal, timeoutMs: number, signal: AbortSignal): Promise<vscode.TerminalShellIntegration | undefined> {
  return waitForIntegration(terminal, timeoutMs, signal, () => true);
}

/**
 * Waits (bounded) until a new shell has drawn its first prompt: shell integration reports the working folder from the
 * prompt (OSC 633;P;Cwd), so `cwd` turning defined is the sign. Resolves true when seen, false at the limit.
 */
export async function waitForFirstPrompt(terminal: vscode.Terminal, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  return (await waitForIntegration(terminal, timeoutMs, signal, (integration) => integration.cwd !== undefined)) !== undefined;
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
