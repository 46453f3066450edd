// The child-process runner with real processes: exit codes, output, a timeout that kills a whole tree (checked by
// pid), background start/read/stop, and 50 MB of output that stays bounded in memory with the tail visible.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { ChildProcessRunner } from '../../../src/node/childProcessRunner';
import { isAlive } from '../../../src/node/processTree';

const cwd = mkdtempSync(path.join(tmpdir(), 'keel-cpr-'));
const runner = new ChildProcessRunner({ shell: '/bin/sh' });
const never = new AbortController().signal;
const noop = (): void => undefined;

after(async () => {
  await runner.stopAll();
  runner.dispose();
  rmSync(cwd, { recursive: true, force: true });
});

test('exit code, interleaved stdout and stderr, duration and via', async () => {
  const chunks: string[] = [];
  const r = await runner.run({ command: 'echo out; echo err 1>&2; printf "\\033[31mred\\033[0m\\n"; exit 3', cwd, timeoutMs: 10_000 }, (c) => chunks.push(c), never);
  assert.equal(r.exitCode, 3);
  assert.equal(r.output, 'out\nerr\nred\n');
  assert.equal(chunks.join(''), r.output, 'live output is the same clean text');
  assert.equal(r.via, 'child process');
  assert.equal(r.timedOut, false);
  assert.ok(r.durationMs >= 0);
  assert.match(r.id ?? '', /^cmd-\d+$/);
  assert.equal(r.totalLines, 3);
});

test('success is 0; the working directory is the one asked for', async () => {
  const r = await runner.run({ command: 'pwd', cwd, timeoutMs: 10_000 }, noop, never);
  assert.equal(r.exitCode, 0);
  assert.equal(r.output.trim(), cwd);
});

test('a missing working directory is a result, not an exception', async () => {
  const r = await runner.run({ command: 'true', cwd: path.join(cwd, 'nope'), timeoutMs: 5000 }, noop, never);
  assert.equal(r.exitCode, undefined);
  assert.match(r.note ?? '', /could not start/);
});

test('a timeout kills the whole process tree', async () => {
  const r = await runner.run({ command: "sleep 100 & echo $!; sleep 100 & echo $!; echo $$; wait", cwd, timeoutMs: 1500 }, noop, never);
  assert.equal(r.timedOut, true);
  assert.equal(r.exitCode, undefined);
  assert.match(r.note ?? '', /timed out after 2 s|timed out after 1 s/);
  const pids = r.output.trim().split('\n').map(Number);
  assert.equal(pids.length, 3, r.output);
  for (const pid of pids) assert.equal(await isAlive(pid), false, `pid ${pid} is gone`);
  assert.ok(r.durationMs < 8000);
});

test('aborting the signal kills the tree and says so', async () => {
  const ac = new AbortController();
  const pending = runner.run({ command: 'echo $$; sleep 100', cwd, timeoutMs: 60_000 }, () => ac.abort(), ac.signal);
  const r = await pending;
  assert.equal(r.cancelled, true);
  assert.equal(await isAlive(Number(r.output.trim())), false);
});

test('a process that ignores TERM is killed after the grace period', async () => {
  const fast = new ChildProcessRunner({ shell: '/bin/sh', killGraceMs: 300 });
  const r = await fast.run({ command: "trap '' TERM; echo $$; while true; do sleep 0.1; done", cwd, timeoutMs: 800 }, noop, never);
  assert.equal(r.timedOut, true);
  assert.equal(await isAlive(Number(r.output.trim())), false);
  fast.dispose();
});

