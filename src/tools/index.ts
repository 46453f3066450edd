// The workspace tools a run offers (files, search, commands, git); the agent adds the meta tools.
import { createCommandTools } from './commandTools';
import { createGitTools } from './gitTools';
import { listFilesTool, readFileTool, searchTool } from './readTools';
import type { ToolDef } from './types';
import { editFileTool, writeFileTool } from './writeTools';

export interface WorkspaceToolOptions {
  /** The files the task has changed so far (git_commit without paths commits these, never the person's other changes). */
  readonly taskChangedPaths: () => readonly string[];
}

export function createWorkspaceTools(options: WorkspaceToolOptions): ToolDef[] {
  return [readFileTool, listFilesTool, searchTool, writeFileTool, editFileTool, ...createCommandTools(), ...createGitTools({ taskChangedPaths: options.taskChangedPaths })] as ToolDef[];
}
