// Tool protocols, endpoint flavours (Azure, keyless local servers), request adaptation and model listing, against the scripted server.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listModels } from '../../../src/model/listModels';
import { toolCallReminder } from '../../../src/model/textToolProtocol';
import type { ChatMessage } from '../../../src/model/types';
import { ModelError } from '../../../src/model/types';
import { modelFor, never, request, TOOLS, withServer } from './helpers';

describe('text tool protocol', () => {
  test('tools go in the system prompt, calls are recovered from text, results go back as user text', async () => {
    await withServer(
      [
        { text: 'Reading it.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n</tool_call>' },
        { text: 'The file is short.' },
      ],
      async (server) => {
        const h = modelFor(server.baseUrl, { toolProtocol: 'text' });
        assert.equal(h.model.toolProtocol, 'text');
        const first = await h.model.complete(request(), h.onEvent, never());
        assert.equal(first.recoveredFromText, true);
        assert.equal(first.text, 'Reading it.');
        assert.deepEqual(first.toolCalls.map((c) => [c.name, JSON.parse(c.arguments) as unknown]), [['read_file', { path: 'a.ts' }]]);
        const body = server.requests[0]?.body;
        assert.equal(body?.tools, undefined, 'no native tools in text mode');
        assert.equal(body?.tool_choice, undefined);
        const system = body?.messages?.[0];
        assert.equal(system?.role, 'system');
        assert.match(String(system?.content), /<tool_call>/);
        assert.match(String(system?.content), /## write_file/);

        const history: ChatMessage[] = [
          { role: 'user', content: 'read a.ts' },
          { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
          { role: 'tool', toolCallId: first.toolCalls[0]?.id ?? '', content: 'export const a = 1;' },
        ];
        await h.model.complete(request(history), h.onEvent, never());
        const sent = server.requests[1]?.body.messages ?? [];
        assert.ok(sent.every((m) => m.role !== 'tool' && m.tool_calls === undefined), 'no native tool messages');
        assert.match(String(sent[2]?.content), /<tool_call>[\s\S]*read_file/);
        assert.match(String(sent[3]?.content), /<tool_response name="read_file">\nexport const a = 1;/);
      },
    );
  });

  test('an unclosed <tool_call> cut by the output limit is flagged truncated; a garbled one is reported as malformed', async () => {
    await withServer([{ text: '<tool_call>{"name": "write_file", "arguments": {"path": "a", "content": "lo', finishReason: 'length' }, { text: '<tool_call>please read a.ts</tool_call>' }], async (server) => {
      const h = modelFor(server.baseUrl, { toolProtocol: 'text' });
      const cut = await h.model.complete(request(), h.onEvent, never());
      assert.equal(cut.truncatedToolCall, true);
      assert.deepEqual(cut.toolCalls, []);
      const garbled = await h.model.complete(request(), h.onEvent, never());
      assert.deepEqual(garbled.toolCalls, []);
      assert.ok(garbled.malformedToolCall);
      const reminder = toolCallReminder(TOOLS, 'text', garbled.malformedToolCall);
      assert.match(reminder, /<tool_call>/);
      assert.match(reminder, /read_file, write_file/);
    });
  });

  test('a native-protocol model that writes its call as text instead still has it recovered', async () => {
    await withServer([{ text: '```json\n{"name": "read_file", "arguments": {"path": "b"}}\n```' }], async (server) => {
      const h = modelFor(server.baseUrl);
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.equal(reply.recoveredFromText, true);
      assert.deepEqual(reply.toolCalls.map((c) => c.name), ['read_file']);
      assert.equal(reply.finishReason, 'tool_calls');
    });
  });
});

describe('conversation repair', () => {
  test('unanswered calls, stray and duplicated results, empty ids: what is sent always passes the API rules', async () => {
    await withServer([{ text: 'ok' }], async (server) => {
      const h = modelFor(server.baseUrl);
      const messages: ChatMessage[] = [
        { role: 'tool', toolCallId: 'orphan', content: 'stray result' },
        { role: 'user', content: 'go' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'read_file', arguments: '{"path":"x"}' }, { id: 'b', name: 'bad name!', arguments: '' }] },
        { role: 'tool', toolCallId: 'b', content: 'b done' },
        { role: 'tool', toolCallId: 'b', content: 'b again' },
        { role: 'user', content: 'stopped' },
        { role: 'assistant', content: 'again', toolCalls: [{ id: '', name: 'read_file', arguments: '{}' }, { id: 'a', name: 'read_file', arguments: '{}' }] },
        { role: 'assistant', content: '' },
      ];
      await h.model.complete(request(messages), h.onEvent, never());
      const sent = server.requests[0]?.body.messages ?? [];
      assert.deepEqual(sent.map((m) => m.role), ['system', 'user', 'user', 'assistant', 'tool', 'tool', 'user', 'user', 'assistant', 'tool', 'tool']);
      assert.equal(sent[4]?.content, 'No result: this tool call was not run.', 'call a had no answer');
      assert.equal(sent[5]?.content, 'b done');
    });
  });
});

