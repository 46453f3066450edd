// Builds what one run needs inside VS Code: the model from the keel.* settings and the stored key, and the ports
// (VS Code file system, command runner, git, checkpoints in the extension's storage, ripgrep, the panel's approver).
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectVerifyCommand } from '../agent/verify';
import { configFromSettings } from '../model/config';
import { costOf } from '../model/cost';
import { countTokens } from '../model/tokens';
import { createGitPort } from '../git';
import { findRgOnPath, RipgrepSearch } from '../node/ripgrepSearch';
import type { Approver, CommandRunner } from '../ports';
import { createWorkspaceTools } from '../tools';
import { createConfiguredModel } from './modelCommands';
import { checkpointsFor } from './reviewChanges';
import type { ApiKeyStore } from './secrets';
import type { KeelSettings } from './settings';
import type { RunSetup } from './taskController';
import { VsCodeDiagnostics } from './vscodeDiagnostics';
import { VsCodeFileSystem } from './vscodeFileSystem';

export interface RunSetupDeps {
  readonly keys: ApiKeyStore;
  readonly approver: Approver;
  /** The extension's one command runner (VS Code terminals with shell integration); it outlives each run. */
  readonly commands: CommandRunner;
  readonly log: vscode.LogOutputChannel;
  /** Keel's storage folder (checkpoint shadow repositories). */
  readonly storageDir: string;
}

function ripgrepPath(): string | undefined {
  const bundled = path.join(vscode.env.appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', process.platform === 'win32' ? 'rg.exe' : 'rg');
  return existsSync(bundled) ? bundled : findRgOnPath();
}

export async function createRunSetup(d: RunSetupDeps, taskId: string, settings: KeelSettings): Promise<RunSetup> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) throw new Error('Keel works in a folder: open a folder (File → Open Folder), then start the task again.');
  const provider = vscode.workspace.getConfiguration('keel').get<string>('provider');
  if (!settings.model && provider !== 'vscode-lm') throw new Error('No model is configured yet: choose one in the setup above (or set keel.baseUrl and keel.model), then start again.');
  const apiKey = await d.keys.get();
  const config = configFromSettings((name) => vscode.workspace.getConfiguration('keel').get(name), apiKey);
  const model = await createConfiguredModel(d.keys);
  const fs = new VsCodeFileSystem(d.log);
  const commands = d.commands;
  const git = await createGitPort(root).catch(() => undefined);
  const checkpoints = checkpointsFor(d, root, taskId);
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const verifyCommand = settings.verifyCommand || (await detectVerifyCommand(fs, root));
  return {
    model,
    ports: { workspace: { roots, isTrusted: () => vscode.workspace.isTrusted }, fs, commands, approver: d.approver, git, checkpoints, search: new RipgrepSearch(ripgrepPath()), diagnostics: new VsCodeDiagnostics() },
    tools: (changedPaths) => createWorkspaceTools({ taskChangedPaths: changedPaths }),
    verifyCommand,
    countTokens,
    costOf: (input, output) => costOf({ inputTokens: input, outputTokens: output, estimated: false }, config.model, config.prices),
    environment: { os: `${os.type()} ${os.release()}`, shell: process.env.SHELL ?? (process.platform === 'win32' ? 'cmd.exe' : 'sh') },
    stopProcesses: async () => {
      await commands.stopAll?.();
    },
  };
}
