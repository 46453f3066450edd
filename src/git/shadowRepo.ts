// A shadow repository for a workspace that is not in git: a git folder in Keel's storage whose work tree is the
// workspace, so checkpoints work everywhere without creating anything inside the workspace.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { GitRunner } from './runner';

/** Attributes that switch off every conversion, so snapshots hold the files' bytes exactly. */
const NO_CONVERSION = '* -text -eol -filter -ident -working-tree-encoding\n';

export function shadowGitDir(storageDir: string, workspaceRoot: string): string {
  const abs = path.resolve(workspaceRoot);
  const slug = path.basename(abs).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40) || 'workspace';
  const hash = createHash('sha256').update(abs).digest('hex').slice(0, 16);
  return path.join(path.resolve(storageDir), 'shadow-git', `${slug}-${hash}.git`);
}

/** Creates the shadow repository if needed and returns a runner bound to it (GIT_DIR + GIT_WORK_TREE). */
export async function openShadowRepo(storageDir: string, workspaceRoot: string, signal?: AbortSignal): Promise<{ readonly git: GitRunner; readonly gitDir: string }> {
  const gitDir = shadowGitDir(storageDir, workspaceRoot);
  const git = new GitRunner(workspaceRoot, { GIT_DIR: gitDir, GIT_WORK_TREE: path.resolve(workspaceRoot) });
  let ready = true;
  try {
    await fs.access(path.join(gitDir, 'info', 'attributes'));
  } catch {
    ready = false;
  }
  if (!ready) {
    await fs.mkdir(path.dirname(gitDir), { recursive: true });
    const bare = new GitRunner(path.dirname(gitDir));
    await bare.run(['init', '--bare', '-q', gitDir], { signal });
    const config = new GitRunner(path.dirname(gitDir), { GIT_DIR: gitDir });
    for (const [key, value] of [['core.bare', 'false'], ['core.autocrlf', 'false'], ['core.logAllRefUpdates', 'false']] as const) {
      await config.run(['config', key, value], { signal });
    }
    await fs.writeFile(path.join(gitDir, 'keel-workspace'), `${path.resolve(workspaceRoot)}\n`);
    await fs.mkdir(path.join(gitDir, 'info'), { recursive: true });
    await fs.writeFile(path.join(gitDir, 'info', 'attributes'), NO_CONVERSION);
  }
  return { git, gitDir };
}