describe('endpoints', () => {
  test('Azure OpenAI: deployment path, api-version query, api-key header, no bearer token', async () => {
    await withServer([{ text: 'hi' }, { text: 'hi' }], async (server) => {
      const origin = server.baseUrl.replace(/\/v1$/, '');
      const h = modelFor(`${origin}/openai`, { azure: true, model: 'gpt4o-deploy', apiKey: 'azkey-123456' });
      await h.model.complete(request(), h.onEvent, never());
      const r = server.requests[0];
      assert.equal(r?.path, '/openai/deployments/gpt4o-deploy/chat/completions');
      assert.equal(r?.query['api-version'], '2024-10-21');
      assert.equal(r?.headers['api-key'], 'azkey-123456');
      assert.equal(r?.headers.authorization, undefined);
      assert.ok(r?.body.max_completion_tokens !== undefined && r.body.max_tokens === undefined, 'max_completion_tokens on Azure');
      const h2 = modelFor(`${origin}/openai/deployments/other/chat/completions?api-version=2025-01-01-preview`, { azure: true, apiKey: 'azkey-123456' });
      await h2.model.complete(request(), h2.onEvent, never());
      assert.equal(server.requests[1]?.path, '/openai/deployments/other/chat/completions');
      assert.equal(server.requests[1]?.query['api-version'], '2025-01-01-preview');
    });
  });

  test('a local server without a key (Ollama, LM Studio): no Authorization header at all', async () => {
    await withServer([{ text: 'hi' }], async (server) => {
      const h = modelFor(server.baseUrl, { apiKey: undefined });
      await h.model.complete(request(), h.onEvent, never());
      assert.equal(server.requests[0]?.headers.authorization, undefined);
      assert.equal(server.requests[0]?.headers['api-key'], undefined);
    });
  });

  test('a base URL without a path gets /v1', async () => {
    await withServer([{ text: 'hi' }], async (server) => {
      const h = modelFor(server.baseUrl.replace(/\/v1$/, ''));
      await h.model.complete(request(), h.onEvent, never());
      assert.equal(server.requests[0]?.path, '/v1/chat/completions');
      assert.equal(h.model.id, `test-model @ ${server.baseUrl}`);
    });
  });
});

describe('adapting to what a server accepts', () => {
  test('"use max_completion_tokens" and an unsupported stream_options are learned and resent', async () => {
    await withServer(
      [
        { status: 400, errorBody: { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } } },
        { status: 400, errorBody: { error: { message: 'Unrecognized request argument supplied: stream_options' } } },
        { text: 'ok', usage: null },
        { text: 'again', usage: null },
      ],
      async (server) => {
        const h = modelFor(server.baseUrl);
        assert.equal((await h.model.complete(request(), h.onEvent, never())).text, 'ok');
        await h.model.complete(request(), h.onEvent, never());
        const last = server.requests[3]?.body;
        assert.equal(last?.max_tokens, undefined);
        assert.equal(typeof last?.max_completion_tokens, 'number');
        assert.equal(last?.stream_options, undefined);
        assert.deepEqual(h.sleeps, [], 'no backoff for an adaptation');
      },
    );
  });

  test('an output limit above the model\'s maximum is lowered to what the server names', async () => {
    await withServer([{ status: 400, errorBody: { error: { message: 'max_tokens is too large: 8192. This model supports at most 4096 completion tokens, whereas you provided 8192.' } } }, { text: 'ok' }], async (server) => {
      const h = modelFor(server.baseUrl);
      await h.model.complete(request(), h.onEvent, never());
      assert.equal(server.requests[1]?.body.max_tokens, 4096);
    });
  });
});

describe('listModels', () => {
  test('reads /models, sorted; a key is sent; 404 and 401 become ModelErrors', async () => {
    await withServer([], async (server) => {
      assert.deepEqual(await listModels({ baseUrl: server.baseUrl, model: '', apiKey: 'k' }, never()), ['a-model', 'b-model']);
      await assert.rejects(listModels({ baseUrl: server.baseUrl, model: '', apiKey: 'wrong' }, never()), (e) => e instanceof ModelError && e.code === 'auth');
    }, { models: ['b-model', 'a-model'], requireKey: 'k' });
    await withServer([], async (server) => {
      await assert.rejects(listModels({ baseUrl: server.baseUrl, model: '' }, never()), (e) => e instanceof ModelError && e.code === 'bad_request');
    }, { models: null });
  });
});
