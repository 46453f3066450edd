// The panel end to end: Playwright drives the real workbench in code-server, the scripted model server plays the model,
// and only the person's clicks are scripted. Plan approval, diff review and approve, reject with a reason, a command's
// output and exit code, and Stop in the middle of a stream; the screenshots in the README come from here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { startModelServer, type ModelServer, type RecordedRequest, type ScriptedReply } from '../support/modelServer';
import { openPanel, openWorkbench, screenshot, until, type Workbench } from './workbench';

const plan = (first: string, second = 'Check the result', firstStatus = 'in_progress', secondStatus = 'pending'): ScriptedReply => ({
  toolCalls: [{ name: 'update_plan', arguments: { steps: [{ title: first, status: firstStatus }, { title: second, status: secondStatus }] } }],
});

const editGreeting: ScriptedReply = {
  text: 'The greeting lives in `src/greet.js`; I will change it there.',
  toolCalls: [
    { name: 'read_file', arguments: { path: 'src/greet.js' } },
    { name: 'edit_file', arguments: { path: 'src/greet.js', edits: [{ old_text: "'hello'", new_text: "'Hello, Keel'" }] } },
  ],
};

/** One script for every scenario: the task's first message names it; the number of assistant turns says where it is. */
function reply(req: RecordedRequest): ScriptedReply {
  const messages = req.body.messages ?? [];
  const first = String(messages.find((m) => m.role === 'user')?.content ?? '');
  const turn = messages.filter((m) => m.role === 'assistant').length;
  if (first.includes('[s1]')) {
    return [plan('Change the greeting in src/greet.js'), editGreeting, { toolCalls: [{ name: 'update_plan', arguments: { steps: [{ title: 'Change the greeting in src/greet.js', status: 'done' }, { title: 'Check the result', status: 'done' }] } }, { name: 'finish', arguments: { summary: 'Changed the greeting in `src/greet.js` to **Hello, Keel**.' } }] }][turn] ?? { text: 'Done.' };
  }
  if (first.includes('[s2]')) {
    return [plan('Change the greeting in src/greet.js'), editGreeting, { text: 'Understood: I will keep the greeting as it is.' }][turn] ?? { text: 'Done.' };
  }
  if (first.includes('[s3]')) {
    return [plan('Run the listing'), { toolCalls: [{ name: 'run_command', arguments: { command: 'echo keel-ok && ls missing-file' } }] }, { toolCalls: [{ name: 'finish', arguments: { summary: 'Ran it.' } }] }][turn] ?? { text: 'Done.' };
  }
  if (first.includes('[s4]')) {
    return { text: `Thinking about it at length. ${'This is a long streamed answer that keeps going. '.repeat(40)}`, style: { textChunkSize: 6 }, chunkDelayMs: 120 };
  }
  return { text: 'Unknown scenario.' };
}

let server: ModelServer;
let wb: Workbench;

before(async () => {
  server = await startModelServer((req) => reply(req));
  wb = await openWorkbench({ 'src/greet.js': "export const greeting = 'hello';\n" }, { 'keel.baseUrl': server.baseUrl, 'keel.model': 'test-model', 'keel.approval.requirePlanApproval': true, 'keel.verifyCommand': '' });
  await openPanel(wb);
});

