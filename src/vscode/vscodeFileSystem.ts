// The FileSystem port inside VS Code: reads from disk, writes through a WorkspaceEdit and a save so Undo works and open
// editors follow; it refuses to overwrite a document with unsaved changes of the person's and says so.
import * as vscode from 'vscode';
import type { DirEntry, FileStat, FileSystem } from '../ports';
import { NodeFileSystem } from '../node/nodeFileSystem';

export class VsCodeFileSystem implements FileSystem {
  private readonly disk = new NodeFileSystem();

  constructor(private readonly log?: vscode.LogOutputChannel) {}

  stat(absPath: string): Promise<FileStat | undefined> {
    return this.disk.stat(absPath);
  }

  readFile(absPath: string, signal?: AbortSignal): Promise<Uint8Array> {
    return this.disk.readFile(absPath, signal);
  }

  readDirectory(absPath: string): Promise<DirEntry[]> {
    return this.disk.readDirectory(absPath);
  }

  realPath(absPath: string): Promise<string> {
    return this.disk.realPath(absPath);
  }

  async writeFile(absPath: string, data: Uint8Array): Promise<void> {
    const uri = vscode.Uri.file(absPath);
    const text = decodeText(data);
    const exists = (await this.disk.stat(absPath)) !== undefined;
    if (text === undefined || !exists) {
      // Binary content, or a new file: create it on disk through the edit so it can be undone as a file operation.
      if (text === undefined) return this.disk.writeFile(absPath, data);
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: data });
      if (!(await vscode.workspace.applyEdit(edit))) await this.disk.writeFile(absPath, data);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.isDirty) {
      throw new Error(`${vscode.workspace.asRelativePath(uri)} has unsaved changes in the editor. Keel did not overwrite them: save or revert the file first, then ask again.`);
    }
    if (doc.getText() === text) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.lineAt(0).range.start, doc.lineAt(doc.lineCount - 1).rangeIncludingLineBreak.end), text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused the edit to ${vscode.workspace.asRelativePath(uri)}.`);
    if (!(await doc.save())) {
      this.log?.warn(`Could not save ${absPath} after the edit; writing it to disk directly.`);
      await this.disk.writeFile(absPath, data);
    }
  }

  async deleteFile(absPath: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(vscode.Uri.file(absPath), { ignoreIfNotExists: true });
    if (!(await vscode.workspace.applyEdit(edit))) await this.disk.deleteFile(absPath);
  }
}

/** The text of UTF-8 data, or undefined when it is not text. */
function decodeText(data: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}
