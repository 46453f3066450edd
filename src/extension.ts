// activate(): builds the VS Code adapters, registers the panel and the commands under one root disposable.
import * as vscode from 'vscode';
import { DisposableStore } from './vscode/disposables';
import { PANEL_VIEW_ID, PanelProvider } from './vscode/panelProvider';
import { ApiKeyStore } from './vscode/secrets';

export interface KeelApi {
  readonly panel: PanelProvider;
}

export function activate(context: vscode.ExtensionContext): KeelApi {
  const root = new DisposableStore();
  context.subscriptions.push(root);

  const log = root.add(vscode.window.createOutputChannel('Keel', { log: true }));
  const keys = new ApiKeyStore(context.secrets);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');

  const panel = root.add(
    new PanelProvider(context.extensionUri, {
      log,
      initialState: async () => {
        const config = vscode.workspace.getConfiguration('keel');
        return {
          type: 'state/init',
          version,
          config: {
            baseUrl: config.get<string>('baseUrl', ''),
            model: config.get<string>('model', ''),
            hasApiKey: await keys.has(),
            trusted: vscode.workspace.isTrusted,
          },
        };
      },
    }),
  );
  root.add(vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel, { webviewOptions: { retainContextWhenHidden: true } }));

  root.add(vscode.commands.registerCommand('keel.setApiKey', () => keys.prompt()));
  root.add(vscode.commands.registerCommand('keel.showLog', () => log.show()));

  log.info(`Keel ${version} activated`);
  return { panel };
}

export function deactivate(): void {
  // Everything is owned by the root store in context.subscriptions.
}
