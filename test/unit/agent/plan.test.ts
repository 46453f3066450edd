// Plan updates: one step in progress at a time; starts and progress are detected for checkpoints and stuck detection.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPlanUpdate, formatPlan } from '../../../src/agent/plan';
import { buildTaskCard } from '../../../src/agent/taskCard';

test('two steps in progress are refused', () => {
  const r = applyPlanUpdate([], [{ title: 'a', status: 'in_progress' }, { title: 'b', status: 'in_progress' }]);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /Only one step may be in_progress/);
});

test('a step turning in_progress is reported as started once', () => {
  const first = applyPlanUpdate([], [{ title: 'a', status: 'in_progress' }, { title: 'b', status: 'pending' }]);
  assert.ok(first.ok);
  assert.deepEqual(first.change.started, [0]);
  const again = applyPlanUpdate(first.change.steps, [{ title: 'a', status: 'in_progress' }, { title: 'b', status: 'pending' }]);
  assert.ok(again.ok);
  assert.deepEqual(again.change.started, []);
  assert.equal(again.change.progressed, false);
  const next = applyPlanUpdate(again.change.steps, [{ title: 'a', status: 'done' }, { title: 'b', status: 'in_progress' }]);
  assert.ok(next.ok);
  assert.deepEqual(next.change.started, [1]);
  assert.equal(next.change.progressed, true);
});

test('the task card carries the task verbatim, the plan, the current step, lessons and the budget', () => {
  const task = 'Make `npm test` pass — keep the API: add(a, b) must return a + b.\nSecond line.';
  const card = buildTaskCard({
    task,
    steps: [{ title: 'Read the test', status: 'done' }, { title: 'Fix add()', status: 'in_progress' }, { title: 'Run tests', status: 'pending' }],
    lessons: ['Step "Fix add()" was abandoned: changing the test is not allowed.'],
    turn: 7,
    maxTurns: 40,
    costUsd: 0.12,
    maxCostUsd: 2,
    planApproved: true,
    requirePlanApproval: true,
    verifyCommand: 'npm test',
  });
  assert.ok(card.includes(task));
  assert.match(card, /\[x\] 1\. Read the test/);
  assert.match(card, /Current step: 2\. Fix add\(\)/);
  assert.match(card, /changing the test is not allowed/);
  assert.match(card, /turn 7 of 40, cost \$0\.12 of \$2\.00/);
  assert.match(card, /npm test/);
  assert.match(formatPlan([]), /no plan yet/);
});
