// What the extension does for each message from the panel: an exhaustive dispatch onto the task controller, settings,
// the model setup and VS Code itself (links open through VS Code, never inside the webview).
import * as vscode from 'vscode';
import { assertNever, type FromPanel, type LocalServer, type ToPanel } from '../protocol';
import { fetchModels, probeLocalServers } from './modelSetup';
import type { ApiKeyStore } from './secrets';
import { addApprovalRule, saveModelChoice } from './settings';
import type { TaskController } from './taskController';

export interface PanelMessageDeps {
  readonly controller: TaskController;
  readonly keys: ApiKeyStore;
  readonly post: (message: ToPanel) => void;
  readonly log: vscode.LogOutputChannel;
  /** "Restore to before this step": preview, confirm, restore (restoreStep.ts). */
  readonly restoreCheckpoint: (taskId: string, checkpointId: string) => Promise<unknown>;
}

export async function handlePanelMessage(d: PanelMessageDeps, m: Exclude<FromPanel, { type: 'panel/ready' }>): Promise<void> {
  switch (m.type) {
    case 'command/run':
      await vscode.commands.executeCommand(m.command, ...(m.command === 'workbench.action.openSettings' ? ['keel.'] : []));
      return;
    case 'task/start':
      await d.controller.start(m.text, m.context);
      return;
    case 'task/reply':
      await d.controller.reply(m.taskId, m.text);
      return;
    case 'task/stop':
      await d.controller.stop();
      return;
    case 'task/open':
      await d.controller.open(m.taskId);
      return;
    case 'task/review':
      await vscode.commands.executeCommand('keel.reviewTaskChanges', m.taskId);
      return;
    case 'task/delete':
      await d.controller.delete(m.taskId);
      return;
    case 'task/new':
      d.controller.newTask();
      return;
    case 'approval/decide':
      await d.controller.decide(m.approvalId, m.approve, m.edited, m.reason);
      return;
    case 'diff/open':
      await d.controller.openDiff(m.callId, m.path);
      return;
    case 'checkpoint/restore':
      await d.restoreCheckpoint(m.taskId, m.checkpointId);
      return;
    case 'rule/add':
      await addApprovalRule(m.rule.kind, m.rule.value);
      void vscode.window.showInformationMessage(`Keel: "${m.rule.value}" is now always allowed (${m.rule.kind === 'command' ? 'keel.approval.commandAllowList' : 'keel.approval.autoApproveEditGlobs'}). It applies from the next run.`);
      return;
    case 'link/open':
      await openLink(m.href);
      return;
    case 'setup/probe':
      d.post({ type: 'setup/servers', servers: await probeLocalServers() });
      return;
    case 'setup/list':
      d.post({ type: 'setup/servers', servers: [await listServer(d, m.baseUrl)] });
      return;
    case 'setup/apply':
      await saveModelChoice(m.baseUrl, m.model);
      return;
    default:
      assertNever(m);
  }
}

async function listServer(d: PanelMessageDeps, baseUrl: string): Promise<LocalServer> {
  const label = /api\.openai\.com/.test(baseUrl) ? 'OpenAI' : baseUrl;
  try {
    return { label, baseUrl, models: await fetchModels(baseUrl, await d.keys.get(), 5000) };
  } catch (err) {
    return { label, baseUrl, models: [], error: `Could not list models: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Web links open in the browser (after VS Code's own confirmation); workspace paths open in the editor. */
async function openLink(href: string): Promise<void> {
  if (/^https?:\/\//i.test(href) || /^mailto:/i.test(href)) {
    await vscode.env.openExternal(vscode.Uri.parse(href, true));
    return;
  }
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return;
  const [file = '', line] = href.replace(/^file:\/\//, '').split('#L');
  const target = file.startsWith('/') ? vscode.Uri.file(file) : vscode.Uri.joinPath(root, file);
  if (!target.fsPath.startsWith(root.fsPath)) return; // only workspace files
  const n = Number(line);
  const selection = Number.isInteger(n) && n > 0 ? new vscode.Range(n - 1, 0, n - 1, 0) : undefined;
  await vscode.window.showTextDocument(target, { preview: true, preserveFocus: false, ...(selection ? { selection } : {}) });
}
