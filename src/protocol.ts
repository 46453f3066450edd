// Typed messages between the extension and the panel webview, imported by both sides; every message is validated on receipt.
// The extension owns the state; the panel receives it once per task (`task/opened`) and then only the changed item.

export interface PanelConfigState {
  readonly baseUrl: string;
  readonly model: string;
  readonly hasApiKey: boolean;
  readonly trusted: boolean;
}

export type TaskStatus = 'idle' | 'running' | 'waiting' | 'paused' | 'finished' | 'stopped' | 'failed';
export type StepStatus = 'pending' | 'in_progress' | 'done' | 'failed' | 'skipped';
export type ToolCategory = 'edit' | 'command' | 'commit' | 'read' | 'other';
/** preparing: streaming in; pending: waits for a decision; running: approved or auto-approved and executing. */
export type CardState = 'preparing' | 'pending' | 'running' | 'done' | 'failed' | 'rejected';
export type NoticeLevel = 'info' | 'warning' | 'error';

export interface PlanStepView {
  readonly title: string;
  readonly status: StepStatus;
  /** The checkpoint taken when the step began changing files: "Restore to before this step" returns to it. */
  readonly checkpointId?: string;
}

export interface PlanView {
  readonly steps: readonly PlanStepView[];
  /** Set while the plan waits for the person's approval. */
  readonly approvalId?: string;
}

export interface FileChangeView {
  readonly path: string;
  readonly added: number;
  readonly removed: number;
  readonly isNew: boolean;
}

export type TranscriptItem =
  | { readonly kind: 'user'; readonly id: string; readonly text: string }
  | { readonly kind: 'assistant'; readonly id: string; readonly text: string; readonly streaming: boolean }
  | {
      readonly kind: 'tool';
      readonly id: string;
      readonly name: string;
      readonly title: string;
      readonly category: ToolCategory;
      readonly state: CardState;
      readonly files: readonly FileChangeView[];
      /** The command line (command cards) or the commit message (commit cards). */
      readonly text?: string;
      readonly danger?: string;
      readonly output: string;
      readonly exitCode?: number;
      readonly summary?: string;
      readonly approvalId?: string;
      readonly reason?: string;
      readonly rejectReason?: string;
      /** An editable "Always allow" rule the card offers (a command prefix or a path glob). */
      readonly rule?: RuleSuggestion;
    }
  | { readonly kind: 'notice'; readonly id: string; readonly level: NoticeLevel; readonly text: string }
  | { readonly kind: 'decision'; readonly id: string; readonly title: string; readonly detail: string; readonly question: boolean; readonly approvalId?: string; readonly resolved?: string }
  | {
      readonly kind: 'end';
      readonly id: string;
      readonly outcome: string;
      readonly summary: string;
      readonly changedPaths: readonly string[];
      /** The task's first checkpoint: the end card offers to review or undo everything since. */
      readonly checkpointId?: string;
    };

export interface RuleSuggestion {
  readonly kind: 'command' | 'editGlob';
  readonly value: string;
}

export interface UsageView {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd?: number;
  readonly contextTokens: number;
  readonly contextWindow: number;
  readonly turn: number;
  readonly maxTurns: number;
  readonly costWarning: boolean;
}

export interface TaskSummary {
  readonly id: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly updatedAt: number;
}

export interface TaskView extends TaskSummary {
  readonly plan: PlanView;
  readonly items: readonly TranscriptItem[];
  readonly usage: UsageView;
}

export interface LocalServer {
  readonly label: string;
  readonly baseUrl: string;
  readonly models: readonly string[];
  readonly error?: string;
}

export interface EditorContext {
  readonly file?: string;
  readonly selection?: string;
  readonly problems: number;
}

export interface ContextChoice {
  readonly file: boolean;
  readonly selection: boolean;
  readonly problems: boolean;
}

