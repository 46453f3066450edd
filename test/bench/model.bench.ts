// The model client's own cost, against the scripted server on loopback: per streamed chunk and per request, each compared
// with a raw fetch that reads the same SSE stream (so the server's and the socket's share cancels out); plus the tokenizer's
// load time and speed, and text tool-call recovery on a large reply. Prints figures; asserts nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createOpenAIModel } from '../../src/model/openaiModel';
import { parseTextToolCalls } from '../../src/model/textToolCalls';
import { countMessageTokens, countTokens } from '../../src/model/tokens';
import type { ModelRequest } from '../../src/model/types';
import { startModelServer, type ScriptedReply } from '../support/modelServer';

const REQUEST: ModelRequest = {
  system: 'You are a benchmark.',
  messages: [{ role: 'user', content: 'go' }],
  tools: [{ name: 'write_file', description: 'Write a file.', parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } } } }],
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** A plain fetch of the stream that splits SSE events and parses each JSON chunk: the floor any client pays. */
async function rawFetch(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'test-model', messages: [{ role: 'system', content: REQUEST.system }, ...REQUEST.messages], stream: true, stream_options: { include_usage: true } }),
  });
  const decoder = new TextDecoder();
  let buffer = '';
  let chunks = 0;
  if (!res.body) return 0;
  const reader = res.body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      if (event.startsWith('data: ') && event !== 'data: [DONE]') {
        JSON.parse(event.slice(6));
        chunks++;
      }
    }
  }
  return chunks;
}

async function timeBoth(reply: ScriptedReply, rounds: number): Promise<{ raw: number; client: number }> {
  const server = await startModelServer(() => reply);
  const model = createOpenAIModel({ baseUrl: server.baseUrl, model: 'test-model', apiKey: 'sk-bench' });
  const raw: number[] = [];
  const client: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      await rawFetch(server.baseUrl);
      await model.complete(REQUEST, () => undefined, new AbortController().signal);
    }
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      await rawFetch(server.baseUrl);
      raw.push(performance.now() - t);
      t = performance.now();
      await model.complete(REQUEST, () => undefined, new AbortController().signal);
      client.push(performance.now() - t);
    }
  } finally {
    await server.close();
  }
  return { raw: median(raw), client: median(client) };
}

async function main(): Promise<void> {
  console.log('Model client benchmark (scripted server on 127.0.0.1; medians)');

  // Tokenizer first, while it is still unloaded in this process.
  let t = performance.now();
  countTokens('warm up');
  const loadMs = performance.now() - t;
  const source = fs.readdirSync(path.join(__dirname, '..', '..', 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(__dirname, '..', '..', 'src', f), 'utf8'))
    .join('\n')
    .slice(0, 400_000);
  t = performance.now();
  const tokens = countTokens(source);
  const firstMs = performance.now() - t;
  t = performance.now();
  countTokens(source);
  const againMs = performance.now() - t;
  const messages = Array.from({ length: 200 }, (_, i) => ({ role: 'user' as const, content: `message ${i} ${source.slice(i * 1500, i * 1500 + 1500)}` }));
  countMessageTokens('system', messages);
  t = performance.now();
  countMessageTokens('system', messages);
  const recountMs = performance.now() - t;
  console.log(`tokenizer: first use (loads cl100k_base) ${fmt(loadMs, 0)} ms`);
  console.log(`tokenizer: ${source.length.toLocaleString()} chars of source → ${tokens.toLocaleString()} tokens in ${fmt(firstMs, 0)} ms (${fmt((firstMs * 1000) / source.length, 3)} µs/char); again ${fmt(againMs, 0)} ms (piece cache)`);
  console.log(`tokenizer: recounting a 200-message conversation ${fmt(recountMs, 3)} ms (per-message cache)`);

  const N = 2_000;
  const textReply: ScriptedReply = { text: 'word'.repeat(N), style: { textChunkSize: 4 } };
  const text = await timeBoth(textReply, 15);
  console.log(`text stream, ${N} chunks: raw fetch ${fmt(text.raw)} ms, client ${fmt(text.client)} ms → overhead ${fmt(((text.client - text.raw) * 1000) / N)} µs per chunk`);

  const argsReply: ScriptedReply = { toolCalls: [{ name: 'write_file', arguments: { path: 'a.txt', content: 'x'.repeat(N * 8 - 40) } }], style: { argsChunkSize: 8 } };
  const args = await timeBoth(argsReply, 15);
  console.log(`tool-call stream, ~${N} argument chunks: raw fetch ${fmt(args.raw)} ms, client ${fmt(args.client)} ms → overhead ${fmt(((args.client - args.raw) * 1000) / N)} µs per chunk`);

  const small = await timeBoth({ text: 'ok' }, 200);
  console.log(`one short reply per request: raw fetch ${fmt(small.raw)} ms, client ${fmt(small.client)} ms → overhead ${fmt(small.client - small.raw)} ms per request`);

  const big = `Here is the plan.\n${'Some prose line about the change.\n'.repeat(3_000)}<tool_call>\n${JSON.stringify({ name: 'write_file', arguments: { path: 'a', content: 'y'.repeat(50_000) } })}\n</tool_call>`;
  t = performance.now();
  for (let i = 0; i < 20; i++) parseTextToolCalls(big, ['write_file']);
  console.log(`text tool-call recovery: ${big.length.toLocaleString()}-char reply in ${fmt((performance.now() - t) / 20)} ms`);
}

void main();
