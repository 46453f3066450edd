// The turn loop: send the conversation with the task card, stream the reply, validate and gate each tool call,
// execute, feed results back; until finish is accepted, the person stops it, it gets stuck or a budget runs out.
// Every assistant tool call gets exactly one tool result, whatever happened to it.
import { toolCallReminder } from '../model/textToolProtocol';
import { ModelError, type ChatMessage, type Model, type ModelReply, type ToolCall, type ToolProtocol } from '../model/types';
import type { ApprovalDecision, Ports } from '../ports';
import { boundText } from '../tools/outputBounds';
import { ToolRegistry } from '../tools/registry';
import { isToolResult, type StepAmendment, type StepPreview, type ToolContext, type ToolDef, type ToolResult, type ToolSession } from '../tools/types';
import { ContextManager, SUMMARIZER_SYSTEM, type TokenCounter } from './context';
import type { AgentEvent, AgentEventListener, PlanStep, RunOutcome } from './events';
import { createMetaHandlers, type MetaState } from './meta';
import { decide, type ApprovalSettings } from './policy';
import { systemPrompt } from './prompts';
import { canonicalArgs, digest, recoveryMessage, StuckDetector, type StuckLimits } from './stuck';
import { buildRunSummary } from './summary';
import { buildTaskCard } from './taskCard';

export interface AgentLimits {
  readonly maxTurns: number;
  readonly maxCostUsd?: number;
  readonly maxWallClockMs?: number;
  readonly maxVerifyFailures: number;
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  /** No single tool result may take more than this share of the context window. */
  readonly maxResultShare: number;
  readonly commandTimeoutSeconds: number;
}

export const DEFAULT_LIMITS: AgentLimits = {
  maxTurns: 60,
  maxVerifyFailures: 3,
  contextWindow: 128_000,
  maxOutputTokens: 8192,
  maxResultShare: 0.2,
  commandTimeoutSeconds: 120,
};

export interface AgentOptions {
  readonly taskId: string;
  readonly task: string;
  readonly model: Model;
  readonly ports: Ports;
  /** Workspace tools (files, search, commands, git); the meta tools are added by the agent. */
  readonly tools: readonly ToolDef[];
  readonly approval: ApprovalSettings;
  readonly limits: AgentLimits;
  /** The verify command; undefined when none is known. */
  readonly verifyCommand: string | undefined;
  /** Panel: a reply without a tool call ends the turn. CLI: one reminder, then the run ends. */
  readonly textOnlyReply: 'wait' | 'remind_once';
  /** After a recovery message failed: ask the person (panel) or end the run (CLI). */
  readonly onStuck: 'ask' | 'end';
  readonly countTokens: TokenCounter;
  readonly onEvent: AgentEventListener;
  readonly costOf?: (inputTokens: number, outputTokens: number) => number | undefined;
  readonly stuckLimits?: StuckLimits;
  readonly environment?: { readonly os: string; readonly shell: string };
  /** How the model calls tools; decides the wording of the reminder after a reply without a tool call. */
  readonly toolProtocol?: ToolProtocol;
  readonly now?: () => number;
  /** Continue a task saved with snapshot(): the conversation and plan come back; nothing is re-executed. */
  readonly resume?: AgentSnapshot;
}

/** What a task needs to be reopened and continued after a window reload (JSON-safe). */
export interface AgentSnapshot {
  readonly version: 1;
  readonly history: readonly ChatMessage[];
  readonly turn: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cost: number | undefined;
  readonly plan: readonly PlanStep[];
  readonly planApproved: boolean;
  readonly lessons: readonly string[];
  readonly stepCheckpoints: readonly (readonly [number, string])[];
  readonly changedPaths: readonly string[];
  readonly finishSummary: string | undefined;
  readonly verified: boolean | undefined;
}

export interface RunResult {
  readonly outcome: RunOutcome;
  readonly summary: string;
  readonly changedPaths: readonly string[];
  readonly verified: boolean | undefined;
  readonly turns: number;
}

class RunEnd {
  constructor(
    readonly outcome: RunOutcome,
    readonly reason: string | undefined,
  ) {}
}

