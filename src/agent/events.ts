// The one union of events a run emits; the panel and the CLI are renderers of it (`--json` prints them one per line).
import type { Usage } from '../model/types';
import type { StepPreview } from '../tools/types';

export type StepStatus = 'pending' | 'in_progress' | 'done' | 'failed' | 'skipped';

export interface PlanStep {
  readonly title: string;
  readonly status: StepStatus;
}

export type RunOutcome =
  | 'finished' // finish accepted (verified, or no verify command exists)
  | 'not_verified' // finish refused by the verify gate too often
  | 'stuck' // stuck detection gave up
  | 'budget' // turns, cost or time ran out
  | 'stopped' // the person stopped it
  | 'waiting' // a reply with no tool call: the turn ended, waiting for the person
  | 'error'; // the model failed (unreachable, auth, ...)

export type AgentEvent =
  | { readonly type: 'run_start'; readonly taskId: string; readonly task: string; readonly model: string }
  | { readonly type: 'turn_start'; readonly turn: number }
  | { readonly type: 'text_delta'; readonly delta: string }
  | { readonly type: 'thinking_delta'; readonly delta: string }
  | { readonly type: 'assistant_message'; readonly text: string }
  | { readonly type: 'tool_call_delta'; readonly index: number; readonly name?: string; readonly argumentsDelta: string }
  | { readonly type: 'tool_start'; readonly callId: string; readonly name: string; readonly args: unknown; readonly title: string; readonly preview: StepPreview }
  | { readonly type: 'approval_needed'; readonly callId: string; readonly approvalId: string; readonly reason: string }
  | { readonly type: 'approval_resolved'; readonly callId: string; readonly approved: boolean; readonly reason?: string; readonly amended: boolean }
  | { readonly type: 'tool_output'; readonly callId: string; readonly chunk: string }
  | { readonly type: 'tool_end'; readonly callId: string; readonly name: string; readonly ok: boolean; readonly summary: string; readonly changedPaths: readonly string[] }
  | { readonly type: 'plan_updated'; readonly steps: readonly PlanStep[] }
  | { readonly type: 'checkpoint_created'; readonly checkpointId: string; readonly label: string; readonly stepIndex: number | undefined }
  | { readonly type: 'checkpoint_restored'; readonly checkpointId: string; readonly restored: readonly string[]; readonly deleted: readonly string[] }
  | { readonly type: 'verify_result'; readonly command: string; readonly passed: boolean; readonly exitCode: number | undefined; readonly summary: string }
  | { readonly type: 'stuck_detected'; readonly kind: string; readonly detail: string }
  | { readonly type: 'usage'; readonly request: Usage; readonly totalInput: number; readonly totalOutput: number; readonly costUsd: number | undefined; readonly contextTokens: number; readonly contextWindow: number }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'notice'; readonly level: 'info' | 'warning' | 'error'; readonly message: string }
  | { readonly type: 'run_end'; readonly outcome: RunOutcome; readonly summary: string; readonly changedPaths: readonly string[]; readonly verified: boolean | undefined };

export type AgentEventListener = (event: AgentEvent) => void;
