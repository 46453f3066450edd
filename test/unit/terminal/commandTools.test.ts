// The command tools over real processes: cwd containment, the danger preview, amendments, bounded results with a test
// summary and a read-back hint, background start/read/stop, and errors the model can act on.
import * as assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ChildProcessRunner } from '../../../src/node/childProcessRunner';
import { createCommandTools, readCommandOutputTool, runCommandTool, stopCommandTool } from '../../../src/tools/commandTools';
import { isToolResult, type PreparedStep, type ToolContext, type ToolDef, type ToolResult } from '../../../src/tools/types';
import { nodePortsFor, tempWorkspace, toolContext } from '../../support/workspace';

const ws = tempWorkspace({ 'sub/a.txt': 'hello\n', 'calc.test.js': "const {test}=require('node:test');const assert=require('node:assert');test('adds', () => assert.strictEqual(1 + 3, 3));\n" });
const env = { ...process.env };
delete env.NODE_TEST_CONTEXT; // so the node --test run below is a top-level run, not a nested one
const runner = new ChildProcessRunner({ shell: '/bin/sh', env });
const ctx: ToolContext = toolContext(nodePortsFor(ws.root, { commands: runner }));
after(async () => {
  await runner.stopAll();
  runner.dispose();
  ws.cleanup();
});

async function prepare(def: ToolDef, args: unknown, c: ToolContext = ctx): Promise<PreparedStep | ToolResult> {
  return def.prepare(args as never, c);
}

async function call(def: ToolDef, args: unknown, c: ToolContext = ctx): Promise<ToolResult> {
  const step = await prepare(def, args, c);
  return isToolResult(step) ? step : step.execute(undefined, c);
}

test('the factory gives the three tools with their fixed names and risks', () => {
  assert.deepEqual(createCommandTools().map((t) => [t.name, t.risk]), [['run_command', 'command'], ['read_command_output', 'read'], ['stop_command', 'command']]);
});

test('run_command: exit code, duration, path, output; the preview names the command and its folder', async () => {
  const step = await prepare(runCommandTool, { command: 'cat a.txt; exit 2', cwd: 'sub' });
  assert.ok(!isToolResult(step));
  assert.deepEqual(step.preview, { kind: 'command', command: 'cat a.txt; exit 2', cwd: 'sub' });
  assert.equal(step.title, 'Run: cat a.txt; exit 2 in sub');
  const r = await step.execute(undefined, ctx);
  assert.ok(r.ok);
  assert.match(r.content, /^Exit code 2 \(failure\) · \d+\.\d s · ran via child process · output id cmd-\d+ \(1 lines\)\n--- output ---\nhello\n$/);
});

test('run_command: a dangerous command carries the danger in its preview for the approval policy', async () => {
  const step = await prepare(runCommandTool, { command: 'rm -rf ~' });
  assert.ok(!isToolResult(step) && step.preview.kind === 'command');
  assert.match(step.preview.danger ?? '', /recursive delete of the home folder/);
});

test('run_command: cwd outside the workspace, or not a folder, is refused with a way out', async () => {
  for (const cwd of ['..', '/etc', 'sub/a.txt', 'missing']) {
    const r = await prepare(runCommandTool, { command: 'ls', cwd });
    assert.ok(isToolResult(r) && !r.ok, cwd);
    assert.match(r.content, /outside the workspace|not a folder/, cwd);
  }
});

test('run_command: an untrusted workspace runs nothing', async () => {
  const r = await prepare(runCommandTool, { command: 'ls' }, toolContext(nodePortsFor(ws.root, { commands: runner, trusted: false })));
  assert.ok(isToolResult(r) && !r.ok);
});

test('run_command: the person’s amendment replaces the command line, and the model is told', async () => {
  const step = await prepare(runCommandTool, { command: 'echo original' });
  assert.ok(!isToolResult(step));
  const r = await step.execute({ kind: 'command', command: 'echo amended' }, ctx);
  assert.match(r.content, /The person edited the command before approving; ran: echo amended/);
  assert.match(r.content, /\namended\n$/);
});

