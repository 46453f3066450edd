// The plan the model keeps through update_plan: validation of an update and what changed (for checkpoints and progress).
import type { PlanStep, StepStatus } from './events';

export interface PlanChange {
  readonly steps: readonly PlanStep[];
  /** Indexes of steps that turned in_progress with this update. */
  readonly started: readonly number[];
  /** True when any step reached done, failed or skipped, or a new step was added. */
  readonly progressed: boolean;
}

export type PlanUpdate = { readonly ok: true; readonly change: PlanChange } | { readonly ok: false; readonly error: string };

const FINAL: ReadonlySet<StepStatus> = new Set(['done', 'failed', 'skipped']);

export function applyPlanUpdate(previous: readonly PlanStep[], next: readonly PlanStep[]): PlanUpdate {
  const active = next.filter((s) => s.status === 'in_progress');
  if (active.length > 1) {
    return { ok: false, error: `Only one step may be in_progress at a time; you marked ${active.length} (${active.map((s) => `"${s.title}"`).join(', ')}). Work one step at a time.` };
  }
  const started: number[] = [];
  let progressed = next.length > previous.length;
  next.forEach((step, i) => {
    const before = previous[i];
    const sameStep = before !== undefined && before.title === step.title;
    if (step.status === 'in_progress' && !(sameStep && before.status === 'in_progress')) started.push(i);
    if (FINAL.has(step.status) && !(sameStep && before.status === step.status)) progressed = true;
  });
  return { ok: true, change: { steps: next.map((s) => ({ title: s.title, status: s.status })), started, progressed } };
}

export function currentStepIndex(steps: readonly PlanStep[]): number | undefined {
  const i = steps.findIndex((s) => s.status === 'in_progress');
  return i >= 0 ? i : undefined;
}

const ICON: Record<StepStatus, string> = { pending: '[ ]', in_progress: '[>]', done: '[x]', failed: '[!]', skipped: '[-]' };

export function formatPlan(steps: readonly PlanStep[]): string {
  if (steps.length === 0) return '(no plan yet — set one with update_plan)';
  return steps.map((s, i) => `${ICON[s.status]} ${i + 1}. ${s.title}${s.status === 'in_progress' ? '  ← in progress' : ''}`).join('\n');
}
