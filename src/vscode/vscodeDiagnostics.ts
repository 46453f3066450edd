// The DiagnosticsPort over VS Code's language features: a file's Problems before an edit and, after it, once the
// language servers have reacted (bounded wait), so the agent learns what its edit broke.
import * as vscode from 'vscode';
import type { DiagnosticsPort, DiagnosticsSnapshot, FileDiagnostic } from '../ports';

const SEVERITY: Record<vscode.DiagnosticSeverity, FileDiagnostic['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function read(uri: vscode.Uri): FileDiagnostic[] {
  return vscode.languages.getDiagnostics(uri).map((d) => {
    const code = typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
    return { severity: SEVERITY[d.severity], message: d.message, line: d.range.start.line + 1, ...(d.source ? { source: d.source } : {}), ...(code ? { code } : {}) };
  });
}

export interface DiagnosticsOptions {
  /** Longest wait for the language servers after a change (default 2 s: a clean edit often produces no event at all). */
  readonly maxWaitMs?: number;
  /** Quiet time after the last diagnostics change that counts as settled (default 300 ms). */
  readonly quietMs?: number;
}

/** Languages that have no language server by default: no wait for diagnostics that will not come. */
const NO_DIAGNOSTICS = new Set(['plaintext', 'markdown', 'log', 'ignore', 'properties', 'csv']);

export class VsCodeDiagnostics implements DiagnosticsPort {
  private readonly skipped = new Set<string>();

  constructor(private readonly o: DiagnosticsOptions = {}) {}

  async snapshot(absPath: string, signal: AbortSignal): Promise<DiagnosticsSnapshot> {
    const uri = vscode.Uri.file(absPath);
    const existing = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let doc: vscode.TextDocument;
    try {
      doc = existing ?? (await vscode.workspace.openTextDocument(uri));
    } catch {
      this.skipped.add(absPath);
      return { diagnostics: [], complete: true };
    }
    if (NO_DIAGNOSTICS.has(doc.languageId)) {
      this.skipped.add(absPath);
      return { diagnostics: [], complete: true };
    }
    this.skipped.delete(absPath);
    if (existing) return { diagnostics: read(uri), complete: true };
    // Just opened: the language servers report on it once they have looked; without a report the baseline is unknown.
    const r = await this.wait(uri, signal);
    return { diagnostics: r.diagnostics, complete: r.reported || r.diagnostics.length > 0 };
  }

  async settle(absPath: string, signal: AbortSignal): Promise<readonly FileDiagnostic[]> {
    if (this.skipped.has(absPath)) return [];
    return (await this.wait(vscode.Uri.file(absPath), signal)).diagnostics;
  }

  /** Waits for the diagnostics of `uri` to go quiet after a change (bounded); says whether any report came. */
  private wait(uri: vscode.Uri, signal: AbortSignal): Promise<{ diagnostics: FileDiagnostic[]; reported: boolean }> {
    const maxWait = this.o.maxWaitMs ?? 2000;
    const quiet = this.o.quietMs ?? 300;
    return new Promise((resolve) => {
      let quietTimer: NodeJS.Timeout | undefined;
      let reported = false;
      const finish = (): void => {
        clearTimeout(deadline);
        if (quietTimer) clearTimeout(quietTimer);
        sub.dispose();
        signal.removeEventListener('abort', finish);
        resolve({ diagnostics: read(uri), reported });
      };
      const deadline = setTimeout(finish, maxWait);
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (!e.uris.some((u) => u.toString() === uri.toString())) return;
        reported = true;
        if (quietTimer) clearTimeout(quietTimer);
        quietTimer = setTimeout(finish, quiet);
      });
      signal.addEventListener('abort', finish, { once: true });
    });
  }
}
