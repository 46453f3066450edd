// Lists the models an OpenAI-compatible server offers (GET /models), for "Keel: Select Model".
import { resolveConfig, type OpenAIModelConfig } from './config';
import { resolveEndpoint } from './endpoint';
import { classifyFailure } from './errors';
import { createClient, type OpenAIModelDeps } from './openaiModel';
import { ModelError } from './types';

/** The model ids the server lists, sorted; rejects with ModelError (no retries) when it cannot list them. */
export async function listModels(config: OpenAIModelConfig, signal: AbortSignal, deps: OpenAIModelDeps = {}): Promise<string[]> {
  const resolved = resolveConfig({ requestTimeoutMs: 15_000, ...config, model: config.model || 'unused' });
  const endpoint = resolveEndpoint(resolved);
  const client = createClient(endpoint, resolved, deps);
  try {
    const page = await client.models.list({ signal, timeout: resolved.requestTimeoutMs, maxRetries: 0 });
    const ids = page.data.map((m) => (typeof m.id === 'string' ? m.id : '')).filter((id) => id !== '');
    return [...new Set(ids)].sort((a, b) => a.localeCompare(b));
  } catch (e) {
    if (signal.aborted) throw new ModelError('cancelled', 'The request was cancelled.');
    throw classifyFailure(e, { url: endpoint.display, model: resolved.model, apiKey: resolved.apiKey, maxRetryAfterMs: 0, now: Date.now() }).error;
  }
}
