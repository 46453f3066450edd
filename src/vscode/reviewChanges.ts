// "Keel: Review Task Changes": every file the task changed, in one multi-file diff editor against the task's first
// checkpoint (left: the file before the task, read from the checkpoint; right: the file now).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createGitCheckpoints } from '../git';
import type { Checkpoints } from '../ports';

export const CHECKPOINT_SCHEME = 'keel-checkpoint';

export interface ReviewDeps {
  /** Where runSetup keeps checkpoint storage (the shadow folder's parent). */
  readonly storageDir: string;
  readonly currentTaskId: () => string | undefined;
}

export interface ReviewResult {
  readonly taskId: string | undefined;
  readonly checkpoint: string | undefined;
  readonly paths: readonly string[];
}

export function checkpointsFor(d: Pick<ReviewDeps, 'storageDir'>, root: string, taskId: string): Checkpoints {
  return createGitCheckpoints({ workspaceRoot: root, taskId, shadowStorageDir: path.join(d.storageDir, 'shadow') });
}

/** Serves a file's content at a checkpoint: keel-checkpoint:/<rel path>?<task id, checkpoint id as JSON>. */
export class CheckpointContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly d: ReviewDeps) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const q = JSON.parse(uri.query) as { task?: unknown; cp?: unknown };
    if (!root || typeof q.task !== 'string' || typeof q.cp !== 'string') return '';
    const bytes = await checkpointsFor(this.d, root, q.task).readFile?.(q.cp, uri.path.replace(/^\//, ''));
    return bytes ? new TextDecoder().decode(bytes) : '';
  }
}

/** Opens the task's changes since its first checkpoint, or since `since` (a checkpoint of the task) when given. */
export async function reviewTaskChanges(d: ReviewDeps, taskId = d.currentTaskId(), since?: string): Promise<ReviewResult> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root || !taskId) {
    void vscode.window.showInformationMessage('Keel: there is no task to review yet.');
    return { taskId, checkpoint: undefined, paths: [] };
  }
  const checkpoints = checkpointsFor(d, root.fsPath, taskId);
  const all = [...(await checkpoints.list())].sort((a, b) => a.createdAt - b.createdAt);
  const first = since === undefined ? all[0] : all.find((c) => c.id === since);
  if (!first) {
    void vscode.window.showInformationMessage('Keel: this task has not changed any file yet.');
    return { taskId, checkpoint: undefined, paths: [] };
  }
  const paths = [...(await checkpoints.changedSince(first.id))].sort();
  if (paths.length === 0) {
    void vscode.window.showInformationMessage('Keel: no file differs from the start of the task.');
    return { taskId, checkpoint: first.id, paths };
  }
  const query = JSON.stringify({ task: taskId, cp: first.id });
  const resources = paths.map((rel) => {
    const now = vscode.Uri.joinPath(root, rel);
    const before = vscode.Uri.from({ scheme: CHECKPOINT_SCHEME, path: `/${rel}`, query });
    return [now, before, now] as [vscode.Uri, vscode.Uri, vscode.Uri];
  });
  const title = since === undefined ? `Keel: changes of the task (${paths.length} files)` : `Keel: changes since "${first.label}" (${paths.length} files)`;
  await vscode.commands.executeCommand('vscode.changes', title, resources);
  return { taskId, checkpoint: first.id, paths };
}