export type ToPanel =
  | { readonly type: 'state/init'; readonly config: PanelConfigState; readonly version: string; readonly tasks: readonly TaskSummary[]; readonly task?: TaskView }
  | { readonly type: 'config/updated'; readonly config: PanelConfigState }
  | { readonly type: 'task/opened'; readonly task?: TaskView }
  | { readonly type: 'task/status'; readonly taskId: string; readonly status: TaskStatus }
  | { readonly type: 'plan/updated'; readonly taskId: string; readonly plan: PlanView }
  | { readonly type: 'item/added'; readonly taskId: string; readonly item: TranscriptItem }
  | { readonly type: 'item/updated'; readonly taskId: string; readonly item: TranscriptItem }
  | { readonly type: 'item/appended'; readonly taskId: string; readonly id: string; readonly chunk: string }
  | { readonly type: 'usage/updated'; readonly taskId: string; readonly usage: UsageView }
  | { readonly type: 'history/updated'; readonly tasks: readonly TaskSummary[] }
  | { readonly type: 'setup/servers'; readonly servers: readonly LocalServer[] }
  | { readonly type: 'editor/context'; readonly context: EditorContext }
  | { readonly type: 'composer/prefill'; readonly text: string };

export type FromPanel =
  | { readonly type: 'panel/ready' }
  | { readonly type: 'command/run'; readonly command: PanelCommand }
  | { readonly type: 'task/start'; readonly text: string; readonly context: ContextChoice }
  | { readonly type: 'task/reply'; readonly taskId: string; readonly text: string }
  | { readonly type: 'task/stop' }
  | { readonly type: 'task/open'; readonly taskId: string }
  | { readonly type: 'task/delete'; readonly taskId: string }
  | { readonly type: 'task/new' }
  | { readonly type: 'approval/decide'; readonly approvalId: string; readonly approve: boolean; readonly edited?: string; readonly reason?: string }
  | { readonly type: 'diff/open'; readonly callId: string; readonly path: string }
  | { readonly type: 'checkpoint/restore'; readonly taskId: string; readonly checkpointId: string }
  | { readonly type: 'task/review'; readonly taskId: string }
  | { readonly type: 'rule/add'; readonly rule: RuleSuggestion }
  | { readonly type: 'link/open'; readonly href: string }
  | { readonly type: 'setup/probe' }
  | { readonly type: 'setup/list'; readonly baseUrl: string }
  | { readonly type: 'setup/apply'; readonly baseUrl: string; readonly model: string };

