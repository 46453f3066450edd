// The end-to-end fixture: a temp workspace, code-server with Keel under development and user settings pointing at the
// scripted model server, headless Chromium on the workbench, and locators for the panel inside its nested webview iframes.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, FrameLocator, Page } from 'playwright-core';

interface CodeServer {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

interface HostModule {
  startCodeServer(o: { folder: string; userDataDir: string; extensionsDir: string; log?: (s: string) => void }): Promise<CodeServer>;
  launchChromium(): Promise<Browser>;
  workbenchUrl(server: CodeServer, folder: string): string;
}

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'media', 'screenshots');

export interface Workbench {
  readonly page: Page;
  readonly folder: string;
  readonly panel: FrameLocator;
  /** Runs a command from the command palette by its title. */
  command(title: string): Promise<void>;
  close(): Promise<void>;
}

export async function openWorkbench(files: Record<string, string>, settings: Record<string, unknown>): Promise<Workbench> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-e2e-'));
  const folder = path.join(scratch, 'ws');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
    fs.writeFileSync(path.join(folder, rel), content);
  }
  fs.mkdirSync(folder, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: folder });
  execFileSync('git', ['-c', 'user.email=e2e@keel.invalid', '-c', 'user.name=e2e', 'add', '-A'], { cwd: folder });
  execFileSync('git', ['-c', 'user.email=e2e@keel.invalid', '-c', 'user.name=e2e', 'commit', '-qm', 'start', '--allow-empty'], { cwd: folder });
  const userDataDir = path.join(scratch, 'user');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const defaults = { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'extensions.ignoreRecommendations': true, 'git.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...defaults, ...settings }, null, 2));

  const host = (await import(pathToFileURL(path.join(ROOT, 'test', 'support', 'vscodeHost.mjs')).href)) as HostModule;
  const server = await host.startCodeServer({ folder, userDataDir, extensionsDir: path.join(scratch, 'ext'), log: process.env.KEEL_HOST_LOG ? (s) => process.stderr.write(s) : undefined });
  const browser = await host.launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(host.workbenchUrl(server, folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator('.statusbar').waitFor({ timeout: 60_000 });
  const panel = page.frameLocator('iframe.webview[src*="keel-dev.keel"]').frameLocator('#active-frame');
  // The palette lists an extension's commands only once the extension host has read its manifest: retry until then.
  const command = async (title: string): Promise<void> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 4000 });
        await page.keyboard.press('Enter');
        return;
      } catch (err) {
        await page.keyboard.press('Escape');
        if (Date.now() > deadline) throw err;
      }
    }
  };
  return {
    page,
    folder,
    panel,
    command,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.stop();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Opens the panel (activating the extension) and waits for its handshake. */
export async function openPanel(wb: Workbench): Promise<void> {
  await wb.command('Keel: Focus Panel');
  await wb.panel.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
}

export async function screenshot(page: Page, name: string, clip?: 'sidebar'): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (clip === 'sidebar') {
    const box = await page.locator('.part.sidebar').boundingBox();
    if (box) {
      await page.screenshot({ path: file, clip: box });
      return;
    }
  }
  await page.screenshot({ path: file });
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
