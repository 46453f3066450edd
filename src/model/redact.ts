// Removes anything that looks like a key or token from text meant for people, logs or the webview. Pure; never throws.

export const REDACTED = '[REDACTED]';

// Each pattern is linear (no nested quantifiers) so hostile input cannot make it slow.
const PATTERNS: readonly RegExp[] = [
  // Provider key shapes: OpenAI/OpenRouter/Anthropic (sk-...), Groq (gsk_), GitHub, Hugging Face, Google, xAI, AWS.
  /\b(?:sk|rk|pk)-[A-Za-z0-9_*.-]{8,}/g,
  /\bgsk_[A-Za-z0-9]{16,}/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  /\bhf_[A-Za-z0-9]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\bxai-[A-Za-z0-9]{20,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  // JSON Web Tokens.
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

// `Bearer <token>` / `Basic <token>`: keep the scheme, drop the credential.
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi;

// `api-key: value`, `"apiKey": "value"`, `token=value` ...: keep the name, drop the value.
const NAMED_VALUE = /\b((?:x-)?api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|auth[-_]?token|client[-_]?secret|secret|password|passwd|token)(["']?\s*[:=]\s*["']?)([^\s"'&,;}]{4,})/gi;
// URL query credentials: ?key=..., &sig=..., &code=...
const QUERY_VALUE = /([?&](?:key|sig|signature|code|token|access_token|api[-_]?key)=)([^&\s#"']{4,})/gi;

// Credentials in URLs: https://user:pass@host.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;

// Long hex runs (32+, except exactly 40: git object names) and long mixed base64-like runs.
const LONG_HEX = /\b[0-9a-fA-F]{32,}\b/g;
const LONG_B64 = /[A-Za-z0-9+/_=-]{40,}/g;

function looksLikeBase64Secret(s: string): boolean {
  return /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s) && !s.includes('//');
}

/**
 * Replaces secrets in `text` with [REDACTED]: every string in `secrets` verbatim (the configured key), then common key and token
 * shapes (sk-..., Bearer ..., api-key values, JWTs, long hex and base64 runs). Over-redacts rather than leaks.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = typeof text === 'string' ? text : String(text);
  for (const secret of secrets) {
    if (secret !== undefined && secret.trim().length >= 4) out = out.split(secret.trim()).join(REDACTED);
  }
  for (const pattern of PATTERNS) out = out.replace(pattern, REDACTED);
  out = out.replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(NAMED_VALUE, (m, name: string, sep: string, value: string) => (value === REDACTED || value.startsWith('[REDACTED') ? m : `${name}${sep}${REDACTED}`));
  out = out.replace(QUERY_VALUE, (_m, name: string) => `${name}${REDACTED}`);
  out = out.replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`);
  out = out.replace(LONG_HEX, (m) => (m.length === 40 ? m : REDACTED));
  out = out.replace(LONG_B64, (m) => (looksLikeBase64Secret(m) ? REDACTED : m));
  return out;
}
