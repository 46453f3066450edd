// Whole runs of the real agent against the scripted model server in real temporary git repositories.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { countTokens } from '../../../src/model/tokens';
import { agentHarness, call, git, lastUserText, toolResults } from '../../support/agentRun';

const ADD_BROKEN = 'exports.add = (a, b) => a - b;\n';
const CHECK = "const { add } = require('./add');\nif (add(2, 3) !== 5) { console.error('FAIL add(2, 3) = ' + add(2, 3)); process.exit(1); }\nconsole.log('ok');\n";
const TASK = 'Fix add() in add.js so that `node check.js` passes. Do not change check.js.';
const plan = (...statuses: string[]): object => ({ steps: ['Read add.js', 'Fix add', 'Verify'].map((title, i) => ({ title, status: statuses[i] ?? 'pending' })) });

test('a plan followed to completion: plan approved, edit and command approved, verified finish', async () => {
  const h = await agentHarness({
    task: TASK,
    files: { 'add.js': ADD_BROKEN, 'check.js': CHECK },
    verify: 'node check.js',
    approval: { requirePlanApproval: true, autoApproveEdits: false, autoApproveCommands: false },
    script: [
      call('update_plan', plan('in_progress')),
      call('read_file', { path: 'add.js' }),
      call('update_plan', plan('done', 'in_progress')),
      call('edit_file', { path: 'add.js', edits: [{ old_text: 'a - b', new_text: 'a + b' }] }),
      call('update_plan', plan('done', 'done', 'in_progress')),
      call('run_command', { command: 'node check.js' }),
      call('update_plan', plan('done', 'done', 'done')),
      call('finish', { summary: 'add() now adds; node check.js passes.' }),
    ],
  });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'finished', result.summary);
    assert.equal(result.verified, true);
    assert.equal(h.ws.read('add.js'), 'exports.add = (a, b) => a + b;\n');
    assert.deepEqual(result.changedPaths, ['add.js']);
    assert.deepEqual(h.server.violations, []);
    assert.deepEqual(h.person.asked.map((a) => a.kind), ['plan', 'edit', 'command']);
    for (const req of h.server.requests) assert.ok(lastUserText(req).includes(TASK), 'every request carries the task verbatim');
    const lastReq = h.server.requests[h.server.requests.length - 1];
    assert.ok(lastReq);
    const lastCard = lastUserText(lastReq);
    assert.match(lastCard, /\[x\] 3\. Verify/);
    assert.ok(h.events.some((e) => e.type === 'checkpoint_created'), 'a checkpoint was taken before the edit');
    assert.ok(h.events.some((e) => e.type === 'verify_result' && e.passed));
    assert.match(result.summary, /Verified: `node check.js` passed/);
    const req6 = h.server.requests[6];
    assert.ok(req6);
    const cmd = toolResults(req6).pop() ?? '';
    assert.match(cmd, /exit code 0/i);
  } finally {
    await h.close();
  }
});

test('a failing verify blocks finish until the code is fixed', async () => {
  const h = await agentHarness({
    task: TASK,
    files: { 'add.js': ADD_BROKEN, 'check.js': CHECK },
    verify: 'node check.js',
    script: [
      call('finish', { summary: 'Done (not really).' }),
      call('read_file', { path: 'add.js' }),
      call('edit_file', { path: 'add.js', edits: [{ old_text: 'a - b', new_text: 'a + b' }] }),
      call('finish', { summary: 'Fixed add().' }),
    ],
  });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'finished');
    assert.equal(result.verified, true);
    const req1 = h.server.requests[1];
    assert.ok(req1);
    const refused = toolResults(req1).pop() ?? '';
    assert.match(refused, /Finish refused: the verify command `node check.js` exited with code 1/);
    assert.match(refused, /FAIL add\(2, 3\) = -1/);
    assert.deepEqual(h.events.filter((e) => e.type === 'verify_result').map((e) => e.type === 'verify_result' && e.passed), [false, true]);
    assert.deepEqual(h.server.violations, []);
  } finally {
    await h.close();
  }
});