test('background: start returns at the ready line, read shows what is new, grep finds lines, stop kills it', async () => {
  const script = 'echo booting; sleep 0.3; echo "server listening on 4242"; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done';
  const s = await runner.start?.({ command: script, cwd, maxWaitMs: 10_000 }, noop, never);
  assert.ok(s);
  assert.equal(s.readiness, 'pattern');
  assert.equal(s.running, true);
  assert.match(s.output, /booting\nserver listening on 4242/);
  await new Promise((r) => setTimeout(r, 600));
  const page = await runner.read(s.id, { maxChars: 10_000 });
  assert.ok(page);
  assert.equal(page.running, true);
  assert.equal(page.fromLine, s.totalLines + 1, 'a read without offset starts after what start() returned');
  assert.match(page.text, /^tick \d+\ntick \d+/);
  await new Promise((r) => setTimeout(r, 300));
  const again = await runner.read(s.id, { maxChars: 10_000 });
  assert.equal(again?.fromLine, page.toLine + 1, 'the next read continues');
  const grep = await runner.read(s.id, { grep: 'LISTENING', maxChars: 10_000 });
  assert.equal(grep?.text, '2: server listening on 4242');
  assert.equal(grep?.matches, 1);
  const paged = await runner.read(s.id, { offset: 1, limit: 2, maxChars: 10_000 });
  assert.equal(paged?.text, 'booting\nserver listening on 4242');
  const stopped = await runner.stop(s.id);
  assert.equal(stopped?.running, false);
  assert.match(stopped?.text ?? '', /tick \d+/);
  assert.equal(await runner.read('cmd-999999', { maxChars: 100 }), undefined);
});

test('background: a quiet process returns after the quiet period; one that ends returns its exit code', async () => {
  const quiet = await runner.start?.({ command: 'echo started-ish; sleep 30', cwd, quietMs: 300, maxWaitMs: 10_000, readyPattern: /never-matches/ }, noop, never);
  assert.equal(quiet?.readiness, 'quiet');
  assert.equal(quiet?.running, true);
  const ended = await runner.start?.({ command: 'echo done; exit 4', cwd, maxWaitMs: 10_000, readyPattern: /never/ }, noop, never);
  assert.equal(ended?.readiness, 'exited');
  assert.equal(ended?.exitCode, 4);
  const nothingNew = await runner.read(ended?.id ?? '', { maxChars: 1000 });
  assert.deepEqual([nothingNew?.text, nothingNew?.fromLine, nothingNew?.totalLines], ['', 0, 1], 'nothing new since start() returned');
  assert.equal(await runner.stopAll(), 1, 'stopAll kills the one still running');
});

test('50 MB of output stays bounded in memory, the tail is visible and the middle can be read back', async () => {
  const big = new ChildProcessRunner({ shell: '/bin/sh' });
  // 500,000 numbered lines of 100 characters = 50 MB.
  const command = `awk 'BEGIN { pad = sprintf("%86s", ""); for (i = 1; i <= 500000; i++) printf "line %7d %s\\n", i, pad }'`;
  let streamed = 0;
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const r = await big.run({ command, cwd, timeoutMs: 120_000 }, (c) => (streamed += c.length), never);
  clearInterval(sampler);
  assert.equal(r.exitCode, 0);
  assert.equal(streamed, 50_000_000);
  assert.ok(r.gap, 'the runner kept only head and tail');
  assert.ok(r.output.length < 300_000, `kept ${r.output.length} chars`);
  assert.equal(r.output.length + r.gap.chars, 50_000_000);
  assert.equal(r.totalLines, 500_000);
  assert.match(r.output, /line {2}500000 +\n$/, 'the tail is there');
  assert.ok(r.output.startsWith('line       1 '), 'the head is there');
  const entry = big.store.get(r.id ?? '');
  assert.ok(entry && entry.log.spilled && entry.log.charsInMemory < 600_000);
  assert.ok(peak - before < 40 * 1024 * 1024, `heap grew by ${Math.round((peak - before) / 1e6)} MB`);
  const middle = await big.read(r.id ?? '', { offset: 250_000, limit: 2, maxChars: 1000 });
  assert.match(middle?.text ?? '', /^line {2}250000 +\nline {2}250001 +$/);
  const grep = await big.read(r.id ?? '', { grep: 'line  3333[0-9]{2} ', limit: 3, maxChars: 10_000 });
  assert.equal(grep?.matches, 100);
  assert.match(grep?.text ?? '', /^333300: line {2}333300/);
  big.dispose();
});
