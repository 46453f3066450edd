// Each runner's real output yields its failures (name, message, file:line) and counts; other output yields nothing.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTestSummary, summarizeTests, type TestSummary } from '../../../src/tools/testSummary';
import * as S from './samples/runnerOutputs';

function summary(command: string, output: string): TestSummary {
  const s = summarizeTests(command, output);
  assert.ok(s, `recognised: ${command}`);
  return s;
}

test('jest (through npm test)', () => {
  const s = summary('npm test', S.JEST);
  assert.equal(s.runner, 'jest');
  assert.equal(s.failed, 1);
  assert.equal(s.passed, 5);
  assert.equal(s.failures[0]?.name, 'Calculator › adds numbers');
  assert.match(s.failures[0]?.message ?? '', /Expected: 3 · Received: 4/);
  assert.equal(s.failures[0]?.location, 'src/calc.test.ts:11');
});

test('vitest', () => {
  const s = summary('npx vitest run', S.VITEST);
  assert.equal(s.runner, 'vitest');
  assert.deepEqual([s.failed, s.passed], [1, 5]);
  assert.equal(s.failures[0]?.name, 'src/calc.test.ts > Calculator > adds numbers');
  assert.match(s.failures[0]?.message ?? '', /expected 4 to be 3/);
  assert.equal(s.failures[0]?.location, 'src/calc.test.ts:11');
});

test('mocha', () => {
  const s = summary('yarn test', S.MOCHA);
  assert.equal(s.runner, 'mocha');
  assert.deepEqual([s.failed, s.passed], [2, 2]);
  assert.equal(s.failures.length, 2);
  assert.equal(s.failures[0]?.name, 'Calculator › adds numbers');
  assert.match(s.failures[0]?.message ?? '', /strictly equal/);
  assert.equal(s.failures[0]?.location, 'test/calc.test.js:11');
  assert.equal(s.failures[1]?.name, 'Parser › rejects bad input');
  assert.match(s.failures[1]?.message ?? '', /TypeError: Cannot read properties of undefined/);
  assert.equal(s.failures[1]?.location, 'src/parser.js:22');
});

test('node --test, spec reporter', () => {
  const s = summary('node --test --test-reporter=spec', S.NODE_SPEC);
  assert.equal(s.runner, 'node --test');
  assert.deepEqual([s.failed, s.passed], [2, 1]);
  assert.deepEqual(s.failures.map((f) => f.name), ['adds numbers', 'throws nicely'], 'the suite that only failed through a subtest is left out');
  assert.match(s.failures[0]?.message ?? '', /strictly equal.*4 !== 3/);
  assert.equal(s.failures[0]?.location, 'calc.test.js:4');
  assert.match(s.failures[1]?.message ?? '', /boom: missing config/);
});

test('node --test, TAP reporter', () => {
  const s = summary('node --test', S.NODE_TAP);
  assert.equal(s.runner, 'node --test (TAP)');
  assert.deepEqual([s.failed, s.passed], [2, 1]);
  assert.deepEqual(s.failures.map((f) => f.name), ['adds numbers', 'throws nicely']);
  assert.match(s.failures[0]?.message ?? '', /strictly equal: · 4 !== 3/);
  assert.equal(s.failures[0]?.location, '/tmp/nt/calc.test.js:4');
  assert.equal(s.failures[1]?.message, 'boom: missing config');
});

test('pytest', () => {
  const s = summary('pytest tests', S.PYTEST);
  assert.equal(s.runner, 'pytest');
  assert.deepEqual([s.failed, s.passed], [2, 2]);
  assert.equal(s.failures[0]?.name, 'tests/test_calc.py::test_adds');
  assert.equal(s.failures[0]?.message, 'assert 3 == 4');
  assert.equal(s.failures[0]?.location, 'tests/test_calc.py:4');
  assert.equal(s.failures[1]?.location, 'tests/test_calc.py:10');
});

test('cargo test: panics and compile errors', () => {
  const s = summary('cargo test', S.CARGO);
  assert.equal(s.runner, 'cargo test');
  assert.deepEqual([s.failed, s.passed], [2, 1]);
  assert.equal(s.failures[0]?.name, 'tests::adds');
  assert.match(s.failures[0]?.message ?? '', /assertion `left == right` failed · left: 4 · right: 3/);
  assert.equal(s.failures[0]?.location, 'src/lib.rs:6');
  assert.equal(s.failures[1]?.message, 'config missing: db_url');
  const c = summary('cargo test', S.CARGO_COMPILE);
  assert.equal(c.failures[0]?.name, 'compile error[E0425]');
  assert.match(c.failures[0]?.message ?? '', /cannot find function `undefined_fn`/);
  assert.equal(c.failures[0]?.location, 'src/lib.rs:8');
});

test('go test: failures, subtests and build errors', () => {
  const s = summary('go test ./...', S.GO_TEST);
  assert.equal(s.runner, 'go test');
  assert.deepEqual(s.failures.map((f) => f.name), ['TestAdd', 'TestTable/negative']);
  assert.equal(s.failures[0]?.location, 'calc_test.go:10');
  assert.equal(s.failures[0]?.message, 'Add(1, 3) = 4; want 3');
  const b = summary('go test ./...', S.GO_BUILD);
  assert.equal(b.failures[0]?.name, 'build failed');
  assert.equal(b.failures[0]?.location, './calc_test.go:8');
  assert.match(b.failures[0]?.message ?? '', /undefined: Sub/);
});

test('tsc errors in both formats', () => {
  const s = summary('npx tsc --noEmit', S.TSC);
  assert.deepEqual(s.failures.map((f) => f.location), ['src/app.ts:12', 'src/util.ts:3']);
  assert.equal(s.failures[0]?.name, 'TS2322');
});

test('output of other commands is not mistaken for a test run', () => {
  for (const [cmd, out] of [['ls', 'a.txt\nb.txt\n'], ['git status', 'On branch main\nnothing to commit\n'], ['npm install', 'added 120 packages in 3s\n'], ['echo ok', 'ok\n']]) {
    assert.equal(summarizeTests(cmd ?? '', out ?? ''), undefined, cmd);
  }
});

test('the formatted summary is short and names each failure with its place', () => {
  const text = formatTestSummary(summary('npm test', S.JEST));
  assert.equal(text.split('\n')[0], 'Test summary (jest): 1 failed, 5 passed');
  assert.match(text, /✗ Calculator › adds numbers — src\/calc\.test\.ts:11\n {2}expect\(received\)/);
  const many: TestSummary = { runner: 'x', failures: Array.from({ length: 25 }, (_, i) => ({ name: `t${i}` })) };
  assert.match(formatTestSummary(many, 10), /… and 15 more failures/);
});
