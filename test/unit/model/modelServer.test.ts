// The scripted server itself: it rejects what the real API rejects, records it, and reports an exhausted script.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startModelServer } from '../../support/modelServer';
import { validateChatRequest } from '../../support/modelServerRules';

const ok = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const call = (id: string): object => ({ id, type: 'function', function: { name: 'read_file', arguments: '{}' } });

describe('API rules', () => {
  test('a plain request passes', () => {
    assert.deepEqual(validateChatRequest(ok), []);
  });

  const broken: [string, object][] = [
    ['an unanswered tool call', { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [call('a')] }, { role: 'user', content: 'y' }] }],
    ['a tool message with no call', { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'zz', content: 'r' }] }],
    ['answers out of order', { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] }, { role: 'tool', tool_call_id: 'b', content: '' }, { role: 'tool', tool_call_id: 'a', content: '' }] }],
    ['a call answered twice', { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [call('a')] }, { role: 'tool', tool_call_id: 'a', content: '' }, { role: 'tool', tool_call_id: 'a', content: '' }] }],
    ['a bad tool name', { ...ok, tools: [{ type: 'function', function: { name: 'read file', parameters: { type: 'object' } } }] }],
    ['parameters that are not an object schema', { ...ok, tools: [{ type: 'function', function: { name: 'x', parameters: { type: 'array' } } }] }],
    ['empty messages', { model: 'm', messages: [] }],
    ['an invalid role', { model: 'm', messages: [{ role: 'bot', content: 'x' }] }],
    ['tool_choice without tools', { ...ok, tool_choice: 'auto' }],
    ['stream_options without stream', { ...ok, stream_options: { include_usage: true } }],
    ['no model', { messages: [{ role: 'user', content: 'x' }] }],
  ];
  for (const [name, body] of broken) {
    test(`rejects ${name}`, () => {
      assert.ok(validateChatRequest(body).length > 0);
    });
  }
});

describe('server', () => {
  test('a violation answers 400 in the OpenAI error shape and is recorded; an exhausted script answers 500', async () => {
    const server = await startModelServer([{ text: 'one' }]);
    try {
      const post = (body: object): Promise<Response> => fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const bad = await post({ model: 'm', messages: [] });
      assert.equal(bad.status, 400);
      const err = (await bad.json()) as { error: { message: string; type: string } };
      assert.equal(err.error.type, 'invalid_request_error');
      assert.equal((await post({ ...ok, stream: false })).status, 200);
      assert.equal((await post(ok)).status, 500);
      assert.equal(server.violations.length, 2);
      assert.match(server.violations[1] ?? '', /script exhausted/);
      assert.equal(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  test('streams SSE exactly like the API, ending with [DONE]', async () => {
    const server = await startModelServer([{ text: 'hello', style: { sseComments: true } }]);
    try {
      const res = await fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify({ ...ok, stream: true, stream_options: { include_usage: true } }) });
      assert.equal(res.headers.get('content-type'), 'text/event-stream');
      const text = await res.text();
      assert.match(text, /^: OPENROUTER PROCESSING\n\n/);
      assert.match(text, /data: \{"id":"chatcmpl-1","object":"chat.completion.chunk"/);
      assert.match(text, /"usage":\{"prompt_tokens":\d+,"completion_tokens":\d+,"total_tokens":\d+\}/);
      assert.ok(text.endsWith('data: [DONE]\n\n'));
    } finally {
      await server.close();
    }
  });

  test('a script function sees each request', async () => {
    const server = await startModelServer((req, i) => ({ text: `reply ${i} to ${req.body.messages?.length ?? 0} messages` }));
    try {
      const res = await fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: JSON.stringify(ok) });
      const body = (await res.json()) as { choices: { message: { content: string } }[] };
      assert.equal(body.choices[0]?.message.content, 'reply 0 to 1 messages');
    } finally {
      await server.close();
    }
  });
});
