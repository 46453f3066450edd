// The keel.* settings, read once per task: each value is checked, and a corrupt one falls back to its default with a warning.
import * as vscode from 'vscode';
import { DEFAULT_LIMITS } from '../agent/agent';
import { DEFAULT_APPROVAL_SETTINGS, type ApprovalSettings } from '../agent/policy';

export interface KeelSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly approval: ApprovalSettings;
  readonly maxTurns: number;
  readonly maxCostUsd: number | undefined;
  readonly costWarningUsd: number | undefined;
  readonly verifyCommand: string;
  readonly commandTimeoutSeconds: number;
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  /** Start each task on a new branch keel/<slug>. */
  readonly branchPerTask: boolean;
}

/** The slice of WorkspaceConfiguration this module reads (tests pass a plain object). */
export interface ConfigSource {
  get(key: string): unknown;
}

type Warn = (message: string) => void;

function pick<T>(config: ConfigSource, key: string, fallback: T, ok: (v: unknown) => v is T, warn: Warn): T {
  const value = config.get(key);
  if (value === undefined || value === null) return fallback;
  if (ok(value)) return value;
  warn(`Setting keel.${key} has an invalid value (${JSON.stringify(value)?.slice(0, 80)}); using the default ${JSON.stringify(fallback)}.`);
  return fallback;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isMoney = (v: unknown): v is number | undefined => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

export function readSettings(config: ConfigSource, warn: Warn): KeelSettings {
  const d = DEFAULT_APPROVAL_SETTINGS;
  const approval: ApprovalSettings = {
    autoApproveReads: pick(config, 'approval.autoApproveReads', d.autoApproveReads, isBool, warn),
    autoApproveEdits: pick(config, 'approval.autoApproveEdits', d.autoApproveEdits, isBool, warn),
    autoApproveEditGlobs: pick<readonly string[]>(config, 'approval.autoApproveEditGlobs', d.autoApproveEditGlobs, isStrings, warn),
    autoApproveCommands: pick(config, 'approval.autoApproveCommands', d.autoApproveCommands, isBool, warn),
    commandAllowList: pick<readonly string[]>(config, 'approval.commandAllowList', d.commandAllowList, isStrings, warn),
    commandDenyList: pick<readonly string[]>(config, 'approval.commandDenyList', d.commandDenyList, isStrings, warn),
    requirePlanApproval: pick(config, 'approval.requirePlanApproval', d.requirePlanApproval, isBool, warn),
  };
  const maxCost = pick<number | undefined>(config, 'maxCostUsd', undefined, isMoney, warn);
  const warning = pick<number | undefined>(config, 'costWarningUsd', undefined, isMoney, warn);
  return {
    baseUrl: pick(config, 'baseUrl', 'https://api.openai.com/v1', isString, warn).trim(),
    model: pick(config, 'model', '', isString, warn).trim(),
    approval,
    maxTurns: pick(config, 'maxTurns', DEFAULT_LIMITS.maxTurns, positiveInt, warn),
    maxCostUsd: maxCost === 0 ? undefined : maxCost,
    costWarningUsd: warning === 0 ? undefined : warning,
    verifyCommand: pick(config, 'verifyCommand', '', isString, warn).trim(),
    commandTimeoutSeconds: pick(config, 'commandTimeoutSeconds', DEFAULT_LIMITS.commandTimeoutSeconds, positiveInt, warn),
    contextWindow: pick(config, 'contextWindow', DEFAULT_LIMITS.contextWindow, positiveInt, warn),
    maxOutputTokens: pick(config, 'maxOutputTokens', DEFAULT_LIMITS.maxOutputTokens, positiveInt, warn),
    branchPerTask: pick(config, 'git.branchPerTask', false, isBool, warn),
  };
}

/** Reads the live configuration, logging each fallback. */
export function currentSettings(log: vscode.LogOutputChannel): KeelSettings {
  return readSettings(vscode.workspace.getConfiguration('keel'), (m) => log.warn(m));
}

export type RuleKind = 'command' | 'editGlob';

/** "Always allow": appends the rule to keel.approval.commandAllowList or autoApproveEditGlobs (user settings). */
export async function addApprovalRule(kind: RuleKind, value: string): Promise<void> {
  const key = kind === 'command' ? 'approval.commandAllowList' : 'approval.autoApproveEditGlobs';
  const config = vscode.workspace.getConfiguration('keel');
  const current = config.get<unknown>(key);
  const list = isStrings(current) ? current : [];
  const rule = value.trim();
  if (rule === '' || list.includes(rule)) return;
  await config.update(key, [...list, rule], vscode.ConfigurationTarget.Global);
}

/** Writes the model choice made in the panel's setup. */
export async function saveModelChoice(baseUrl: string, model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('keel');
  await config.update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
  await config.update('model', model, vscode.ConfigurationTarget.Global);
}
