// Turns the configured base URL into what the client sends: the URL, query, auth headers and output-limit field for
// OpenAI-compatible servers and for Azure OpenAI (resource, deployment or v1 URLs). Pure.
import type { ResolvedConfig } from './config';
import { redactSecrets } from './redact';
import { ModelError } from './types';

export interface Endpoint {
  /** Base URL without query string. */
  readonly baseURL: string;
  readonly query: Readonly<Record<string, string>>;
  /** Headers to add; null removes a header the client would send (Authorization on Azure or without a key). */
  readonly headers: Readonly<Record<string, string | null>>;
  readonly azure: boolean;
  readonly maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  /** The URL as shown to people: no credentials, no query values. */
  readonly display: string;
}

const AZURE_HOSTS = ['.openai.azure.com', '.cognitiveservices.azure.com', '.services.ai.azure.com'];

export function isAzureUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return AZURE_HOSTS.some((h) => host.endsWith(h));
  } catch {
    return false;
  }
}

/** The base URL as people see it in messages: origin and path only. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return redactSecrets(`${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, ''));
  } catch {
    return redactSecrets(url);
  }
}

function parseBase(raw: string): URL {
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
    return u;
  } catch {
    throw new ModelError('bad_request', `The model server URL "${redactSecrets(raw)}" is not a valid http(s) URL. Set keel.baseUrl, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.`);
  }
}

export function resolveEndpoint(config: ResolvedConfig): Endpoint {
  const url = parseBase(config.baseUrl);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  let path = url.pathname.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
  const azure = config.azure ?? isAzureUrl(config.baseUrl);
  const headers: Record<string, string | null> = { ...(config.headers ?? {}) };
  if (azure) {
    const v1 = /\/openai\/v1$/.test(path);
    if (!v1 && !path.includes('/deployments/')) path = `${path.replace(/\/openai$/, '')}/openai/deployments/${encodeURIComponent(config.model)}`;
    if (!v1 && query['api-version'] === undefined) query['api-version'] = config.azureApiVersion;
    headers.Authorization = null;
    if (config.apiKey !== undefined) headers['api-key'] = config.apiKey;
  } else {
    if (path === '') path = '/v1';
    if (config.apiKey === undefined) headers.Authorization = null;
  }
  const baseURL = `${url.protocol}//${url.host}${path}`;
  const host = url.hostname.toLowerCase();
  const maxTokensParam = config.maxTokensParam ?? (azure || host === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens');
  return { baseURL, query, headers, azure, maxTokensParam, display: displayUrl(baseURL) };
}
