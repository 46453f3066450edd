// Runs the real agent against the scripted model server in a temporary workspace (a real git repository), with the
// Node ports; only the person is scripted.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Agent, DEFAULT_LIMITS, type AgentLimits, type RunResult } from '../../src/agent/agent';
import type { AgentEvent } from '../../src/agent/events';
import { DEFAULT_APPROVAL_SETTINGS, type ApprovalSettings } from '../../src/agent/policy';
import type { StuckLimits } from '../../src/agent/stuck';
import { createOpenAIModel } from '../../src/model/openaiModel';
import { countTokens } from '../../src/model/tokens';
import { createNodePorts, type DisposablePorts } from '../../src/node/nodePorts';
import { createWorkspaceTools } from '../../src/tools';
import { startModelServer, type ModelServer, type RecordedRequest, type ScriptedReply, type ScriptStep } from './modelServer';
import { ScriptedPerson, tempWorkspace, type PersonScript, type TempWorkspace } from './workspace';

export interface AgentRunOptions {
  readonly task: string;
  readonly files?: Record<string, string>;
  readonly script: readonly ScriptStep[] | ((req: RecordedRequest, index: number) => ScriptedReply);
  readonly verify?: string;
  readonly approval?: Partial<ApprovalSettings>;
  readonly limits?: Partial<AgentLimits>;
  readonly person?: PersonScript;
  readonly onStuck?: 'ask' | 'end';
  readonly textOnlyReply?: 'wait' | 'remind_once';
  readonly stuckLimits?: StuckLimits;
  /** Commit the files before the run (default true), so the repository has history. */
  readonly commit?: boolean;
  readonly toolProtocol?: 'native' | 'text';
}

export interface AgentRunHarness {
  readonly ws: TempWorkspace;
  readonly server: ModelServer;
  readonly person: ScriptedPerson;
  readonly events: AgentEvent[];
  readonly agent: Agent;
  readonly ports: DisposablePorts;
  run(signal?: AbortSignal, message?: string): Promise<RunResult>;
  close(): Promise<void>;
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export async function agentHarness(o: AgentRunOptions): Promise<AgentRunHarness> {
  const ws = tempWorkspace(o.files ?? {});
  git(ws.root, 'init', '-q');
  git(ws.root, 'config', 'user.email', 'test@example.com');
  git(ws.root, 'config', 'user.name', 'Test');
  if (o.commit !== false && Object.keys(o.files ?? {}).length > 0) {
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-qm', 'initial');
  }
  const server = await startModelServer(o.script);
  const person = new ScriptedPerson(o.person);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-state-'));
  const ports = await createNodePorts({ root: ws.root, taskId: 'test-task', approver: person, stateDir });
  const events: AgentEvent[] = [];
  const model = createOpenAIModel({ baseUrl: server.baseUrl, model: 'test-model', apiKey: 'sk-test', retryBaseDelayMs: 5, retryMaxDelayMs: 20, maxRetries: 2, toolProtocol: o.toolProtocol ?? 'native' });
  const holder: { agent?: Agent } = {};
  const agent = new Agent({
    taskId: 'test-task',
    task: o.task,
    model,
    ports,
    tools: createWorkspaceTools({ taskChangedPaths: () => [...(holder.agent?.state.changedPaths ?? [])] }),
    approval: { ...DEFAULT_APPROVAL_SETTINGS, requirePlanApproval: false, autoApproveEdits: true, autoApproveCommands: true, ...o.approval },
    limits: { ...DEFAULT_LIMITS, commandTimeoutSeconds: 30, ...o.limits },
    verifyCommand: o.verify,
    textOnlyReply: o.textOnlyReply ?? 'remind_once',
    onStuck: o.onStuck ?? 'end',
    countTokens,
    onEvent: (e) => events.push(e),
    toolProtocol: o.toolProtocol ?? 'native',
    ...(o.stuckLimits ? { stuckLimits: o.stuckLimits } : {}),
  });
  holder.agent = agent;
  return {
    ws,
    server,
    person,
    events,
    agent,
    ports,
    run: (signal = new AbortController().signal, message) => agent.run(signal, message),
    close: async () => {
      await ports.dispose();
      await server.close();
      ws.cleanup();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The text of the last user message of a recorded request: the task card. */
export function lastUserText(req: RecordedRequest): string {
  const users = (req.body.messages ?? []).filter((m) => m.role === 'user');
  const last = users[users.length - 1];
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

/** All tool-result texts of a recorded request. */
export function toolResults(req: RecordedRequest): string[] {
  return (req.body.messages ?? []).filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

export const call = (name: string, args: object | string): ScriptedReply => ({ toolCalls: [{ name, arguments: args }] });
