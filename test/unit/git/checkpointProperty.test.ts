// Property: over random file trees and random sequences of edits, checkpoints and restores (including restoring
// undo checkpoints), every restore gives back the checkpoint's files byte for byte, ignored files are never
// touched, and the person's HEAD, refs, index and stash never change.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { createGitCheckpoints } from '../../../src/git';
import { createTempRepo, makeTempDir, readTree, userGitState } from '../../support/tempRepo';

const DIRS = ['d', 'sub dir', 'ü'];
const FILES = ['f.txt', 'g h.bin', 'ж.md', '.hidden', 'x.log'];
const isIgnored = (rel: string): boolean => rel.endsWith('.log');

const filePath = fc.tuple(fc.array(fc.constantFrom(...DIRS), { maxLength: 2 }), fc.constantFrom(...FILES)).map(([dirs, file]) => [...dirs, file].join('/'));
const content = fc.oneof(fc.uint8Array({ maxLength: 48 }), fc.string({ maxLength: 48 }).map((s) => new TextEncoder().encode(s)));

type Op =
  | { readonly kind: 'write'; readonly path: string; readonly data: Uint8Array; readonly exec: boolean }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'checkpoint' }
  | { readonly kind: 'restore'; readonly pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), path: filePath, data: content, exec: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: filePath }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkpoint' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
);

function split(tree: Map<string, string>): { tracked: Map<string, string>; ignored: Map<string, string> } {
  const tracked = new Map<string, string>();
  const ignored = new Map<string, string>();
  for (const [k, v] of tree) (isIgnored(k) ? ignored : tracked).set(k, v);
  return { tracked, ignored };
}

function apply(root: string, o: Op): void {
  if (o.kind === 'write') {
    const abs = path.join(root, o.path);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, o.data);
    fs.chmodSync(abs, o.exec ? 0o755 : 0o644);
  } else if (o.kind === 'delete') {
    fs.rmSync(path.join(root, o.path), { force: true });
  }
}

test('random edits, checkpoints and restores: byte-exact restores, ignored files untouched, git state unchanged', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op.filter((o) => o.kind === 'write'), { maxLength: 4 }), fc.array(op, { minLength: 3, maxLength: 10 }), async (before, ops) => {
      const repo = createTempRepo({ files: { '.gitignore': '*.log\n', 'd/f.txt': 'committed\n', 'g h.bin': Uint8Array.of(0, 1, 2, 255) } });
      const storage = makeTempDir('keel-storage-');
      try {
        for (const o of before) apply(repo.root, o); // the person's own uncommitted work
        repo.git('add', '--', 'd');
        const state = userGitState(repo.root);
        const cps = createGitCheckpoints({ workspaceRoot: repo.root, taskId: 'prop', shadowStorageDir: storage });
        const taken: { id: string; tracked: Map<string, string> }[] = [];
        const first = await cps.create('task start');
        taken.push({ id: first.id, tracked: split(readTree(repo.root)).tracked });
        for (const o of ops) {
          if (o.kind === 'checkpoint') {
            const cp = await cps.create('step');
            taken.push({ id: cp.id, tracked: split(readTree(repo.root)).tracked });
          } else if (o.kind === 'restore') {
            const target = taken[o.pick % taken.length];
            if (!target) continue;
            const now = split(readTree(repo.root));
            const result = await cps.restore(target.id);
            const after = split(readTree(repo.root));
            assert.deepEqual(after.tracked, target.tracked, 'the checkpoint comes back byte for byte');
            assert.deepEqual(after.ignored, now.ignored, 'ignored files are not touched');
            taken.push({ id: result.undo.id, tracked: now.tracked });
          } else {
            apply(repo.root, o);
          }
        }
        await cps.restore(first.id);
        const end = userGitState(repo.root);
        assert.deepEqual(end, state, 'back at the start, the person sees exactly the state they left');
      } finally {
        repo.cleanup();
        fs.rmSync(storage, { recursive: true, force: true });
      }
    }),
    { numRuns: Number(process.env.KEEL_PROPERTY_RUNS ?? 8) },
  );
});
