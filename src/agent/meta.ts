// The agent's side of the meta tools: plan updates (with plan approval and per-step checkpoints), restoring a
// checkpoint with a recorded lesson, questions to the person, and the verification gate behind finish.
import { boundText } from '../tools/outputBounds';
import { createMetaTools, type PlanArgs } from '../tools/metaTools';
import { formatTestSummary, summarizeTests } from '../tools/testSummary';
import type { ToolDef, ToolResult } from '../tools/types';
import type { AgentOptions } from './agent';
import type { AgentEvent, PlanStep, RunOutcome } from './events';
import { applyPlanUpdate, currentStepIndex, formatPlan } from './plan';

export interface MetaState {
  plan: PlanStep[];
  planApproved: boolean;
  lessons: string[];
  /** Checkpoint id taken when each step (by index; -1 = before any step) started. */
  stepCheckpoints: Map<number, string>;
  changedPaths: Set<string>;
  finishSummary: string | undefined;
  finished: boolean;
  verified: boolean | undefined;
  verifyFailures: number;
  lastVerifyOutput: string | undefined;
  endReason: { outcome: RunOutcome; reason: string } | undefined;
}

interface MetaDeps {
  readonly options: AgentOptions;
  readonly state: MetaState;
  readonly emit: (event: AgentEvent) => void;
  readonly onRestore: () => void;
}

const ok = (content: string): ToolResult => ({ ok: true, content });
const fail = (content: string): ToolResult => ({ ok: false, content });

function parseEditedPlan(text: string, fallback: readonly PlanStep[]): PlanStep[] {
  const steps = text
    .split('\n')
    .map((l) => l.replace(/^\s*(\[[ x>!-]\]\s*)?(\d+[.)]\s*)?/, '').replace(/\s*← in progress$/, '').trim())
    .filter((l) => l !== '')
    .map((title, i): PlanStep => ({ title, status: fallback[i]?.title === title ? fallback[i]?.status ?? 'pending' : 'pending' }));
  return steps.length ? steps : [...fallback];
}

