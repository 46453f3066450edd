// VS Code's Language Model API inside a real VS Code: the provider says clearly when no model is registered, LmModel speaks
// the API's real part classes, and "Keel: Select Model" lists the server's and VS Code's models and writes the settings.
// A real provider is registered by the test-only extension in test/fixtures/lm-provider (proposed `chatProvider` API in 1.100,
// enabled for it alone with --enable-proposed-api; Keel's own manifest carries no proposal). Finer cases (cancellation,
// part classes sent) use a LanguageModelChat handed in through LmSource, as a provider's is.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LmModel, NO_LM_MESSAGE, selectLmModel, toLmMessages, type LmSource } from '../../src/vscode/lmModel';
import { createConfiguredModel, selectModel, SELECT_MODEL_COMMAND, type ModelPick, type PickerUi } from '../../src/vscode/modelCommands';
import { ModelError, type ModelStreamEvent } from '../../src/model/types';
import { startModelServer } from '../support/modelServer';
import { suite, test } from './harness';

const TOOL = { name: 'read_file', description: 'Read a file.', parameters: { type: 'object' as const, properties: { path: { type: 'string' } }, required: ['path'] } };

/** A chat model as a provider extension would register it; answers with the given parts and records what it was sent. */
class FakeChat implements vscode.LanguageModelChat {
  readonly name = 'Fake GPT';
  readonly id = 'fake-vendor/fake-gpt';
  readonly vendor = 'fake-vendor';
  readonly family = 'fake-gpt';
  readonly version = '1';
  readonly maxInputTokens = 64_000;
  sent: vscode.LanguageModelChatMessage[] = [];
  options: vscode.LanguageModelChatRequestOptions | undefined;
  cancelled = false;
  constructor(private readonly parts: () => AsyncIterable<unknown>) {}
  sendRequest(messages: vscode.LanguageModelChatMessage[], options?: vscode.LanguageModelChatRequestOptions, token?: vscode.CancellationToken): Thenable<vscode.LanguageModelChatResponse> {
    this.sent = messages;
    this.options = options;
    token?.onCancellationRequested(() => {
      this.cancelled = true;
    });
    const stream = this.parts();
    return Promise.resolve({
      stream,
      text: (async function* () {
        for await (const p of stream) if (p instanceof vscode.LanguageModelTextPart) yield p.value;
      })(),
    });
  }
  countTokens(text: string | vscode.LanguageModelChatMessage): Thenable<number> {
    const s = typeof text === 'string' ? text : JSON.stringify(text.content);
    return Promise.resolve(Math.ceil(s.length / 4));
  }
}

const lmWith = (...models: vscode.LanguageModelChat[]): LmSource => ({ selectChatModels: () => Promise.resolve(models) });

function pickerUi(choose: (items: readonly ModelPick[]) => ModelPick | undefined, typed?: string): PickerUi & { shown: ModelPick[][] } {
  const shown: ModelPick[][] = [];
  return {
    shown,
    showQuickPick: (items) => {
      shown.push([...items]);
      return Promise.resolve(choose(items));
    },
    showInputBox: () => Promise.resolve(typed),
  };
}

async function resetSettings(): Promise<void> {
  const c = vscode.workspace.getConfiguration('keel');
  for (const key of ['provider', 'model', 'baseUrl']) await c.update(key, undefined, vscode.ConfigurationTarget.Global);
}

