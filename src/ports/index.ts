// The ports bundle handed to tools and the agent.
import type { Approver } from './approver';
import type { Checkpoints } from './checkpoints';
import type { CommandRunner } from './commandRunner';
import type { DiagnosticsPort } from './diagnostics';
import type { FileSystem } from './fileSystem';
import type { GitPort } from './git';
import type { TextSearch } from './search';
import type { WorkspaceInfo } from './workspace';

export type { Approver, ApprovalDecision, ApprovalKind, ApprovalRequest } from './approver';
export type { CheckpointInfo, Checkpoints, RestorePreview, RestoreResult } from './checkpoints';
export type { CommandRequest, CommandResult, CommandRunner } from './commandRunner';
export type { DiagnosticSeverity, DiagnosticsPort, DiagnosticsWatch, FileDiagnostic } from './diagnostics';
export type { DirEntry, EntryType, FileStat, FileSystem } from './fileSystem';
export type { GitPort } from './git';
export type { SearchMatch, SearchQuery, SearchResult, TextSearch } from './search';
export type { WorkspaceInfo } from './workspace';

export interface Ports {
  readonly workspace: WorkspaceInfo;
  readonly fs: FileSystem;
  readonly commands: CommandRunner;
  readonly approver: Approver;
  /** Undefined when the workspace has no git repository (the git tools then say so). */
  readonly git: GitPort | undefined;
  readonly checkpoints: Checkpoints;
  readonly search: TextSearch;
  /** VS Code only: the Problems of a file, so an edit reports what it broke. */
  readonly diagnostics?: DiagnosticsPort;
}