export class Agent {
  private readonly registry: ToolRegistry;
  private readonly context: ContextManager;
  private readonly stuck: StuckDetector;
  private readonly session: ToolSession = { fileHashes: new Map() };
  private readonly system: string;
  readonly state: MetaState;
  private history: ChatMessage[] = [];
  private turn = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private cost: number | undefined;
  private recoveries = 0;
  private errorStreak = { tool: '', count: 0 };
  private readonly startedAt: number;

  constructor(private readonly o: AgentOptions) {
    this.state = {
      plan: [],
      planApproved: !o.approval.requirePlanApproval,
      lessons: [],
      stepCheckpoints: new Map(),
      changedPaths: new Set(),
      finishSummary: undefined,
      finished: false,
      verified: undefined,
      verifyFailures: 0,
      lastVerifyOutput: undefined,
      endReason: undefined,
    };
    const meta = createMetaHandlers({ options: o, state: this.state, emit: (e) => this.emit(e), onRestore: () => this.stuck.reset() });
    this.registry = new ToolRegistry([...o.tools, ...meta]);
    this.context = new ContextManager(o.countTokens, { contextWindow: o.limits.contextWindow, maxOutputTokens: o.limits.maxOutputTokens, keepRecent: 8 });
    this.stuck = new StuckDetector(o.stuckLimits);
    const env = o.environment ?? { os: 'unknown OS', shell: 'sh' };
    this.system = systemPrompt({ workspace: o.ports.workspace.roots[0] ?? '(none)', os: env.os, shell: env.shell });
    this.startedAt = (o.now ?? Date.now)();
    if (o.resume) this.load(o.resume);
  }

  snapshot(): AgentSnapshot {
    return {
      version: 1,
      history: this.history.map((m) => ({ ...m })),
      turn: this.turn,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      cost: this.cost,
      plan: [...this.state.plan],
      planApproved: this.state.planApproved,
      lessons: [...this.state.lessons],
      stepCheckpoints: [...this.state.stepCheckpoints.entries()],
      changedPaths: [...this.state.changedPaths],
      finishSummary: this.state.finishSummary,
      verified: this.state.verified,
    };
  }

  private load(s: AgentSnapshot): void {
    this.history = repairPairs(s.history);
    this.turn = s.turn;
    this.inputTokens = s.inputTokens;
    this.outputTokens = s.outputTokens;
    this.cost = s.cost;
    this.state.plan = [...s.plan];
    this.state.planApproved = s.planApproved || !this.o.approval.requirePlanApproval;
    this.state.lessons = [...s.lessons];
    this.state.stepCheckpoints = new Map(s.stepCheckpoints);
    this.state.changedPaths = new Set(s.changedPaths);
    this.state.finishSummary = s.finishSummary;
    this.state.verified = s.verified;
  }

  get tools(): ToolRegistry {
    return this.registry;
  }

  get systemPromptText(): string {
    return this.system;
  }

  /** The conversation so far (for persistence and tests). */
  get messages(): readonly ChatMessage[] {
    return this.history;
  }

  private emit(event: AgentEvent): void {
    try {
      this.o.onEvent(event);
    } catch {
      // A renderer's failure must not break the run.
    }
  }

  /** Runs the task from the start, or continues it with the person's message after it ended waiting. */
  async run(signal: AbortSignal, message?: string): Promise<RunResult> {
    if (this.history.length === 0) {
      this.history.push({ role: 'user', content: this.o.task });
      this.emit({ type: 'run_start', taskId: this.o.taskId, task: this.o.task, model: this.o.model.id });
    } else if (message !== undefined) {
      this.history.push({ role: 'user', content: message });
      this.stuck.reset();
    }
    let end: RunEnd;
    try {
      end = await this.loop(signal);
    } catch (err) {
      end = signal.aborted ? new RunEnd('stopped', undefined) : new RunEnd('error', err instanceof Error ? err.message : String(err));
    }
    const changedPaths = [...this.state.changedPaths].sort();
    const summary = buildRunSummary({
      outcome: end.outcome,
      modelSummary: this.state.finishSummary,
      reason: end.reason,
      changedPaths,
      verifyCommand: this.o.verifyCommand,
      verified: this.state.verified,
      lastVerifyOutput: end.outcome === 'not_verified' ? this.state.lastVerifyOutput : undefined,
    });
    this.emit({ type: 'run_end', outcome: end.outcome, summary, changedPaths, verified: this.state.verified });
    return { outcome: end.outcome, summary, changedPaths, verified: this.state.verified, turns: this.turn };
  }

