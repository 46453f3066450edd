// A scripted OpenAI-compatible Chat Completions server on 127.0.0.1 for every test that talks to a model. It streams the
// replies it is given in the styles real servers use, and checks each request the way the real API does.
//
//   const server = await startModelServer([{ text: 'hello' }, { toolCalls: [{ name: 'read_file', arguments: { path: 'a' } }] }]);
//   const model = createOpenAIModel({ baseUrl: server.baseUrl, model: 'test-model' });
//   ... ; assert.deepEqual(server.violations, []); await server.close();
//
// Run standalone: `node out/test/support/modelServer.js script.json [port]` (script.json: an array of ScriptedReply).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { validateChatRequest, type ChatRequestBody } from './modelServerRules';
import { sseEvents } from './modelServerStream';

export type { ChatRequestBody, WireMessage, WireTool, WireToolCall } from './modelServerRules';

export interface ScriptedToolCall {
  readonly name: string;
  /** A string is sent as written (it may be malformed on purpose); an object is JSON-encoded. */
  readonly arguments: string | object;
  /** Default: call_<request>_<index>. */
  readonly id?: string;
}

export interface StreamStyle {
  /** Arguments in pieces of this many characters after a delta carrying id and name (OpenAI style). 0: id, name and the whole arguments in one delta. Default 12. */
  readonly argsChunkSize?: number;
  /** Text and thinking in pieces of this many characters. Default 8. */
  readonly textChunkSize?: number;
  /** Tool-call deltas carry no `index`. */
  readonly omitIndex?: boolean;
  /** Only the first delta of a call carries its id (OpenAI style, the default). false: every delta repeats it. */
  readonly idOnlyOnFirst?: boolean;
  /** Interleave `: keep-alive` SSE comment lines. */
  readonly sseComments?: boolean;
  /** Interleave chunks with an empty `choices` array. */
  readonly emptyChoicesChunks?: boolean;
  /** Field for `thinking`. Default reasoning_content. */
  readonly reasoningField?: 'reasoning_content' | 'reasoning';
  /** Send usage in every chunk (cumulative) instead of only in a final chunk. */
  readonly usageEveryChunk?: boolean;
}

export interface ScriptedReply {
  readonly text?: string;
  readonly thinking?: string;
  readonly toolCalls?: readonly ScriptedToolCall[];
  /** Default: 'tool_calls' when there are tool calls, else 'stop'. */
  readonly finishReason?: 'stop' | 'tool_calls' | 'length' | 'content_filter';
  /** null: send no usage. Default: counted from the request and reply sizes (sent only when stream_options.include_usage). */
  readonly usage?: { readonly prompt_tokens: number; readonly completion_tokens: number } | null;
  readonly style?: StreamStyle;
  /** A non-200 answer with this status, errorBody (default an OpenAI-style error) and headers. */
  readonly status?: number;
  readonly errorBody?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Destroy the socket after this many SSE events. */
  readonly cutAfterChunks?: number;
  /** Accept the request and never answer. */
  readonly hang?: boolean;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Wait this long between SSE events. */
  readonly chunkDelayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  /** The path without the query, e.g. /v1/chat/completions. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ChatRequestBody;
  /** How the exchange ended: 'completed', 'client_closed' (the client went away first), or 'cut' (the script destroyed it). */
  readonly ended: Promise<'completed' | 'client_closed' | 'cut'>;
}

export type ScriptStep = ScriptedReply | ((req: RecordedRequest, index: number) => ScriptedReply);

export interface ModelServerOptions {
  /** Ids served by GET /models; null answers 404 there. Default ['test-model']. */
  readonly models?: readonly string[] | null;
  /** Requests must carry this key (as `Authorization: Bearer` or `api-key`); others get 401. */
  readonly requireKey?: string;
  /** Default 0 (a free port). */
  readonly port?: number;
}

export interface ModelServer {
  /** http://127.0.0.1:PORT/v1 */
  readonly baseUrl: string;
  /** Every chat request received, in order (also those that broke a rule). */
  readonly requests: RecordedRequest[];
  /** Every API rule a request broke, and "script exhausted"; tests assert it stays empty. */
  readonly violations: string[];
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function errorBody(status: number, message: string, code: string | null = null, type = 'invalid_request_error'): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function lowerHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function keyOf(headers: Readonly<Record<string, string>>): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return headers['api-key'];
}

