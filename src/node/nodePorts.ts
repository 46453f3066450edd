// The ports for the CLI (and the Node tests): the real file system, child processes, git through simple-git,
// ripgrep on PATH, an always-trusted workspace, and the approver the caller gives.
import * as os from 'node:os';
import * as path from 'node:path';
import { createGitCheckpoints, createGitPort } from '../git';
import type { Approver, Ports } from '../ports';
import { ChildProcessRunner } from './childProcessRunner';
import { NodeFileSystem } from './nodeFileSystem';
import { findRgOnPath, RipgrepSearch } from './ripgrepSearch';

export interface NodePortsOptions {
  readonly root: string;
  readonly taskId: string;
  readonly approver: Approver;
  /** Where a shadow repository for a non-git workspace lives (default: $KEEL_STATE_DIR or ~/.cache/keel). */
  readonly stateDir?: string;
}

export interface DisposablePorts extends Ports {
  /** Stops every process the run started and releases resources. */
  dispose(): Promise<void>;
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEEL_STATE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'keel');
}

export async function createNodePorts(o: NodePortsOptions): Promise<DisposablePorts> {
  const commands = new ChildProcessRunner();
  const git = await createGitPort(o.root);
  const checkpoints = createGitCheckpoints({ workspaceRoot: o.root, taskId: o.taskId, shadowStorageDir: path.join(o.stateDir ?? defaultStateDir(), 'shadow') });
  return {
    workspace: { roots: [o.root], isTrusted: () => true },
    fs: new NodeFileSystem(),
    commands,
    approver: o.approver,
    git,
    checkpoints,
    search: new RipgrepSearch(findRgOnPath()),
    dispose: async () => {
      await commands.stopAll?.();
    },
  };
}
