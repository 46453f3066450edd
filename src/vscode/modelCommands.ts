// "Keel: Select Model": a quick pick of the server's /models (an input box when it lists none) and of VS Code's own language
// models; writes keel.provider and keel.model. Also builds the configured Model from those settings.
import * as vscode from 'vscode';
import { configFromSettings } from '../model/config';
import { listModels } from '../model/listModels';
import { createOpenAIModel } from '../model/openaiModel';
import type { Model } from '../model/types';
import { selectLmModel, type LmSource } from './lmModel';
import type { ApiKeyStore } from './secrets';

export const SELECT_MODEL_COMMAND = 'keel.selectModel';

export type Provider = 'openai-compatible' | 'vscode-lm';

export interface ModelPick extends vscode.QuickPickItem {
  readonly provider: Provider;
  /** The model name for the server, the model id for VS Code; '' for the "type a name" entry. */
  readonly model: string;
}

/** The UI calls the command makes (tests replace them). */
export interface PickerUi {
  showQuickPick(items: readonly ModelPick[], options: vscode.QuickPickOptions): Thenable<ModelPick | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
}

export interface SelectModelDeps {
  readonly keys: Pick<ApiKeyStore, 'get'>;
  readonly lm?: LmSource;
  readonly ui?: PickerUi;
  /** How long to wait for the server's /models. */
  readonly listTimeoutMs?: number;
}

export function readProvider(config: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration('keel')): Provider {
  return config.get<string>('provider') === 'vscode-lm' ? 'vscode-lm' : 'openai-compatible';
}

/** The items of the quick pick: the server's models (or a "type a name" entry), then VS Code's models; the current one marked. */
export function buildModelPicks(baseUrl: string, server: readonly string[] | Error, lm: readonly vscode.LanguageModelChat[], current: { provider: Provider; model: string }): ModelPick[] {
  const isCurrent = (p: Provider, m: string): string | undefined => (current.provider === p && current.model === m ? 'current' : undefined);
  const sep = (label: string): ModelPick => ({ label, kind: vscode.QuickPickItemKind.Separator, provider: 'openai-compatible', model: '' });
  const items: ModelPick[] = [sep(`Server: ${baseUrl}`)];
  if (server instanceof Error) items.push({ label: '$(edit) Type a model name…', detail: `The server did not list its models: ${server.message}`, provider: 'openai-compatible', model: '', alwaysShow: true });
  else {
    for (const id of server) items.push({ label: id, description: isCurrent('openai-compatible', id), provider: 'openai-compatible', model: id });
    items.push({ label: '$(edit) Type a model name…', provider: 'openai-compatible', model: '', alwaysShow: true });
  }
  if (lm.length > 0) {
    items.push(sep('VS Code language models'));
    for (const chat of lm) items.push({ label: chat.name, description: [chat.vendor, chat.family, isCurrent('vscode-lm', chat.id)].filter(Boolean).join(' · '), detail: `${chat.maxInputTokens.toLocaleString()} input tokens`, provider: 'vscode-lm', model: chat.id });
  }
  return items;
}

/** Writes the choice where keel.model is set now (the workspace when it overrides it, else the user settings). */
export async function applyModelPick(provider: Provider, model: string, config: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration('keel')): Promise<void> {
  const inspected = config.inspect<string>('model');
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('provider', provider, target);
  await config.update('model', model, target);
}

/** Runs the selection; resolves with what was chosen (undefined when dismissed). */
export async function selectModel(deps: SelectModelDeps): Promise<{ provider: Provider; model: string } | undefined> {
  const config = vscode.workspace.getConfiguration('keel');
  const ui: PickerUi = deps.ui ?? vscode.window;
  const baseUrl = config.get<string>('baseUrl', 'https://api.openai.com/v1');
  const current = { provider: readProvider(config), model: config.get<string>('model', '') };
  const apiKey = await deps.keys.get();
  const [server, lm] = await Promise.all([
    listModels(configFromSettings((name) => config.get(name), apiKey), AbortSignal.timeout(deps.listTimeoutMs ?? 5_000)).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
    Promise.resolve((deps.lm ?? vscode.lm).selectChatModels()).catch((): vscode.LanguageModelChat[] => []),
  ]);
  const picks = buildModelPicks(baseUrl, server, lm, current);
  const picked = (server instanceof Error || server.length === 0) && lm.length === 0 ? picks.find((p) => p.model === '' && p.kind !== vscode.QuickPickItemKind.Separator) : await ui.showQuickPick(picks, { title: 'Keel: Select Model', placeHolder: 'The model Keel uses for its tasks', matchOnDescription: true });
  if (picked === undefined) return undefined;
  let model = picked.model;
  if (model === '') {
    const typed = await ui.showInputBox({ title: 'Keel: Select Model', prompt: `Model name at ${baseUrl}`, value: current.provider === 'openai-compatible' ? current.model : '', ignoreFocusOut: true });
    if (typed === undefined || typed.trim() === '') return undefined;
    model = typed.trim();
  }
  await applyModelPick(picked.provider, model, config);
  return { provider: picked.provider, model };
}

/** The Model the settings describe: VS Code's model when keel.provider is "vscode-lm", else the OpenAI-compatible server. */
export async function createConfiguredModel(keys: Pick<ApiKeyStore, 'get'>, lm?: LmSource): Promise<Model> {
  const config = vscode.workspace.getConfiguration('keel');
  if (readProvider(config) === 'vscode-lm') return selectLmModel(config.get<string>('model'), lm);
  return createOpenAIModel(configFromSettings((name) => config.get(name), await keys.get()));
}

export function registerModelCommands(keys: ApiKeyStore): vscode.Disposable {
  return vscode.commands.registerCommand(SELECT_MODEL_COMMAND, async () => {
    try {
      const chosen = await selectModel({ keys });
      if (chosen) void vscode.window.showInformationMessage(`Keel: using ${chosen.model}${chosen.provider === 'vscode-lm' ? ' (VS Code language model)' : ''}.`);
      return chosen;
    } catch (e) {
      void vscode.window.showErrorMessage(`Keel: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  });
}
