// The Keel log channel with every message redacted: anything that looks like a key or token, and the stored key
// itself, never reaches the Output panel.
import type * as vscode from 'vscode';
import { redactSecrets } from '../model/redact';

const LOG_METHODS = new Set<PropertyKey>(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function clean(value: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message, secrets));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactSecrets(value.stack, secrets);
    return copy;
  }
  return value;
}

/** Wraps the channel; `secrets` returns the known secrets (the stored API key) at the time of each message. */
export function redactingLog(channel: vscode.LogOutputChannel, secrets: () => readonly (string | undefined)[]): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (!LOG_METHODS.has(prop)) return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
      return (...args: unknown[]) => {
        const known = secrets();
        return (value as (...a: unknown[]) => unknown).apply(target, args.map((a) => clean(a, known)));
      };
    },
  });
}
