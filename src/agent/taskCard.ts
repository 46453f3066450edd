// The task card: rebuilt for every request (never appended), it carries the task verbatim, the plan with statuses,
// the step in progress, lessons from failed attempts and the budget left; context reduction never removes it.
import type { PlanStep } from './events';
import { currentStepIndex, formatPlan } from './plan';

export interface TaskCardInput {
  readonly task: string;
  readonly steps: readonly PlanStep[];
  readonly lessons: readonly string[];
  readonly turn: number;
  readonly maxTurns: number;
  readonly costUsd: number | undefined;
  readonly maxCostUsd: number | undefined;
  readonly planApproved: boolean;
  readonly requirePlanApproval: boolean;
  readonly verifyCommand: string | undefined;
}

export function buildTaskCard(c: TaskCardInput): string {
  const current = currentStepIndex(c.steps);
  const lines = ['<task_card>', 'Task (the person\'s words, verbatim):', c.task, '', 'Plan:', formatPlan(c.steps)];
  const step = current === undefined ? undefined : c.steps[current];
  lines.push('', step ? `Current step: ${current === undefined ? '' : current + 1}. ${step.title}` : 'Current step: none in progress — mark the next step in_progress before working on it.');
  if (c.requirePlanApproval && !c.planApproved) lines.push('Plan approval: not approved yet — only read-only tools run until the person approves your plan.');
  if (c.lessons.length > 0) {
    lines.push('', 'Lessons from failed attempts (do not repeat them):');
    for (const lesson of c.lessons.slice(-8)) lines.push(`- ${lesson}`);
  }
  const budget = [`turn ${c.turn} of ${c.maxTurns}`];
  if (c.maxCostUsd !== undefined) budget.push(`cost $${(c.costUsd ?? 0).toFixed(2)} of $${c.maxCostUsd.toFixed(2)}`);
  lines.push('', `Budget: ${budget.join(', ')}.`);
  lines.push(c.verifyCommand ? `Verification: finish runs \`${c.verifyCommand}\`; it must pass.` : 'Verification: no verify command is known; say in finish how you checked the result.');
  lines.push('</task_card>');
  return lines.join('\n');
}
