// Stuck detection: each pattern is caught, and ordinary varied work is not.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalArgs, digest, recoveryMessage, StuckDetector, type CallRecord } from '../../../src/agent/stuck';

const call = (name: string, args: unknown, result: string, ok = true): CallRecord => ({ name, args: canonicalArgs(args), resultDigest: digest(result), ok });

test('the same call with the same result three times is a repeat', () => {
  const d = new StuckDetector();
  d.recordCall(call('run_command', { command: 'npm test' }, 'FAIL a.test.js'));
  d.recordCall(call('run_command', { command: 'npm test' }, 'FAIL a.test.js'));
  assert.equal(d.check(), undefined);
  d.recordCall(call('run_command', { command: 'npm test' }, 'FAIL a.test.js'));
  const s = d.check();
  assert.equal(s?.kind, 'repeat');
  assert.match(s?.detail ?? '', /run_command was called 3 times/);
  assert.equal(d.check(), undefined, 'reported once');
});

test('argument order and timing figures do not hide a repeat', () => {
  const d = new StuckDetector();
  d.recordCall(call('read_file', { path: 'a', start_line: 1 }, 'took 12 ms'));
  d.recordCall(call('read_file', { start_line: 1, path: 'a' }, 'took 340 ms'));
  d.recordCall(call('read_file', { path: 'a', start_line: 1 }, 'took 7 ms'));
  assert.equal(d.check()?.kind, 'repeat');
});

test('the same call with a changing result is progress, not a repeat', () => {
  const d = new StuckDetector();
  for (const n of [3, 2, 1]) d.recordCall(call('run_command', { command: 'npm test' }, `${n} failing`));
  assert.equal(d.check(), undefined);
});

test('A-B-A-B oscillation is caught', () => {
  const d = new StuckDetector();
  const a = call('edit_file', { path: 'x', edits: [{ old_text: '1', new_text: '2' }] }, 'Updated x');
  const b = call('edit_file', { path: 'x', edits: [{ old_text: '2', new_text: '1' }] }, 'Updated x (back)');
  for (const c of [a, b, a]) d.recordCall(c);
  assert.equal(d.check(), undefined);
  d.recordCall(b);
  assert.equal(d.check()?.kind, 'oscillation');
});

test('three consecutive tool errors are caught, across tools', () => {
  const d = new StuckDetector();
  d.recordCall(call('edit_file', { p: 1 }, 'no match', false));
  d.recordCall(call('write_file', { p: 2 }, 'refused', false));
  assert.equal(d.check(), undefined);
  d.recordCall(call('edit_file', { p: 3 }, 'no match again', false));
  const s = d.check();
  assert.equal(s?.kind, 'errors');
  assert.match(s?.detail ?? '', /edit_file, write_file/);
});

test('many turns without plan progress or a file change are caught', () => {
  const d = new StuckDetector({ repeats: 3, consecutiveErrors: 3, turnsWithoutProgress: 4 });
  for (let i = 0; i < 3; i++) d.endTurn(false);
  assert.equal(d.check(), undefined);
  d.endTurn(true);
  for (let i = 0; i < 3; i++) d.endTurn(false);
  assert.equal(d.check(), undefined, 'progress resets the count');
  d.endTurn(false);
  assert.equal(d.check()?.kind, 'no_progress');
});

test('varied successful work is never flagged', () => {
  const d = new StuckDetector();
  for (let i = 0; i < 50; i++) {
    d.recordCall(call(i % 2 ? 'read_file' : 'search', { i }, `result ${i}`));
    d.endTurn(i % 5 === 0);
    assert.equal(d.check(), undefined, `turn ${i}`);
  }
});

test('the recovery message names the pattern and the ways out', () => {
  const m = recoveryMessage({ kind: 'repeat', detail: 'run_command was called 3 times' });
  assert.match(m, /run_command was called 3 times/);
  assert.match(m, /restore_checkpoint/);
  assert.match(m, /different approach/);
});
