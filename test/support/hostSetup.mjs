// Installs what the VS Code test host needs on a fresh machine: Debian packages (when root) and
// code-server 4.100.3 (VS Code 1.100.3) in .cache/, following the foundation issue's offline recipe.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, copyFileSync, symlinkSync, rmSync, chmodSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE = join(ROOT, '.cache', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = join(CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium';
const DEBIAN = ['libkrb5-dev', 'libsecret-1-dev', 'libxkbfile-dev', 'libx11-dev', 'pkg-config', 'ripgrep', 'chromium', 'git'];

function run(cmd, args, cwd, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${(r.stderr || r.stdout).slice(-4000)}`);
  }
}

function missingDebian() {
  return DEBIAN.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
}

export function ensureDebianPackages(log = console.log) {
  const missing = missingDebian();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Missing Debian packages for the VS Code test host: ${missing.join(' ')}.\nInstall them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`[setup] apt-get install ${missing.join(' ')}`);
  run('apt-get', ['update'], ROOT);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], ROOT, { DEBIAN_FRONTEND: 'noninteractive' });
}

export function ensureCodeServer(log = console.log) {
  const marker = join(CACHE, '.complete');
  if (existsSync(marker)) return CODE_SERVER_ENTRY;
  ensureDebianPackages(log);
  log(`[setup] installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (one time, 1-4 minutes)`);
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'keel-test-host', private: true }));
  const env = { npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };
  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], CACHE, env);
  run('npm', ['rebuild', 'argon2'], CACHE, env);
  const vscodeDir = join(CACHE, 'node_modules', 'code-server', 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir, env);
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  const rgPath = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  copyFileSync(rgPath, join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);
  run('npm', ['rebuild'], vscodeDir, env);
  const asar = join(vscodeDir, 'node_modules.asar');
  rmSync(asar, { force: true, recursive: true });
  symlinkSync('node_modules', asar);
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], join(vscodeDir, 'extensions'), env);
  writeFileSync(marker, new Date().toISOString());
  log('[setup] code-server ready');
  return CODE_SERVER_ENTRY;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer();
}
