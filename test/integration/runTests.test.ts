// "Keel: Run Tests" runs the verify command through the extension's terminal runner and reports pass or failure.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunTestsResult } from '../../src/vscode/runTests';
import { suite, test } from './harness';

async function withVerify<T>(command: string, body: () => Thenable<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('keel');
  await config.update('verifyCommand', command, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await config.update('verifyCommand', undefined, vscode.ConfigurationTarget.Workspace);
  }
}

suite('run tests', () => {
  test('a passing verify command is reported as passed', async () => {
    const r = await withVerify('node -e "console.log(\'all good\')"', () => vscode.commands.executeCommand<RunTestsResult>('keel.runTests', { offerFix: false }));
    assert.equal(r.passed, true, r.summary);
    assert.equal(r.exitCode, 0);
  }, 90_000);

  test('a failing verify command is reported with its exit code and failure summary', async () => {
    const script = "console.log('not ok 1 - adds numbers'); console.log('# pass 0'); console.log('# fail 1'); process.exit(3)";
    const r = await withVerify(`node -e "${script}"`, () => vscode.commands.executeCommand<RunTestsResult>('keel.runTests', { offerFix: false }));
    assert.equal(r.passed, false);
    assert.equal(r.exitCode, 3);
  }, 90_000);
});
