// First-run setup: finds local OpenAI-compatible servers (Ollama, LM Studio) on their default ports and lists a server's
// models, with a short timeout so the panel never waits long.
import type { LocalServer } from '../protocol';

export const LOCAL_SERVERS: readonly { readonly label: string; readonly baseUrl: string }[] = [
  { label: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { label: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
];

/** The model ids at baseUrl/models; rejects with a short reason. */
export async function fetchModels(baseUrl: string, apiKey: string | undefined, timeoutMs = 1500): Promise<string[]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/models`;
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { data?: unknown };
  const data = Array.isArray(body.data) ? (body.data as unknown[]) : [];
  return data.flatMap((m) => (typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string' ? [(m as { id: string }).id] : [])).sort();
}

/** Probes the default local servers; only the ones that answer are returned. */
export async function probeLocalServers(extra: readonly { label: string; baseUrl: string }[] = []): Promise<LocalServer[]> {
  const all = [...LOCAL_SERVERS, ...extra];
  const found = await Promise.all(
    all.map(async (s): Promise<LocalServer | undefined> => {
      try {
        return { ...s, models: await fetchModels(s.baseUrl, undefined, 800) };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((s): s is LocalServer => s !== undefined);
}
