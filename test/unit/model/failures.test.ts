// Each failure a real server produces, against the scripted server: retried when it may pass, reported clearly when it will not.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { describe, test } from 'node:test';
import { ModelError } from '../../../src/model/types';
import { modelFor, never, request, withServer } from './helpers';

async function rejection(p: Promise<unknown>): Promise<ModelError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ModelError, `a ModelError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

function assertNoStack(message: string): void {
  assert.ok(!/\n\s+at /.test(message), `no stack trace in: ${message}`);
}

describe('rate limits (429)', () => {
  test('honours Retry-After in seconds', async () => {
    await withServer([{ status: 429, headers: { 'retry-after': '2' } }, { text: 'ok' }], async (server) => {
      const h = modelFor(server.baseUrl);
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.equal(reply.text, 'ok');
      assert.deepEqual(h.sleeps, [2_000]);
      assert.deepEqual(h.events.filter((e) => e.type === 'retry'), [{ type: 'retry', attempt: 1, delayMs: 2_000, reason: 'rate limited (HTTP 429)' }]);
    });
  });

  test('honours Retry-After as an HTTP date, and caps a long one', async () => {
    const date = new Date(Date.now() + 10_000).toUTCString();
    await withServer([{ status: 429, headers: { 'retry-after': date } }, { status: 429, headers: { 'retry-after': '3600' } }, { text: 'ok' }], async (server) => {
      const h = modelFor(server.baseUrl, { maxRetryAfterMs: 20_000 });
      await h.model.complete(request(), h.onEvent, never());
      const [first, second] = h.sleeps;
      assert.ok(first !== undefined && first > 4_000 && first <= 10_000, `date honoured (${first})`);
      assert.equal(second, 20_000, 'capped');
    });
  });

  test('gives up after the retry limit with code rate_limit; an exhausted quota is not retried', async () => {
    await withServer([{ status: 429 }, { status: 429 }, { status: 429 }, { status: 429 }], async (server) => {
      const h = modelFor(server.baseUrl, { maxRetries: 3 });
      const e = await rejection(h.model.complete(request(), h.onEvent, never()));
      assert.equal(e.code, 'rate_limit');
      assert.equal(server.requests.length, 4);
      assert.equal(h.sleeps.length, 3);
    });
    await withServer([{ status: 429, errorBody: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } } }], async (server) => {
      const h = modelFor(server.baseUrl);
      const e = await rejection(h.model.complete(request(), h.onEvent, never()));
      assert.equal(e.code, 'rate_limit');
      assert.match(e.message, /quota/);
      assert.equal(server.requests.length, 1);
    });
  });
});

describe('server errors', () => {
  test('500, 502, 503 and 529 are retried with growing, jittered delays', async () => {
    await withServer([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 529 }, { text: 'finally' }], async (server) => {
      const h = modelFor(server.baseUrl, { maxRetries: 4, retryBaseDelayMs: 100, retryMaxDelayMs: 10_000 });
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.equal(reply.text, 'finally');
      assert.deepEqual(h.sleeps, [75, 150, 300, 600], 'base·2^n with equal jitter at random()=0.5');
    });
  });

  test('still failing after the retries: code server, the URL and status, no secret', async () => {
    const body = { error: { message: 'upstream said: Authorization: Bearer sk-live-abcdefghijklmnop failed', type: 'server_error' } };
    await withServer([{ status: 503, errorBody: body }, { status: 503, errorBody: body }], async (server) => {
      const h = modelFor(server.baseUrl, { maxRetries: 1 });
      const e = await rejection(h.model.complete(request(), h.onEvent, never()));
      assert.equal(e.code, 'server');
      assert.equal(e.status, 503);
      assert.ok(e.message.includes(server.baseUrl), e.message);
      assert.ok(!e.message.includes('sk-live-abcdefghijklmnop'), e.message);
      assertNoStack(e.message);
    });
  });
});

describe('broken streams', () => {
  test('a stream cut mid-way is retried whole; nothing of the partial reply is returned', async () => {
    await withServer(
      [
        { text: 'partial answer that is cut', toolCalls: [{ name: 'write_file', arguments: { path: 'a', content: 'danger' } }], cutAfterChunks: 4 },
        { text: 'complete answer' },
      ],
      async (server) => {
        const h = modelFor(server.baseUrl);
        const reply = await h.model.complete(request(), h.onEvent, never());
        assert.equal(reply.text, 'complete answer');
        assert.deepEqual(reply.toolCalls, []);
        assert.equal(await server.requests[0]?.ended, 'cut');
        const retry = h.events.find((e) => e.type === 'retry');
        assert.ok(retry && retry.type === 'retry' && retry.reason.length > 0, 'a retry event tells the display to drop what it streamed');
      },
    );
  });

  test('finish_reason "length" inside a tool call: the cut call is dropped and flagged, complete calls stay', async () => {
    await withServer([{ toolCalls: [{ name: 'read_file', arguments: { path: 'a' } }, { name: 'write_file', arguments: '{"path": "b", "content": "only the first ha' }], finishReason: 'length' }], async (server) => {
      const h = modelFor(server.baseUrl);
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.deepEqual(reply.toolCalls.map((c) => c.name), ['read_file']);
      assert.equal(reply.truncatedToolCall, true);
      assert.equal(reply.finishReason, 'length');
    });
  });

  test('a server that hangs: code timeout with a clear message, retried once only', async () => {
    await withServer([{ hang: true }, { hang: true }], async (server) => {
      const h = modelFor(server.baseUrl, { requestTimeoutMs: 150, maxRetries: 3 });
      const e = await rejection(h.model.complete(request(), h.onEvent, never()));
      assert.equal(e.code, 'timeout');
      assert.match(e.message, /did not answer within 0\.2 s/);
      assert.ok(e.message.includes(server.baseUrl));
      assert.equal(server.requests.length, 2);
    });
  });

  test('a stream that stalls between chunks times out and is retried', async () => {
    await withServer([{ text: 'slow slow slow slow', chunkDelayMs: 400 }, { text: 'fast' }], async (server) => {
      const h = modelFor(server.baseUrl, { idleTimeoutMs: 100 });
      const reply = await h.model.complete(request(), h.onEvent, never());
      assert.equal(reply.text, 'fast');
      assert.ok(h.events.some((e) => e.type === 'retry' && e.reason === 'timed out (idle)'));
    });
  });
});

describe('errors that are not retried', () => {
  test('400 context_length_exceeded: code context_length, one request', async () => {
    const errorBody = { error: { message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } };
    await withServer([{ status: 400, errorBody }], async (server) => {
      const h = modelFor(server.baseUrl);
      const e = await rejection(h.model.complete(request(), h.onEvent, never()));
      assert.equal(e.code, 'context_length');
      assert.equal(server.requests.length, 1);
    });
  });

  test('the same overflow worded by vLLM / llama.cpp without a code is recognised too', async () => {
    await withServer([{ status: 400, errorBody: { error: { message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error' } } }], async (server) => {
      const h = modelFor(server.baseUrl);
      assert.equal((await rejection(h.model.complete(request(), h.onEvent, never()))).code, 'context_length');
    });
  });

  test('a bad key: code auth, points at "Keel: Set API Key", never shows the key (even when the server echoes it)', async () => {
    await withServer([], async (server) => {
      const h = modelFor(server.baseUrl, { apiKey: 'sk-wrong-0123456789abcdefghij' });
      const e = await rejection(h.model.complete(request(), h.onEvent, never()));
      assert.equal(e.code, 'auth');
      assert.equal(e.status, 401);
      assert.match(e.message, /Keel: Set API Key/);
      assert.ok(!e.message.includes('sk-wrong-0123456789abcdefghij'), e.message);
      assert.ok(!e.message.includes('0123456789abcdefghij'), e.message);
      assert.equal(server.requests.length, 1);
    }, { requireKey: 'sk-right' });
  });

  test('an unreachable server: code unreachable, the URL and the cause, no stack trace, no retries', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const h = modelFor(`http://127.0.0.1:${port}/v1`);
    const e = await rejection(h.model.complete(request(), h.onEvent, never()));
    assert.equal(e.code, 'unreachable');
    assert.ok(e.message.includes(`http://127.0.0.1:${port}/v1`), e.message);
    assert.match(e.message, /ECONNREFUSED/);
    assertNoStack(e.message);
    assert.deepEqual(h.sleeps, []);
  });

  test('an invalid base URL or a missing model is reported by complete(), not thrown while building the model', async () => {
    const bad = modelFor('not a url');
    assert.equal((await rejection(bad.model.complete(request(), bad.onEvent, never()))).code, 'bad_request');
    const noModel = modelFor('http://127.0.0.1:9/v1', { model: '' });
    assert.match((await rejection(noModel.model.complete(request(), noModel.onEvent, never()))).message, /Select Model/);
  });
});

