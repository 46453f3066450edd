// activate(): builds the VS Code adapters, registers the panel and the commands under one root disposable.
import * as vscode from 'vscode';
import { DisposableStore } from './vscode/disposables';
import { registerPanelFeature } from './vscode/panelFeature';
import type { PanelApprover } from './vscode/panelApprover';
import type { PanelProvider } from './vscode/panelProvider';
import type { KeelStatusBar } from './vscode/statusBar';
import type { TaskController } from './vscode/taskController';
import { ApiKeyStore } from './vscode/secrets';
import { registerModelCommands } from './vscode/modelCommands';
import { redactingLog } from './vscode/redactingLog';

export interface KeelApi {
  readonly panel: PanelProvider;
  readonly controller: TaskController;
  readonly approver: PanelApprover;
  readonly statusBar: KeelStatusBar;
  /** Where checkpoint storage lives (tests create checkpoints there). */
  readonly storageDir: string;
}

export function activate(context: vscode.ExtensionContext): KeelApi {
  const root = new DisposableStore();
  context.subscriptions.push(root);

  const keys = new ApiKeyStore(context.secrets);
  let knownKey: string | undefined;
  const refreshKey = (): void => {
    void keys.get().then((k) => {
      knownKey = k;
    });
  };
  refreshKey();
  root.add(context.secrets.onDidChange(refreshKey));
  const log = redactingLog(root.add(vscode.window.createOutputChannel('Keel', { log: true })), () => [knownKey]);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');

  const { panel, controller, approver, statusBar } = registerPanelFeature(context, root, log, keys, version);

  root.add(vscode.commands.registerCommand('keel.setApiKey', () => keys.prompt()));
  root.add(vscode.commands.registerCommand('keel.showLog', () => log.show()));
  root.add(registerModelCommands(keys));

  log.info(`Keel ${version} activated`);
  return { panel, controller, approver, statusBar, storageDir: context.globalStorageUri.fsPath };
}

export function deactivate(): void {
  // Everything is owned by the root store in context.subscriptions.
}