  private budgetExceeded(): string | undefined {
    const l = this.o.limits;
    if (this.turn >= l.maxTurns) return `The turn limit (${l.maxTurns}) was reached.`;
    if (l.maxCostUsd !== undefined && (this.cost ?? 0) >= l.maxCostUsd) return `The cost limit ($${l.maxCostUsd.toFixed(2)}) was reached.`;
    if (l.maxWallClockMs !== undefined && (this.o.now ?? Date.now)() - this.startedAt >= l.maxWallClockMs) return `The time limit (${Math.round(l.maxWallClockMs / 1000)} s) was reached.`;
    return undefined;
  }

  private async loop(signal: AbortSignal): Promise<RunEnd> {
    let reminded = false;
    let shrink = 1;
    for (;;) {
      if (signal.aborted) return new RunEnd('stopped', undefined);
      const over = this.budgetExceeded();
      if (over) return new RunEnd('budget', over);
      this.turn++;
      this.emit({ type: 'turn_start', turn: this.turn });
      const reply = await this.request(signal, shrink).catch((err: unknown) => err);
      if (reply instanceof ModelError && reply.code === 'context_length' && shrink === 1) {
        shrink = 0.5;
        this.turn--;
        this.emit({ type: 'notice', level: 'warning', message: 'The server said the request was larger than its context window; condensing and retrying once.' });
        continue;
      }
      if (reply instanceof ModelError) return reply.code === 'cancelled' || signal.aborted ? new RunEnd('stopped', undefined) : new RunEnd('error', reply.message);
      if (!isReply(reply)) throw reply;
      shrink = 1;
      this.history.push(reply.toolCalls.length ? { role: 'assistant', content: reply.text, toolCalls: reply.toolCalls } : { role: 'assistant', content: reply.text });
      if (reply.text.trim()) this.emit({ type: 'assistant_message', text: reply.text });

      if (reply.toolCalls.length === 0) {
        if (reply.truncatedToolCall) {
          this.history.push({ role: 'user', content: '[Keel] Your reply was cut off by the output limit in the middle of a tool call, so nothing was executed. Make the call again with shorter content (split large files into several edits).' });
          continue;
        }
        if (this.o.textOnlyReply === 'wait' || reminded) return new RunEnd('waiting', this.o.textOnlyReply === 'wait' ? undefined : 'The model replied without calling a tool after a reminder, so the run ended without finishing.');
        reminded = true;
        this.history.push({ role: 'user', content: `[Keel] No one is reading text replies in this run. Continue the task by calling a tool, or call finish if it is done.\n${toolCallReminder(this.registry.specs(), this.o.toolProtocol ?? 'native')}` });
        continue;
      }
      reminded = false;
      const progressBefore = this.progressMark();
      const done = await this.runCalls(reply.toolCalls, signal);
      if (reply.truncatedToolCall) this.history.push({ role: 'user', content: '[Keel] Your last tool call was cut off by the output limit and was not executed. Repeat it with shorter content.' });
      if (done) return done;
      this.stuck.endTurn(this.progressMark() !== progressBefore);
      const stuckEnd = await this.checkStuck(signal);
      if (stuckEnd) return stuckEnd;
    }
  }

  private progressMark(): string {
    return `${this.state.plan.filter((s) => s.status !== 'pending' && s.status !== 'in_progress').length}|${this.state.changedPaths.size}|${this.state.plan.length}`;
  }

