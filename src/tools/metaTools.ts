// The tools that talk to the harness rather than the workspace: update_plan, restore_checkpoint, ask_user, finish.
// Their effects belong to the agent, which supplies the handlers.
import { z } from 'zod';
import { immediate, type PreparedStep, type ToolDef, type ToolResult } from './types';

export const STEP_STATUSES = ['pending', 'in_progress', 'done', 'failed', 'skipped'] as const;

const planSchema = z
  .object({
    steps: z
      .array(z.object({ title: z.string().min(1).describe('What this step does, in a few words'), status: z.enum(STEP_STATUSES) }).strict())
      .min(1)
      .max(30)
      .describe('The whole plan, every step with its current status; at most one step in_progress'),
  })
  .strict();

const restoreSchema = z
  .object({
    checkpoint: z.string().optional().describe('Checkpoint id to return to (default: the start of the current step)'),
    reason: z.string().optional().describe('What was tried and why it failed (kept as a lesson)'),
  })
  .strict();

const askSchema = z.object({ question: z.string().min(1).describe('One clear question for the person') }).strict();

const finishSchema = z.object({ summary: z.string().min(1).describe('What changed and how it was verified') }).strict();

export type PlanArgs = z.infer<typeof planSchema>;

export interface MetaHandlers {
  /** Applies a plan update; may ask the person to approve the plan. */
  updatePlan(args: PlanArgs, signal: AbortSignal): Promise<ToolResult>;
  restoreCheckpoint(args: z.infer<typeof restoreSchema>, signal: AbortSignal): Promise<ToolResult>;
  askUser(question: string, signal: AbortSignal): Promise<ToolResult>;
  /** Runs the verification gate; an ok result ends the run. */
  finish(summary: string, signal: AbortSignal): Promise<ToolResult>;
}

function metaStep(title: string, run: (signal: AbortSignal) => Promise<ToolResult>): PreparedStep {
  return immediate(title, (ctx) => run(ctx.signal));
}

export function createMetaTools(handlers: MetaHandlers): ToolDef[] {
  const updatePlan: ToolDef<typeof planSchema> = {
    name: 'update_plan',
    description: 'Set the plan: the full list of steps with statuses (pending, in_progress, done, failed, skipped). Call it first, then whenever a step starts or ends.',
    schema: planSchema,
    risk: 'meta',
    prepare: async (args) => metaStep('Update plan', (signal) => handlers.updatePlan(args, signal)),
  };
  const restore: ToolDef<typeof restoreSchema> = {
    name: 'restore_checkpoint',
    description: 'Undo the workspace changes of a dead end: return files to the start of the current step (or a named checkpoint) and record why.',
    schema: restoreSchema,
    risk: 'meta',
    prepare: async (args) => metaStep('Restore checkpoint', (signal) => handlers.restoreCheckpoint(args, signal)),
  };
  const ask: ToolDef<typeof askSchema> = {
    name: 'ask_user',
    description: 'Ask the person a question when the task is ambiguous or you need a decision only they can make.',
    schema: askSchema,
    risk: 'meta',
    prepare: async (args) => metaStep('Ask the person', (signal) => handlers.askUser(args.question, signal)),
  };
  const finish: ToolDef<typeof finishSchema> = {
    name: 'finish',
    description: 'Declare the task done with a summary; the verify command runs first and a failure refuses the finish.',
    schema: finishSchema,
    risk: 'meta',
    prepare: async (args) => metaStep('Finish', (signal) => handlers.finish(args.summary, signal)),
  };
  return [updatePlan, restore, ask, finish] as ToolDef[];
}
