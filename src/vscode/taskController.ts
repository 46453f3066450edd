// Starts, stops and continues a task's Agent run with the VS Code ports, relays its events to the panel as incremental
// updates, routes the person's decisions back, and saves the task so it survives a reload (resuming paused).
import * as vscode from 'vscode';
import { Agent, DEFAULT_LIMITS, type AgentSnapshot } from '../agent/agent';
import type { AgentEvent } from '../agent/events';
import type { TaskBranchResult } from '../git';
import type { Model } from '../model/types';
import type { ApprovalDecision, ApprovalRequest, Ports } from '../ports';
import type { ContextChoice, TaskSummary, ToPanel } from '../protocol';
import type { ToolDef } from '../tools/types';
import type { DiffReview } from './diffReview';
import type { PanelApprover } from './panelApprover';
import type { KeelSettings } from './settings';
import type { TaskStore } from './taskStore';
import { TaskTranscript } from './taskTranscript';

/** What one run needs from the host; built per run so settings changes apply to the next run. */
export interface RunSetup {
  readonly model: Model;
  readonly ports: Ports;
  /** The workspace tools; `changedPaths` tells git_commit which files the task changed. */
  readonly tools: (changedPaths: () => readonly string[]) => readonly ToolDef[];
  readonly verifyCommand: string | undefined;
  readonly countTokens: (text: string) => number;
  readonly costOf?: (inputTokens: number, outputTokens: number) => number | undefined;
  readonly environment?: { readonly os: string; readonly shell: string };
  /** Stops the runner's background processes (Stop in the panel). */
  stopProcesses(): Promise<void>;
}

export interface ControllerDeps {
  readonly log: vscode.LogOutputChannel;
  readonly store: TaskStore;
  readonly approver: PanelApprover;
  readonly diff: DiffReview;
  readonly post: (message: ToPanel) => void;
  readonly settings: () => KeelSettings;
  /** Rejects with a message for the person when no model can be built. */
  readonly setup: (taskId: string, settings: KeelSettings) => Promise<RunSetup>;
  readonly contextBlock: (choice: ContextChoice) => string;
  readonly workspaceRoot: () => string | undefined;
  /** keel.git.branchPerTask: creates and switches to the task's branch (git/taskBranch.ts). */
  readonly taskBranch?: (task: string) => Promise<TaskBranchResult>;
}

interface Current {
  readonly transcript: TaskTranscript;
  readonly task: string;
  snapshot: AgentSnapshot | undefined;
  /** What the person did outside the agent (a restore), told to the agent with their next message. */
  readonly pendingNotes: string[];
  run?: { readonly abort: AbortController; readonly agent: Agent; readonly setup: RunSetup; readonly done: Promise<void> };
}

async function confirmDelete(title: string): Promise<boolean> {
  const pick = await vscode.window.showWarningMessage(`Delete the task "${title}"?`, { modal: true, detail: 'Its conversation and its checkpoints are removed. Your files and your git history are not touched.' }, 'Delete');
  return pick === 'Delete';
}