  private async request(signal: AbortSignal, shrink: number): Promise<ModelReply> {
    const card = buildTaskCard({
      task: this.o.task,
      steps: this.state.plan,
      lessons: this.state.lessons,
      turn: this.turn,
      maxTurns: this.o.limits.maxTurns,
      costUsd: this.cost,
      maxCostUsd: this.o.limits.maxCostUsd,
      planApproved: this.state.planApproved,
      requirePlanApproval: this.o.approval.requirePlanApproval,
      verifyCommand: this.o.verifyCommand,
    });
    const specs = this.registry.specs();
    const fixed = this.context.fixedTokens(this.system, specs, card);
    const fit = await this.context.fit(this.history, fixed, (region, s) => this.summarize(region, s), signal, shrink);
    if (fit.condensed || fit.elided) this.emit({ type: 'notice', level: 'info', message: `Context kept inside the window: ${fit.elided} old tool outputs elided${fit.condensed ? ', older turns condensed' : ''}.` });
    this.history = fit.messages;
    const reply = await this.o.model.complete(
      { system: this.system, messages: [...this.history, { role: 'user', content: card }], tools: specs, maxOutputTokens: this.o.limits.maxOutputTokens, purpose: 'turn' },
      (e) => {
        if (e.type === 'text') this.emit({ type: 'text_delta', delta: e.delta });
        else if (e.type === 'thinking') this.emit({ type: 'thinking_delta', delta: e.delta });
        else if (e.type === 'tool_call') this.emit({ type: 'tool_call_delta', index: e.index, ...(e.name ? { name: e.name } : {}), argumentsDelta: e.argumentsDelta });
        else this.emit({ type: 'retry', attempt: e.attempt, delayMs: e.delayMs, reason: e.reason });
      },
      signal,
    );
    this.account(reply, fit.tokens);
    return reply;
  }

  private account(reply: ModelReply, contextTokens: number): void {
    this.inputTokens += reply.usage.inputTokens;
    this.outputTokens += reply.usage.outputTokens;
    const c = this.o.costOf?.(reply.usage.inputTokens, reply.usage.outputTokens);
    if (c !== undefined) this.cost = (this.cost ?? 0) + c;
    this.emit({ type: 'usage', request: reply.usage, totalInput: this.inputTokens, totalOutput: this.outputTokens, costUsd: this.cost, contextTokens, contextWindow: this.o.limits.contextWindow });
  }

  private async summarize(region: readonly ChatMessage[], signal: AbortSignal): Promise<string> {
    const transcript = region
      .map((m) => (m.role === 'assistant' ? `ASSISTANT: ${m.content}${(m.toolCalls ?? []).map((c) => `\nCALL ${c.name} ${c.arguments.slice(0, 500)}`).join('')}` : m.role === 'tool' ? `RESULT: ${m.content.slice(0, 1500)}` : `USER: ${m.content}`))
      .join('\n');
    const reply = await this.o.model.complete(
      { system: SUMMARIZER_SYSTEM, messages: [{ role: 'user', content: `Task: ${this.o.task}\n\nWork log to condense:\n${transcript.slice(0, this.o.limits.contextWindow)}` }], tools: [], maxOutputTokens: 1024, purpose: 'condense' },
      () => undefined,
      signal,
    );
    this.account(reply, 0);
    return reply.text.trim() || 'No summary was produced.';
  }

  /** Runs the calls in order; returns a RunEnd when the run must stop (finish accepted, stopped, not verified). */
  private async runCalls(calls: readonly ToolCall[], signal: AbortSignal): Promise<RunEnd | undefined> {
    let end: RunEnd | undefined;
    for (const call of calls) {
      if (end || signal.aborted) {
        const why = signal.aborted ? 'Cancelled: the person stopped the run before this call ran.' : 'Not executed: the run ended before this call.';
        this.history.push({ role: 'tool', toolCallId: call.id, content: why });
        this.emit({ type: 'tool_end', callId: call.id, name: call.name, ok: false, summary: why, changedPaths: [] });
        continue;
      }
      const result = await this.runCall(call, signal);
      this.history.push({ role: 'tool', toolCallId: call.id, content: result.content });
      if (this.state.finished) end = new RunEnd('finished', undefined);
      else if (this.state.endReason) end = new RunEnd(this.state.endReason.outcome, this.state.endReason.reason);
    }
    if (!end && signal.aborted) end = new RunEnd('stopped', undefined);
    return end;
  }

  private maxResultChars(): number {
    return Math.max(2000, Math.floor(this.o.limits.contextWindow * this.o.limits.maxResultShare * 3.5));
  }

  private toolContext(signal: AbortSignal, callId: string): ToolContext {
    return {
      ports: this.o.ports,
      signal,
      session: this.session,
      settings: { commandTimeoutSeconds: this.o.limits.commandTimeoutSeconds, maxResultChars: this.maxResultChars() },
      onOutput: (chunk) => this.emit({ type: 'tool_output', callId, chunk }),
    };
  }

