// Context fitting: old tool output is elided first, then older turns condensed; the task and latest turns stay,
// and tool calls are never separated from their results.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContextManager, ELIDED_NOTE, SUMMARY_PREFIX } from '../../../src/agent/context';
import type { ChatMessage } from '../../../src/model/types';

const count = (t: string): number => Math.ceil(t.length / 4);
const signal = new AbortController().signal;

function conversation(turns: number, outputChars: number): ChatMessage[] {
  const h: ChatMessage[] = [{ role: 'user', content: 'THE TASK' }];
  for (let i = 0; i < turns; i++) {
    h.push({ role: 'assistant', content: `turn ${i}`, toolCalls: [{ id: `c${i}`, name: 'read_file', arguments: `{"path":"f${i}"}` }] });
    h.push({ role: 'tool', toolCallId: `c${i}`, content: `output ${i} `.repeat(outputChars / 10) });
  }
  return h;
}

function pairsIntact(messages: readonly ChatMessage[]): boolean {
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (m?.role === 'tool') {
      const prev = messages.slice(0, i).reverse().find((x) => x.role !== 'tool');
      if (prev?.role !== 'assistant' || !prev.toolCalls?.some((c) => c.id === m.toolCallId)) return false;
    }
    if (m?.role === 'assistant' && m.toolCalls) {
      const results = messages.slice(i + 1, i + 1 + m.toolCalls.length);
      if (!m.toolCalls.every((c, k) => results[k]?.role === 'tool' && (results[k] as { toolCallId: string }).toolCallId === c.id)) return false;
    }
  }
  return true;
}

test('a conversation that fits is left alone', async () => {
  const cm = new ContextManager(count, { contextWindow: 100_000, maxOutputTokens: 1000, keepRecent: 4 });
  const h = conversation(5, 100);
  const r = await cm.fit(h, 100, async () => 'x', signal);
  assert.deepEqual(r.messages, h);
  assert.equal(r.elided + Number(r.condensed), 0);
});

test('old tool output is elided first, the latest kept', async () => {
  const cm = new ContextManager(count, { contextWindow: 6000, maxOutputTokens: 1000, keepRecent: 4 });
  const h = conversation(12, 2000);
  let summarized = false;
  const r = await cm.fit(h, 500, async () => {
    summarized = true;
    return 's';
  }, signal);
  assert.ok(r.elided > 0);
  assert.equal(summarized, false);
  assert.ok(r.tokens <= cm.budget());
  assert.equal(r.messages[1]?.role === 'assistant' && r.messages[2]?.content, ELIDED_NOTE);
  assert.match(r.messages[r.messages.length - 1]?.content ?? '', /^output 11/);
  assert.ok(pairsIntact(r.messages));
});

test('when eliding is not enough, older turns are condensed by the summariser; task and pairs survive', async () => {
  const cm = new ContextManager(count, { contextWindow: 3000, maxOutputTokens: 500, keepRecent: 4 });
  const h = conversation(60, 200);
  let region: readonly ChatMessage[] = [];
  const r = await cm.fit(h, 300, async (m) => {
    region = m;
    return 'SUMMARY TEXT';
  }, signal);
  assert.ok(r.condensed);
  assert.ok(region.length > 10);
  assert.equal(r.messages[0]?.content, 'THE TASK');
  assert.match(r.messages[1]?.content ?? '', new RegExp(`^\\${SUMMARY_PREFIX.slice(0, -1)}`));
  assert.ok(r.tokens <= cm.budget(), `${r.tokens} > ${cm.budget()}`);
  assert.ok(pairsIntact(r.messages));
});

test('a failing summariser falls back to a mechanical summary', async () => {
  const cm = new ContextManager(count, { contextWindow: 3000, maxOutputTokens: 500, keepRecent: 4 });
  const r = await cm.fit(conversation(60, 200), 300, async () => {
    throw new Error('server down');
  }, signal);
  assert.ok(r.condensed);
  assert.match(r.messages[1]?.content ?? '', /Called read_file/);
});
