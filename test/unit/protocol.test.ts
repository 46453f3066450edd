// The panel message guards accept exactly the well-formed messages and never throw.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFromPanel, parseToPanel } from '../../src/protocol';

test('parseFromPanel accepts the known messages and only allowed commands', () => {
  assert.deepEqual(parseFromPanel({ type: 'panel/ready' }), { type: 'panel/ready' });
  assert.deepEqual(parseFromPanel({ type: 'command/run', command: 'keel.setApiKey' }), { type: 'command/run', command: 'keel.setApiKey' });
  assert.equal(parseFromPanel({ type: 'command/run', command: 'workbench.action.terminal.sendSequence' }), undefined);
  for (const bad of [null, undefined, 42, 'panel/ready', [], {}, { type: 7 }, { type: 'nope' }]) assert.equal(parseFromPanel(bad), undefined);
});

test('parseFromPanel validates decisions, task starts and rules', () => {
  assert.deepEqual(parseFromPanel({ type: 'approval/decide', approvalId: 'a', approve: false, reason: 'no' }), { type: 'approval/decide', approvalId: 'a', approve: false, reason: 'no' });
  assert.equal(parseFromPanel({ type: 'approval/decide', approvalId: 'a', approve: 'yes' }), undefined);
  assert.equal(parseFromPanel({ type: 'approval/decide', approvalId: 'a', approve: true, edited: 5 }), undefined);
  assert.equal(parseFromPanel({ type: 'task/start', text: '  ', context: { file: false, selection: false, problems: false } }), undefined);
  assert.ok(parseFromPanel({ type: 'task/start', text: 'fix it', context: { file: true, selection: false, problems: false } }));
  assert.equal(parseFromPanel({ type: 'rule/add', rule: { kind: 'shell', value: 'rm' } }), undefined);
  assert.equal(parseFromPanel({ type: 'setup/apply', baseUrl: 'file:///etc', model: 'm' }), undefined);
});

test('parseToPanel validates state/init and items', () => {
  const good = { type: 'state/init', version: '1', config: { baseUrl: 'u', model: 'm', hasApiKey: false, trusted: true }, tasks: [] };
  assert.deepEqual(parseToPanel(good), good);
  assert.equal(parseToPanel({ ...good, config: { ...good.config, hasApiKey: 'yes' } }), undefined);
  const card = { kind: 'tool', id: 'c1', name: 'edit_file', title: 'Edit a.ts', category: 'edit', state: 'pending', files: [{ path: 'a.ts', added: 1, removed: 0, isNew: false }], output: '', approvalId: 'c1:approval' };
  assert.deepEqual(parseToPanel({ type: 'item/added', taskId: 't', item: card }), { type: 'item/added', taskId: 't', item: card });
  assert.equal(parseToPanel({ type: 'item/added', taskId: 't', item: { ...card, state: 'weird' } }), undefined);
  assert.equal(parseToPanel({ type: 'item/added', taskId: 't', item: { ...card, files: [{ path: 1 }] } }), undefined);
});

test('the guards never throw, even on hostile objects', () => {
  const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => true });
  const weird: unknown[] = [hostile, { type: 'item/added', taskId: 't', item: hostile }, { type: 'state/init', tasks: new Array(5).fill(hostile) }, Object.create(null), { type: 'approval/decide', approvalId: { toString: () => 'x' } }];
  for (const w of weird) {
    assert.doesNotThrow(() => parseToPanel(w));
    assert.doesNotThrow(() => parseFromPanel(w));
  }
});
