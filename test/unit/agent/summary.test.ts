// The final summary says what changed, what was verified and what was not, each part its own Markdown paragraph.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRunSummary } from '../../../src/agent/summary';

test('changed files and verification are separate paragraphs; each verification state is said plainly', () => {
  const base = { outcome: 'finished' as const, modelSummary: 'Did it.', reason: undefined, changedPaths: ['a.ts', 'b.ts'], verifyCommand: 'npm test', lastVerifyOutput: undefined };
  const passed = buildRunSummary({ ...base, verified: true });
  assert.equal(passed, 'Finished.\n\nDid it.\n\nChanged files (2): a.ts, b.ts\n\nVerified: `npm test` passed.');
  assert.match(buildRunSummary({ ...base, verified: false, lastVerifyOutput: '1 failing' }), /\n\nNot verified: `npm test` failed\.\n1 failing$/);
  assert.match(buildRunSummary({ ...base, verified: undefined }), /Not verified: `npm test` was not run to completion\.$/);
  assert.match(buildRunSummary({ ...base, changedPaths: [], verified: undefined, verifyCommand: undefined }), /No files were changed\.\n\nNot verified: no verify command/);
});
