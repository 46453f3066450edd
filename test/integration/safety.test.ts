// Secrets never reach the Keel log: the redacting channel hides key and token shapes and the stored key itself.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { redactingLog } from '../../src/vscode/redactingLog';
import { suite, test } from './harness';

suite('safety', () => {
  test('the log channel redacts keys, bearer tokens and the stored key', () => {
    const lines: string[] = [];
    const fake = {
      name: 'Keel',
      logLevel: 2,
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string | Error) => lines.push(typeof m === 'string' ? m : m.message),
      appendLine: (m: string) => lines.push(m),
    } as unknown as vscode.LogOutputChannel;
    const log = redactingLog(fake, () => ['my-private-key-123456']);
    log.info('request failed with key sk-proj-abcdefghijklmnopqrstuvwxyz0123456789');
    log.warn('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl');
    log.error(new Error('server said: bad key my-private-key-123456'));
    log.appendLine('plain text stays');
    assert.equal(log.name, 'Keel');
    assert.equal(lines.length, 4);
    for (const line of lines.slice(0, 3)) {
      assert.ok(!/sk-proj-abc|eyJhbGci|my-private-key/.test(line), line);
      assert.match(line, /REDACTED/);
    }
    assert.equal(lines[3], 'plain text stays');
  });
});
