// What the person is looking at (active file, selection, the file's Problems), offered as optional context for a task.
import * as vscode from 'vscode';
import type { ContextChoice, EditorContext } from '../protocol';

const MAX_SELECTION_CHARS = 20_000;
const MAX_PROBLEMS = 30;

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function diagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
}

/** The summary the panel shows next to the context checkboxes. */
export function currentEditorContext(): EditorContext {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return { problems: 0 };
  const s = editor.selection;
  const selection = s.isEmpty ? undefined : `lines ${s.start.line + 1}–${s.end.line + 1}`;
  return { file: relative(editor.document.uri), problems: diagnostics(editor.document.uri).length, ...(selection ? { selection } : {}) };
}

/** The context block appended to the task text for the chosen parts. */
export function contextBlock(choice: ContextChoice): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return '';
  const doc = editor.document;
  const rel = relative(doc.uri);
  const parts: string[] = [];
  if (choice.file) parts.push(`Active file: ${rel}`);
  if (choice.selection && !editor.selection.isEmpty) {
    const s = editor.selection;
    parts.push(`Selection in ${rel} (lines ${s.start.line + 1}–${s.end.line + 1}):\n\`\`\`${doc.languageId}\n${doc.getText(s).slice(0, MAX_SELECTION_CHARS)}\n\`\`\``);
  }
  if (choice.problems) {
    const list = diagnostics(doc.uri).slice(0, MAX_PROBLEMS);
    parts.push(list.length ? `Problems in ${rel}:\n${list.map((d) => `- line ${d.range.start.line + 1}: ${d.message}${d.source ? ` (${d.source})` : ''}`).join('\n')}` : `Problems in ${rel}: none`);
  }
  return parts.length ? `\n\nContext:\n${parts.join('\n\n')}` : '';
}

/** The text "Delegate Selection" puts into the task box. */
export function selectionTask(editor: vscode.TextEditor): string {
  const s = editor.selection;
  const rel = relative(editor.document.uri);
  return s.isEmpty ? `In ${rel}: ` : `In ${rel}, lines ${s.start.line + 1}–${s.end.line + 1}: `;
}
