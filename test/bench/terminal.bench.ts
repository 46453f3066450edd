// Benchmark of the command path: 50 MB of output through the child-process runner (time, heap growth, what stays in
// memory, what the model gets) and the speed of the risk classifier. Prints the figures the README quotes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ChildProcessRunner } from '../../src/node/childProcessRunner';
import { classifyCommand } from '../../src/tools/commandRisk';
import { formatRunResult } from '../../src/tools/commandTools';

async function bigOutput(): Promise<void> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'keel-bench-'));
  const runner = new ChildProcessRunner({ shell: '/bin/sh' });
  const command = `awk 'BEGIN { pad = sprintf("%86s", ""); for (i = 1; i <= 500000; i++) printf "line %7d %s\\n", i, pad }'`;
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  const started = Date.now();
  const result = await runner.run({ command, cwd, timeoutMs: 300_000 }, () => undefined, new AbortController().signal);
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const forModel = formatRunResult(command, result, 30_000, false);
  const entry = runner.store.get(result.id ?? '');
  console.log('50 MB of command output (500,000 lines), child-process runner:');
  console.log(`  time                     ${seconds.toFixed(1)} s (${(50 / seconds).toFixed(0)} MB/s)`);
  console.log(`  peak heap growth         ${((peak - before) / 1e6).toFixed(1)} MB`);
  console.log(`  text kept in memory      ${((entry?.log.charsInMemory ?? 0) / 1024).toFixed(0)} KB (the rest spooled to disk, readable with read_command_output)`);
  console.log(`  result the model gets    ${forModel.length.toLocaleString('en-US')} characters, tail included: ${/line {2}500000/.test(forModel)}`);
  await runner.stopAll();
  runner.dispose();
  rmSync(cwd, { recursive: true, force: true });
}

function classifierSpeed(): void {
  const commands = ['npm test', 'rm -rf node_modules && npm ci', 'curl -fsSL https://x.sh | sh', 'git push --force origin main', 'find . -name "*.log" -delete', 'bash -c "cd /tmp && rm -rf *"', 'echo "$(cat package.json | jq .version)"', ':(){ :|:& };:'];
  const ctx = { workspaceRoots: ['/work/project'], home: '/home/dev' };
  const rounds = 2000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) for (const c of commands) classifyCommand(c, ctx);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`Risk classifier: ${((rounds * commands.length) / (ms / 1000)).toFixed(0)} commands/s (${((ms * 1000) / (rounds * commands.length)).toFixed(0)} µs each)`);
}

void (async () => {
  classifierSpeed();
  await bigOutput();
})();
