// A minimal test harness for the extension host: suites register tests; run() executes them in order and reports.

type TestFn = () => Promise<void> | void;
interface TestCase {
  readonly name: string;
  readonly fn: TestFn;
  readonly timeoutMs: number;
}

const cases: TestCase[] = [];
let prefix = '';

export function suite(name: string, body: () => void): void {
  const previous = prefix;
  prefix = previous ? `${previous} › ${name}` : name;
  try {
    body();
  } finally {
    prefix = previous;
  }
}

export function test(name: string, fn: TestFn, timeoutMs = 30_000): void {
  cases.push({ name: prefix ? `${prefix} › ${name}` : name, fn, timeoutMs });
}

/** Runs every registered test; resolves with the number of failures and prints a closing count line. */
export async function runRegistered(layer: string): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(c.fn),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${c.timeoutMs} ms`)), c.timeoutMs);
        }),
      ]);
      passed++;
      console.log(`  ✔ ${c.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`  ✘ ${c.name}\n    ${detail.split('\n').join('\n    ')}`);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
  console.log(`${layer}: ${passed} passed, ${failed} failed`);
  return failed;
}
