// The built `keel` CLI as a subprocess against the scripted model server in temporary workspaces: files, exit codes
// and the JSON event stream for a complete task, a refused dangerous command, a blocked unverified finish, an interrupt.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { AgentEvent } from '../../../src/agent/events';
import { call, git } from '../../support/agentRun';
import { startModelServer, type ScriptStep } from '../../support/modelServer';
import { tempWorkspace } from '../../support/workspace';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');
const ADD_BROKEN = 'exports.add = (a, b) => a - b;\n';
const CHECK = "const { add } = require('./add');\nif (add(2, 3) !== 5) { console.error('FAIL add(2, 3) = ' + add(2, 3)); process.exit(1); }\nconsole.log('ok');\n";

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly events: AgentEvent[];
}

function runKeel(args: readonly string[], options: { env?: NodeJS.ProcessEnv; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, KEEL_STATE_DIR: path.join(process.env.TMPDIR ?? '/tmp', 'keel-cli-state'), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => {
      const events = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as AgentEvent);
      resolve({ code, stdout, stderr, events });
    });
  });
}

async function workspaceWithServer(script: readonly ScriptStep[]): Promise<{ root: string; baseUrl: string; requests: () => number; violations: string[]; close: () => Promise<void> }> {
  const ws = tempWorkspace({ 'add.js': ADD_BROKEN, 'check.js': CHECK });
  git(ws.root, 'init', '-q');
  git(ws.root, 'config', 'user.email', 't@example.com');
  git(ws.root, 'config', 'user.name', 'T');
  git(ws.root, 'add', '-A');
  git(ws.root, 'commit', '-qm', 'init');
  const server = await startModelServer(script);
  return { root: ws.root, baseUrl: server.baseUrl, requests: () => server.requests.length, violations: server.violations, close: async () => { await server.close(); ws.cleanup(); } };
}

const base = (root: string, baseUrl: string): string[] => ['--cwd', root, '--base-url', baseUrl, '--model', 'test-model', '--api-key', 'sk-cli-test'];

