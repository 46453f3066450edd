// The DiagnosticsPort over VS Code's language features: a file's Problems before an edit and, after it, once the
// language servers have reacted (bounded wait), so the agent learns what its edit broke. Each watch listens from
// before the write, so a language server that answers while the write is still being saved is not missed.
// Only files open in an editor tab are watched: language servers check the documents in tabs (JSON pulls diagnostics
// for tabs only; measured in VS Code 1.100, neither JSON nor TypeScript reported on a document opened without a tab
// within 30 s), so for any other file waiting would cost seconds per edit and tell nothing.
import * as vscode from 'vscode';
import type { DiagnosticsPort, DiagnosticsWatch, FileDiagnostic } from '../ports';

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
  /** Longest wait for the language servers after a change (default 2 s: a clean edit often produces no report at all). */
  readonly maxWaitMs?: number;
  /** Quiet time after the last report that counts as settled (default 300 ms). */
  readonly quietMs?: number;
}

/** Languages that have no language server by default: no wait for reports that will not come. */
const NO_DIAGNOSTICS = new Set(['plaintext', 'markdown', 'log', 'ignore', 'properties', 'csv']);

const NOTHING: DiagnosticsWatch = { before: [], after: () => Promise.resolve([]), dispose: () => undefined };

function sameUri(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.toString() === b.toString();
}

/** Reports for one file from a moment on; waits until they go quiet. */
class Reports implements vscode.Disposable {
  private seen = false;
  private lastAt = 0;
  private onReport: (() => void) | undefined;
  private readonly sub: vscode.Disposable;

  constructor(uri: vscode.Uri) {
    this.sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => sameUri(u, uri))) return;
      this.seen = true;
      this.lastAt = Date.now();
      this.onReport?.();
    });
  }

  /** Resolves when the reports have been quiet for `quietMs` after at least one, or after `maxWaitMs`, or on abort. */
  quiet(maxWaitMs: number, quietMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(deadline);
        if (timer) clearTimeout(timer);
        this.onReport = undefined;
        signal.removeEventListener('abort', done);
        resolve();
      };
      const arm = (): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(done, Math.max(0, quietMs - (Date.now() - this.lastAt)));
      };
      const deadline = setTimeout(done, maxWaitMs);
      this.onReport = arm;
      if (this.seen) arm();
      if (signal.aborted) done();
      else signal.addEventListener('abort', done, { once: true });
    });
  }

  dispose(): void {
    this.onReport = undefined;
    this.sub.dispose();
  }
}

/** Whether the file is in an editor tab (a text editor, or either side of a diff editor), visible or not. */
function inTab(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => (t.input instanceof vscode.TabInputText && sameUri(t.input.uri, uri)) || (t.input instanceof vscode.TabInputTextDiff && (sameUri(t.input.original, uri) || sameUri(t.input.modified, uri)))),
  );
}

async function openDocument(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => sameUri(d.uri, uri));
  if (open) return open;
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}

export class VsCodeDiagnostics implements DiagnosticsPort {
  constructor(private readonly o: DiagnosticsOptions = {}) {}

  async watch(absPath: string, exists: boolean): Promise<DiagnosticsWatch> {
    const uri = vscode.Uri.file(absPath);
    if (!exists || !inTab(uri)) return NOTHING;
    const doc = await openDocument(uri);
    if (!doc || NO_DIAGNOSTICS.has(doc.languageId)) return NOTHING;
    const reports = new Reports(uri);
    const before = read(uri);
    let ended = false;
    const end = (): void => {
      ended = true;
      reports.dispose();
    };
    return {
      before,
      after: async (s) => {
        if (ended) return [];
        try {
          await reports.quiet(this.o.maxWaitMs ?? 2000, this.o.quietMs ?? 300, s);
          return read(uri);
        } finally {
          end();
        }
      },
      dispose: end,
    };
  }
}
