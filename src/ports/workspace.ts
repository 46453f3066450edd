// The workspace: its roots (absolute, multi-root allowed) and whether the person trusts it.

export interface WorkspaceInfo {
  /** Absolute paths of the workspace folders; the first is where relative paths resolve. */
  readonly roots: readonly string[];
  /** False in an untrusted workspace: nothing may run or be written. */
  isTrusted(): boolean;
}
