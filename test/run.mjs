// `npm test`: builds, type-checks, then runs every layer (unit, integration in a real VS Code, e2e in code-server)
// and prints a count per layer and a closing total. `node test/run.mjs unit integration` runs only those layers;
// `node test/run.mjs bench` runs the benchmarks in test/bench/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './support/hostSetup.mjs';

const requested = process.argv.slice(2);
const layers = requested.length > 0 ? requested : ['unit', 'integration', 'e2e'];
const results = [];

function step(title, cmd, args, opts = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`✘ ${title} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findFiles(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

step('build (esbuild)', process.execPath, ['esbuild.mjs']);
rmSync(join(ROOT, 'out'), { recursive: true, force: true });
step('type-check and compile tests (tsc)', process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.']);

async function unit() {
  const files = findFiles(join(ROOT, 'out/test/unit'), '.test.js');
  const tap = join(mkdtempSync(join(tmpdir(), 'keel-unit-')), 'unit.tap');
  console.log(`\n▶ unit tests (${files.length} files)`);
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files.map((f) => relative(ROOT, f))], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, KEEL_TEST: '1' } });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled') + (r.status !== 0 && count('fail') === 0 ? 1 : 0);
  results.push({ layer: 'unit', passed, failed, skipped: count('skipped') + count('todo') });
}

async function integration() {
  const { runSuiteInVsCode } = await import('./support/vscodeHost.mjs');
  const folder = mkdtempSync(join(tmpdir(), 'keel-ws-'));
  writeFileSync(join(folder, 'README.md'), '# integration workspace\n');
  spawnSync('git', ['init', '-q'], { cwd: folder });
  console.log('\n▶ integration tests (inside VS Code 1.100.3)');
  let passed = 0;
  let failed = 0;
  const origWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    const m = String(chunk).match(/^integration: (\d+) passed, (\d+) failed/m);
    if (m) { passed = Number(m[1]); failed = Number(m[2]); }
    return origWrite(chunk, ...rest);
  };
  let code;
  try {
    code = await runSuiteInVsCode({ testsIndex: join(ROOT, 'out/test/integration/index.js'), folder });
  } finally {
    process.stdout.write = origWrite;
    rmSync(folder, { recursive: true, force: true });
  }
  if (code !== 0 && failed === 0) failed = 1; // the host failed before or after the tests: that is a failure too
  results.push({ layer: 'integration', passed, failed, skipped: 0 });
}

async function e2e() {
  const files = findFiles(join(ROOT, 'out/test/e2e'), '.e2e.js');
  if (files.length === 0) return;
  console.log(`\n▶ end-to-end UI tests (${files.length} files, Playwright in code-server)`);
  const tap = join(mkdtempSync(join(tmpdir(), 'keel-e2e-')), 'e2e.tap');
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files.map((f) => relative(ROOT, f))], { cwd: ROOT, stdio: 'inherit' });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  results.push({ layer: 'e2e', passed: count('pass'), failed: count('fail') + count('cancelled') + (r.status !== 0 && count('fail') === 0 ? 1 : 0), skipped: count('skipped') });
}

async function bench() {
  for (const file of findFiles(join(ROOT, 'out/test/bench'), '.bench.js')) {
    console.log(`\n▶ benchmark ${relative(ROOT, file)}`);
    spawnSync(process.execPath, ['--expose-gc', file], { cwd: ROOT, stdio: 'inherit' });
  }
}

for (const layer of layers) {
  if (layer === 'unit') await unit();
  else if (layer === 'integration') await integration();
  else if (layer === 'e2e') await e2e();
  else if (layer === 'bench') await bench();
  else { console.error(`unknown layer ${layer}`); process.exit(2); }
}

if (results.length > 0) {
  console.log('\nSummary');
  let p = 0;
  let f = 0;
  for (const r of results) {
    console.log(`${r.layer}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
    p += r.passed;
    f += r.failed;
  }
  console.log(`total: ${p} passed, ${f} failed`);
  process.exit(f > 0 || results.some((r) => r.passed === 0) ? 1 : 0);
}
