// "Keel: Run Tests": runs the verify command (setting, else detected from the project) where the person can watch it,
// shows a summary of the failures, and offers to hand them to the agent as a task.
import * as vscode from 'vscode';
import { detectVerifyCommand } from '../agent/verify';
import { NodeFileSystem } from '../node/nodeFileSystem';
import type { CommandRunner } from '../ports';
import { formatTestSummary, summarizeTests } from '../tools/testSummary';

export interface RunTestsResult {
  readonly command: string | undefined;
  readonly passed: boolean;
  readonly exitCode: number | undefined;
  readonly summary: string;
}

export interface RunTestsDeps {
  readonly commands: CommandRunner;
  readonly verifyCommand: () => string;
  /** Starts an agent task with this text. */
  readonly startTask: (text: string) => Promise<void>;
}

export interface RunTestsOptions {
  /** False in tests: no "Fix with Keel" question. */
  readonly offerFix?: boolean;
}

export async function runTests(d: RunTestsDeps, options: RunTestsOptions = {}): Promise<RunTestsResult> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) {
    void vscode.window.showWarningMessage('Keel: open a folder to run its tests.');
    return { command: undefined, passed: false, exitCode: undefined, summary: 'no folder open' };
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Keel runs no command in an untrusted workspace. Trust the folder to run its tests.');
    return { command: undefined, passed: false, exitCode: undefined, summary: 'untrusted workspace' };
  }
  const command = d.verifyCommand().trim() || (await detectVerifyCommand(new NodeFileSystem(), root));
  if (!command) {
    const choice = await vscode.window.showWarningMessage('Keel: no test command found. Set keel.verifyCommand (e.g. "npm test").', 'Open Settings');
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'keel.verifyCommand');
    return { command: undefined, passed: false, exitCode: undefined, summary: 'no test command' };
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Keel: running ${command}`, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      return d.commands.run({ command, cwd: root, timeoutMs: 30 * 60_000 }, () => undefined, controller.signal).finally(() => sub.dispose());
    },
  );
  const passed = result.exitCode === 0 && !result.timedOut && !result.cancelled;
  const parsed = summarizeTests(command, result.output);
  const summary = parsed ? formatTestSummary(parsed) : passed ? 'passed' : `exit code ${result.exitCode ?? 'unknown'}`;
  if (passed) {
    void vscode.window.showInformationMessage(`Keel: \`${command}\` passed.`);
  } else if (options.offerFix !== false && !result.cancelled) {
    const choice = await vscode.window.showWarningMessage(`Keel: \`${command}\` failed (${summary.split('\n')[0] ?? ''}).`, 'Fix with Keel');
    if (choice === 'Fix with Keel') {
      await d.startTask(`Make \`${command}\` pass. It fails now:\n\n${summary}\n\nFind the cause, fix it, and verify with \`${command}\`.`);
    }
  }
  return { command, passed, exitCode: result.exitCode, summary };
}
