// The `keel` command: `keel run "<task>"` runs the same agent as the extension with the Node ports, prints the event
// stream (human or --json), and exits 0 finished, 1 not finished, 2 bad usage or configuration, 130 interrupted.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Agent, DEFAULT_LIMITS } from '../agent/agent';
import type { AgentEvent } from '../agent/events';
import { DEFAULT_APPROVAL_SETTINGS } from '../agent/policy';
import { detectVerifyCommand } from '../agent/verify';
import { createOpenAIModel } from '../model/openaiModel';
import { countTokens } from '../model/tokens';
import { redactSecrets } from '../model/redact';
import { createNodePorts } from '../node/nodePorts';
import { createWorkspaceTools } from '../tools';
import { CliApprover } from './approver';
import { MAIN_HELP, parseRunArgs, RUN_HELP, UsageError, type RunFlags } from './args';
import { HumanRenderer, jsonLine } from './render';

declare const KEEL_VERSION: string | undefined;

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Registers the Ctrl-C handler; returns a function that removes it. */
  readonly onInterrupt: (handler: () => void) => () => void;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
  };
}

export const EXIT = { finished: 0, notFinished: 1, usage: 2, interrupted: 130 } as const;

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(MAIN_HELP);
    return command === undefined ? EXIT.usage : 0;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${typeof KEEL_VERSION === 'string' ? KEEL_VERSION : '0.0.0-dev'}\n`);
    return 0;
  }
  if (command !== 'run') {
    io.stderr.write(`keel: unknown command '${command}'. Run 'keel --help'.\n`);
    return EXIT.usage;
  }
  let flags: RunFlags | 'help';
  try {
    flags = parseRunArgs(rest, io.env, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`keel: ${err.message}. Run 'keel run --help'.\n`);
      return EXIT.usage;
    }
    throw err;
  }
  if (flags === 'help') {
    io.stdout.write(RUN_HELP);
    return 0;
  }
  return runTask(flags, io);
}

async function runTask(flags: RunFlags, io: CliIo): Promise<number> {
  const root = path.resolve(io.cwd, flags.cwd);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr.write(`keel: --cwd is not a folder: ${root}\n`);
    return EXIT.usage;
  }
  const controller = new AbortController();
  let interrupted = false;
  const removeHandler = io.onInterrupt(() => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    io.stderr.write('\nkeel: interrupted — stopping the model and any command (Ctrl-C again to force)\n');
    controller.abort();
  });
  const renderer = flags.json ? undefined : new HumanRenderer(io.stderr.isTTY ? io.stderr : io.stdout, Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
  const emit = (e: AgentEvent): void => {
    if (flags.json) io.stdout.write(jsonLine(e));
    else renderer?.handle(e);
  };
  const taskId = `cli-${Date.now().toString(36)}`;
  const approver = new CliApprover({ yes: flags.yes, allowDangerous: flags.allowDangerous, interactive: Boolean(io.stdin.isTTY), input: io.stdin, output: io.stderr });
  const ports = await createNodePorts({ root, taskId, approver });
  try {
    const model = createOpenAIModel({ baseUrl: flags.baseUrl, model: flags.model, apiKey: flags.apiKey, contextWindow: flags.contextWindow, maxOutputTokens: flags.maxOutputTokens, toolProtocol: flags.toolProtocol });
    const verifyCommand = flags.verify ?? (await detectVerifyCommand(ports.fs, root));
    const agentRef: { current?: Agent } = {};
    const agent = new Agent({
      taskId,
      task: flags.task,
      model,
      ports,
      tools: createWorkspaceTools({ taskChangedPaths: () => [...(agentRef.current?.state.changedPaths ?? [])] }),
      approval: { ...DEFAULT_APPROVAL_SETTINGS, requirePlanApproval: !flags.yes && Boolean(io.stdin.isTTY) },
      limits: { ...DEFAULT_LIMITS, maxTurns: flags.maxTurns, contextWindow: flags.contextWindow, maxOutputTokens: flags.maxOutputTokens },
      verifyCommand,
      textOnlyReply: 'remind_once',
      onStuck: flags.yes || !io.stdin.isTTY ? 'end' : 'ask',
      countTokens,
      onEvent: emit,
      environment: { os: `${process.platform} ${process.arch}`, shell: io.env.SHELL ?? '/bin/sh' },
      toolProtocol: flags.toolProtocol,
    });
    agentRef.current = agent;
    const result = await agent.run(controller.signal);
    if (interrupted || result.outcome === 'stopped') return EXIT.interrupted;
    return result.outcome === 'finished' && (verifyCommand === undefined || result.verified === true) ? EXIT.finished : EXIT.notFinished;
  } catch (err) {
    io.stderr.write(`keel: ${redactSecrets(err instanceof Error ? err.message : String(err), [flags.apiKey])}\n`);
    return EXIT.notFinished;
  } finally {
    renderer?.dispose();
    removeHandler();
    await ports.dispose();
  }
}