test('a verify that never passes ends the run honestly as not verified', async () => {
  const h = await agentHarness({
    task: TASK,
    files: { 'add.js': ADD_BROKEN, 'check.js': CHECK },
    verify: 'node check.js',
    limits: { maxVerifyFailures: 2 },
    script: [call('finish', { summary: 'a' }), call('finish', { summary: 'b' })],
  });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'not_verified');
    assert.equal(result.verified, false);
    assert.match(result.summary, /Not verified: `node check.js` failed/);
  } finally {
    await h.close();
  }
});

test('a loop is detected, the recovery message breaks it, and the run finishes', async () => {
  const h = await agentHarness({
    task: TASK,
    files: { 'add.js': ADD_BROKEN, 'check.js': CHECK },
    verify: 'node check.js',
    script: [
      call('run_command', { command: 'node check.js' }),
      call('run_command', { command: 'node check.js' }),
      call('run_command', { command: 'node check.js' }),
      (req) => {
        assert.match(JSON.stringify(req.body.messages), /You appear to be stuck: run_command was called 3 times/);
        return call('read_file', { path: 'add.js' });
      },
      call('edit_file', { path: 'add.js', edits: [{ old_text: 'a - b', new_text: 'a + b' }] }),
      call('finish', { summary: 'Fixed.' }),
    ],
  });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'finished', result.summary);
    assert.equal(h.events.filter((e) => e.type === 'stuck_detected').length, 1);
    assert.deepEqual(h.server.violations, []);
  } finally {
    await h.close();
  }
});

test('a loop that persists after the recovery message ends the run as stuck (CLI --yes behaviour)', async () => {
  const same = call('read_file', { path: 'add.js' });
  const h = await agentHarness({ task: TASK, files: { 'add.js': ADD_BROKEN }, script: Array.from({ length: 7 }, () => same) });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'stuck');
    assert.match(result.summary, /read_file was called 3 times/);
  } finally {
    await h.close();
  }
});

test('a dead end is backed out with restore_checkpoint, and the lesson is carried in the task card', async () => {
  const h = await agentHarness({
    task: TASK,
    files: { 'add.js': ADD_BROKEN, 'check.js': CHECK },
    script: [
      call('update_plan', { steps: [{ title: 'Rewrite add with a helper module', status: 'in_progress' }] }),
      call('write_file', { path: 'lib/helper.js', content: 'module.exports = 1;\n' }),
      call('read_file', { path: 'add.js' }),
      call('edit_file', { path: 'add.js', edits: [{ old_text: 'a - b', new_text: "require('./lib/helper')" }] }),
      call('restore_checkpoint', { reason: 'the helper module approach breaks add()' }),
      (req) => {
        assert.match(lastUserText(req), /Lessons from failed attempts[\s\S]*the helper module approach breaks add\(\)/);
        return call('update_plan', { steps: [{ title: 'Rewrite add with a helper module', status: 'failed' }, { title: 'Fix the operator', status: 'in_progress' }] });
      },
      call('finish', { summary: 'Backed out.' }),
    ],
  });
  // A file the person had before the task and that the task never touched.
  h.ws.write('notes.txt', 'my own untracked notes\n');
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'finished', result.summary);
    assert.equal(h.ws.exists('lib/helper.js'), false, 'the file the task created is gone');
    assert.equal(h.ws.read('add.js'), ADD_BROKEN, 'the edited file is back byte for byte');
    assert.equal(h.ws.read('notes.txt'), 'my own untracked notes\n', "the person's file is untouched");
    const restored = h.events.find((e) => e.type === 'checkpoint_restored');
    assert.ok(restored && restored.type === 'checkpoint_restored' && restored.deleted.includes('lib/helper.js'));
    assert.equal(git(h.ws.root, 'status', '--porcelain').trim(), '?? notes.txt');
  } finally {
    await h.close();
  }
});