  private async runCall(call: ToolCall, signal: AbortSignal): Promise<ToolResult> {
    const ctx = this.toolContext(signal, call.id);
    let result: ToolResult;
    let args: unknown = call.arguments;
    const resolved = this.registry.resolve(call);
    if (!resolved.ok) {
      this.emit({ type: 'tool_start', callId: call.id, name: call.name, args: call.arguments, title: call.name, preview: { kind: 'none' } });
      result = { ok: false, content: resolved.error };
    } else {
      args = resolved.args;
      result = await this.gateAndRun(call, resolved.def, resolved.args, ctx);
      if (resolved.notes.length && result.ok) result = { ...result, content: `${result.content}\n[note: ${resolved.notes.join('; ')}]` };
    }
    result = { ...result, content: boundText(result.content, this.maxResultChars()) };
    result = this.withErrorStreakHint(call.name, result);
    for (const p of result.changedPaths ?? []) this.state.changedPaths.add(p);
    this.stuck.recordCall({ name: call.name, args: canonicalArgs(args), resultDigest: digest(result.content), ok: result.ok });
    this.emit({ type: 'tool_end', callId: call.id, name: call.name, ok: result.ok, summary: result.content.split('\n')[0]?.slice(0, 200) ?? '', changedPaths: result.changedPaths ?? [] });
    return result;
  }

  private withErrorStreakHint(name: string, result: ToolResult): ToolResult {
    if (result.ok) {
      this.errorStreak = { tool: '', count: 0 };
      return result;
    }
    this.errorStreak = this.errorStreak.tool === name ? { tool: name, count: this.errorStreak.count + 1 } : { tool: name, count: 1 };
    if (this.errorStreak.count < 3) return result;
    return { ...result, content: `${result.content}\n\n[Keel] ${name} has now failed ${this.errorStreak.count} times in a row. Do not retry the same way: read the error above, check the arguments against the tool's schema, re-read the file or choose a different tool.` };
  }

