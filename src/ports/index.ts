// The ports bundle handed to tools and the agent.
import type { Approver } from './approver';
import type { CommandRunner } from './commandRunner';
import type { FileSystem } from './fileSystem';
import type { WorkspaceInfo } from './workspace';

export type { Approver, ApprovalDecision, ApprovalKind, ApprovalRequest } from './approver';
export type { CommandRequest, CommandResult, CommandRunner } from './commandRunner';
export type { DirEntry, EntryType, FileStat, FileSystem } from './fileSystem';
export type { WorkspaceInfo } from './workspace';

export interface Ports {
  readonly workspace: WorkspaceInfo;
  readonly fs: FileSystem;
  readonly commands: CommandRunner;
  readonly approver: Approver;
}
