// The language servers' view of a file (VS Code's Problems), so an edit can report the problems it introduced.

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface FileDiagnostic {
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly source?: string;
  readonly code?: string;
}

export interface DiagnosticsPort {
  /** The file's diagnostics before a change (opening it for the language servers first if needed). Never throws. */
  snapshot(absPath: string, signal: AbortSignal): Promise<readonly FileDiagnostic[]>;
  /** Waits, bounded, for the language servers to react to a change of the file; then its diagnostics. Never throws. */
  settle(absPath: string, signal: AbortSignal): Promise<readonly FileDiagnostic[]>;
}