  private async gateAndRun(call: ToolCall, def: ToolDef, args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult> {
    let prepared;
    try {
      prepared = await def.prepare(args, ctx);
    } catch (err) {
      prepared = { ok: false, content: `${def.name} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (isToolResult(prepared)) {
      this.emit({ type: 'tool_start', callId: call.id, name: def.name, args, title: def.name, preview: { kind: 'none' } });
      return prepared;
    }
    this.emit({ type: 'tool_start', callId: call.id, name: def.name, args, title: prepared.title, preview: prepared.preview });
    const decision = decide(def.risk, prepared.preview, prepared.writes, this.o.approval, { trusted: this.o.ports.workspace.isTrusted(), planApproved: this.state.planApproved, workspaceRoots: this.o.ports.workspace.roots });
    let amendment: StepAmendment | undefined;
    if (decision.action === 'refuse') return { ok: false, content: `Refused: ${decision.reason}` };
    if (decision.action === 'ask') {
      const approvalId = `${call.id}:approval`;
      this.emit({ type: 'approval_needed', callId: call.id, approvalId, reason: decision.reason });
      let answer: ApprovalDecision;
      try {
        answer = await this.o.ports.approver.request({ id: approvalId, kind: decision.kind, toolName: def.name, title: prepared.title, reason: decision.reason, detail: previewDetail(prepared.preview) }, ctx.signal);
      } catch {
        this.emit({ type: 'approval_resolved', callId: call.id, approved: false, reason: 'cancelled', amended: false });
        return { ok: false, content: 'Cancelled: the run was stopped while this step waited for approval.' };
      }
      this.emit({ type: 'approval_resolved', callId: call.id, approved: answer.decision === 'approve', ...(answer.decision === 'reject' && answer.reason ? { reason: answer.reason } : {}), amended: answer.decision === 'approve' && answer.edited !== undefined });
      if (answer.decision === 'reject') {
        return { ok: false, content: `The person rejected this step${answer.reason ? `. Their reason: ${answer.reason}` : ' (no reason given)'}. Do not retry it unchanged; adapt the approach.` };
      }
      amendment = toAmendment(prepared.preview, answer.edited);
    }
    if (def.risk === 'edit' || def.risk === 'command' || def.risk === 'git') await this.ensureCheckpoint(ctx.signal);
    try {
      return await prepared.execute(amendment, ctx);
    } catch (err) {
      return { ok: false, content: `${def.name} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** Every write goes through a checkpoint of its step, so any change can be rolled back. */
  private async ensureCheckpoint(signal: AbortSignal): Promise<void> {
    const index = this.state.plan.findIndex((s) => s.status === 'in_progress');
    const key = index >= 0 ? index : -1;
    if (this.state.stepCheckpoints.has(key)) return;
    try {
      const label = index >= 0 ? `Before step ${index + 1}: ${this.state.plan[index]?.title ?? ''}` : 'Task start';
      const cp = await this.o.ports.checkpoints.create(label, signal);
      this.state.stepCheckpoints.set(key, cp.id);
      this.emit({ type: 'checkpoint_created', checkpointId: cp.id, label, stepIndex: index >= 0 ? index : undefined });
    } catch (err) {
      this.emit({ type: 'notice', level: 'warning', message: `Could not take a checkpoint before this change: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private async checkStuck(signal: AbortSignal): Promise<RunEnd | undefined> {
    const stuck = this.stuck.check();
    if (!stuck) return undefined;
    this.emit({ type: 'stuck_detected', kind: stuck.kind, detail: stuck.detail });
    if (this.recoveries === 0) {
      this.recoveries++;
      this.history.push({ role: 'user', content: recoveryMessage(stuck) });
      return undefined;
    }
    if (this.o.onStuck === 'end') return new RunEnd('stuck', `The agent kept repeating itself after a recovery message: ${stuck.detail}.`);
    try {
      const answer = await this.o.ports.approver.request({ id: `stuck-${this.turn}`, kind: 'stuck', toolName: 'keel', title: 'The agent seems stuck. Let it continue?', reason: stuck.detail }, signal);
      if (answer.decision === 'approve') {
        this.recoveries = 0;
        this.history.push({ role: 'user', content: `[Keel] The person lets you continue.${answer.edited ? ` Their guidance: ${answer.edited}` : ''} ${recoveryMessage(stuck)}` });
        return undefined;
      }
      return new RunEnd('stuck', `Stopped by the person after stuck detection: ${stuck.detail}.`);
    } catch {
      return new RunEnd('stopped', undefined);
    }
  }
}

/**
 * A conversation saved mid-turn may hold tool calls without results (the window closed while a step ran or waited).
 * Each gets a result saying it did not complete, so nothing is applied twice and the API's pairing rule holds.
 */
export function repairPairs(history: readonly ChatMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let i = 0; i < history.length; i++) {
    const m = history[i];
    if (!m) continue;
    out.push(m);
    if (m.role !== 'assistant' || !m.toolCalls?.length) continue;
    const answered = new Set<string>();
    while (history[i + 1]?.role === 'tool') {
      const t = history[++i];
      if (t?.role === 'tool') {
        answered.add(t.toolCallId);
        out.push(t);
      }
    }
    for (const c of m.toolCalls) {
      if (!answered.has(c.id)) out.push({ role: 'tool', toolCallId: c.id, content: 'Interrupted: VS Code closed or reloaded before this call completed, so it may not have run. Check the current state (read the file, git_status) before repeating it.' });
    }
  }
  return out;
}

function isReply(value: unknown): value is ModelReply {
  return typeof value === 'object' && value !== null && 'toolCalls' in value && 'finishReason' in value;
}

function toAmendment(preview: StepPreview, edited: string | undefined): StepAmendment | undefined {
  if (edited === undefined) return undefined;
  switch (preview.kind) {
    case 'files': {
      const first = preview.changes[0];
      return first ? { kind: 'files', path: first.path, after: edited } : undefined;
    }
    case 'command':
      return { kind: 'command', command: edited };
    case 'commit':
      return { kind: 'commit', message: edited };
    default:
      return undefined;
  }
}

function previewDetail(preview: StepPreview): string | undefined {
  switch (preview.kind) {
    case 'command':
      return preview.command;
    case 'commit':
      return `${preview.message}\n\nFiles: ${preview.paths.join(', ')}`;
    case 'files':
      return preview.changes.map((c) => c.path).join(', ');
    default:
      return undefined;
  }
}

export type { PlanStep };
