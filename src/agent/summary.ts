// The final summary of a run: what changed, what was verified, and what was not.
import type { RunOutcome } from './events';

export interface SummaryInput {
  readonly outcome: RunOutcome;
  readonly modelSummary: string | undefined;
  readonly reason: string | undefined;
  readonly changedPaths: readonly string[];
  readonly verifyCommand: string | undefined;
  readonly verified: boolean | undefined;
  readonly lastVerifyOutput: string | undefined;
}

const HEADLINE: Record<RunOutcome, string> = {
  finished: 'Finished.',
  not_verified: 'Ended without verification: the verify command kept failing.',
  stuck: 'Stopped: the agent was stuck.',
  budget: 'Stopped: a budget ran out.',
  stopped: 'Stopped by the person.',
  waiting: 'Waiting for the person.',
  error: 'Ended with an error.',
};

export function buildRunSummary(s: SummaryInput): string {
  const lines = [HEADLINE[s.outcome]];
  if (s.reason) lines.push(s.reason);
  if (s.modelSummary) lines.push('', s.modelSummary.trim());
  // Blank lines keep each part its own paragraph where the summary is rendered as Markdown (the panel).
  lines.push('', s.changedPaths.length ? `Changed files (${s.changedPaths.length}): ${s.changedPaths.join(', ')}` : 'No files were changed.', '');
  if (s.verified === true) lines.push(`Verified: \`${s.verifyCommand ?? ''}\` passed.`);
  else if (s.verified === false) lines.push(`Not verified: \`${s.verifyCommand ?? ''}\` failed.${s.lastVerifyOutput ? `\n${s.lastVerifyOutput}` : ''}`);
  else if (s.verifyCommand) lines.push(`Not verified: \`${s.verifyCommand}\` was not run to completion.`);
  else lines.push('Not verified: no verify command is configured or detectable (set keel.verifyCommand or pass --verify).');
  return lines.join('\n');
}
