// Every stream style real servers use is assembled into the same reply, against the scripted server.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startModelServer, type ModelServer, type ScriptedReply, type StreamStyle } from '../../support/modelServer';
import { modelFor, never, request, withServer } from './helpers';

const CALLS = [
  { name: 'read_file', arguments: { path: 'src/a.ts' } },
  { name: 'write_file', arguments: { path: 'notes/ü.md', content: 'line 1\nline "2"\n{ braces }' } },
];

const STYLES: Record<string, StreamStyle> = {
  'OpenAI (args in small pieces, id on the first delta)': { argsChunkSize: 3 },
  'args whole in one delta with name and id': { argsChunkSize: 0 },
  'no index on tool-call deltas': { omitIndex: true, argsChunkSize: 5 },
  'no index and whole args': { omitIndex: true, argsChunkSize: 0 },
  'id repeated on every delta': { idOnlyOnFirst: false, argsChunkSize: 4 },
  'SSE comments and empty choices chunks': { sseComments: true, emptyChoicesChunks: true, argsChunkSize: 7 },
  'usage in every chunk': { usageEveryChunk: true },
  'one character per chunk': { argsChunkSize: 1, textChunkSize: 1 },
};

describe('stream styles', () => {
  let server: ModelServer;
  const replies: ScriptedReply[] = [];
  for (const style of Object.values(STYLES)) replies.push({ text: 'Let me look.', thinking: 'The user wants files.', toolCalls: CALLS, style, usage: { prompt_tokens: 120, completion_tokens: 30 } });

  before(async () => {
    server = await startModelServer(replies);
  });
  after(async () => {
    assert.deepEqual(server.violations, []);
    await server.close();
  });

  for (const [name] of Object.entries(STYLES)) {
    test(name, async () => {
      const h = modelFor(server.baseUrl);
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.equal(reply.text, 'Let me look.');
      assert.equal(reply.thinking, 'The user wants files.');
      assert.deepEqual(
        reply.toolCalls.map((c) => ({ name: c.name, arguments: JSON.parse(c.arguments) as unknown })),
        CALLS.map((c) => ({ name: c.name, arguments: c.arguments })),
      );
      assert.equal(new Set(reply.toolCalls.map((c) => c.id)).size, 2, 'distinct ids');
      assert.ok(reply.toolCalls.every((c) => c.id.length > 0));
      assert.equal(reply.finishReason, 'tool_calls');
      assert.deepEqual(reply.usage, { inputTokens: 120, outputTokens: 30, estimated: false });
      assert.equal(reply.recoveredFromText, false);
      assert.equal(reply.truncatedToolCall, false);
      // The display stream carries the same content.
      assert.equal(h.events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.delta : '')).join(''), 'Let me look.');
      assert.equal(h.events.filter((e) => e.type === 'thinking').map((e) => (e.type === 'thinking' ? e.delta : '')).join(''), 'The user wants files.');
      const argsByIndex = new Map<number, string>();
      for (const e of h.events) if (e.type === 'tool_call') argsByIndex.set(e.index, (argsByIndex.get(e.index) ?? '') + e.argumentsDelta);
      assert.deepEqual([...argsByIndex.values()].map((a) => JSON.parse(a) as unknown), CALLS.map((c) => c.arguments));
    });
  }
});

describe('reasoning and usage variants', () => {
  test('`reasoning` field (OpenRouter, Ollama) is thinking, never text; a reply without usage is estimated with the tokenizer', async () => {
    await withServer([{ text: 'Answer.', thinking: 'hmm, let me think', style: { reasoningField: 'reasoning' }, usage: null }], async (server) => {
      const h = modelFor(server.baseUrl);
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.equal(reply.thinking, 'hmm, let me think');
      assert.equal(reply.text, 'Answer.');
      assert.equal(reply.usage.estimated, true);
      assert.ok(reply.usage.inputTokens > 20, `input estimated from the request (${reply.usage.inputTokens})`);
      assert.ok(reply.usage.outputTokens >= 4 && reply.usage.outputTokens < 20, `output estimated (${reply.usage.outputTokens})`);
      assert.equal(reply.finishReason, 'stop');
      assert.deepEqual(server.violations, []);
    });
  });

  test('a leading <think> block in the content (R1/Qwen3 without a reasoning parser) becomes thinking', async () => {
    await withServer([{ text: '<think>\nplan: read a.ts\n</think>\n\nDone.', style: { textChunkSize: 3 } }], async (server) => {
      const h = modelFor(server.baseUrl);
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.equal(reply.text, 'Done.');
      assert.equal(reply.thinking.trim(), 'plan: read a.ts');
      assert.ok(!h.events.some((e) => e.type === 'text' && e.delta.includes('think')), 'no tag reaches the display as text');
    });
  });

  test('the request carries streaming, usage, tools with tool_choice auto and the output limit', async () => {
    await withServer([{ text: 'ok' }], async (server) => {
      const h = modelFor(server.baseUrl, { maxOutputTokens: 1234 });
      await h.model.complete(request(), h.onEvent, never());
      const body = server.requests[0]?.body;
      assert.ok(body);
      assert.equal(body.stream, true);
      assert.deepEqual(body.stream_options, { include_usage: true });
      assert.equal(body.tool_choice, 'auto');
      assert.deepEqual(body.tools?.map((t) => t.function?.name), ['read_file', 'write_file']);
      assert.equal(body.max_tokens, 1234, 'max_tokens for servers other than OpenAI and Azure');
      assert.equal(body.model, 'test-model');
      assert.equal(server.requests[0]?.headers.authorization, 'Bearer sk-test-key-0123456789abcdef');
    });
  });

  test('several replies in one conversation: the history the client sends back is accepted by the API rules', async () => {
    await withServer([
      { toolCalls: [{ name: 'read_file', arguments: { path: 'a' } }, { name: 'read_file', arguments: { path: 'b' } }], style: { omitIndex: true } },
      { text: 'Both read.', thinking: 'secret reasoning' },
      { text: 'bye' },
    ], async (server) => {
      const h = modelFor(server.baseUrl);
      const first = await h.model.complete(request(), h.onEvent, never());
      const history = [
        { role: 'user' as const, content: 'read a and b' },
        { role: 'assistant' as const, content: first.text, toolCalls: first.toolCalls },
        ...first.toolCalls.map((c) => ({ role: 'tool' as const, toolCallId: c.id, content: `contents of ${c.arguments}` })),
      ];
      const second = await h.model.complete(request(history), h.onEvent, never());
      await h.model.complete(request([...history, { role: 'assistant', content: second.text }, { role: 'user', content: 'thanks' }]), h.onEvent, never());
      assert.deepEqual(server.violations, []);
      const sent = JSON.stringify(server.requests[2]?.body.messages);
      assert.ok(!sent.includes('secret reasoning'), 'reasoning is never sent back');
    });
  });
});
