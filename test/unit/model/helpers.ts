// Shared helpers for the model tests: a model pointed at a scripted server with instant retries, and a recorded event list.
import * as assert from 'node:assert/strict';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../../support/modelServer';
import { createOpenAIModel, type OpenAIModelDeps } from '../../../src/model/openaiModel';
import type { OpenAIModelConfig } from '../../../src/model/config';
import type { ChatMessage, ModelRequest, ModelStreamEvent, ToolSpec } from '../../../src/model/types';
import type { OpenAIModel } from '../../../src/model/openaiModel';

export const READ_FILE: ToolSpec = {
  name: 'read_file',
  description: 'Read a file.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};
export const WRITE_FILE: ToolSpec = {
  name: 'write_file',
  description: 'Write a file.',
  parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } }, required: ['path', 'content'] },
};
export const TOOLS: readonly ToolSpec[] = [READ_FILE, WRITE_FILE];

export function request(messages: readonly ChatMessage[] = [{ role: 'user', content: 'hi' }], tools: readonly ToolSpec[] = TOOLS): ModelRequest {
  return { system: 'You are a test.', messages, tools };
}

export interface Harness {
  readonly model: OpenAIModel;
  readonly events: ModelStreamEvent[];
  /** Delays the model asked to sleep, in order (sleeps are instant). */
  readonly sleeps: number[];
  readonly onEvent: (e: ModelStreamEvent) => void;
}

export function modelFor(baseUrl: string, config: Partial<OpenAIModelConfig> = {}, deps: OpenAIModelDeps = {}): Harness {
  const events: ModelStreamEvent[] = [];
  const sleeps: number[] = [];
  const model = createOpenAIModel(
    { baseUrl, model: 'test-model', apiKey: 'sk-test-key-0123456789abcdef', retryBaseDelayMs: 10, retryMaxDelayMs: 100, maxRetries: 3, ...config },
    {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...deps,
    },
  );
  return { model, events, sleeps, onEvent: (e) => events.push(e) };
}

export const never = (): AbortSignal => new AbortController().signal;

/** Runs `fn` against a scripted server that is closed afterwards, whatever happens; asserts it saw no rule violation. */
export async function withServer<T>(script: Parameters<typeof startModelServer>[0], fn: (server: ModelServer) => Promise<T>, options?: ModelServerOptions): Promise<T> {
  const server = await startModelServer(script, options);
  try {
    const result = await fn(server);
    assert.deepEqual(server.violations, [], 'the server saw no API rule violation');
    return result;
  } finally {
    await server.close();
  }
}
