// Entry point loaded by the extension host (extensionTestsPath): loads every *.test.js beside it and runs them.
// KEEL_SUITES=lm,panel runs only those files (for working on one suite; CI runs them all).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runRegistered } from './harness';

export async function run(): Promise<void> {
  const only = (process.env.KEEL_SUITES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (only.length === 0 || only.includes(f.replace(/\.test\.js$/, '')))).sort();
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension host loads suites as CommonJS
    require(path.join(__dirname, file));
  }
  const failures = await runRegistered('integration');
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
