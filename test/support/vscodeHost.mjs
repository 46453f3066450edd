// Runs a test suite inside a real VS Code extension host: @vscode/test-electron when VSCODE_EXECUTABLE is set,
// else code-server 4.100.3 (VS Code 1.100.3) driven by headless Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, ROOT, ensureCodeServer } from './hostSetup.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs, proc) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited early with ${proc.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * A test-only extension that registers a scripted model through vscode.lm (proposed `chatProvider` API in 1.100, which
 * code-server opens to it by id), so the integration suite selects and talks to a real registered language model.
 */
export const LM_FIXTURE = join(ROOT, 'test/fixtures/lm-provider');
export const LM_FIXTURE_ID = 'keel-test.keel-lm-fixture';

/** Starts code-server on a free port; returns { port, url, stop() }. */
export async function startCodeServer({ folder, userDataDir, extensionsDir, log = () => {} }) {
  const entry = ensureCodeServer();
  const port = await freePort();
  const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--enable-proposed-api', LM_FIXTURE_ID, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_CLI: undefined }, detached: true });
  proc.stdout.on('data', (d) => log(`[code-server] ${d}`));
  proc.stderr.on('data', (d) => log(`[code-server] ${d}`));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, 60_000, proc);
  return {
    port,
    url,
    stop: async () => {
      if (proc.exitCode !== null) return;
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
      await new Promise((r) => { const t = setTimeout(r, 3000); proc.once('exit', () => { clearTimeout(t); r(); }); });
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
    },
  };
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the workbench for `folder` with the extension under development; extraPayload adds tests or more extensions. */
export function workbenchUrl(server, folder, extraPayload = []) {
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`], ...extraPayload];
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Runs the extension-host suite at `testsIndex` (an absolute path to a compiled index.js) against `folder`.
 * Resolves with the suite's exit code; prints its log.
 */
export async function runSuiteInVsCode({ testsIndex, folder, timeoutMs = 10 * 60_000, env = {} }) {
  if (process.env.VSCODE_EXECUTABLE) {
    const { runTests } = await import('@vscode/test-electron');
    try {
      await runTests({ vscodeExecutablePath: process.env.VSCODE_EXECUTABLE, extensionDevelopmentPath: [ROOT, LM_FIXTURE], extensionTestsPath: testsIndex, launchArgs: [folder, '--disable-extensions', '--enable-proposed-api', LM_FIXTURE_ID], extensionTestsEnv: env });
      return 0;
    } catch (e) {
      console.error(String(e));
      return 1;
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), 'keel-host-'));
  Object.assign(process.env, env); // code-server's extension host inherits the server's environment
  // The workbench keeps one extensionDevelopmentPath (its payload is a Map), so the fixture is installed instead.
  cpSync(LM_FIXTURE, join(scratch, 'ext', `${LM_FIXTURE_ID}-0.0.1`), { recursive: true });
  const server = await startCodeServer({ folder, userDataDir: join(scratch, 'user'), extensionsDir: join(scratch, 'ext'), log: process.env.KEEL_HOST_LOG ? (s) => process.stderr.write(s) : () => {} });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      if (type === 'error') process.stderr.write(`${text}\n`);
      else process.stdout.write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    const url = workbenchUrl(server, folder, [['extensionTestsPath', `vscode-remote://127.0.0.1:${server.port}${testsIndex}`]]);
    await page.goto(url);
    const timer = new Promise((r) => setTimeout(() => r('timeout'), timeoutMs));
    const code = await Promise.race([exited, timer]);
    if (code === 'timeout') {
      console.error(`The extension-host suite did not finish within ${timeoutMs / 1000} s`);
      return 1;
    }
    return code;
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
