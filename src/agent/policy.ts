// The approval policy: a pure decision — run, ask the person, or refuse — for each prepared step. The tool's own
// classification of a command (dangerous or not) and the paths it writes are inputs; model output never is.
import ignore from 'ignore';
import type { ApprovalKind } from '../ports';
import { classifyCommand } from '../tools/commandRisk';
import type { Risk, StepPreview } from '../tools/types';

export interface ApprovalSettings {
  readonly autoApproveReads: boolean;
  readonly autoApproveEdits: boolean;
  /** Edits to paths matching these globs (gitignore syntax) run without asking, even when autoApproveEdits is off. */
  readonly autoApproveEditGlobs: readonly string[];
  readonly autoApproveCommands: boolean;
  /** Command prefixes ("npm test", "git status") that run without asking; every part of a chain must match. */
  readonly commandAllowList: readonly string[];
  /** Command prefixes that are always refused; deny wins over allow. */
  readonly commandDenyList: readonly string[];
  /** Until the plan is approved only read-only tools run. */
  readonly requirePlanApproval: boolean;
}

export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = {
  autoApproveReads: true,
  autoApproveEdits: false,
  autoApproveEditGlobs: [],
  autoApproveCommands: false,
  commandAllowList: [],
  commandDenyList: [],
  requirePlanApproval: true,
};

export interface PolicyState {
  readonly trusted: boolean;
  readonly planApproved: boolean;
  readonly workspaceRoots: readonly string[];
}

export type PolicyDecision =
  | { readonly action: 'run' }
  | { readonly action: 'ask'; readonly kind: ApprovalKind; readonly reason: string }
  | { readonly action: 'refuse'; readonly reason: string };

const SENSITIVE = ignore().add([
  '.vscode/',
  '.env',
  '.env.*',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  'id_rsa*',
  'id_ed25519*',
  'id_ecdsa*',
  '.ssh/',
  '.aws/',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '*credentials*',
  '*secret*',
  '.github/workflows/',
  '.gitlab-ci.yml',
  '.circleci/',
  'azure-pipelines.yml',
  'Jenkinsfile',
  '.ci/',
  '*.code-workspace',
]);

/** Why a workspace-relative path is sensitive, or undefined when it is not. */
export function sensitiveReason(rel: string): string | undefined {
  const clean = rel.replace(/^\.\//, '');
  if (clean === '' || clean === '.') return undefined;
  return SENSITIVE.ignores(clean) ? `"${clean}" is a sensitive path (settings, secrets, keys or CI), which always needs a person's approval` : undefined;
}

function words(part: readonly string[]): string {
  return part.join(' ').trim();
}

function matchesPrefix(part: readonly string[], prefixes: readonly string[]): string | undefined {
  const text = words(part);
  return prefixes.find((p) => {
    const prefix = p.trim().replace(/\s+/g, ' ');
    return prefix !== '' && (text === prefix || text.startsWith(`${prefix} `));
  });
}

export function decide(risk: Risk, preview: StepPreview, writes: readonly string[], settings: ApprovalSettings, state: PolicyState): PolicyDecision {
  if (risk === 'read' || risk === 'meta') {
    return risk === 'read' && !settings.autoApproveReads ? { action: 'ask', kind: 'other', reason: 'reads need approval (setting)' } : { action: 'run' };
  }
  if (!state.trusted) {
    return { action: 'refuse', reason: 'This workspace is not trusted, so Keel runs no command and applies no edit here. Describe the change instead; the person can trust the folder to let Keel act.' };
  }
  if (settings.requirePlanApproval && !state.planApproved) {
    return { action: 'refuse', reason: 'The plan has not been approved yet, so only read-only tools may run. Propose the plan with update_plan; once the person approves it, continue.' };
  }
  if (risk === 'command') {
    const command = preview.kind === 'command' ? preview.command : '';
    const risky = classifyCommand(command, { workspaceRoots: state.workspaceRoots });
    for (const part of risky.parts) {
      const denied = matchesPrefix(part, settings.commandDenyList);
      if (denied) return { action: 'refuse', reason: `The command matches the deny list ("${denied}") and was refused.` };
    }
    if (risky.level === 'dangerous') return { action: 'ask', kind: 'dangerous', reason: `dangerous command: ${risky.reasons.join('; ')}` };
    const allAllowed = risky.parts.length > 0 && risky.parts.every((p) => matchesPrefix(p, settings.commandAllowList) !== undefined);
    if (settings.autoApproveCommands || allAllowed) return { action: 'run' };
    return { action: 'ask', kind: 'command', reason: 'commands need approval' };
  }
  for (const path of writes) {
    const why = sensitiveReason(path);
    if (why) return { action: 'ask', kind: 'sensitive', reason: why };
  }
  if (risk === 'git') return { action: 'ask', kind: 'commit', reason: 'commits need approval' };
  const globs = settings.autoApproveEditGlobs.length ? ignore().add([...settings.autoApproveEditGlobs]) : undefined;
  if (settings.autoApproveEdits || (globs && writes.length > 0 && writes.every((w) => globs.ignores(w)))) return { action: 'run' };
  return { action: 'ask', kind: 'edit', reason: 'edits need approval' };
}