test('a complete task: files changed, exit code 0, JSON events only on stdout', async () => {
  const s = await workspaceWithServer([
    call('update_plan', { steps: [{ title: 'Fix add', status: 'in_progress' }] }),
    call('read_file', { path: 'add.js' }),
    call('edit_file', { path: 'add.js', edits: [{ old_text: 'a - b', new_text: 'a + b' }] }),
    call('update_plan', { steps: [{ title: 'Fix add', status: 'done' }] }),
    call('finish', { summary: 'Fixed add().' }),
  ]);
  try {
    const r = await runKeel(['run', 'Fix add() so node check.js passes', ...base(s.root, s.baseUrl), '--yes', '--verify', 'node check.js', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(tempRead(s.root, 'add.js'), 'exports.add = (a, b) => a + b;\n');
    const types = r.events.map((e) => e.type);
    assert.equal(types[0], 'run_start');
    assert.ok(types.includes('plan_updated') && types.includes('tool_end') && types.includes('verify_result'));
    const end = r.events[r.events.length - 1];
    assert.ok(end?.type === 'run_end' && end.outcome === 'finished' && end.verified === true);
    assert.deepEqual(s.violations, []);
    assert.ok(!r.stdout.includes('sk-cli-test') && !r.stderr.includes('sk-cli-test'), 'the key never appears');
  } finally {
    await s.close();
  }
});

test('a dangerous command is refused under --yes without --allow-dangerous', async () => {
  let sawRefusal = '';
  const s = await workspaceWithServer([
    call('run_command', { command: 'git push --force origin main' }),
    (req) => {
      const tool = (req.body.messages ?? []).filter((m) => m.role === 'tool').pop();
      sawRefusal = typeof tool?.content === 'string' ? tool.content : '';
      return call('finish', { summary: 'Did not push.' });
    },
  ]);
  try {
    const r = await runKeel(['run', 'Push my work', ...base(s.root, s.baseUrl), '--yes', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(sawRefusal, /rejected this step[\s\S]*dangerous/);
    assert.ok(r.events.some((e) => e.type === 'approval_resolved' && !e.approved));
    assert.ok(!r.events.some((e) => e.type === 'tool_output'), 'nothing ran');
  } finally {
    await s.close();
  }
});

test('an unverified finish is blocked, and the run exits 1 as not verified', async () => {
  const s = await workspaceWithServer([call('finish', { summary: 'a' }), call('finish', { summary: 'b' }), call('finish', { summary: 'c' })]);
  try {
    const r = await runKeel(['run', 'Claim success', ...base(s.root, s.baseUrl), '--yes', '--verify', 'node check.js', '--json']);
    assert.equal(r.code, 1);
    const verifies = r.events.filter((e) => e.type === 'verify_result');
    assert.equal(verifies.length, 3);
    assert.ok(verifies.every((e) => e.type === 'verify_result' && !e.passed));
    const end = r.events[r.events.length - 1];
    assert.ok(end?.type === 'run_end' && end.outcome === 'not_verified');
    assert.equal(tempRead(s.root, 'add.js'), ADD_BROKEN);
  } finally {
    await s.close();
  }
});

test('Ctrl-C stops the running command and the run, with exit code 130', async () => {
  const s = await workspaceWithServer([call('run_command', { command: 'node -e "console.log(process.pid); setTimeout(() => {}, 60000)"', timeout_seconds: 120 }), call('finish', { summary: 'never' })]);
  let pid = 0;
  try {
    const started = Date.now();
    const r = await runKeel(['run', 'Run something long', ...base(s.root, s.baseUrl), '--yes', '--json'], {
      onStdout: (text, child) => {
        const m = /"type":"tool_output","callId":"[^"]+","chunk":"(\d+)/.exec(text);
        if (m && pid === 0) {
          pid = Number(m[1]);
          child.kill('SIGINT');
        }
      },
    });
    assert.equal(r.code, 130, r.stderr);
    assert.ok(pid > 0, 'the command started');
    assert.ok(Date.now() - started < 20_000);
    assert.ok(await gone(pid), 'the command process is gone');
    const end = r.events[r.events.length - 1];
    assert.ok(end?.type === 'run_end' && end.outcome === 'stopped');
  } finally {
    await s.close();
  }
});

test('bad usage and configuration exit 2 with a one-line explanation', async () => {
  const noModel = await runKeel(['run', 'x'], { env: { KEEL_MODEL: '' } });
  assert.equal(noModel.code, 2);
  assert.match(noModel.stderr, /no model given/);
  assert.equal(noModel.stderr.trim().split('\n').length, 1);
  const badFlag = await runKeel(['run', 'x', '--model', 'm', '--bogus']);
  assert.equal(badFlag.code, 2);
  const badNumber = await runKeel(['run', 'x', '--model', 'm', '--max-turns', 'many']);
  assert.equal(badNumber.code, 2);
  assert.match(badNumber.stderr, /--max-turns needs a whole number/);
  const unknown = await runKeel(['fly']);
  assert.equal(unknown.code, 2);
});

test('keel --help and keel run --help document every flag', async () => {
  const main = await runKeel(['--help']);
  assert.equal(main.code, 0);
  assert.match(main.stdout, /keel run "<task>"/);
  const run = await runKeel(['run', '--help']);
  assert.equal(run.code, 0);
  for (const flag of ['--cwd', '--base-url', '--model', '--api-key', '--yes', '--verify', '--context-window', '--max-turns', '--allow-dangerous', '--json']) {
    assert.ok(run.stdout.includes(flag), flag);
  }
});

test('an unreachable model server ends with exit 1 and a clear message naming the URL', async () => {
  const ws = tempWorkspace({ 'a.txt': 'a' });
  try {
    const r = await runKeel(['run', 'x', '--cwd', ws.root, '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /127\.0\.0\.1:9/);
    assert.doesNotMatch(r.stdout + r.stderr, /at .*\.js:\d+/, 'no stack trace');
  } finally {
    ws.cleanup();
  }
});

/** True once the process no longer runs (a zombie left for a non-reaping init counts as gone). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    let state: string | undefined;
    try {
      state = /State:\s+(\w)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    } catch {
      return true;
    }
    if (state === 'Z' || state === 'X') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function tempRead(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}