/** The VS Code commands the panel may ask the extension to run; nothing else is accepted. */
export const PANEL_COMMANDS = ['keel.setApiKey', 'keel.showLog', 'keel.selectModel', 'workbench.action.openSettings', 'workbench.trust.manage'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

const TASK_STATUSES: readonly TaskStatus[] = ['idle', 'running', 'waiting', 'paused', 'finished', 'stopped', 'failed'];
const STEP_STATUSES: readonly StepStatus[] = ['pending', 'in_progress', 'done', 'failed', 'skipped'];
const CATEGORIES: readonly ToolCategory[] = ['edit', 'command', 'commit', 'read', 'other'];
const CARD_STATES: readonly CardState[] = ['preparing', 'pending', 'running', 'done', 'failed', 'rejected'];
const LEVELS: readonly NoticeLevel[] = ['info', 'warning', 'error'];
const MAX_TEXT = 2_000_000;
const MAX_LIST = 100_000;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optStr = (v: unknown): boolean => v === undefined || str(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** Parses every element or fails as a whole. */
function list<T>(v: unknown, parse: (x: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_LIST) return undefined;
  const out: T[] = [];
  for (const x of v as unknown[]) {
    const p = parse(x);
    if (p === undefined) return undefined;
    out.push(p);
  }
  return out;
}

/** Copies the listed optional string fields that are present. */
function optionals(v: Rec, keys: readonly string[]): Rec | undefined {
  const out: Rec = {};
  for (const k of keys) {
    if (!optStr(v[k])) return undefined;
    if (v[k] !== undefined) out[k] = v[k];
  }
  return out;
}

function config(v: unknown): PanelConfigState | undefined {
  if (!isRecord(v) || !str(v.baseUrl) || !str(v.model) || typeof v.hasApiKey !== 'boolean' || typeof v.trusted !== 'boolean') return undefined;
  return { baseUrl: v.baseUrl, model: v.model, hasApiKey: v.hasApiKey, trusted: v.trusted };
}

const checkpointRef = (v: unknown): v is string => typeof v === 'string' && v.length <= 300 && /^refs\/keel\/[\w./-]+$/.test(v) && !v.includes('..');

/** An optional checkpointId field: {} when absent, { checkpointId } when a refs/keel/ ref, undefined (invalid) otherwise. */
function optCheckpoint(v: Rec): { checkpointId?: string } | undefined {
  if (v.checkpointId === undefined) return {};
  return checkpointRef(v.checkpointId) ? { checkpointId: v.checkpointId } : undefined;
}

function step(v: unknown): PlanStepView | undefined {
  if (!isRecord(v) || !str(v.title) || !oneOf(STEP_STATUSES, v.status)) return undefined;
  const cp = optCheckpoint(v);
  return cp ? { title: v.title, status: v.status, ...cp } : undefined;
}

function plan(v: unknown): PlanView | undefined {
  if (!isRecord(v) || !optStr(v.approvalId)) return undefined;
  const steps = list(v.steps, step);
  if (!steps) return undefined;
  return typeof v.approvalId === 'string' ? { steps, approvalId: v.approvalId } : { steps };
}

function fileChange(v: unknown): FileChangeView | undefined {
  if (!isRecord(v) || !str(v.path) || !num(v.added) || !num(v.removed) || typeof v.isNew !== 'boolean') return undefined;
  return { path: v.path, added: v.added, removed: v.removed, isNew: v.isNew };
}

function rule(v: unknown): RuleSuggestion | undefined {
  return isRecord(v) && (v.kind === 'command' || v.kind === 'editGlob') && str(v.value) && v.value.length <= 1000 ? { kind: v.kind, value: v.value } : undefined;
}

function item(v: unknown): TranscriptItem | undefined {
  if (!isRecord(v) || !str(v.id)) return undefined;
  const id = v.id;
  switch (v.kind) {
    case 'user':
      return str(v.text) ? { kind: 'user', id, text: v.text } : undefined;
    case 'assistant':
      return str(v.text) && typeof v.streaming === 'boolean' ? { kind: 'assistant', id, text: v.text, streaming: v.streaming } : undefined;
    case 'tool': {
      if (!str(v.name) || !str(v.title) || !oneOf(CATEGORIES, v.category) || !oneOf(CARD_STATES, v.state) || !str(v.output)) return undefined;
      const files = list(v.files, fileChange);
      const extra = optionals(v, ['text', 'danger', 'summary', 'approvalId', 'reason', 'rejectReason']);
      if (!files || !extra || (v.exitCode !== undefined && !num(v.exitCode))) return undefined;
      const r = v.rule === undefined ? undefined : rule(v.rule);
      if (v.rule !== undefined && !r) return undefined;
      return { kind: 'tool', id, name: v.name, title: v.title, category: v.category, state: v.state, files, output: v.output, ...extra, ...(num(v.exitCode) ? { exitCode: v.exitCode } : {}), ...(r ? { rule: r } : {}) };
    }
    case 'notice':
      return oneOf(LEVELS, v.level) && str(v.text) ? { kind: 'notice', id, level: v.level, text: v.text } : undefined;
    case 'decision': {
      const extra = optionals(v, ['approvalId', 'resolved']);
      if (!str(v.title) || !str(v.detail) || typeof v.question !== 'boolean' || !extra) return undefined;
      return { kind: 'decision', id, title: v.title, detail: v.detail, question: v.question, ...extra };
    }
    case 'end': {
      const paths = list(v.changedPaths, (x) => (str(x) ? x : undefined));
      const cp = optCheckpoint(v);
      return str(v.outcome) && str(v.summary) && paths && cp ? { kind: 'end', id, outcome: v.outcome, summary: v.summary, changedPaths: paths, ...cp } : undefined;
    }
    default:
      return undefined;
  }
}

function usage(v: unknown): UsageView | undefined {
  if (!isRecord(v)) return undefined;
  const { inputTokens, outputTokens, contextTokens, contextWindow, turn, maxTurns, costUsd, costWarning } = v;
  if (!num(inputTokens) || !num(outputTokens) || !num(contextTokens) || !num(contextWindow) || !num(turn) || !num(maxTurns) || typeof costWarning !== 'boolean') return undefined;
  if (costUsd !== undefined && !num(costUsd)) return undefined;
  return { inputTokens, outputTokens, contextTokens, contextWindow, turn, maxTurns, costWarning, ...(num(costUsd) ? { costUsd } : {}) };
}

function summary(v: unknown): TaskSummary | undefined {
  return isRecord(v) && str(v.id) && str(v.title) && oneOf(TASK_STATUSES, v.status) && num(v.updatedAt) ? { id: v.id, title: v.title, status: v.status, updatedAt: v.updatedAt } : undefined;
}

function taskView(v: unknown): TaskView | undefined {
  const s = summary(v);
  if (!s || !isRecord(v)) return undefined;
  const p = plan(v.plan);
  const items = list(v.items, item);
  const u = usage(v.usage);
  return p && items && u ? { ...s, plan: p, items, usage: u } : undefined;
}

function server(v: unknown): LocalServer | undefined {
  if (!isRecord(v) || !str(v.label) || !str(v.baseUrl) || !optStr(v.error)) return undefined;
  const models = list(v.models, (x) => (str(x) ? x : undefined));
  if (!models) return undefined;
  return { label: v.label, baseUrl: v.baseUrl, models, ...(typeof v.error === 'string' ? { error: v.error } : {}) };
}

function editorContext(v: unknown): EditorContext | undefined {
  if (!isRecord(v) || !num(v.problems)) return undefined;
  const extra = optionals(v, ['file', 'selection']);
  return extra ? { problems: v.problems, ...extra } : undefined;
}

function choice(v: unknown): ContextChoice | undefined {
  return isRecord(v) && typeof v.file === 'boolean' && typeof v.selection === 'boolean' && typeof v.problems === 'boolean' ? { file: v.file, selection: v.selection, problems: v.problems } : undefined;
}

function fromPanel(v: Rec): FromPanel | undefined {
  switch (v.type) {
    case 'panel/ready':
    case 'task/stop':
    case 'task/new':
    case 'setup/probe':
      return { type: v.type };
    case 'command/run':
      return oneOf(PANEL_COMMANDS, v.command) ? { type: 'command/run', command: v.command } : undefined;
    case 'task/start': {
      const c = choice(v.context);
      return str(v.text) && v.text.trim() !== '' && c ? { type: 'task/start', text: v.text, context: c } : undefined;
    }
    case 'task/reply':
      return str(v.taskId) && str(v.text) ? { type: 'task/reply', taskId: v.taskId, text: v.text } : undefined;
    case 'task/open':
    case 'task/delete':
    case 'task/review':
      return str(v.taskId) ? { type: v.type, taskId: v.taskId } : undefined;
    case 'approval/decide': {
      const extra = optionals(v, ['edited', 'reason']);
      return str(v.approvalId) && typeof v.approve === 'boolean' && extra ? { type: 'approval/decide', approvalId: v.approvalId, approve: v.approve, ...extra } : undefined;
    }
    case 'diff/open':
      return str(v.callId) && str(v.path) ? { type: 'diff/open', callId: v.callId, path: v.path } : undefined;
    case 'checkpoint/restore':
      return str(v.taskId) && checkpointRef(v.checkpointId) ? { type: 'checkpoint/restore', taskId: v.taskId, checkpointId: v.checkpointId } : undefined;
    case 'rule/add': {
      const r = rule(v.rule);
      return r && r.value.trim() !== '' ? { type: 'rule/add', rule: r } : undefined;
    }
    case 'link/open':
      return str(v.href) && v.href.length <= 4096 ? { type: 'link/open', href: v.href } : undefined;
    case 'setup/list':
      return str(v.baseUrl) && /^https?:\/\//i.test(v.baseUrl) ? { type: 'setup/list', baseUrl: v.baseUrl } : undefined;
    case 'setup/apply':
      return str(v.baseUrl) && str(v.model) && /^https?:\/\//i.test(v.baseUrl) ? { type: 'setup/apply', baseUrl: v.baseUrl, model: v.model } : undefined;
    default:
      return undefined;
  }
}

function toPanel(v: Rec): ToPanel | undefined {
  switch (v.type) {
    case 'state/init': {
      const c = config(v.config);
      const tasks = list(v.tasks, summary);
      const task = v.task === undefined ? undefined : taskView(v.task);
      if (!c || !str(v.version) || !tasks || (v.task !== undefined && !task)) return undefined;
      return { type: 'state/init', version: v.version, config: c, tasks, ...(task ? { task } : {}) };
    }
    case 'config/updated': {
      const c = config(v.config);
      return c ? { type: 'config/updated', config: c } : undefined;
    }
    case 'task/opened': {
      if (v.task === undefined) return { type: 'task/opened' };
      const task = taskView(v.task);
      return task ? { type: 'task/opened', task } : undefined;
    }
    case 'task/status':
      return str(v.taskId) && oneOf(TASK_STATUSES, v.status) ? { type: 'task/status', taskId: v.taskId, status: v.status } : undefined;
    case 'plan/updated': {
      const p = plan(v.plan);
      return str(v.taskId) && p ? { type: 'plan/updated', taskId: v.taskId, plan: p } : undefined;
    }
    case 'item/added':
    case 'item/updated': {
      const i = item(v.item);
      return str(v.taskId) && i ? { type: v.type, taskId: v.taskId, item: i } : undefined;
    }
    case 'item/appended':
      return str(v.taskId) && str(v.id) && str(v.chunk) ? { type: 'item/appended', taskId: v.taskId, id: v.id, chunk: v.chunk } : undefined;
    case 'usage/updated': {
      const u = usage(v.usage);
      return str(v.taskId) && u ? { type: 'usage/updated', taskId: v.taskId, usage: u } : undefined;
    }
    case 'history/updated': {
      const tasks = list(v.tasks, summary);
      return tasks ? { type: 'history/updated', tasks } : undefined;
    }
    case 'setup/servers': {
      const servers = list(v.servers, server);
      return servers ? { type: 'setup/servers', servers } : undefined;
    }
    case 'editor/context': {
      const c = editorContext(v.context);
      return c ? { type: 'editor/context', context: c } : undefined;
    }
    case 'composer/prefill':
      return str(v.text) ? { type: 'composer/prefill', text: v.text } : undefined;
    default:
      return undefined;
  }
}

/** Returns the message when it is a well-formed FromPanel, else undefined. Never throws. */
export function parseFromPanel(value: unknown): FromPanel | undefined {
  try {
    return isRecord(value) ? fromPanel(value) : undefined;
  } catch {
    return undefined; // a hostile getter or proxy
  }
}

/** Returns the message when it is a well-formed ToPanel, else undefined. Never throws. */
export function parseToPanel(value: unknown): ToPanel | undefined {
  try {
    return isRecord(value) ? toPanel(value) : undefined;
  } catch {
    return undefined;
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
