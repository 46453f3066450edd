// The diagnostics port over VS Code's real language features (the built-in JSON language server): problems a write
// introduces are seen for a file in an editor tab or a diff editor; files no language server checks cost no wait.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { VsCodeDiagnostics } from '../../src/vscode/vscodeDiagnostics';
import { VsCodeFileSystem } from '../../src/vscode/vscodeFileSystem';
import { suite, test } from './harness';

const MAX_WAIT = 15_000;
const signal = new AbortController().signal;

function root(): string {
  const r = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(r);
  return r;
}

async function write(file: string, text: string): Promise<void> {
  const log = vscode.window.createOutputChannel('Keel diagnostics test', { log: true });
  try {
    await new VsCodeFileSystem(log).writeFile(file, new TextEncoder().encode(text));
  } finally {
    log.dispose();
  }
}

const errors = (ds: readonly { severity: string }[]): number => ds.filter((d) => d.severity === 'error').length;

suite('diagnostics', () => {
  test('an open file: a syntax error written by Keel is reported, without waiting out the limit', async () => {
    const file = path.join(root(), 'diag-open.json');
    fs.writeFileSync(file, '{ "a": 1 }\n');
    const port = new VsCodeDiagnostics({ maxWaitMs: MAX_WAIT, quietMs: 500 });
    try {
      // The JSON language server starts with the first JSON document; give it one to warm up on.
      await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true, preserveFocus: true });
      const watch = await port.watch(file, true);
      assert.equal(errors(watch.before), 0);
      await write(file, '{ "a": 1,, "b" }\n');
      const started = Date.now();
      const after = await watch.after(signal);
      assert.ok(errors(after) > 0, `expected a JSON error, got ${JSON.stringify(after)}`);
      // The report may even arrive while the write is being saved: the watch listens from before it.
      assert.ok(Date.now() - started < MAX_WAIT - 2000, 'settled on the language server\'s report, not on the time limit');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(file, { force: true });
    }
  }, 60_000);

  test('a file in no editor tab, and a new file, cost no wait: language servers do not check them', async () => {
    const closed = path.join(root(), 'diag-closed.json');
    const fresh = path.join(root(), 'diag-new.json');
    fs.writeFileSync(closed, '{ "ok": true }\n');
    const port = new VsCodeDiagnostics({ maxWaitMs: MAX_WAIT });
    try {
      const started = Date.now();
      const w1 = await port.watch(closed, true);
      await write(closed, '{ "ok": true,, }\n');
      assert.deepEqual(await w1.after(signal), []);
      const w2 = await port.watch(fresh, false);
      await write(fresh, '{ "x": }\n');
      assert.deepEqual(await w2.after(signal), []);
      assert.ok(Date.now() - started < MAX_WAIT / 2, 'no wait for reports that will not come');
    } finally {
      fs.rmSync(closed, { force: true });
      fs.rmSync(fresh, { force: true });
    }
  }, 60_000);

  test('a file shown in a diff editor (as when the person reviews an edit) is watched', async () => {
    const file = path.join(root(), 'diag-diff.json');
    fs.writeFileSync(file, '{ "a": 1 }\n');
    const port = new VsCodeDiagnostics({ maxWaitMs: MAX_WAIT, quietMs: 500 });
    try {
      const uri = vscode.Uri.file(file);
      await vscode.commands.executeCommand('vscode.diff', uri, uri, 'review', { preview: true, preserveFocus: true });
      const watch = await port.watch(file, true);
      await write(file, '{ "a": 1,, }\n');
      assert.ok(errors(await watch.after(signal)) > 0);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(file, { force: true });
    }
  }, 60_000);

  test('a Markdown file has no language server to wait for', async () => {
    const file = path.join(root(), 'diag-notes.md');
    fs.writeFileSync(file, '# notes\n');
    const port = new VsCodeDiagnostics({ maxWaitMs: MAX_WAIT });
    try {
      const started = Date.now();
      const watch = await port.watch(file, true);
      await write(file, '# notes\n\nmore\n');
      assert.deepEqual(await watch.after(signal), []);
      assert.ok(Date.now() - started < MAX_WAIT / 2, 'no wait for reports that will not come');
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);
});
