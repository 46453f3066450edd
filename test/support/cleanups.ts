// Per-test cleanup for node:test files: what a test pushes is undone after it, whether it passed or failed.
import { afterEach } from 'node:test';

/** Call once at the top of a test file; push cleanups onto the returned list during a test. */
export function cleanupsAfterEach(): (() => void)[] {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  return cleanups;
}
