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

/** One change of one file, watched from before it happens until the language servers have reacted. */
export interface DiagnosticsWatch {
  /** The file's diagnostics just before the change. */
  readonly before: readonly FileDiagnostic[];
  /** After the change: waits (bounded) until the file's diagnostics go quiet, then returns them and ends the watch. */
  after(signal: AbortSignal): Promise<readonly FileDiagnostic[]>;
  /** Ends the watch without waiting (the change did not happen). */
  dispose(): void;
}

export interface DiagnosticsPort {
  /**
   * Starts watching `absPath` before a change: its diagnostics now and every report from here on, so a fast language
   * server is not missed. A file no language server looks at gets a watch that reports nothing at once. Never throws.
   */
  watch(absPath: string, exists: boolean): Promise<DiagnosticsWatch>;
}
