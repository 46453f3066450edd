// Real temporary git repositories (and plain folders) for tests: init with a local identity, files, commits,
// the person's git state as one comparable record, the working tree as path → bytes, and cleanup.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toUpperCase().startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', ...extra };
}

/** Runs git in `cwd` and returns stdout; throws (with stderr) on a non-zero exit. */
export function git(cwd: string, args: readonly string[], options: { readonly input?: string; readonly env?: Record<string, string> } = {}): string {
  return execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', input: options.input, env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** Like git(), but '' when git exits non-zero. */
export function gitTry(cwd: string, args: readonly string[]): string {
  try {
    return git(cwd, args);
  } catch {
    return '';
  }
}

export function makeTempDir(prefix = 'keel-test-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export type FileContent = string | Uint8Array;

export interface TempRepo {
  readonly root: string;
  git(...args: string[]): string;
  write(rel: string, content: FileContent, mode?: number): void;
  read(rel: string): Buffer;
  exists(rel: string): boolean;
  remove(rel: string): void;
  /** Stages everything and commits; returns the new commit id. */
  commitAll(message?: string): string;
  cleanup(): void;
}

export interface TempRepoOptions {
  readonly files?: Readonly<Record<string, FileContent>>;
  /** Commit the initial files (default true when files are given). */
  readonly commit?: boolean;
  /** False: a plain folder, no repository. */
  readonly init?: boolean;
  readonly branch?: string;
  /** Where to create it (default: a new temp folder). */
  readonly root?: string;
}

export function createTempRepo(options: TempRepoOptions = {}): TempRepo {
  const root = options.root ?? makeTempDir('keel-repo-');
  fs.mkdirSync(root, { recursive: true });
  const repo: TempRepo = {
    root,
    git: (...args) => git(root, args),
    write(rel, content, mode) {
      const abs = path.join(root, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
      if (mode !== undefined) fs.chmodSync(abs, mode);
    },
    read: (rel) => fs.readFileSync(path.join(root, rel)),
    exists: (rel) => fs.existsSync(path.join(root, rel)),
    remove: (rel) => fs.rmSync(path.join(root, rel), { recursive: true, force: true }),
    commitAll(message = 'commit') {
      git(root, ['add', '-A']);
      git(root, ['commit', '-q', '--no-verify', '-m', message]);
      return git(root, ['rev-parse', 'HEAD']).trim();
    },
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
  if (options.init !== false) {
    git(root, ['init', '-q', '-b', options.branch ?? 'main']);
    git(root, ['config', 'user.name', 'Test User']);
    git(root, ['config', 'user.email', 'test@example.com']);
    git(root, ['config', 'commit.gpgSign', 'false']);
    git(root, ['config', 'core.autocrlf', 'false']);
  }
  for (const [rel, content] of Object.entries(options.files ?? {})) repo.write(rel, content);
  if (options.init !== false && options.files && options.commit !== false) repo.commitAll('initial');
  return repo;
}

/** Two branches that both change conflict.txt, merged: leaves a merge in progress with one conflict. */
export function startConflictingMerge(repo: TempRepo): void {
  repo.write('conflict.txt', 'base\n');
  repo.commitAll('base');
  repo.git('checkout', '-q', '-b', 'other');
  repo.write('conflict.txt', 'theirs\n');
  repo.commitAll('theirs');
  repo.git('checkout', '-q', '-');
  repo.write('conflict.txt', 'ours\n');
  repo.commitAll('ours');
  try {
    repo.git('merge', '-q', 'other');
  } catch {
    return; // the expected conflict
  }
  throw new Error('the merge did not conflict');
}

/** Everything of the person's git state a checkpoint must leave alone. */
export interface UserGitState {
  readonly head: string;
  readonly symbolicHead: string;
  /** Every ref outside refs/keel/ (branches, tags, remotes, stash) with its target. */
  readonly refs: string;
  readonly index: string;
  /** sha256 of the index file's bytes ('' when there is none). */
  readonly indexBytes: string;
  readonly stash: string;
  readonly status: string;
}

export function userGitState(root: string): UserGitState {
  const gitDir = git(root, ['rev-parse', '--absolute-git-dir']).trim();
  const indexPath = path.join(gitDir, 'index');
  return {
    head: gitTry(root, ['rev-parse', '-q', '--verify', 'HEAD']).trim(),
    symbolicHead: gitTry(root, ['symbolic-ref', '-q', 'HEAD']).trim(),
    refs: git(root, ['for-each-ref', '--format=%(refname) %(objectname)'])
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('refs/keel/'))
      .join('\n'),
    index: git(root, ['ls-files', '-s']),
    indexBytes: fs.existsSync(indexPath) ? createHash('sha256').update(fs.readFileSync(indexPath)).digest('hex') : '',
    stash: git(root, ['stash', 'list']),
    status: git(root, ['status', '--porcelain=v1', '--untracked-files=all']),
  };
}

/**
 * The working tree as workspace-relative path → "file <exec bit> <sha256>" or "symlink <target>"; folders named
 * .git and paths for which `skip` is true are left out (with everything below them).
 */
export function readTree(root: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dirRel: string): void => {
    for (const entry of fs.readdirSync(path.join(root, dirRel), { withFileTypes: true })) {
      const rel = dirRel === '' ? entry.name : `${dirRel}/${entry.name}`;
      if (entry.name === '.git' || skip(rel)) continue;
      const abs = path.join(root, rel);
      if (entry.isSymbolicLink()) out.set(rel, `symlink ${fs.readlinkSync(abs)}`);
      else if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) {
        const exec = (fs.statSync(abs).mode & 0o111) !== 0 ? 'x' : '-';
        out.set(rel, `file ${exec} ${createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`);
      }
    }
  };
  walk('');
  return out;
}

/** Paths under the folder (files and symlinks), sorted; for readable assertions. */
export function listFiles(root: string, skip?: (rel: string) => boolean): string[] {
  return [...readTree(root, skip).keys()].sort();
}