describe('cancellation', () => {
  test('aborting mid-stream rejects with cancelled at once and the server sees the connection close', async () => {
    await withServer([{ text: 'x'.repeat(400), style: { textChunkSize: 2 }, chunkDelayMs: 20 }], async (server) => {
      const h = modelFor(server.baseUrl);
      const ctrl = new AbortController();
      const pending = h.model.complete(request(), (e) => {
        if (e.type === 'text') ctrl.abort();
      }, ctrl.signal);
      const started = Date.now();
      const e = await rejection(pending);
      assert.equal(e.code, 'cancelled');
      assert.ok(Date.now() - started < 2_000, "well before the 4 s stream would end");
      assert.equal(await server.requests[0]?.ended, 'client_closed');
    });
  });

  test('aborting before the server answers, and during a retry wait', async () => {
    await withServer([{ hang: true }], async (server) => {
      const h = modelFor(server.baseUrl);
      const ctrl = new AbortController();
      const arrived = setInterval(() => {
        if (server.requests.length > 0) ctrl.abort();
      }, 10);
      try {
        assert.equal((await rejection(h.model.complete(request(), h.onEvent, ctrl.signal))).code, 'cancelled');
      } finally {
        clearInterval(arrived);
      }
      assert.equal(await server.requests[0]?.ended, 'client_closed');
    });
    await withServer([{ status: 503, headers: { 'retry-after': '30' } }], async (server) => {
      const h = modelFor(server.baseUrl, {}, { sleep: undefined });
      const ctrl = new AbortController();
      const started = Date.now();
      setTimeout(() => ctrl.abort(), 50);
      assert.equal((await rejection(h.model.complete(request(), h.onEvent, ctrl.signal))).code, 'cancelled');
      assert.ok(Date.now() - started < 2_000, 'the 30 s wait was abandoned');
    });
  });
});
