// The import rule of DESIGN.md holds for the real tree, and the checker catches each kind of violation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkLayering } from './layering';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function readTree(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts')) files.set(rel, fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    }
  };
  walk('src');
  return files;
}

test('the source tree follows the layering rule', () => {
  const tree = readTree();
  assert.ok(tree.size > 5, 'the scan found the sources');
  assert.deepEqual(checkLayering(tree), []);
});

test('a stray `import * as vscode` in src/agent/ is caught', () => {
  const tree = readTree();
  tree.set('src/agent/stray.ts', "import * as vscode from 'vscode';\nexport const x = vscode.version;\n");
  const v = checkLayering(tree);
  assert.equal(v.length >= 1, true);
  assert.ok(v.some((x) => x.file === 'src/agent/stray.ts' && x.specifier === 'vscode'));
});

test('node I/O in the core is caught directly and through a helper it loads', () => {
  const tree = new Map<string, string>([
    ['src/tools/a.ts', "import { helper } from '../model/helper';\nexport const a = helper;\n"],
    ['src/model/helper.ts', "import { readFileSync } from 'node:fs';\nexport const helper = readFileSync;\n"],
    ['src/edits/b.ts', "import * as cp from 'child_process';\nexport const b = cp;\n"],
    ['src/agent/c.ts', "import type { Thing } from '../node/thing';\nexport type C = Thing;\n"],
    ['src/node/thing.ts', "import * as fs from 'node:fs';\nexport type Thing = typeof fs;\n"],
    ['src/agent/d.ts', "import { x } from '../vscode/x';\nexport const d = x;\n"],
    ['src/vscode/x.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
  ]);
  const v = checkLayering(tree);
  assert.ok(v.some((x) => x.file === 'src/tools/a.ts' && x.specifier.includes('node:fs')), 'transitive fs');
  assert.ok(v.some((x) => x.file === 'src/edits/b.ts'), 'direct child_process');
  assert.ok(v.some((x) => x.file === 'src/agent/d.ts'), 'core loading a vscode adapter');
  assert.ok(!v.some((x) => x.file === 'src/agent/c.ts'), 'a type-only import is allowed');
  assert.ok(!v.some((x) => x.file === 'src/vscode/x.ts'), 'src/vscode may import vscode');
});

test('the webview may import protocol.ts only', () => {
  const tree = new Map<string, string>([
    ['src/protocol.ts', 'export const p = 1;\n'],
    ['src/webview/ok.ts', "import { p } from '../protocol';\nexport const ok = p;\n"],
    ['src/webview/bad.ts', "import { t } from '../tools/t';\nexport const bad = t;\n"],
    ['src/tools/t.ts', 'export const t = 1;\n'],
  ]);
  const v = checkLayering(tree);
  assert.deepEqual(v.map((x) => x.file), ['src/webview/bad.ts']);
});
