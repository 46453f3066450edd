// The verification gate's command: the configured one, else detected from the project (the package.json test script,
// pytest, go test, cargo test), read through the FileSystem port.
import * as path from 'node:path';
import type { FileSystem } from '../ports';

async function readText(fs: FileSystem, abs: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await fs.readFile(abs));
  } catch {
    return undefined;
  }
}

async function exists(fs: FileSystem, abs: string): Promise<boolean> {
  return (await fs.stat(abs)) !== undefined;
}

const NPM_PLACEHOLDER = /no test specified/i;

export async function detectVerifyCommand(fs: FileSystem, root: string): Promise<string | undefined> {
  const pkgText = await readText(fs, path.join(root, 'package.json'));
  if (pkgText !== undefined) {
    try {
      const pkg = JSON.parse(pkgText) as { scripts?: Record<string, unknown> };
      const test = pkg.scripts?.test;
      if (typeof test === 'string' && test.trim() !== '' && !NPM_PLACEHOLDER.test(test)) {
        if (await exists(fs, path.join(root, 'pnpm-lock.yaml'))) return 'pnpm test';
        if (await exists(fs, path.join(root, 'yarn.lock'))) return 'yarn test';
        return 'npm test';
      }
    } catch {
      // an unreadable package.json has no test script we can trust
    }
  }
  if (await exists(fs, path.join(root, 'Cargo.toml'))) return 'cargo test';
  if (await exists(fs, path.join(root, 'go.mod'))) return 'go test ./...';
  const pyproject = await readText(fs, path.join(root, 'pyproject.toml'));
  const setupCfg = await readText(fs, path.join(root, 'setup.cfg'));
  if (
    (await exists(fs, path.join(root, 'pytest.ini'))) ||
    (await exists(fs, path.join(root, 'conftest.py'))) ||
    pyproject?.includes('[tool.pytest') ||
    setupCfg?.includes('[tool:pytest]') ||
    (await exists(fs, path.join(root, 'tests', 'conftest.py')))
  ) {
    return 'python -m pytest -q';
  }
  return undefined;
}
