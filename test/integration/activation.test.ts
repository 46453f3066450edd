// The extension activates in a real VS Code, resolves its panel view, and its commands are registered.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KeelApi } from '../../src/extension';
import { suite, test } from './harness';

const EXTENSION_ID = 'keel-dev.keel';

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

suite('activation', () => {
  test('the extension is present and not yet active before its view or commands are used', () => {
    const ext = vscode.extensions.getExtension<KeelApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed in the test host`);
    const events = (ext.packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.ok(!events.includes('*'), 'never activates on *');
  });

  test('opening the panel activates the extension and resolves the webview view with a handshake', async () => {
    await vscode.commands.executeCommand('keel.panel.focus');
    const ext = vscode.extensions.getExtension<KeelApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await waitFor('activation', () => (ext.isActive ? ext.exports : undefined));
    await waitFor('panel ready', () => (api.panel.isReady ? true : undefined));
  }, 60_000);

  test('the Keel commands that exist are registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['keel.setApiKey', 'keel.showLog']) {
      assert.ok(all.includes(id), `${id} registered`);
    }
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
    for (const c of manifest.contributes.commands) {
      assert.ok(all.includes(c.command), `declared command ${c.command} is registered (no placeholder entries)`);
    }
  });
});