export function createMetaHandlers(d: MetaDeps): ToolDef[] {
  const { options: o, state: s } = d;

  async function checkpointStarted(started: readonly number[], signal: AbortSignal): Promise<void> {
    for (const index of started) {
      try {
        const label = `Before step ${index + 1}: ${s.plan[index]?.title ?? ''}`;
        const cp = await o.ports.checkpoints.create(label, signal);
        s.stepCheckpoints.set(index, cp.id);
        d.emit({ type: 'checkpoint_created', checkpointId: cp.id, label, stepIndex: index });
      } catch (err) {
        d.emit({ type: 'notice', level: 'warning', message: `Could not take a checkpoint for step ${index + 1}: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  }

  return createMetaTools({
    async updatePlan(args: PlanArgs, signal) {
      const update = applyPlanUpdate(s.plan, args.steps);
      if (!update.ok) return fail(update.error);
      s.plan = [...update.change.steps];
      d.emit({ type: 'plan_updated', steps: s.plan });
      if (!s.planApproved) {
        let answer;
        try {
          answer = await o.ports.approver.request({ id: `plan-${Date.now()}`, kind: 'plan', toolName: 'update_plan', title: 'Approve the plan', reason: 'the plan needs approval before anything changes', detail: formatPlan(s.plan) }, signal);
        } catch {
          return fail('Cancelled while the plan waited for approval.');
        }
        if (answer.decision === 'reject') {
          return fail(`The person rejected the plan${answer.reason ? `: ${answer.reason}` : ''}. Revise it with update_plan; until it is approved only read-only tools run.`);
        }
        s.planApproved = true;
        if (answer.edited !== undefined) {
          s.plan = parseEditedPlan(answer.edited, s.plan);
          d.emit({ type: 'plan_updated', steps: s.plan });
          await checkpointStarted(s.plan.flatMap((st, i) => (st.status === 'in_progress' ? [i] : [])), signal);
          return ok(`The person approved the plan after editing it. The plan is now:\n${formatPlan(s.plan)}`);
        }
        await checkpointStarted(s.plan.flatMap((st, i) => (st.status === 'in_progress' ? [i] : [])), signal);
        return ok(`Plan approved.\n${formatPlan(s.plan)}`);
      }
      await checkpointStarted(update.change.started, signal);
      return ok(`Plan updated.\n${formatPlan(s.plan)}`);
    },

    async restoreCheckpoint(args, signal) {
      if (!o.ports.workspace.isTrusted()) return fail('This workspace is not trusted, so files cannot be restored.');
      const current = currentStepIndex(s.plan);
      const id = args.checkpoint ?? (current !== undefined ? s.stepCheckpoints.get(current) : undefined) ?? s.stepCheckpoints.get(-1) ?? [...s.stepCheckpoints.values()].pop();
      if (id === undefined) return fail('There is no checkpoint yet: no file has been changed in this task, so there is nothing to restore.');
      try {
        const result = await o.ports.checkpoints.restore(id, signal);
        const title = current !== undefined ? s.plan[current]?.title : undefined;
        s.lessons.push(`${title ? `Step "${title}"` : 'An attempt'} was abandoned and its changes undone${args.reason ? `: ${args.reason}` : ''}.`);
        d.emit({ type: 'checkpoint_restored', checkpointId: id, restored: result.restored, deleted: result.deleted });
        d.onRestore();
        const changed = [...result.restored, ...result.deleted];
        return ok(`Restored checkpoint ${id}: ${result.restored.length} files written back, ${result.deleted.length} files created since were removed${changed.length ? ` (${changed.slice(0, 20).join(', ')})` : ''}. The lesson is recorded in the task card. (Undo checkpoint: ${result.undo.id}.)`);
      } catch (err) {
        return fail(`Could not restore checkpoint ${id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },

    async askUser(question, signal) {
      try {
        const answer = await o.ports.approver.request({ id: `ask-${Date.now()}`, kind: 'question', toolName: 'ask_user', title: question, reason: 'the agent asks a question' }, signal);
        if (answer.decision === 'approve' && answer.edited) return ok(`The person answered: ${answer.edited}`);
        return fail(`The person did not answer${answer.decision === 'reject' && answer.reason ? ` (${answer.reason})` : ''}. Make a reasonable assumption, state it, and continue.`);
      } catch {
        return fail('Cancelled while waiting for the answer.');
      }
    },

    async finish(summary, signal) {
      s.finishSummary = summary;
      const command = o.verifyCommand;
      if (!command) {
        s.finished = true;
        return ok('Finished. (No verify command is known, so the result is not verified.)');
      }
      if (!o.ports.workspace.isTrusted()) {
        s.endReason = { outcome: 'not_verified', reason: 'The workspace is not trusted, so the verify command could not run.' };
        return fail(s.endReason.reason);
      }
      const root = o.ports.workspace.roots[0] ?? '.';
      const result = await o.ports.commands.run({ command, cwd: root, timeoutMs: Math.max(o.limits.commandTimeoutSeconds, 300) * 1000 }, () => undefined, signal);
      const passed = result.exitCode === 0 && !result.timedOut && !result.cancelled;
      const parsed = passed ? undefined : summarizeTests(command, result.output);
      const failures = parsed ? formatTestSummary(parsed) : '';
      const tail = boundText(`${failures ? `${failures}\n\n` : ''}${result.output}`, 6000);
      d.emit({ type: 'verify_result', command, passed, exitCode: result.exitCode, summary: passed ? 'passed' : failures.split('\n')[0] || `exit code ${result.exitCode ?? 'unknown'}` });
      if (passed) {
        s.verified = true;
        s.finished = true;
        return ok(`Verified: \`${command}\` passed. Finished.`);
      }
      if (result.cancelled) return fail('Cancelled while verifying.');
      s.verified = false;
      s.verifyFailures++;
      s.lastVerifyOutput = boundText(result.output, 2000);
      if (s.verifyFailures >= o.limits.maxVerifyFailures) {
        s.endReason = { outcome: 'not_verified', reason: `\`${command}\` still failed after ${s.verifyFailures} attempts to finish.` };
        return fail(`Finish refused for the last time: \`${command}\` failed again. The run ends as not verified.`);
      }
      const code = result.timedOut ? 'timed out' : result.exitCode === undefined ? 'ended with an unknown exit code' : `exited with code ${result.exitCode}`;
      return fail(`Finish refused: the verify command \`${command}\` ${code}. Fix the failures, then call finish again (${o.limits.maxVerifyFailures - s.verifyFailures} attempts left).\n${tail}`);
    },
  });
}
