// "Restore to before this step" from the panel's plan: shows what a restore would change (files written back, files
// the task created that would go, unsaved editors it would conflict with), offers the diff, and only then restores;
// the restore takes a checkpoint of the present first, so "Undo Restore" brings it back.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CheckpointInfo, RestorePreview } from '../ports';
import { checkpointsFor, reviewTaskChanges } from './reviewChanges';

/** The VS Code dialogs used here (tests answer them). */
export interface RestoreUi {
  /** A modal question; resolves with the chosen action or undefined (Cancel). */
  confirm(message: string, detail: string, actions: readonly string[]): Thenable<string | undefined>;
  /** A non-modal message, optionally with actions. */
  inform(level: 'info' | 'warning', message: string, actions: readonly string[]): Thenable<string | undefined>;
}

export const vscodeRestoreUi: RestoreUi = {
  confirm: (message, detail, actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
  inform: (level, message, actions) => (level === 'info' ? vscode.window.showInformationMessage(message, ...actions) : vscode.window.showWarningMessage(message, ...actions)),
};

export interface RestoreStepDeps {
  readonly storageDir: string;
  /** True while the task's agent runs: restoring under it would pull files from under its feet. */
  readonly isRunning: (taskId: string) => boolean;
  /** Records what happened in the task's transcript. */
  readonly note: (taskId: string, level: 'info' | 'warning', text: string) => void;
  readonly ui?: RestoreUi;
}

export interface RestoreOutcome {
  readonly outcome: 'restored' | 'cancelled' | 'nothing' | 'refused' | 'failed';
  /** After a restore: settles once the person answered the "Undo Restore" offer (true when they undid it). */
  readonly undo?: Promise<boolean>;
}

const RESTORE = 'Restore';
const SHOW = 'Show Changes';
const UNDO = 'Undo Restore';
const MAX_LISTED = 12;

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, MAX_LISTED).map((p) => `  ${p}`);
  if (paths.length > MAX_LISTED) shown.push(`  … and ${paths.length - MAX_LISTED} more`);
  return shown.join('\n');
}

/** The modal's detail: every file the restore touches, and the editors whose unsaved edits it would conflict with. */
export function describePreview(preview: RestorePreview, dirty: readonly string[]): string {
  const parts: string[] = [];
  if (preview.restored.length > 0) parts.push(`Writes back ${preview.restored.length} file${preview.restored.length === 1 ? '' : 's'}:\n${listed(preview.restored)}`);
  if (preview.deleted.length > 0) parts.push(`Deletes ${preview.deleted.length} file${preview.deleted.length === 1 ? '' : 's'} created since:\n${listed(preview.deleted)}`);
  if (dirty.length > 0) parts.push(`Unsaved edits in ${dirty.join(', ')} would conflict with the restored file${dirty.length === 1 ? '' : 's'}: save or revert ${dirty.length === 1 ? 'it' : 'them'} first if you want to keep them.`);
  parts.push('A checkpoint of the present state is taken first, so the restore can be undone. Files the task did not change are left alone.');
  return parts.join('\n\n');
}

function dirtyAmong(root: string, paths: readonly string[]): string[] {
  const wanted = new Set(paths);
  return vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file' && wanted.has(path.relative(root, d.uri.fsPath).split(path.sep).join('/'))).map((d) => path.relative(root, d.uri.fsPath));
}

/** Restores the task's checkpoint `checkpointId` after the person saw and confirmed what it changes. */
export async function restoreToCheckpoint(d: RestoreStepDeps, taskId: string, checkpointId: string): Promise<RestoreOutcome> {
  const ui = d.ui ?? vscodeRestoreUi;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) return { outcome: 'refused' };
  if (!vscode.workspace.isTrusted) {
    await ui.inform('warning', 'Keel restores files only in a trusted workspace (Manage Workspace Trust).', []);
    return { outcome: 'refused' };
  }
  if (d.isRunning(taskId)) {
    await ui.inform('warning', 'Keel: stop the task before restoring one of its checkpoints.', []);
    return { outcome: 'refused' };
  }
  const checkpoints = checkpointsFor(d, root, taskId);
  const cp: CheckpointInfo | undefined = (await checkpoints.list()).find((c) => c.id === checkpointId);
  if (!cp) {
    await ui.inform('warning', 'Keel: that checkpoint no longer exists (the task may have been deleted).', []);
    return { outcome: 'refused' };
  }
  const label = cp.label === 'Task start' ? 'the start of the task' : cp.label.replace(/^Before/, 'before');
  const preview = await checkpoints.preview(cp.id);
  if (preview.restored.length === 0 && preview.deleted.length === 0) {
    await ui.inform('info', `Keel: nothing to restore, the workspace already matches the state ${label}.`, []);
    return { outcome: 'nothing' };
  }
  const detail = describePreview(preview, dirtyAmong(root, [...preview.restored, ...preview.deleted]));
  let choice = await ui.confirm(`Restore the workspace to ${label}?`, detail, [RESTORE, SHOW]);
  if (choice === SHOW) {
    await reviewTaskChanges({ storageDir: d.storageDir, currentTaskId: () => taskId }, taskId, cp.id);
    choice = await ui.inform('warning', `Restore the workspace to ${label}? (${preview.restored.length + preview.deleted.length} files)`, [RESTORE, 'Cancel']);
  }
  if (choice !== RESTORE) return { outcome: 'cancelled' };
  let result;
  try {
    result = await checkpoints.restore(cp.id);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    d.note(taskId, 'warning', `Could not restore the workspace to ${label}: ${why}`);
    await ui.inform('warning', `Keel could not restore the workspace: ${why}`, []);
    return { outcome: 'failed' };
  }
  d.note(taskId, 'info', `Restored the workspace to ${label}: ${result.restored.length} file${result.restored.length === 1 ? '' : 's'} written back, ${result.deleted.length} removed. The state before the restore is kept as a checkpoint.`);
  const undo = Promise.resolve(ui.inform('info', `Keel: restored ${result.restored.length + result.deleted.length} files to ${label}.`, [UNDO])).then(async (pick) => {
    if (pick !== UNDO) return false;
    try {
      const undone = await checkpoints.restore(result.undo.id);
      d.note(taskId, 'info', `Undid the restore: ${undone.restored.length} file${undone.restored.length === 1 ? '' : 's'} written back, ${undone.deleted.length} removed.`);
      return true;
    } catch (err) {
      d.note(taskId, 'warning', `Could not undo the restore: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  });
  return { outcome: 'restored', undo };
}
