// Temporary workspaces on disk with real Node ports, and a scripted person (the only stand-in besides the model).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { RipgrepSearch, findRgOnPath } from '../../src/node/ripgrepSearch';
import type { ApprovalDecision, ApprovalRequest, Approver, Checkpoints, CommandRunner, GitPort, Ports } from '../../src/ports';
import type { ToolContext, ToolSession } from '../../src/tools/types';

export interface TempWorkspace {
  readonly root: string;
  write(rel: string, content: string | Uint8Array): void;
  read(rel: string): string;
  exists(rel: string): boolean;
  cleanup(): void;
}

export function tempWorkspace(files: Record<string, string> = {}, prefix = 'keel-ws-'): TempWorkspace {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const ws: TempWorkspace = {
    root,
    write(rel, content) {
      const abs = path.join(root, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    },
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    exists: (rel) => fs.existsSync(path.join(root, rel)),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
  for (const [rel, content] of Object.entries(files)) ws.write(rel, content);
  return ws;
}

export type PersonScript = (request: ApprovalRequest) => ApprovalDecision | Promise<ApprovalDecision>;

/** A scripted person: answers each approval with the script and records what was asked. */
export class ScriptedPerson implements Approver {
  readonly asked: ApprovalRequest[] = [];
  constructor(private readonly script: PersonScript = () => ({ decision: 'approve' })) {}
  async request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    this.asked.push(request);
    if (signal.aborted) throw new Error('aborted');
    return this.script(request);
  }
}

function unused(name: string): never {
  throw new Error(`${name} is not available in this test`);
}

const noCommands: CommandRunner = { run: () => unused('commands') };
const noCheckpoints: Checkpoints = {
  create: () => unused('checkpoints'),
  list: () => unused('checkpoints'),
  preview: () => unused('checkpoints'),
  restore: () => unused('checkpoints'),
  changedSince: () => unused('checkpoints'),
  prune: () => unused('checkpoints'),
};

export interface PortOverrides {
  readonly roots?: readonly string[];
  readonly trusted?: boolean;
  readonly commands?: CommandRunner;
  readonly approver?: Approver;
  readonly git?: GitPort;
  readonly checkpoints?: Checkpoints;
}

export function nodePortsFor(root: string, o: PortOverrides = {}): Ports {
  return {
    workspace: { roots: o.roots ?? [root], isTrusted: () => o.trusted ?? true },
    fs: new NodeFileSystem(),
    commands: o.commands ?? noCommands,
    approver: o.approver ?? new ScriptedPerson(),
    git: o.git,
    checkpoints: o.checkpoints ?? noCheckpoints,
    search: new RipgrepSearch(findRgOnPath()),
  };
}

export function toolContext(ports: Ports, session: ToolSession = { fileHashes: new Map() }): ToolContext {
  return { ports, signal: new AbortController().signal, session, settings: { commandTimeoutSeconds: 30, maxResultChars: 20_000 }, onOutput: () => undefined };
}
