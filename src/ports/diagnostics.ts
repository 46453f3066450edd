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

export interface DiagnosticsSnapshot {
  readonly diagnostics: readonly FileDiagnostic[];
  /**
   * False when the file had to be opened for the language servers and none reported on it within the wait: its
   * problems before the change are unknown, so problems seen after it may be older.
   */
  readonly complete: boolean;
}

export interface DiagnosticsPort {
  /** The file's diagnostics before a change (opening it for the language servers first if needed). Never throws. */
  snapshot(absPath: string, signal: AbortSignal): Promise<DiagnosticsSnapshot>;
  /** Waits, bounded, for the language servers to react to a change of the file; then its diagnostics. Never throws. */
  settle(absPath: string, signal: AbortSignal): Promise<readonly FileDiagnostic[]>;
}
