// Keel's private git folders in its storage. A repository's "overlay" folder borrows the repository's objects and
// config but has its own attributes, so snapshots hold the files' exact bytes whatever .gitattributes says (no
// end-of-line conversion, no clean/smudge filters such as LFS); a workspace outside git gets a shadow repository.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { GitRunner } from './runner';

/** Attributes that switch off every conversion; they outrank every .gitattributes file. */
export const NO_CONVERSION = '* -text -eol -filter -ident -working-tree-encoding\n';

/**
 * Settings of every private folder: no conversions, and nothing that would start a file-system monitor daemon or
 * need files the private folder does not have (sparse checkout, split index).
 */
export const PRIVATE_SETTINGS: readonly (readonly [string, string])[] = [
  ['core.autocrlf', 'false'],
  ['core.safecrlf', 'false'],
  ['core.fsmonitor', 'false'],
  ['core.splitIndex', 'false'],
  ['core.sparseCheckout', 'false'],
  ['index.sparse', 'false'],
  ['core.logAllRefUpdates', 'false'],
];

/** PRIVATE_SETTINGS as git config text (later values win, so this goes after anything it overrides). */
export function privateSettingsText(): string {
  return PRIVATE_SETTINGS.map(([key, value]) => {
    const [section = '', name = ''] = key.split('.');
    return `[${section}]\n\t${name} = ${value}\n`;
  }).join('');
}

export function privateDirName(storageDir: string, kind: 'shadow-git' | 'overlay-git', key: string): string {
  const abs = path.resolve(key);
  const slug = path.basename(abs).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40) || 'workspace';
  const hash = createHash('sha256').update(abs).digest('hex').slice(0, 16);
  return path.join(path.resolve(storageDir), kind, `${slug}-${hash}.git`);
}

/** A temporary name next to `file`, unique even for concurrent writers in the same millisecond. */
export function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** Writes a file through a temporary sibling and a rename, so a concurrent reader never sees half of it. */
export async function writeAtomic(file: string, content: string): Promise<void> {
  const tmp = tempNameFor(file);
  await fs.writeFile(tmp, content);
  await fs.rename(tmp, file);
}

async function readOr(file: string, fallback: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return fallback;
  }
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The overlay folder of the repository whose shared git folder is `commonDir`: refreshed on every call (the
 * repository's info/exclude is copied, its format extensions mirrored; its config is included live).
 */
export async function openOverlayGitDir(storageDir: string, commonDir: string, gitDir: string, repoGit: GitRunner, signal?: AbortSignal): Promise<string> {
  const dir = privateDirName(storageDir, 'overlay-git', commonDir);
  await fs.mkdir(path.join(dir, 'info'), { recursive: true });
  await fs.mkdir(path.join(dir, 'refs'), { recursive: true });
  await fs.mkdir(path.join(dir, 'objects'), { recursive: true });
  const source = path.join(commonDir, 'config');
  let extensions: string[] = [];
  let version = '0';
  try {
    const out = await repoGit.run(['config', '--file', source, '--get-regexp', '^(extensions\\.|core\\.repositoryformatversion$)'], { signal });
    for (const entry of out.split('\n').filter((l) => l !== '')) {
      const [key = '', ...rest] = entry.split(' ');
      if (key === 'core.repositoryformatversion') version = rest.join(' ');
      else extensions.push(`\t${key.slice('extensions.'.length)} = ${rest.join(' ')}`);
    }
  } catch {
    extensions = []; // no extensions (git exits 1 when nothing matches)
  }
  const worktreeConfig = path.join(gitDir, 'config.worktree');
  const includes = [source, ...((await readOr(worktreeConfig, '')) !== '' ? [worktreeConfig] : [])];
  const config = [
    '[core]',
    `\trepositoryformatversion = ${version}`,
    ...(extensions.length > 0 ? ['[extensions]', ...extensions] : []),
    '[include]',
    ...includes.map((p) => `\tpath = ${quote(p)}`),
    '[core]',
    '\tbare = false',
    privateSettingsText(),
  ].join('\n');
  await writeAtomic(path.join(dir, 'config'), config);
  await writeAtomic(path.join(dir, 'HEAD'), 'ref: refs/heads/keel-overlay\n');
  await writeAtomic(path.join(dir, 'info', 'attributes'), NO_CONVERSION);
  await writeAtomic(path.join(dir, 'info', 'exclude'), await readOr(path.join(commonDir, 'info', 'exclude'), ''));
  await fs.writeFile(path.join(dir, 'keel-repository'), `${commonDir}\n`);
  return dir;
}
