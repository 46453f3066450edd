// The panel message guards accept exactly the well-formed messages.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFromPanel, parseToPanel } from '../../src/protocol';

test('parseFromPanel accepts the known messages and only allowed commands', () => {
  assert.deepEqual(parseFromPanel({ type: 'panel/ready' }), { type: 'panel/ready' });
  assert.deepEqual(parseFromPanel({ type: 'command/run', command: 'keel.setApiKey' }), { type: 'command/run', command: 'keel.setApiKey' });
  assert.equal(parseFromPanel({ type: 'command/run', command: 'workbench.action.terminal.sendSequence' }), undefined);
  for (const bad of [null, undefined, 42, 'panel/ready', [], {}, { type: 7 }, { type: 'nope' }]) assert.equal(parseFromPanel(bad), undefined);
});

test('parseToPanel validates state/init', () => {
  const good = { type: 'state/init', version: '1', config: { baseUrl: 'u', model: 'm', hasApiKey: false, trusted: true } };
  assert.deepEqual(parseToPanel(good), good);
  assert.equal(parseToPanel({ ...good, config: { ...good.config, hasApiKey: 'yes' } }), undefined);
});
