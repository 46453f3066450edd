// Recognises a test or type-check run from its command and output (jest, vitest, mocha, node --test in spec and TAP,
// pytest, go test, cargo test, tsc) and summarises its failures (name, assertion message, file:line) for the model.

export interface TestFailure {
  readonly name: string;
  readonly message?: string;
  readonly location?: string;
}

export interface TestSummary {
  readonly runner: string;
  readonly passed?: number;
  readonly failed?: number;
  readonly failures: readonly TestFailure[];
}

type Parser = (lines: readonly string[], text: string) => TestSummary | undefined;

const MESSAGE_CHARS = 240;

function num(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

function lastNum(text: string, re: RegExp): number | undefined {
  let found: number | undefined;
  for (const m of text.matchAll(re)) if (m[1] !== undefined) found = Number(m[1]);
  return found;
}

function compact(lines: readonly string[], max = 3): string | undefined {
  const picked = lines.map((l) => l.trim()).filter((l) => l !== '').slice(0, max);
  if (picked.length === 0) return undefined;
  const text = picked.join(' · ');
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS - 3)}...` : text;
}

/** The first `file:line[:col]` of a stack or code location that is not in node_modules or Node's internals. */
function location(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const m = /\(?((?:[A-Za-z]:)?[^\s()'"]+?\.\w+):(\d+)(?::(\d+))?\)?/.exec(line.replace(/^\s*(?:at |❯ |-->\s*)/, ''));
    if (m && !/node_modules|node:internal|^node:|<anonymous>/.test(m[1] ?? '')) return `${m[1]}:${m[2]}`;
  }
  return undefined;
}

function until(lines: readonly string[], from: number, stop: (line: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (stop(line)) break;
    out.push(line);
  }
  return out;
}

const isCodeFrame = (l: string): boolean => /^\s*>?\s*\d+\s*\|/.test(l) || /^\s*\|\s*\^?/.test(l) || /^\s+at /.test(l);

const jest: Parser = (lines, text) => {
  if (!/^Tests:\s+/m.test(text) && !/^\s*● /m.test(text)) return undefined;
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*● (.+)$/.exec(line);
    if (!m?.[1]) return;
    const body = until(lines, i + 1, (l) => /^\s*● /.test(l) || /^(PASS|FAIL) /.test(l) || /^Test(s| Suites):/.test(l));
    failures.push({ name: m[1].trim(), message: compact(body.filter((l) => !isCodeFrame(l))), location: location(body.filter((l) => /^\s+at /.test(l))) ?? location(body) });
  });
  const summary = lines.find((l) => /^Tests:\s+/.test(l)) ?? '';
  return { runner: 'jest', failed: num(summary, /(\d+) failed/) ?? failures.length, passed: num(summary, /(\d+) passed/), failures };
};

const vitest: Parser = (lines, text) => {
  if (!/^\s*Test Files\s+.*\(\d+\)/m.test(text) && !/^\s*(FAIL|×)\s+\S+ > /m.test(text)) return undefined;
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*FAIL\s+(.+? > .+)$/.exec(line);
    if (!m?.[1]) return;
    const body = until(lines, i + 1, (l) => /^\s*FAIL\s+/.test(l) || /⎯{3,}/.test(l));
    const message = compact(body.filter((l) => !/^\s*(❯|\d+\|)/.test(l) && !/^\s*[-+] (Expected|Received)$/.test(l)), 2);
    failures.push({ name: m[1].replace(/\s+\d+ms$/, '').trim(), message, location: location(body.filter((l) => /❯/.test(l))) });
  });
  const summary = lines.find((l) => /^\s*Tests\s+.*\(\d+\)/.test(l)) ?? '';
  return { runner: 'vitest', failed: num(summary, /(\d+) failed/) ?? failures.length, passed: num(summary, /(\d+) passed/), failures };
};

const mocha: Parser = (lines, text) => {
  if (!/^\s*\d+ passing \(/m.test(text)) return undefined;
  const failures: TestFailure[] = [];
  const start = lines.findIndex((l) => /^\s*\d+ failing/.test(l));
  for (let i = start === -1 ? lines.length : start + 1; i < lines.length; i++) {
    const m = /^\s{1,4}(\d+)\) (.+)$/.exec(lines[i] ?? '');
    if (!m?.[2]) continue;
    const title = [m[2].trim()];
    let j = i + 1;
    while (j < lines.length && !title[title.length - 1]?.endsWith(':') && (lines[j] ?? '').trim() !== '') title.push((lines[j++] ?? '').trim());
    const body = until(lines, j, (l) => /^\s{1,4}\d+\) /.test(l));
    failures.push({ name: title.join(' › ').replace(/:$/, ''), message: compact(body.filter((l) => !/^\s+at /.test(l) && !/^\s*[-+] expected - actual/.test(l)), 2), location: location(body.filter((l) => /^\s+at /.test(l))) });
    i = j + body.length - 1;
  }
  return { runner: 'mocha', failed: num(text, /^\s*(\d+) failing/m) ?? 0, passed: num(text, /^\s*(\d+) passing/m), failures };
};

const subtestNoise = (m: string | undefined): boolean => m === undefined || /^'?\d+ subtests? failed'?$/.test(m);

const nodeSpec: Parser = (lines, text) => {
  if (!/^ℹ (tests|pass|fail) \d+/m.test(text)) return undefined;
  const section = lines.findIndex((l) => /^✖ failing tests:/.test(l));
  const from = section === -1 ? 0 : section + 1;
  const seen = new Map<string, TestFailure>();
  let pendingLocation: string | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const at = /^\s*test at (\S+?:\d+)(?::\d+)?$/.exec(line);
    if (at?.[1]) pendingLocation = at[1];
    const m = /^(\s*)✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(line);
    if (!m?.[2] || m[2] === 'failing tests:') continue;
    const indent = m[1]?.length ?? 0;
    const body = until(lines, i + 1, (l) => l.trim() !== '' && (l.length - l.trimStart().length <= indent || /^\s*(✖|✔|▶|ℹ|test at) /.test(l)));
    const stack = body.findIndex((l) => /^\s+at /.test(l));
    const message = compact(stack === -1 ? body : body.slice(0, stack), 2);
    const loc = pendingLocation ?? location(body.filter((l) => /^\s+at /.test(l)));
    pendingLocation = undefined;
    if (subtestNoise(message)) continue;
    seen.set(m[2], { name: m[2], message, location: loc });
  }
  return { runner: 'node --test', failed: lastNum(text, /^ℹ fail (\d+)/gm), passed: lastNum(text, /^ℹ pass (\d+)/gm), failures: [...seen.values()] };
};

const tap: Parser = (lines, text) => {
  if (!/^\s*(not )?ok \d+ /m.test(text) || (!/^TAP version/m.test(text) && !/^# (pass|fail) \d+/m.test(text))) return undefined;
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)not ok \d+ - (.+?)$/.exec(line);
    if (!m?.[2] || /#\s*(TODO|SKIP)/i.test(m[2])) return;
    const block = until(lines, i + 1, (l) => /^\s*\.\.\.$/.test(l) || /^\s*(not )?ok \d+ /.test(l));
    const yaml = block.join('\n');
    if (/failureType: 'subtestsFailed'/.test(yaml)) return;
    const errIndex = block.findIndex((l) => /^\s*error: /.test(l));
    let message: string | undefined;
    if (errIndex !== -1) {
      const inline = /^\s*error: (?!\|)['"]?(.*?)['"]?$/.exec(block[errIndex] ?? '');
      const indent = (block[errIndex] ?? '').length - (block[errIndex] ?? '').trimStart().length;
      message = inline?.[1] ? compact([inline[1]]) : compact(until(block, errIndex + 1, (l) => l.trim() !== '' && l.length - l.trimStart().length <= indent), 2);
    }
    const loc = /location: '([^']+?)(?::\d+)?'/.exec(yaml)?.[1];
    failures.push({ name: m[2].trim(), message, location: loc });
  });
  return { runner: 'node --test (TAP)', failed: lastNum(text, /^# fail (\d+)/gm) ?? failures.length, passed: lastNum(text, /^# pass (\d+)/gm), failures };
};

const pytest: Parser = (lines, text) => {
  if (!/^=+ .*\b(passed|failed|errors?|no tests ran)\b.* in [\d.]+s/m.test(text) && !/^=+ (test session starts|FAILURES|short test summary info) =+$/m.test(text)) return undefined;
  const locations = new Map<string, string>();
  let block: string | undefined;
  for (const line of lines) {
    const header = /^_{3,} (.+?) _{3,}$/.exec(line);
    if (header?.[1]) block = header[1].split('.').pop()?.replace(/\[.*\]$/, '');
    const loc = /^(\S+\.py):(\d+): \w+/.exec(line);
    if (block !== undefined && loc) locations.set(block, `${loc[1]}:${loc[2]}`);
  }
  const failures: TestFailure[] = [];
  for (const line of lines) {
    const m = /^(FAILED|ERROR) (\S+)(?: - (.*))?$/.exec(line);
    if (!m?.[2]) continue;
    const short = m[2].split('::').pop()?.replace(/\[.*\]$/, '') ?? m[2];
    failures.push({ name: m[2], message: m[3] ? compact([m[3]]) : m[1] === 'ERROR' ? 'error while collecting or setting up' : undefined, location: locations.get(short) ?? (m[2].includes('::') ? undefined : m[2]) });
  }
  if (failures.length === 0) {
    for (const [name, loc] of locations) failures.push({ name, location: loc });
  }
  const final = [...lines].reverse().find((l) => /^=+ .* in [\d.]+s/.test(l)) ?? '';
  return { runner: 'pytest', failed: (num(final, /(\d+) failed/) ?? 0) + (num(final, /(\d+) errors?/) ?? 0), passed: num(final, /(\d+) passed/), failures };
};

const goTest: Parser = (lines, text) => {
  if (!/^(--- (FAIL|PASS):|=== RUN|ok\s+\S+\s|FAIL\s+\S+\s|FAIL$|PASS$)/m.test(text)) return undefined;
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*)--- FAIL: (\S+)/.exec(line);
    if (!m?.[2]) return;
    const indent = m[1]?.length ?? 0;
    const body = until(lines, i + 1, (l) => !l.startsWith(' '.repeat(indent + 4)) || /^\s*--- (FAIL|PASS)/.test(l));
    const own = /^\s*(\S+\.go:\d+): (.*)$/.exec(body[0] ?? '');
    if (!own && lines.slice(i + 1).some((l) => l.includes(`--- FAIL: ${m[2]}/`))) return;
    failures.push({ name: m[2], message: own?.[2] ? compact([own[2], ...body.slice(1)], 2) : compact(body, 2), location: own?.[1] });
  });
  lines.forEach((line) => {
    const m = /^(\.?\.?\/?\S+\.go):(\d+):(\d+): (.+)$/.exec(line);
    if (m?.[1] && !failures.some((f) => f.location === `${m[1]}:${m[2]}`)) failures.push({ name: 'build failed', message: compact([m[4] ?? '']), location: `${m[1]}:${m[2]}` });
  });
  const failed = (text.match(/^\s*--- FAIL:/gm) ?? []).length + failures.filter((f) => f.name === 'build failed').length;
  const passedRuns = (text.match(/^\s*--- PASS:/gm) ?? []).length;
  return { runner: 'go test', failed, passed: passedRuns > 0 ? passedRuns : undefined, failures };
};

const cargo: Parser = (lines, text) => {
  if (!/^test result: (ok|FAILED)\./m.test(text) && !/^running \d+ tests?$/m.test(text) && !/^error(\[E\d+\])?: /m.test(text)) return undefined;
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const m = /^---- (\S+) stdout ----$/.exec(line);
    if (m?.[1]) {
      const body = until(lines, i + 1, (l) => /^---- /.test(l) || /^failures:$/.test(l));
      const p = body.findIndex((l) => /panicked at/.test(l));
      const panic = body[p] ?? '';
      const old = /panicked at '(.*)', (\S+:\d+):\d+/.exec(panic);
      const fresh = /panicked at (\S+:\d+):\d+:?$/.exec(panic);
      const rest = until(body, p + 1, (l) => /^(note: |stack backtrace:)/.test(l));
      failures.push({ name: m[1], message: old?.[1] ? compact([old[1]]) : compact(rest, 3), location: old?.[2] ?? fresh?.[1] });
      return;
    }
    const err = /^error(\[E\d+\])?: (.+)$/.exec(line);
    if (err?.[2] && !/^(test failed|could not compile|aborting due to)/.test(err[2])) {
      failures.push({ name: `compile error${err[1] ?? ''}`, message: compact([err[2]]), location: location(lines.slice(i + 1, i + 3).filter((l) => /-->/.test(l))) });
    }
  });
  if (!failures.some((f) => !f.name.startsWith('compile error'))) {
    for (const line of lines) {
      const m = /^test (\S+) \.\.\. FAILED$/.exec(line);
      if (m?.[1]) failures.push({ name: m[1] });
    }
  }
  let passed = 0;
  let failed = 0;
  for (const m of text.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed/gm)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  return { runner: 'cargo test', failed: failed || failures.length, passed, failures };
};

const tsc: Parser = (lines, text) => {
  if (!/error TS\d+: /.test(text)) return undefined;
  const failures: TestFailure[] = [];
  for (const line of lines) {
    const m = /^(\S.*?)(?:\((\d+),\d+\)|:(\d+):\d+) ?[:-] error (TS\d+): (.+)$/.exec(line);
    if (m?.[1]) failures.push({ name: m[4] ?? 'error', message: compact([m[5] ?? '']), location: `${m[1]}:${m[2] ?? m[3]}` });
  }
  return { runner: 'tsc', failed: failures.length, failures };
};

const PARSERS: readonly [RegExp, Parser][] = [
  [/\bvitest\b/, vitest],
  [/\bjest\b/, jest],
  [/\bmocha\b/, mocha],
  [/\bnode\b.*--test\b.*--test-reporter[= ]tap\b/, tap],
  [/\bnode\b.*--test\b/, nodeSpec],
  [/\b(pytest|py\.test)\b/, pytest],
  [/\bgo\s+test\b/, goTest],
  [/\bcargo\s+(test|nextest)\b/, cargo],
  [/\btsc\b/, tsc],
];

/** A summary when the output looks like one of the known runners; the command only decides which to try first. */
export function summarizeTests(command: string, output: string): TestSummary | undefined {
  const lines = output.split('\n');
  const preferred = PARSERS.filter(([re]) => re.test(command)).map(([, p]) => p);
  const order = [...preferred, vitest, jest, mocha, nodeSpec, tap, pytest, cargo, goTest, tsc].filter((p, i, all) => all.indexOf(p) === i);
  for (const parse of order) {
    const summary = parse(lines, output);
    if (summary !== undefined) return summary;
  }
  return undefined;
}

export function formatTestSummary(summary: TestSummary, maxFailures = 10): string {
  const counts = [summary.failed !== undefined ? `${summary.failed} failed` : undefined, summary.passed !== undefined ? `${summary.passed} passed` : undefined].filter(Boolean).join(', ');
  const out = [`Test summary (${summary.runner})${counts ? `: ${counts}` : ''}`];
  for (const f of summary.failures.slice(0, maxFailures)) {
    out.push(`✗ ${f.name}${f.location ? ` — ${f.location}` : ''}`);
    if (f.message) out.push(`  ${f.message}`);
  }
  if (summary.failures.length > maxFailures) out.push(`… and ${summary.failures.length - maxFailures} more failures (see the output)`);
  return out.join('\n');
}
