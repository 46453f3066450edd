// Review of a proposed edit in VS Code's own diff editor: left the file now, right the proposal in an editable in-memory
// document. If the person edits the proposal, that text is what gets applied.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FileChangePreview } from '../tools/types';
import { ProposalFileSystem, PROPOSAL_SCHEME } from './proposalFileSystem';

interface Proposal {
  readonly original: string;
  readonly uri: vscode.Uri;
}

export class DiffReview implements vscode.Disposable {
  private readonly fs = new ProposalFileSystem();
  private readonly registration: vscode.Disposable;
  private readonly proposals = new Map<string, Proposal>();

  /** `scheme` is Keel's own; tests pass another so they can run beside the extension's instance. */
  constructor(private readonly scheme = PROPOSAL_SCHEME) {
    this.registration = vscode.workspace.registerFileSystemProvider(scheme, this.fs, { isCaseSensitive: true });
  }

  /** Opens the diff beside the panel without taking focus from where the person is typing. */
  async open(callId: string, change: FileChangePreview, root: string): Promise<void> {
    const rel = change.path.replace(/^\/+/, '');
    let p = this.proposals.get(callId);
    if (!p) {
      p = { original: change.after, uri: vscode.Uri.from({ scheme: this.scheme, path: `/${callId}/${rel}` }) };
      this.fs.put(p.uri, change.after);
      this.proposals.set(callId, p);
    }
    const abs = path.isAbsolute(change.path) ? change.path : path.join(root, change.path);
    let left = vscode.Uri.file(abs);
    if (change.before === undefined) {
      left = vscode.Uri.from({ scheme: this.scheme, path: `/${callId}/(new file)/${rel}` });
      this.fs.put(left, '');
    }
    const title = `${rel} ${change.before === undefined ? '(new file)' : ''} ↔ Keel's proposal (editable)`;
    await vscode.commands.executeCommand('vscode.diff', left, p.uri, title, { preserveFocus: true, preview: true, viewColumn: vscode.ViewColumn.Active });
  }

  /** The proposal text when the person changed it in the diff editor, else undefined. */
  edited(callId: string): string | undefined {
    const p = this.proposals.get(callId);
    if (!p) return undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === p.uri.toString());
    const text = doc ? doc.getText() : this.fs.text(p.uri);
    return text !== undefined && text !== p.original ? text : undefined;
  }

  /** Closes the diff of a decided step (saving the proposal first, so no "save changes?" prompt appears). */
  async close(callId: string): Promise<void> {
    const p = this.proposals.get(callId);
    if (!p) return;
    this.proposals.delete(callId);
    const key = p.uri.toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (doc?.isDirty) await doc.save();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key);
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
    this.fs.dropUnder(`/${callId}/`);
  }

  dispose(): void {
    this.registration.dispose();
    this.fs.dispose();
    this.proposals.clear();
  }
}
