// The diagnostics port over VS Code's real language features: a JSON syntax error written by Keel's file system is reported.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { VsCodeDiagnostics } from '../../src/vscode/vscodeDiagnostics';
import { VsCodeFileSystem } from '../../src/vscode/vscodeFileSystem';
import { suite, test } from './harness';

suite('diagnostics', () => {
  test('problems introduced by a change on disk are seen after the language server reacts', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root);
    const file = path.join(root, 'diag-check.json');
    fs.writeFileSync(file, '{ "a": 1 }\n');
    const port = new VsCodeDiagnostics({ maxWaitMs: 15_000, quietMs: 500 });
    const signal = new AbortController().signal;
    try {
      // The JSON language server starts with the first JSON document; give it one to warm up on.
      await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true, preserveFocus: true });
      const before = await port.snapshot(file, signal);
      assert.equal(before.diagnostics.filter((d) => d.severity === 'error').length, 0);
      assert.equal(before.complete, true, 'the file is open, so its problems before the change are known');
      const log = vscode.window.createOutputChannel('Keel diagnostics test', { log: true });
      await new VsCodeFileSystem(log).writeFile(file, new TextEncoder().encode('{ "a": 1,, "b" }\n'));
      log.dispose();
      const after = await port.settle(file, signal);
      assert.ok(after.some((d) => d.severity === 'error'), `expected a JSON error, got ${JSON.stringify(after)}`);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);
});
