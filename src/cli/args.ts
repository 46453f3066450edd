// The `keel` command line: parsing and validation of `keel run` flags and the environment (OPENAI_API_KEY,
// OPENAI_BASE_URL, KEEL_MODEL); bad usage is a one-line explanation and exit code 2.
import { parseArgs } from 'node:util';

export interface RunFlags {
  readonly task: string;
  readonly cwd: string;
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey: string | undefined;
  readonly yes: boolean;
  readonly verify: string | undefined;
  readonly contextWindow: number;
  readonly maxTurns: number;
  readonly allowDangerous: boolean;
  readonly json: boolean;
  readonly maxOutputTokens: number;
  readonly toolProtocol: 'native' | 'text';
}

export class UsageError extends Error {}

export const MAIN_HELP = `keel — a coding agent that plans, edits, runs tests and uses git

Usage:
  keel run "<task>" [flags]   carry out a task in a workspace (see keel run --help)
  keel --help                 show this help
  keel --version              print the version

Exit codes: 0 finished (and verified when a verify command exists), 1 ended without
finishing (stuck, budget, not verified), 2 bad usage or configuration, 130 interrupted.
`;

export const RUN_HELP = `Usage: keel run "<task>" [flags]

Carries out the task in a workspace with the same agent as the VS Code extension.

Flags:
  --cwd DIR              workspace folder (default: the current directory)
  --base-url URL         OpenAI-compatible server (default: $OPENAI_BASE_URL or https://api.openai.com/v1)
  --model NAME           model name (default: $KEEL_MODEL)
  --api-key KEY          API key (default: $OPENAI_API_KEY; local servers such as Ollama need none)
  --yes                  approve every step except dangerous commands (which need --allow-dangerous)
  --verify CMD           command that must pass before the task may finish (default: detected,
                         e.g. the package.json test script, pytest, go test, cargo test)
  --context-window N     the model's context window in tokens (default 128000)
  --max-turns N          stop after N model turns (default 60)
  --max-output-tokens N  most tokens per model reply (default 8192)
  --tool-protocol P      native (default) or text, for models without native tool calling
  --allow-dangerous      with --yes, also run commands classified as dangerous (rm -rf outside the
                         workspace, sudo, git push --force, ...); otherwise they are refused
  --json                 print the event stream as one JSON object per line on stdout, nothing else
  -h, --help             show this help

Without --yes, each step that needs approval is asked on the terminal (y / n / a reason to refuse)
when stdin is a terminal, and refused otherwise.
`;

function positiveInt(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`--${name} needs a whole number of at least ${min}, got "${raw}"`);
  return Number(raw);
}

export function parseRunArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): RunFlags | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        cwd: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        'api-key': { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        verify: { type: 'string' },
        'context-window': { type: 'string' },
        'max-turns': { type: 'string' },
        'max-output-tokens': { type: 'string' },
        'tool-protocol': { type: 'string' },
        'allow-dangerous': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] ?? 'bad arguments' : String(err));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length === 0) throw new UsageError('keel run needs a task, e.g. keel run "make the failing test pass"');
  if (parsed.positionals.length > 1) throw new UsageError('keel run takes one task: put it in quotes');
  const task = parsed.positionals[0]?.trim() ?? '';
  if (task === '') throw new UsageError('the task is empty');
  const model = v.model ?? env.KEEL_MODEL ?? '';
  if (model === '') throw new UsageError('no model given: pass --model NAME or set KEEL_MODEL');
  const baseUrl = v['base-url'] ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new UsageError(`--base-url is not an http(s) URL: "${baseUrl}"`);
  }
  const protocol = v['tool-protocol'] ?? 'native';
  if (protocol !== 'native' && protocol !== 'text') throw new UsageError(`--tool-protocol must be native or text, got "${protocol}"`);
  const apiKey = v['api-key'] ?? env.OPENAI_API_KEY;
  return {
    task,
    cwd: v.cwd ?? cwd,
    baseUrl,
    model,
    apiKey: apiKey === '' ? undefined : apiKey,
    yes: v.yes ?? false,
    verify: v.verify,
    contextWindow: positiveInt('context-window', v['context-window'], 128_000, 2048),
    maxTurns: positiveInt('max-turns', v['max-turns'], 60, 1),
    maxOutputTokens: positiveInt('max-output-tokens', v['max-output-tokens'], 8192, 64),
    allowDangerous: v['allow-dangerous'] ?? false,
    json: v.json ?? false,
    toolProtocol: protocol,
  };
}