suite('vscode.lm', () => {
  test('with no language model registered, the provider says so clearly', async () => {
    // The real vscode.lm, narrowed to a vendor nobody registers: exactly what a VS Code without model extensions answers.
    const none: LmSource = { selectChatModels: () => vscode.lm.selectChatModels({ vendor: 'no-such-vendor' }) };
    assert.deepEqual(await none.selectChatModels(), []);
    await assert.rejects(selectLmModel(undefined, none), (e: unknown) => e instanceof ModelError && e.code === 'unreachable' && e.message === NO_LM_MESSAGE && /No VS Code language model is available/.test(e.message));
  });

  test('a model registered by another extension is selected through vscode.lm and answers with text and tool calls', async () => {
    // test/fixtures/lm-provider registers "Keel Fixture Model" with vscode.lm.registerChatModelProvider.
    const models = await vscode.lm.selectChatModels();
    const fixture = models.find((m) => m.vendor === 'keel-fixture');
    assert.ok(fixture, `the fixture provider's model is registered (got ${JSON.stringify(models.map((m) => m.id))})`);
    const model = await selectLmModel(fixture.id);
    assert.equal(model.contextWindow, 32_000);
    assert.match(model.id, /Keel Fixture Model \(keel-fixture\) via VS Code/);
    const events: ModelStreamEvent[] = [];
    const echo = await model.complete({ system: 'Be brief.', tools: [], messages: [{ role: 'user', content: 'hello there' }] }, (e) => events.push(e), new AbortController().signal);
    assert.equal(echo.text, 'fixture heard: hello there');
    assert.equal(echo.finishReason, 'stop');
    assert.ok(events.filter((e) => e.type === 'text').length >= 1);
    const withTool = await model.complete(
      {
        system: 'Be brief.',
        tools: [TOOL],
        messages: [
          { role: 'user', content: 'look around' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' }] },
          { role: 'tool', toolCallId: 'call_1', content: 'export {}' },
          { role: 'user', content: 'now use a tool' },
        ],
      },
      () => undefined,
      new AbortController().signal,
    );
    assert.equal(withTool.text, 'Reading it. ');
    assert.deepEqual(withTool.toolCalls, [{ id: 'fixture-call-1', name: 'read_file', arguments: '{"path":"README.md"}' }]);
    assert.equal(withTool.finishReason, 'tool_calls');
    // What the provider received: Keel's tools, and the earlier call answered by its result, paired by id.
    const seen = await vscode.commands.executeCommand<{ tools: string[]; messages: { role: number; parts: { type: string; callId?: string; name?: string; content?: string[] }[] }[] }>('keelFixture.lastRequest');
    assert.deepEqual(seen.tools, ['read_file']);
    const call = seen.messages.flatMap((m) => m.parts).find((p) => p.type === 'tool_call');
    const result = seen.messages.flatMap((m) => m.parts).find((p) => p.type === 'tool_result');
    assert.equal(call?.callId, 'call_1', `the provider received ${JSON.stringify(seen.messages)}`);
    assert.equal(call?.name, 'read_file');
    assert.equal(result?.callId, 'call_1', `the provider received ${JSON.stringify(seen.messages)}`);
    assert.deepEqual(result?.content, ['export {}']);
  });

  test('a registered model is selected by id, and an unknown id lists what is available', async () => {
    const chat = new FakeChat(async function* () {});
    const model = await selectLmModel('fake-vendor/fake-gpt', lmWith(chat));
    assert.equal(model.contextWindow, 64_000);
    assert.equal(model.id, 'Fake GPT (fake-vendor) via VS Code');
    await assert.rejects(selectLmModel('gpt-9', lmWith(chat)), /"gpt-9" is not available\. Available: fake-vendor\/fake-gpt/);
  });

  test('LmModel sends tools, calls and results as the API\'s part classes and reads text and tool calls back', async () => {
    const chat = new FakeChat(async function* () {
      yield new vscode.LanguageModelTextPart('Reading ');
      yield new vscode.LanguageModelTextPart('it.');
      yield new vscode.LanguageModelToolCallPart('call_9', 'read_file', { path: 'b.ts' });
    });
    const model = new LmModel(chat);
    const events: ModelStreamEvent[] = [];
    const reply = await model.complete(
      {
        system: 'Be brief.',
        tools: [TOOL],
        messages: [
          { role: 'user', content: 'read a.ts' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' }] },
          { role: 'tool', toolCallId: 'call_1', content: 'export {}' },
        ],
      },
      (e) => events.push(e),
      new AbortController().signal,
    );
    assert.equal(reply.text, 'Reading it.');
    assert.deepEqual(reply.toolCalls, [{ id: 'call_9', name: 'read_file', arguments: '{"path":"b.ts"}' }]);
    assert.equal(reply.finishReason, 'tool_calls');
    assert.equal(reply.usage.estimated, true);
    assert.ok(reply.usage.inputTokens > 0 && reply.usage.outputTokens > 0);
    assert.ok(events.some((e) => e.type === 'text'));
    assert.deepEqual(chat.options?.tools?.map((t) => t.name), ['read_file']);
    assert.equal(chat.options?.toolMode, vscode.LanguageModelChatToolMode.Auto);
    const [system, user, assistant, results] = chat.sent;
    assert.equal(chat.sent.length, 4);
    assert.equal(system?.role, vscode.LanguageModelChatMessageRole.User);
    assert.ok(user?.content[0] instanceof vscode.LanguageModelTextPart);
    assert.equal(assistant?.role, vscode.LanguageModelChatMessageRole.Assistant);
    const call = assistant?.content[0];
    assert.ok(call instanceof vscode.LanguageModelToolCallPart && call.callId === 'call_1' && (call.input as { path?: string }).path === 'a.ts');
    const result = results?.content[0];
    assert.ok(result instanceof vscode.LanguageModelToolResultPart && result.callId === 'call_1');
    assert.equal(toLmMessages({ system: '', tools: [], messages: [{ role: 'user', content: 'x' }] }).length, 1);
  });

  test('aborting the signal cancels the request\'s CancellationToken and rejects with cancelled', async () => {
    const ctrl = new AbortController();
    const chat = new FakeChat(async function* () {
      yield new vscode.LanguageModelTextPart('first');
      ctrl.abort();
      await new Promise((r) => setTimeout(r, 50));
      yield new vscode.LanguageModelTextPart('never seen');
    });
    await assert.rejects(new LmModel(chat).complete({ system: '', tools: [], messages: [{ role: 'user', content: 'x' }] }, () => undefined, ctrl.signal), (e: unknown) => e instanceof ModelError && e.code === 'cancelled');
    assert.equal(chat.cancelled, true);
  });
});

suite('Keel: Select Model', () => {
  test('lists the server\'s /models and VS Code\'s models; choosing writes keel.provider and keel.model', async () => {
    const server = await startModelServer([], { models: ['qwen2.5-coder', 'llama3.1'] });
    try {
      await vscode.workspace.getConfiguration('keel').update('baseUrl', server.baseUrl, vscode.ConfigurationTarget.Global);
      const chat = new FakeChat(async function* () {});
      const keys = { get: () => Promise.resolve(undefined) };
      const chooseLm = pickerUi((items) => items.find((i) => i.provider === 'vscode-lm'));
      assert.deepEqual(await selectModel({ keys, lm: lmWith(chat), ui: chooseLm }), { provider: 'vscode-lm', model: 'fake-vendor/fake-gpt' });
      const labels = chooseLm.shown[0]?.map((i) => i.label) ?? [];
      assert.deepEqual(labels, [`Server: ${server.baseUrl}`, 'llama3.1', 'qwen2.5-coder', '$(edit) Type a model name…', 'VS Code language models', 'Fake GPT']);
      const config = vscode.workspace.getConfiguration('keel');
      assert.equal(config.get('provider'), 'vscode-lm');
      assert.equal(config.get('model'), 'fake-vendor/fake-gpt');
      assert.ok((await createConfiguredModel(keys, lmWith(chat))) instanceof LmModel, 'the configured model is the VS Code one');

      const chooseServer = pickerUi((items) => items.find((i) => i.label === 'qwen2.5-coder'));
      assert.deepEqual(await selectModel({ keys, lm: lmWith(chat), ui: chooseServer }), { provider: 'openai-compatible', model: 'qwen2.5-coder' });
      assert.equal(vscode.workspace.getConfiguration('keel').get('provider'), 'openai-compatible');
      assert.equal((await createConfiguredModel(keys)).id, `qwen2.5-coder @ ${server.baseUrl}`);
    } finally {
      await resetSettings();
      await server.close();
    }
  });

  test('a server that lists no models, and no VS Code model: an input box asks for the name', async () => {
    const server = await startModelServer([], { models: null });
    try {
      await vscode.workspace.getConfiguration('keel').update('baseUrl', server.baseUrl, vscode.ConfigurationTarget.Global);
      const ui = pickerUi(() => undefined, 'my-model');
      assert.deepEqual(await selectModel({ keys: { get: () => Promise.resolve(undefined) }, lm: lmWith(), ui }), { provider: 'openai-compatible', model: 'my-model' });
      assert.equal(ui.shown.length, 0, 'no quick pick');
      assert.equal(vscode.workspace.getConfiguration('keel').get('model'), 'my-model');
    } finally {
      await resetSettings();
      await server.close();
    }
  });

  test('the registered command shows the quick pick and accepting its first item selects the first server model', async () => {
    const server = await startModelServer([], { models: ['alpha-model', 'beta-model'] });
    try {
      await vscode.workspace.getConfiguration('keel').update('baseUrl', server.baseUrl, vscode.ConfigurationTarget.Global);
      let done = false;
      const running = Promise.resolve(vscode.commands.executeCommand<{ model: string } | undefined>(SELECT_MODEL_COMMAND)).finally(() => {
        done = true;
      });
      const deadline = Date.now() + 15_000;
      while (!done && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      }
      const chosen = await running;
      assert.equal(chosen?.model, 'alpha-model');
      assert.equal(vscode.workspace.getConfiguration('keel').get('model'), 'alpha-model');
    } finally {
      await resetSettings();
      await server.close();
    }
  }, 40_000);
});
