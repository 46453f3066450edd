// Wires the panel feature: the webview view, the task controller with its approver and diff review, task history,
// the status bar, and the commands New Task, Delegate Selection, Stop and Focus Panel. Everything is owned by `store`.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startTaskBranch } from '../git';
import type { PanelConfigState } from '../protocol';
import { DiffReview } from './diffReview';
import type { DisposableStore } from './disposables';
import { contextBlock, currentEditorContext, selectionTask } from './editorContext';
import { PanelApprover } from './panelApprover';
import { handlePanelMessage } from './panelMessages';
import { PANEL_VIEW_ID, PanelProvider } from './panelProvider';
import { createRunSetup } from './runSetup';
import type { ApiKeyStore } from './secrets';
import { currentSettings } from './settings';
import { KeelStatusBar } from './statusBar';
import { TaskController } from './taskController';
import { TaskStore } from './taskStore';
import { restoreToCheckpoint, type RestoreStepDeps } from './restoreStep';
import { CHECKPOINT_SCHEME, CheckpointContentProvider, checkpointsFor, reviewTaskChanges } from './reviewChanges';
import { runTests, type RunTestsOptions } from './runTests';
import { TerminalRunner } from './terminalRunner';

export interface PanelFeature {
  readonly panel: PanelProvider;
  readonly controller: TaskController;
  readonly approver: PanelApprover;
  readonly statusBar: KeelStatusBar;
}

export function registerPanelFeature(context: vscode.ExtensionContext, store: DisposableStore, log: vscode.LogOutputChannel, keys: ApiKeyStore, version: string): PanelFeature {
  const storageDir = (context.storageUri ?? context.globalStorageUri).fsPath;
  /** Where every task's checkpoints live (runs, review, restore and pruning must agree). */
  const checkpointStorage = context.globalStorageUri.fsPath;
  const workspaceRoot = (): string | undefined => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const focusPanel = (): Thenable<unknown> => vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
  // The closures below run only after `panel` is assigned.
  const post: PanelProvider['post'] = (m) => panel.post(m);

  const approver: PanelApprover = store.add(new PanelApprover({ panelVisible: (): boolean => panel.visible, focusPanel: () => void focusPanel() }));
  const diff = store.add(new DiffReview());
  const commands = store.add(new TerminalRunner({ log: (m) => log.debug(m) }));
  const tasks = new TaskStore(path.join(storageDir, 'tasks'), (m) => log.warn(m), async (id) => {
    const root = workspaceRoot();
    if (root) await checkpointsFor({ storageDir: checkpointStorage }, root, id).prune();
  });
  const controller: TaskController = store.add(
    new TaskController({
      log,
      store: tasks,
      approver,
      diff,
      post,
      settings: () => currentSettings(log),
      setup: (taskId, settings) => createRunSetup({ keys, approver, commands, log, storageDir: checkpointStorage }, taskId, settings),
      contextBlock,
      workspaceRoot,
      taskBranch: async (task) => {
        const root = workspaceRoot();
        return root ? startTaskBranch(root, task) : { created: false, reason: 'no folder is open' };
      },
    }),
  );

  const restoreDeps: RestoreStepDeps = {
    storageDir: checkpointStorage,
    isRunning: (taskId) => controller.isRunningTask(taskId),
    note: (taskId, level, text) => controller.noteForAgent(taskId, level, text),
  };
  const restoreCheckpoint = (taskId: string, checkpointId: string): Promise<unknown> => restoreToCheckpoint(restoreDeps, taskId, checkpointId);

  const config = async (): Promise<PanelConfigState> => {
    const s = currentSettings(log);
    return { baseUrl: s.baseUrl, model: s.model, hasApiKey: await keys.has(), trusted: vscode.workspace.isTrusted };
  };
  const panel: PanelProvider = store.add(
    new PanelProvider(context.extensionUri, {
      log,
      initialState: async () => {
        post({ type: 'editor/context', context: currentEditorContext() });
        const view = controller.view();
        return { type: 'state/init', version, config: await config(), tasks: await controller.history(), ...(view ? { task: view } : {}) };
      },
      handle: (m) => handlePanelMessage({ controller, keys, post, log, restoreCheckpoint }, m),
    }),
  );
  store.add(vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel, { webviewOptions: { retainContextWhenHidden: true } }));

  const statusBar = store.add(new KeelStatusBar({ get status() { return controller.status; }, get pendingDecisions() { return approver.count; }, get firstDecision() { return approver.first?.title; } }));
  const refresh = (): void => {
    statusBar.refresh();
    void vscode.commands.executeCommand('setContext', 'keel.running', controller.isRunning);
  };
  store.add(controller.onDidChange(refresh));
  store.add(approver.onDidChange(refresh));

  let contextTimer: NodeJS.Timeout | undefined;
  const sendContext = (): void => {
    if (contextTimer) clearTimeout(contextTimer);
    contextTimer = setTimeout(() => post({ type: 'editor/context', context: currentEditorContext() }), 150);
  };
  store.add(vscode.window.onDidChangeActiveTextEditor(sendContext));
  store.add(vscode.window.onDidChangeTextEditorSelection(sendContext));
  store.add(vscode.languages.onDidChangeDiagnostics(sendContext));
  store.add({ dispose: () => contextTimer && clearTimeout(contextTimer) });
  store.add(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('keel')) void config().then((c) => post({ type: 'config/updated', config: c }));
    }),
  );
  store.add(context.secrets.onDidChange(() => void config().then((c) => post({ type: 'config/updated', config: c }))));

  store.add(
    vscode.commands.registerCommand('keel.newTask', async () => {
      controller.newTask();
      await focusPanel();
    }),
  );
  store.add(
    vscode.commands.registerCommand('keel.delegateSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      controller.newTask();
      await focusPanel();
      if (editor) post({ type: 'composer/prefill', text: selectionTask(editor) });
    }),
  );
  store.add(vscode.commands.registerCommand('keel.stop', () => controller.stop()));
  store.add(vscode.commands.registerCommand('keel.focusPanel', () => focusPanel()));
  const review = { storageDir: checkpointStorage, currentTaskId: () => controller.currentTaskId };
  store.add(vscode.workspace.registerTextDocumentContentProvider(CHECKPOINT_SCHEME, new CheckpointContentProvider(review)));
  store.add(vscode.commands.registerCommand('keel.reviewTaskChanges', (taskId?: string) => reviewTaskChanges(review, taskId)));
  store.add(
    vscode.commands.registerCommand('keel.runTests', (options?: RunTestsOptions) =>
      runTests(
        {
          commands,
          verifyCommand: () => currentSettings(log).verifyCommand,
          startTask: async (text) => {
            await focusPanel();
            await controller.start(text, { file: false, selection: false, problems: false });
          },
        },
        options,
      ),
    ),
  );

  void controller.restore().catch((err: unknown) => log.warn(`Could not restore the last task: ${String(err)}`));
  return { panel, controller, approver, statusBar };
}