export async function startModelServer(script: readonly ScriptStep[] | ((req: RecordedRequest, index: number) => ScriptedReply), options: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const sockets = new Set<Socket>();
  let served = 0;

  const nextReply = (rec: RecordedRequest): ScriptedReply | undefined => {
    const index = served++;
    if (typeof script === 'function') return script(rec, index);
    const step = script[index];
    if (step === undefined) return undefined;
    return typeof step === 'function' ? step(rec, index) : step;
  };

  const handleChat = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: string): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const headers = lowerHeaders(req);
    let resolveEnded: (how: 'completed' | 'client_closed' | 'cut') => void = () => undefined;
    const ended = new Promise<'completed' | 'client_closed' | 'cut'>((r) => {
      resolveEnded = r;
    });
    let cut = false;
    res.on('close', () => resolveEnded(cut ? 'cut' : res.writableFinished ? 'completed' : 'client_closed'));
    const rec: RecordedRequest = { method: req.method ?? 'POST', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: (parsed ?? {}) as ChatRequestBody, ended };
    requests.push(rec);

    if (options.requireKey !== undefined && keyOf(headers) !== options.requireKey) {
      const sent = keyOf(headers) ?? '';
      res.writeHead(401, { 'content-type': 'application/json' }).end(errorBody(401, `Incorrect API key provided: ${sent}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_api_key'));
      return;
    }
    const problems = validateChatRequest(parsed);
    if (problems.length > 0) {
      violations.push(...problems.map((p) => `request ${requests.length}: ${p}`));
      res.writeHead(400, { 'content-type': 'application/json' }).end(errorBody(400, problems.join('; ')));
      return;
    }
    const reply = nextReply(rec);
    if (reply === undefined) {
      violations.push(`request ${requests.length}: script exhausted`);
      res.writeHead(500, { 'content-type': 'application/json' }).end(errorBody(500, 'script exhausted', null, 'server_error'));
      return;
    }
    if (reply.hang) return; // never answer; close() destroys the socket
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.status !== undefined && reply.status !== 200) {
      const body = reply.errorBody === undefined ? errorBody(reply.status, `scripted error ${reply.status}`, null, reply.status >= 500 ? 'server_error' : 'invalid_request_error') : typeof reply.errorBody === 'string' ? reply.errorBody : JSON.stringify(reply.errorBody);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) }).end(body);
      return;
    }
    const body = rec.body;
    if (body.stream !== true) {
      res.writeHead(200, { 'content-type': 'application/json', ...(reply.headers ?? {}) }).end(JSON.stringify(completionObject(reply, body, requests.length)));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...(reply.headers ?? {}) });
    let sent = 0;
    for (const event of sseEvents(reply, body, requests.length)) {
      if (res.destroyed) return;
      if (reply.cutAfterChunks !== undefined && sent >= reply.cutAfterChunks) {
        cut = true;
        res.socket?.destroy();
        return;
      }
      res.write(event);
      if (!event.startsWith(':')) sent++;
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    }
    res.end();
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void readBody(req).then(async (raw) => {
      if (req.method === 'POST' && url.pathname.endsWith('/chat/completions')) return handleChat(req, res, url, raw);
      if (req.method === 'GET' && url.pathname.endsWith('/models')) {
        if (options.requireKey !== undefined && keyOf(lowerHeaders(req)) !== options.requireKey) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(errorBody(401, 'Incorrect API key provided.', 'invalid_api_key'));
          return;
        }
        const models = options.models === undefined ? ['test-model'] : options.models;
        if (models === null) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(errorBody(404, 'Not found'));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'keel-test' })) }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(errorBody(404, `No route ${req.method ?? ''} ${url.pathname}`));
    }).catch((e: unknown) => {
      violations.push(`server error: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    violations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function completionObject(reply: ScriptedReply, body: ChatRequestBody, n: number): object {
  const calls = (reply.toolCalls ?? []).map((c, i) => ({ id: c.id ?? `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) } }));
  return {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model ?? 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content: reply.text ?? null, ...(calls.length > 0 ? { tool_calls: calls } : {}) }, finish_reason: reply.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop') }],
    ...(reply.usage === null ? {} : { usage: reply.usage ?? { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } }),
  };
}

// Standalone: serve a JSON script until killed.
if (require.main === module) {
  const [file, port] = process.argv.slice(2);
  const steps = file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ScriptedReply[]) : [{ text: 'Hello from the scripted model server.' }];
  void startModelServer(steps, { port: port ? Number(port) : 0 }).then((s) => {
    process.stdout.write(`${s.baseUrl}\n`);
  });
}