test('run_command: a failing test run puts the summary before the output', async () => {
  const r = await call(runCommandTool, { command: 'node --test --test-reporter=spec calc.test.js' });
  assert.match(r.content, /^Exit code 1 \(failure\)/);
  assert.match(r.content, /\nTest summary \(node --test\): 1 failed, 0 passed\n✗ adds — calc\.test\.js:1\n {2}AssertionError/);
  assert.ok(r.content.indexOf('Test summary') < r.content.indexOf('--- output'));
});

test('run_command: a timeout is reported plainly as a failure', async () => {
  const r = await call(runCommandTool, { command: 'sleep 30', timeout_seconds: 1 });
  assert.equal(r.ok, false);
  assert.match(r.content, /^Timed out after 1\.\d s: the command and everything it started were killed \(exit code unknown\)\./);
});

test('run_command: large output comes back bounded with a hint that read_command_output follows up exactly', async () => {
  const r = await call(runCommandTool, { command: 'seq 1 100000' });
  assert.ok(r.content.length <= 20_000, `bounded: ${r.content.length}`);
  assert.match(r.content, /\n100000\n$/, 'the tail is visible');
  const m = /read_command_output \{"id":"(cmd-\d+)","offset":(\d+)\} shows the cut part/.exec(r.content);
  assert.ok(m, r.content.slice(0, 3000));
  const more = await call(readCommandOutputTool, { id: m[1], offset: Number(m[2]), limit: 3 });
  assert.ok(more.ok);
  assert.match(more.content, new RegExp(`Lines ${Number(m[2]).toLocaleString('en-US')}-[\\d,]+:\\n${m[2]}\\n${Number(m[2]) + 1}\\n`));
  const grep = await call(readCommandOutputTool, { id: m[1], grep: '^9999[0-9]$' });
  assert.match(grep.content, /10 lines match "\^9999\[0-9\]\$":\n99990: 99990\n/);
});

test('run_command background → read_command_output → stop_command', async () => {
  const started = await call(runCommandTool, { command: 'echo "ready on :3000"; while true; do echo tick; sleep 0.1; done', background: true });
  assert.ok(started.ok);
  const id = /as (cmd-\d+); still running/.exec(started.content)?.[1];
  assert.ok(id, started.content);
  assert.match(started.content, /ready on :3000/);
  await new Promise((r) => setTimeout(r, 400));
  const more = await call(readCommandOutputTool, { id });
  assert.match(more.content, /still running/);
  assert.match(more.content, /\ntick\n/);
  const step = await prepare(stopCommandTool, { id });
  assert.ok(!isToolResult(step));
  assert.match(step.title, new RegExp(`^Stop ${id}: echo`));
  const stopped = await step.execute(undefined, ctx);
  assert.match(stopped.content, new RegExp(`^Stopped ${id} `));
  const again = await prepare(stopCommandTool, { id });
  assert.ok(isToolResult(again) && again.ok && /already ended/.test(again.content));
});

test('unknown ids are errors that say what ids look like', async () => {
  const r = await call(readCommandOutputTool, { id: 'server' });
  assert.equal(r.ok, false);
  assert.match(r.content, /Ids look like "cmd-3"/);
  const s = await prepare(stopCommandTool, { id: 'nope' });
  assert.ok(isToolResult(s) && !s.ok);
});

test('a runner without background support says so', async () => {
  const plain = toolContext(nodePortsFor(ws.root, { commands: { run: (req, onOutput, signal) => runner.run(req, onOutput, signal) } }));
  const r = await call(runCommandTool, { command: 'sleep 1', background: true }, plain);
  assert.equal(r.ok, false);
  assert.match(r.content, /Background processes are not available/);
  const o = await call(readCommandOutputTool, { id: 'cmd-1' }, plain);
  assert.equal(o.ok, false);
});