test('a long run never exceeds the context window and carries the task verbatim in every request', async () => {
  const big = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
  const window = 6000;
  const maxOut = 600;
  const turns = 45;
  let reads = 0;
  const h = await agentHarness({
    task: 'Survey big.txt page by page, then finish. (long-run test)',
    files: { 'big.txt': big },
    limits: { contextWindow: window, maxOutputTokens: maxOut, maxTurns: 100 },
    stuckLimits: { repeats: 3, consecutiveErrors: 3, turnsWithoutProgress: 1000 },
    script: (req) => {
      if (!req.body.tools || req.body.tools.length === 0) return { text: `Read pages of big.txt up to line ${reads * 100}; nothing notable.` };
      reads++;
      if (reads > turns) return call('finish', { summary: 'Surveyed.' });
      return call('read_file', { path: 'big.txt', start_line: ((reads * 97) % 2800) + 1, end_line: ((reads * 97) % 2800) + 100 });
    },
  });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'finished', result.summary);
    const turnsReqs = h.server.requests.filter((r) => (r.body.tools?.length ?? 0) > 0);
    assert.ok(turnsReqs.length > turns);
    assert.ok(h.server.requests.length > turnsReqs.length, 'older turns were condensed by summarising requests');
    for (const req of turnsReqs) {
      const text = JSON.stringify(req.body.messages) + JSON.stringify(req.body.tools);
      const tokens = countTokens(text);
      assert.ok(tokens <= window - maxOut + 400, `request of ${tokens} tokens exceeds the window`);
      assert.ok(lastUserText(req).includes('Survey big.txt page by page, then finish. (long-run test)'));
    }
    assert.deepEqual(h.server.violations, []);
  } finally {
    await h.close();
  }
});

test('every tool call is answered exactly once, also when rejected, invalid, unknown or cut off', async () => {
  const h = await agentHarness({
    task: 'Exercise failures.',
    files: { 'a.txt': 'hello\n' },
    approval: { autoApproveEdits: false },
    person: (r) => (r.kind === 'edit' ? { decision: 'reject', reason: 'use a different file name' } : { decision: 'approve' }),
    script: [
      { toolCalls: [{ name: 'open_file', arguments: { path: 'a.txt' } }, { name: 'read_file', arguments: '{"path": "a.txt",}' }, { name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }] },
      (req) => {
        const results = toolResults(req);
        assert.match(results[0] ?? '', /no tool named "open_file". Did you mean "read_file"/);
        assert.match(results[1] ?? '', /1→hello[\s\S]*repaired/);
        assert.match(results[2] ?? '', /rejected this step. Their reason: use a different file name/);
        return { toolCalls: [{ name: 'write_file', arguments: '{"path": "c.txt", "content": "abc' }], finishReason: 'length' };
      },
      (req) => {
        assert.match(JSON.stringify(req.body.messages), /cut off/);
        return call('finish', { summary: 'ok' });
      },
    ],
  });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'finished', result.summary);
    assert.equal(h.ws.exists('b.txt'), false);
    assert.equal(h.ws.exists('c.txt'), false);
    assert.deepEqual(h.server.violations, []);
  } finally {
    await h.close();
  }
});

test('a text-only reply gets one reminder in the CLI mode, then the run ends as not finished', async () => {
  const h = await agentHarness({ task: 'Say hi.', script: [{ text: 'Hi there!' }, { text: 'Still just talking.' }] });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'waiting');
    assert.equal(h.server.requests.length, 2);
    assert.match(JSON.stringify(h.server.requests[1]?.body.messages), /did not call a tool/);
  } finally {
    await h.close();
  }
});

test('the budget ends a run gracefully with a summary', async () => {
  const h = await agentHarness({ task: 'Read forever.', files: { 'a.txt': 'a\n' }, limits: { maxTurns: 3 }, script: (_r, i) => call('read_file', { path: 'a.txt', start_line: 1, end_line: i + 1 }) });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'budget');
    assert.match(result.summary, /turn limit \(3\)/);
  } finally {
    await h.close();
  }
});

test('three consecutive errors from the same tool bring a stronger hint', async () => {
  const bad = call('read_file', { file_path: 'a.txt' });
  const h = await agentHarness({
    task: 'Read a file badly.',
    files: { 'a.txt': 'a\n' },
    stuckLimits: { repeats: 10, consecutiveErrors: 10, turnsWithoutProgress: 100 },
    script: [
      bad,
      bad,
      bad,
      (req) => {
        const results = toolResults(req);
        assert.doesNotMatch(results[1] ?? '', /failed 2 times/);
        assert.match(results[2] ?? '', /read_file has now failed 3 times in a row. Do not retry the same way/);
        return call('finish', { summary: 'ok' });
      },
    ],
  });
  try {
    const result = await h.run();
    assert.equal(result.outcome, 'finished', result.summary);
  } finally {
    await h.close();
  }
});
