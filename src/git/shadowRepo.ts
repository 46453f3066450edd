// A shadow repository for a workspace that is not in git: a git folder in Keel's storage whose work tree is the
// workspace, so checkpoints work everywhere without creating anything inside the workspace.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { NO_CONVERSION, privateDirName, privateSettingsText, writeAtomic } from './privateGitDir';
import { GitRunner } from './runner';

export function shadowGitDir(storageDir: string, workspaceRoot: string): string {
  return privateDirName(storageDir, 'shadow-git', workspaceRoot);
}

/** Creates the shadow repository if needed and returns its folder. */
export async function openShadowRepo(storageDir: string, workspaceRoot: string, signal?: AbortSignal): Promise<string> {
  const gitDir = shadowGitDir(storageDir, workspaceRoot);
  try {
    await fs.access(path.join(gitDir, 'info', 'attributes'));
    return gitDir;
  } catch {
    // not created yet (or half created): (re)initialise, which git allows
  }
  await fs.mkdir(path.dirname(gitDir), { recursive: true });
  await new GitRunner(path.dirname(gitDir)).run(['init', '--bare', '-q', gitDir], { signal });
  // written as text: simple-git rightly refuses `git config core.fsmonitor`, even to switch it off
  const initial = await fs.readFile(path.join(gitDir, 'config'), 'utf8');
  await writeAtomic(path.join(gitDir, 'config'), `${initial}[core]\n\tbare = false\n${privateSettingsText()}`);
  await fs.writeFile(path.join(gitDir, 'keel-workspace'), `${path.resolve(workspaceRoot)}\n`);
  await fs.mkdir(path.join(gitDir, 'info'), { recursive: true });
  await writeAtomic(path.join(gitDir, 'info', 'attributes'), NO_CONVERSION);
  return gitDir;
}
