// The pure helpers: secret redaction, token counting with the real tokenizer, prices, and retry timing.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { costOf, priceFor, readPriceTable } from '../../../src/model/cost';
import { redactSecrets } from '../../../src/model/redact';
import { backoffDelay, retryAfterMs } from '../../../src/model/retry';
import { countMessageTokens, countTokens } from '../../../src/model/tokens';
import { TOOLS } from './helpers';

describe('redactSecrets', () => {
  const cases: [string, string][] = [
    ['Incorrect API key provided: sk-proj-abcDEF1234567890xyz', 'sk-proj-abcDEF1234567890xyz'],
    ['key sk-or-v1-0123456789abcdef0123456789abcdef', 'sk-or-v1-0123456789abcdef'],
    ['Authorization: Bearer abc.def-ghi_jkl', 'abc.def-ghi_jkl'],
    ['{"api-key": "f00ba7f00ba7"}', 'f00ba7f00ba7'],
    ['api_key=hunter2hunter2', 'hunter2hunter2'],
    ['https://x.openai.azure.com/?api-key=secretvalue1&x=1', 'secretvalue1'],
    ['https://user:p4ssw0rd@example.com/v1', 'p4ssw0rd'],
    ['token gsk_ABCDEFGHIJKLMNOPQRSTUVWX', 'gsk_ABCDEFGHIJKLMNOPQRSTUVWX'],
    ['azure 0123456789abcdef0123456789abcdef end', '0123456789abcdef0123456789abcdef'],
    ['blob QWxhZGRpbjpvcGVuIHNlc2FtZQ1234567890AbCdEfGhIjKlMn end', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ1234567890AbCdEfGhIjKlMn'],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJhbGciOiJIUzI1NiJ9'],
  ];
  for (const [text, secret] of cases) {
    test(`removes ${secret.slice(0, 12)}…`, () => {
      const out = redactSecrets(text);
      assert.ok(!out.includes(secret), out);
      assert.match(out, /\[REDACTED\]/);
    });
  }

  test('removes the configured key verbatim, whatever it looks like', () => {
    assert.equal(redactSecrets('the key is plainword-42 here', ['plainword-42']), 'the key is [REDACTED] here');
  });

  test('leaves ordinary text, paths, git object names and token counts alone', () => {
    const plain = 'Cannot reach http://127.0.0.1:11434/v1: connect ECONNREFUSED 127.0.0.1:11434. max_tokens: 4096, commit 3f786850e387550fdab836ed7e6dc881de23001b, file src/model/openaiModel.ts';
    assert.equal(redactSecrets(plain), plain);
  });
});

describe('tokens', () => {
  test('counts with cl100k_base', () => {
    assert.equal(countTokens(''), 0);
    assert.equal(countTokens('hello world'), 2);
    assert.equal(countTokens('<|endoftext|>'), 7, 'special tokens are plain text, never an error');
  });

  test('pathological input is counted quickly', () => {
    const started = Date.now();
    assert.ok(countTokens('a'.repeat(500_000)) > 10_000);
    assert.ok(Date.now() - started < 5_000);
  });

  test('messages count framing, tool calls and the tool definitions', () => {
    const messages = [
      { role: 'user' as const, content: 'read a' },
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a"}' }] },
      { role: 'tool' as const, toolCallId: 'c1', content: 'file a' },
    ];
    const bare = countMessageTokens('system', messages);
    const withTools = countMessageTokens('system', messages, TOOLS);
    assert.ok(bare > countTokens('system read a file a read_file {"path":"a"}'));
    assert.ok(withTools > bare + 30);
    assert.equal(countMessageTokens('system', messages), bare, 'stable (cached) recount');
  });
});

describe('cost', () => {
  const prices = readPriceTable({ 'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 }, 'gpt-4o-mini*': { input: 0.15, output: 0.6 }, bad: { input: 'x' } });
  test('exact and prefix prices; unknown models cost undefined; malformed entries are dropped', () => {
    assert.deepEqual(Object.keys(prices), ['gpt-4o', 'gpt-4o-mini*']);
    assert.equal(priceFor('gpt-4o-mini-2024-07-18', prices)?.input, 0.15);
    assert.equal(costOf({ inputTokens: 1_000_000, outputTokens: 100_000, estimated: false }, 'gpt-4o', prices), 3.5);
    assert.equal(costOf({ inputTokens: 1_000_000, outputTokens: 0, estimated: false, cachedInputTokens: 500_000 }, 'gpt-4o', prices), 1.875);
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10, estimated: true }, 'llama3', prices), undefined);
  });
});

describe('retry timing', () => {
  test('exponential backoff with jitter, capped', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1_000 };
    assert.equal(backoffDelay(1, p, () => 0), 50);
    assert.equal(backoffDelay(1, p, () => 1), 100);
    assert.equal(backoffDelay(3, p, () => 1), 400);
    assert.equal(backoffDelay(10, p, () => 1), 1_000);
  });

  test('Retry-After in seconds, as an HTTP date, in ms, and capped', () => {
    const h = (o: Record<string, string>): { get(n: string): string | null } => ({ get: (n) => o[n] ?? null });
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryAfterMs(h({ 'retry-after': '2' }), 60_000, now), 2_000);
    assert.equal(retryAfterMs(h({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), 60_000, now), 7_000);
    assert.equal(retryAfterMs(h({ 'retry-after-ms': '250' }), 60_000, now), 250);
    assert.equal(retryAfterMs(h({ 'retry-after': '3600' }), 60_000, now), 60_000);
    assert.equal(retryAfterMs(h({ 'retry-after': 'soon' }), 60_000, now), undefined);
  });
});
