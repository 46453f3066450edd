// A tool = model-facing name + description + zod schema + risk class + prepare(); prepare computes what the call
// would do without side effects, and the returned step's execute() does it once the approval gate allows.
import type { z } from 'zod';
import type { Ports } from '../ports';

/**
 * read: no side effects; edit: changes workspace files; command: runs a process; git: writes git history;
 * meta: talks to the harness (plan, finish, ask_user, checkpoints).
 */
export type Risk = 'read' | 'edit' | 'command' | 'git' | 'meta';

/** What a tool returns to the model. Failures are data (ok: false) with a message that says how to do it right. */
export interface ToolResult {
  readonly ok: boolean;
  readonly content: string;
  /** Workspace-relative paths the call changed (for checkpoints, review and the summary). */
  readonly changedPaths?: readonly string[];
}

/** A file change shown for review before it is applied. */
export interface FileChangePreview {
  readonly path: string;
  /** Undefined when the file is new. */
  readonly before: string | undefined;
  readonly after: string;
}

export type StepPreview =
  | { readonly kind: 'none' }
  | { readonly kind: 'files'; readonly changes: readonly FileChangePreview[] }
  | { readonly kind: 'command'; readonly command: string; readonly cwd: string; readonly danger?: string }
  | { readonly kind: 'commit'; readonly message: string; readonly paths: readonly string[] };

/** What the person may change while approving: the file content, the command line, the commit message. */
export type StepAmendment =
  | { readonly kind: 'files'; readonly path: string; readonly after: string }
  | { readonly kind: 'command'; readonly command: string }
  | { readonly kind: 'commit'; readonly message: string };

export interface PreparedStep {
  /** One line a person can decide by, e.g. "Edit src/app.ts (+3 −1)". */
  readonly title: string;
  readonly preview: StepPreview;
  /** Workspace-relative paths the step would write (the approval policy checks sensitive paths). */
  readonly writes: readonly string[];
  /** Must not throw: failures come back as ok: false. */
  execute(amendment: StepAmendment | undefined, ctx: ToolContext): Promise<ToolResult>;
}

/** Per-task memory the tools share, e.g. what the agent has read (to detect files changed on disk since). */
export interface ToolSession {
  /** Content hash of each file when the agent last read or wrote it, by workspace-relative path. */
  readonly fileHashes: Map<string, string>;
}

export interface ToolSettings {
  readonly commandTimeoutSeconds: number;
  /** Upper bound on the characters one result may put into the context. */
  readonly maxResultChars: number;
}

export interface ToolContext {
  readonly ports: Ports;
  readonly signal: AbortSignal;
  readonly session: ToolSession;
  readonly settings: ToolSettings;
  /** Live output of a running step (command output), for the panel and CLI. */
  readonly onOutput: (chunk: string) => void;
}

export interface ToolDef<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  /** One line a model can choose by, then how to use it. */
  readonly description: string;
  readonly schema: S;
  readonly risk: Risk;
  /** Validated arguments in; a prepared step, or an immediate result (an error the model can act on). Must not throw. */
  prepare(args: z.infer<S>, ctx: ToolContext): Promise<PreparedStep | ToolResult>;
}

export function isToolResult(value: PreparedStep | ToolResult): value is ToolResult {
  return 'ok' in value;
}

export function fail(content: string): ToolResult {
  return { ok: false, content };
}

export function ok(content: string, changedPaths?: readonly string[]): ToolResult {
  return changedPaths ? { ok: true, content, changedPaths } : { ok: true, content };
}

/** A step with no approval-worthy side effect. */
export function immediate(title: string, run: (ctx: ToolContext) => Promise<ToolResult>): PreparedStep {
  return { title, preview: { kind: 'none' }, writes: [], execute: (_a, ctx) => run(ctx) };
}