export class TaskController implements vscode.Disposable {
  private current: Current | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires when the current task's status changes (the status bar listens). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly d: ControllerDeps) {
    this.subscription = d.approver.onDidAsk((r) => this.current?.run && this.current.transcript.asked(r));
  }

  get status(): string {
    return this.current?.transcript.status ?? 'idle';
  }

  get currentTaskId(): string | undefined {
    return this.current?.transcript.id;
  }

  get isRunning(): boolean {
    return this.current?.run !== undefined;
  }

  /** The panel's whole state for the open task (sent once when the panel opens or switches task). */
  view(): ReturnType<TaskTranscript['view']> | undefined {
    return this.current?.transcript.view();
  }

  async history(): Promise<TaskSummary[]> {
    return this.d.store.list();
  }

  async start(text: string, choice: ContextChoice): Promise<void> {
    if (this.current?.run) await this.stop();
    const id = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const task = `${text.trim()}${this.d.contextBlock(choice)}`;
    const title = text.trim().split('\n')[0]?.slice(0, 80) ?? 'Task';
    const settings = this.d.settings();
    const transcript = new TaskTranscript(id, title, (m) => this.d.post(m), { maxTurns: settings.maxTurns, costWarningUsd: settings.costWarningUsd });
    this.current = { transcript, task, snapshot: undefined, pendingNotes: [] };
    this.d.post({ type: 'task/opened', task: transcript.view() });
    transcript.add({ kind: 'user', id: transcript.nextId('u'), text: task });
    if (settings.branchPerTask) await this.startBranch(transcript, text);
    await this.launch(undefined);
    void this.publishHistory();
  }

  /** Continues the open task (waiting, paused, stopped) with the person's message. */
  async reply(taskId: string, text: string): Promise<void> {
    if (this.current?.transcript.id !== taskId) await this.open(taskId);
    const c = this.current;
    if (!c || c.transcript.id !== taskId) return;
    if (c.run) {
      c.transcript.notice('info', 'The agent is still working; stop it first to send a message.');
      return;
    }
    c.transcript.add({ kind: 'user', id: c.transcript.nextId('u'), text });
    const notes = c.pendingNotes.splice(0);
    await this.launch(notes.length > 0 ? `${notes.map((n) => `[Keel] ${n}`).join('\n')}\n\n${text}` : text);
  }

  private async startBranch(t: TaskTranscript, text: string): Promise<void> {
    if (!this.d.taskBranch) return;
    if (!vscode.workspace.isTrusted) {
      t.notice('info', 'No task branch: Keel changes git only in a trusted workspace.');
      return;
    }
    try {
      const r = await this.d.taskBranch(text);
      if (r.created) t.notice('info', `Working on a new branch ${r.branch} (from ${r.from}); your uncommitted changes came along untouched.`);
      else t.notice('info', `No task branch (keel.git.branchPerTask): ${r.reason}.`);
    } catch (err) {
      t.notice('warning', `No task branch: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** True while `taskId` is the open task and its agent runs. */
  isRunningTask(taskId: string): boolean {
    return this.current?.run !== undefined && this.current.transcript.id === taskId;
  }

  /** A notice in the task's transcript (when it is the open task) that the agent also hears with the next message. */
  noteForAgent(taskId: string, level: 'info' | 'warning', text: string): void {
    const c = this.current;
    if (c?.transcript.id !== taskId) return;
    c.transcript.notice(level, text);
    c.pendingNotes.push(`${text} Files may differ from what you read before: read them again before editing.`);
    this.scheduleSave(true);
  }

  private async launch(message: string | undefined): Promise<void> {
    const c = this.current;
    if (!c) return;
    const t = c.transcript;
    const settings = this.d.settings();
    let setup: RunSetup;
    try {
      setup = await this.d.setup(t.id, settings);
    } catch (err) {
      t.notice('error', err instanceof Error ? err.message : String(err));
      t.setStatus('failed');
      this.scheduleSave(true);
      return;
    }
    const base = c.snapshot;
    const limits = {
      ...DEFAULT_LIMITS,
      // Each run (the first, a reply, a continuation past a ceiling) gets the configured budget on top of what was used.
      maxTurns: (base?.turn ?? 0) + settings.maxTurns,
      contextWindow: setup.model.contextWindow || settings.contextWindow,
      maxOutputTokens: settings.maxOutputTokens,
      commandTimeoutSeconds: settings.commandTimeoutSeconds,
      ...(settings.maxCostUsd !== undefined ? { maxCostUsd: (base?.cost ?? 0) + settings.maxCostUsd } : {}),
    };
    t.setUsage({ ...t.usage, maxTurns: limits.maxTurns });
    const abort = new AbortController();
    let changed: () => readonly string[] = () => [];
    const agent: Agent = new Agent({
      taskId: t.id,
      task: c.task,
      model: setup.model,
      ports: setup.ports,
      tools: setup.tools(() => changed()),
      approval: settings.approval,
      limits,
      verifyCommand: setup.verifyCommand,
      textOnlyReply: 'wait',
      onStuck: 'ask',
      countTokens: setup.countTokens,
      onEvent: (e) => this.onEvent(c, e),
      ...(setup.costOf ? { costOf: setup.costOf } : {}),
      ...(setup.environment ? { environment: setup.environment } : {}),
      ...(base ? { resume: base } : {}),
    });
    changed = () => [...agent.state.changedPaths];
    t.setStatus('running');
    this.changed.fire();
    const done = agent
      .run(abort.signal, message)
      .then(async (result) => {
        c.snapshot = agent.snapshot();
        c.run = undefined;
        this.changed.fire();
        this.scheduleSave(true);
        if (result.outcome === 'budget' && !abort.signal.aborted) await this.askToContinue(c, result.summary);
      })
      .catch((err: unknown) => {
        this.d.log.error(`run failed: ${String(err)}`);
        c.run = undefined;
        t.setStatus('failed');
        this.changed.fire();
      });
    c.run = { abort, agent, setup, done };
  }

  private onEvent(c: Current, e: AgentEvent): void {
    c.transcript.apply(e);
    if (e.type === 'approval_needed' || e.type === 'plan_updated' || e.type === 'tool_end') this.scheduleSave(false);
    if (e.type === 'approval_needed' || e.type === 'approval_resolved') this.changed.fire();
  }

  /** A turn or cost ceiling stopped the run: the person decides whether it goes on. */
  private async askToContinue(c: Current, why: string): Promise<void> {
    const abort = new AbortController();
    const request: ApprovalRequest = { id: `budget-${Date.now()}`, kind: 'other', toolName: 'keel', title: 'A limit stopped the run. Continue?', reason: why.split('\n')[0] ?? why };
    c.transcript.asked(request);
    let answer: ApprovalDecision;
    try {
      answer = await this.d.approver.request(request, abort.signal);
    } catch {
      return;
    }
    c.transcript.settled(request.id, answer.decision === 'approve' ? 'continued' : 'stopped');
    if (answer.decision !== 'approve' || this.current !== c) return;
    await this.launch('[Keel] The person raised the limit. Continue the task.');
  }

  /** Stop: aborts the model stream, the running command and any pending approval; stops background processes. */
  async stop(): Promise<void> {
    const run = this.current?.run;
    if (!run) return;
    run.abort.abort();
    await run.setup.stopProcesses().catch((err: unknown) => this.d.log.warn(`stopping processes: ${String(err)}`));
    await run.done;
  }

  async decide(approvalId: string, approve: boolean, edited: string | undefined, reason: string | undefined): Promise<void> {
    const c = this.current;
    const callId = approvalId.endsWith(':approval') ? approvalId.slice(0, -':approval'.length) : undefined;
    let text = edited;
    if (approve && callId && text === undefined) text = this.d.diff.edited(callId);
    const decision: ApprovalDecision = approve ? (text !== undefined ? { decision: 'approve', edited: text } : { decision: 'approve' }) : reason?.trim() ? { decision: 'reject', reason: reason.trim() } : { decision: 'reject' };
    if (!this.d.approver.has(approvalId)) {
      c?.transcript.notice('warning', 'That decision is no longer pending.');
      return;
    }
    // The diff closes before the step runs: closing it later could dispose the very document the edit is writing.
    if (callId) await this.d.diff.close(callId);
    this.d.approver.decide(approvalId, decision);
    c?.transcript.settled(approvalId, approve ? 'approved' : 'rejected');
  }

  async openDiff(callId: string, path: string): Promise<void> {
    const preview = this.current?.transcript.previews.get(callId);
    const change = preview?.kind === 'files' ? preview.changes.find((ch) => ch.path === path) : undefined;
    const root = this.d.workspaceRoot();
    if (!change || !root) return;
    await this.d.diff.open(callId, change, root);
  }

  async open(taskId: string): Promise<void> {
    if (this.current?.transcript.id === taskId) {
      this.d.post({ type: 'task/opened', task: this.current.transcript.view() });
      return;
    }
    if (this.current?.run) await this.stop();
    const stored = await this.d.store.load(taskId);
    if (!stored) return;
    const settings = this.d.settings();
    const transcript = new TaskTranscript(stored.view.id, stored.view.title, (m) => this.d.post(m), { maxTurns: settings.maxTurns, costWarningUsd: settings.costWarningUsd }, stored.view);
    transcript.markInterrupted();
    this.current = { transcript, task: stored.task, snapshot: stored.snapshot, pendingNotes: [] };
    this.d.post({ type: 'task/opened', task: transcript.view() });
    this.changed.fire();
  }

  newTask(): void {
    if (this.current?.run) {
      // A running task stays open (Stop first); the panel is told so it shows it again.
      this.d.post({ type: 'task/opened', task: this.current.transcript.view() });
      return;
    }
    this.current = undefined;
    this.d.post({ type: 'task/opened' });
    this.changed.fire();
  }

  /** Deletes a task from the history with its checkpoints, after the person confirms; never a running one. */
  async delete(taskId: string, confirm: (title: string) => Thenable<boolean> = confirmDelete): Promise<boolean> {
    if (this.isRunningTask(taskId)) {
      void vscode.window.showWarningMessage('Keel: stop the task before deleting it.');
      return false;
    }
    const summary = (await this.d.store.list()).find((t) => t.id === taskId);
    if (!summary || !(await confirm(summary.title))) return false;
    await this.d.store.delete(taskId);
    if (this.current?.transcript.id === taskId) this.newTask();
    await this.publishHistory();
    return true;
  }

  /** After a reload: the most recent task comes back paused if it was running; nothing runs by itself. */
  async restore(): Promise<void> {
    const [latest] = await this.d.store.list();
    if (!latest || (latest.status !== 'running' && latest.status !== 'waiting' && latest.status !== 'paused')) return;
    await this.open(latest.id);
    this.scheduleSave(true);
  }

  private scheduleSave(now: boolean): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (now) void this.save();
    else this.saveTimer = setTimeout(() => void this.save(), 400);
  }

  private async save(): Promise<void> {
    const c = this.current;
    if (!c) return;
    const snapshot = c.run ? c.run.agent.snapshot() : c.snapshot;
    await this.d.store.save({ version: 1, view: c.transcript.view(), snapshot, task: c.task });
    await this.publishHistory();
  }

  private async publishHistory(): Promise<void> {
    this.d.post({ type: 'history/updated', tasks: await this.d.store.list() });
  }

  dispose(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const c = this.current;
    if (c) {
      // Save synchronously-started: the window is closing, a running task comes back paused.
      const snapshot = c.run ? c.run.agent.snapshot() : c.snapshot;
      void this.d.store.save({ version: 1, view: c.transcript.view(), snapshot, task: c.task });
      c.run?.abort.abort();
    }
    this.subscription.dispose();
    this.changed.dispose();
  }
}
