// The terminal runner inside a real VS Code: shell integration and the child-process fallback give the same exit code
// and output; a timeout kills a whole process tree (checked by pid); 50 MB of output leaves the host's memory bounded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isAlive } from '../../src/node/processTree';
import { waitForFirstPrompt, waitForShellIntegration } from '../../src/vscode/terminalExecution';
import { TerminalRunner } from '../../src/vscode/terminalRunner';
import { suite, test } from './harness';

const never = new AbortController().signal;
const noop = (): void => undefined;

function workspaceRoot(): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root, 'the test host opened a folder');
  return root;
}

suite('terminal', () => {
  test('a new shell reports its first prompt (its folder), the sign Keel waits for before the first command', async () => {
    const root = workspaceRoot();
    const terminal = vscode.window.createTerminal({ name: 'Keel prompt check', cwd: root, shellPath: '/bin/bash' });
    const signal = new AbortController().signal;
    try {
      const integration = await waitForShellIntegration(terminal, 20_000, signal);
      assert.ok(integration, 'bash gets shell integration');
      assert.equal(await waitForFirstPrompt(terminal, 20_000, signal), true);
      assert.equal(terminal.shellIntegration?.cwd?.fsPath, root);
    } finally {
      terminal.dispose();
    }
  }, 60_000);

  test('shell integration and the fallback give the same exit code and output', async () => {
    const cwd = workspaceRoot();
    const command = "printf 'alpha\\nbeta\\n'; printf '\\033[32mgreen\\033[0m\\n'; echo gamma >&2; (exit 3)";
    const lines: string[] = [];
    const integrated = new TerminalRunner({ name: 'Keel test (bash)', shellPath: '/bin/bash', shellIntegrationTimeoutMs: 20_000, log: (m) => lines.push(m) });
    const plain = new TerminalRunner({ name: 'Keel test (sh)', shellPath: '/bin/sh', shellIntegrationTimeoutMs: 3000, log: (m) => lines.push(m) });
    try {
      const a = await integrated.run({ command, cwd, timeoutMs: 30_000 }, noop, never);
      const b = await plain.run({ command, cwd, timeoutMs: 30_000 }, noop, never);
      assert.match(a.via, /terminal \(shell integration\)/, a.via);
      assert.match(b.via, /^child process \(shell integration did not start in the terminal within 3(\.\d)? s\)$/, b.via);
      assert.equal(a.exitCode, 3);
      assert.equal(b.exitCode, 3);
      assert.equal(a.output, 'alpha\nbeta\ngreen\ngamma\n');
      assert.equal(b.output, a.output);
      const again = await integrated.run({ command: 'pwd', cwd, timeoutMs: 30_000 }, noop, never);
      assert.equal(again.exitCode, 0);
      assert.equal(again.output, `${cwd}\n`, 'the same terminal runs the next command');
      // The log says which path ran, how long the waits took and what ended each command.
      const log = lines.join('\n');
      assert.match(log, /terminal: shell integration after \d+ ms/);
      assert.match(log, /terminal: first prompt after \d+ ms/);
      assert.match(log, /terminal: ended after \d+ ms by (end event and output|end event|output), exit code 3/);
      assert.match(log, /terminal: no shell integration after 3(\.\d)? s; running as a child process/);
    } finally {
      integrated.dispose();
      plain.dispose();
    }
  }, 90_000);

  test('a timeout in the terminal kills the whole process tree', async () => {
    const runner = new TerminalRunner({ name: 'Keel test (timeout)', shellPath: '/bin/bash', shellIntegrationTimeoutMs: 20_000, killGraceMs: 1000 });
    try {
      const r = await runner.run({ command: 'sleep 101 & echo $!; sh -c "sleep 102 & echo \\$!; sleep 103"', cwd: workspaceRoot(), timeoutMs: 3000 }, noop, never);
      assert.match(r.via, /shell integration/);
      assert.equal(r.timedOut, true);
      assert.equal(r.exitCode, undefined);
      const pids = r.output.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
      assert.equal(pids.length, 2, r.output);
      for (const pid of pids) assert.equal(await isAlive(pid), false, `pid ${pid} is gone`);
      const next = await runner.run({ command: 'echo still usable', cwd: workspaceRoot(), timeoutMs: 30_000 }, noop, never);
      assert.match(next.output, /still usable\n$/, 'the terminal still works (bash may first report the killed job)');
    } finally {
      runner.dispose();
    }
  }, 90_000);

  test('background in the terminal: ready line, read, stop', async () => {
    const runner = new TerminalRunner({ name: 'Keel test (bg)', shellPath: '/bin/bash', shellIntegrationTimeoutMs: 20_000 });
    try {
      const s = await runner.start({ command: 'echo "listening on 5000"; while true; do echo tick; sleep 0.2; done', cwd: workspaceRoot(), maxWaitMs: 20_000 }, noop, never);
      assert.equal(s.readiness, 'pattern');
      assert.equal(s.running, true);
      await new Promise((r) => setTimeout(r, 800));
      const page = await runner.read(s.id, { maxChars: 5000 });
      assert.match(page?.text ?? '', /tick/);
      const stopped = await runner.stop(s.id);
      assert.equal(stopped?.running, false);
    } finally {
      runner.dispose();
    }
  }, 90_000);

  for (const path of ['shell integration', 'fallback'] as const) {
    test(`50 MB of output through the ${path} leaves the host's memory bounded and the tail visible`, async () => {
      const runner = new TerminalRunner({ name: `Keel test (50 MB, ${path})`, shellPath: path === 'fallback' ? '/bin/sh' : '/bin/bash', shellIntegrationTimeoutMs: path === 'fallback' ? 1000 : 20_000, reveal: false });
      const command = `awk 'BEGIN { pad = sprintf("%86s", ""); for (i = 1; i <= 500000; i++) printf "line %7d %s\\n", i, pad }'`;
      const before = process.memoryUsage();
      let peakHeap = before.heapUsed;
      const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
      try {
        const started = Date.now();
        const r = await runner.run({ command, cwd: workspaceRoot(), timeoutMs: 280_000 }, noop, never);
        clearInterval(sampler);
        const grew = Math.round((peakHeap - before.heapUsed) / 1e6);
        console.log(`    ${path}: ${r.via}, ${Math.round((Date.now() - started) / 1000)} s, heap grew by at most ${grew} MB, kept ${r.output.length} chars`);
        assert.equal(r.exitCode, 0, r.note);
        assert.match(r.via, path === 'fallback' ? /child process/ : /shell integration/);
        assert.equal(r.totalLines, 500_000);
        assert.ok(r.gap && r.gap.chars + r.output.length === 50_000_000, 'everything is accounted for');
        assert.ok(r.output.length < 300_000, 'only head and tail are kept in memory');
        assert.match(r.output, /line {2}500000 +\n$/, 'the tail is visible');
        const entry = runner.store.get(r.id ?? '');
        assert.ok(entry && entry.log.charsInMemory < 600_000);
        assert.ok(grew < 150, `heap growth ${grew} MB stays far below the output size`);
        const middle = await runner.read(r.id ?? '', { offset: 250_000, limit: 1, maxChars: 500 });
        assert.match(middle?.text ?? '', /^line {2}250000 +$/);
      } finally {
        clearInterval(sampler);
        runner.dispose();
      }
    }, 300_000);
  }
});