afterEach(async (t) => {
  // A failing test leaves a picture of the workbench behind for diagnosis.
  if (process.env.KEEL_E2E_SHOTS) await wb?.page.screenshot({ path: path.join(process.env.KEEL_E2E_SHOTS, `${t.name.slice(0, 40).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
});

after(async () => {
  await wb?.close();
  await server?.close();
});

async function startTask(text: string): Promise<void> {
  await wb.panel.getByTestId('new-task').click();
  const input = wb.panel.getByTestId('task-input');
  await input.fill(text);
  await input.press('Enter');
}

async function approvePlan(): Promise<void> {
  await wb.panel.getByTestId('plan-approve').click();
  await wb.panel.getByTestId('plan-approve').waitFor({ state: 'detached' });
}

const greetFile = (): string => fs.readFileSync(path.join(wb.folder, 'src', 'greet.js'), 'utf8');

test('a task shows its plan; nothing changes before approval; the diff is reviewed and the approved edit lands on disk', async () => {
  await startTask('Make the greeting friendlier [s1]');
  await wb.panel.getByTestId('plan').getByText('Change the greeting in src/greet.js').waitFor();
  await wb.panel.getByTestId('plan-approve').waitFor();
  await screenshot(wb.page, 'plan', 'sidebar');
  assert.equal(greetFile(), "export const greeting = 'hello';\n", 'no change while the plan waits');
  await approvePlan();

  const card = wb.panel.locator('[data-testid="card-edit"][data-state="pending"]');
  await card.waitFor();
  assert.equal(greetFile(), "export const greeting = 'hello';\n", 'no change while the edit waits');
  await card.getByTestId('review').click();
  await wb.page.locator('.monaco-diff-editor .editor.modified .view-line', { hasText: 'Hello, Keel' }).first().waitFor();
  await wb.page.locator('.tab', { hasText: "Keel's proposal" }).first().waitFor();
  await screenshot(wb.page, 'pending-edit');
  await card.getByTestId('approve').click();
  await until('the edit on disk', () => (greetFile().includes('Hello, Keel') ? true : undefined));
  assert.equal(greetFile(), "export const greeting = 'Hello, Keel';\n");
  await wb.panel.getByTestId('run-end').getByText('Finished', { exact: true }).waitFor();
  await screenshot(wb.page, 'finished', 'sidebar');
  assert.deepEqual(server.violations, []);

  // The end card offers to review all of the task's changes and to restore to before the task.
  await wb.panel.getByTestId('end-review').waitFor();
  await wb.panel.getByTestId('end-restore').waitFor();

  // "Restore to before this step": VS Code's own dialog lists what would change, and only Restore changes it.
  await wb.panel.getByTestId('restore-step-1').click();
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.getByText('Restore the workspace to before step 1').waitFor();
  await dialog.getByText('src/greet.js').first().waitFor();
  await screenshot(wb.page, 'restore-preview');
  assert.equal(greetFile(), "export const greeting = 'Hello, Keel';\n", 'nothing changes while the dialog asks');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await until('the file restored', () => (greetFile() === "export const greeting = 'hello';\n" ? true : undefined));
  await wb.panel.getByText(/Restored the workspace to before step 1/).waitFor();
});

test('a rejected edit sends its reason to the model in the next request', async () => {
  fs.writeFileSync(path.join(wb.folder, 'src', 'greet.js'), "export const greeting = 'hello';\n");
  await startTask('Make the greeting friendlier [s2]');
  await approvePlan();
  const card = wb.panel.locator('[data-testid="card-edit"][data-state="pending"]');
  await card.getByTestId('reject').click();
  await card.getByTestId('reject-reason').fill('Keep the lowercase greeting');
  await card.getByTestId('confirm-reject').click();
  await wb.panel.getByText('Understood: I will keep the greeting as it is.').waitFor();
  const last = server.requests[server.requests.length - 1];
  assert.ok(last);
  const toolResults = (last.body.messages ?? []).filter((m) => m.role === 'tool').map((m) => String(m.content));
  assert.ok(toolResults.some((c) => c.includes('Keep the lowercase greeting')), `the reason reaches the model: ${toolResults.join(' | ')}`);
  assert.equal(greetFile(), "export const greeting = 'hello';\n", 'the rejected edit was not applied');
});

test('an approved command shows its output and exit code', async () => {
  await startTask('List a missing file [s3]');
  await approvePlan();
  const card = wb.panel.locator('[data-testid="card-command"][data-state="pending"]');
  await card.getByTestId('card-text').waitFor();
  assert.equal(await card.getByTestId('card-text').inputValue(), 'echo keel-ok && ls missing-file');
  await card.getByTestId('approve').click();
  const done = wb.panel.locator('[data-testid="card-command"]').last();
  await done.getByTestId('output').getByText('keel-ok').waitFor({ timeout: 120_000 }); // the first terminal command may wait for shell integration, then fall back
  await done.getByTestId('exit-code').getByText('exit code 2').waitFor({ timeout: 30_000 });
  await wb.panel.getByTestId('run-end').last().waitFor();
});

test('Stop ends a run in the middle of a streamed reply', async () => {
  await startTask('Explain everything [s4]');
  await wb.panel.locator('[data-testid="assistant"]').last().getByText('Thinking about it').waitFor();
  const before = server.requests.length;
  assert.ok(before > 0);
  await wb.panel.getByTestId('stop').click();
  await wb.panel.getByTestId('run-end').last().getByText('Stopped', { exact: true }).waitFor();
  const req = server.requests[server.requests.length - 1];
  assert.ok(req);
  assert.equal(await req.ended, 'client_closed', 'the stream was cut by the client, not finished');
  assert.equal(await wb.panel.getByTestId('stop').isHidden(), true);
});
