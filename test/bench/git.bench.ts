// Checkpoint and restore times on a repository of 10,000 small text files in nested folders (and the same tree
// as a plain folder, which gets a shadow repository). Prints the figures the README quotes; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGitCheckpoints } from '../../src/git';
import type { Checkpoints } from '../../src/ports/checkpoints';
import { createTempRepo, makeTempDir, type TempRepo } from '../support/tempRepo';

const FILES = 10_000;
const ROUNDS = Number(process.env.KEEL_BENCH_ROUNDS ?? 5);

function line(i: number): string {
  return `export function f${i}(x: number): number { return x * ${i} + ${(i * 7919) % 1000}; }\n`;
}

/** 10,000 files: 20 packages × 10 folders × 50 files, 200 B – 4 KB each, plus a .gitignore'd build folder. */
function populate(repo: TempRepo): void {
  let n = 0;
  for (let p = 0; p < 20; p++) {
    for (let d = 0; d < 10; d++) {
      const dir = path.join(repo.root, `packages/pkg-${p}/src/module-${d}`);
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 50; f++, n++) fs.writeFileSync(path.join(dir, `file-${f}.ts`), line(n).repeat(3 + (n % 50)));
    }
  }
  fs.writeFileSync(path.join(repo.root, '.gitignore'), 'dist/\n');
  fs.mkdirSync(path.join(repo.root, 'dist'));
  for (let i = 0; i < 500; i++) fs.writeFileSync(path.join(repo.root, `dist/chunk-${i}.js`), line(i));
}

function edit(repo: TempRepo, round: number): void {
  for (let i = 0; i < 5; i++) repo.write(`packages/pkg-${i}/src/module-${round % 10}/file-${i}.ts`, `// edited in round ${round}\n${line(i)}`);
  repo.write(`packages/pkg-${round % 20}/src/new-${round}.ts`, line(round));
  repo.write(`notes/round-${round}.md`, `round ${round}\n`);
  fs.rmSync(path.join(repo.root, `packages/pkg-19/src/module-9/file-${round}.ts`), { force: true });
}

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const value = await run();
  return [value, Number(process.hrtime.bigint() - started) / 1e6];
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

interface Figures {
  first: number[];
  next: number[];
  preview: number[];
  restore: number[];
  undo: number[];
}

async function measure(repo: TempRepo, storage: string, label: string): Promise<Figures> {
  const figures: Figures = { first: [], next: [], preview: [], restore: [], undo: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const cps: Checkpoints = createGitCheckpoints({ workspaceRoot: repo.root, taskId: `${label}-${round}`, shadowStorageDir: storage });
    const [start, first] = await time(() => cps.create('task start'));
    edit(repo, round);
    const [, next] = await time(() => cps.create('after a few edits'));
    const [plan, preview] = await time(() => cps.preview(start.id));
    const [result, restore] = await time(() => cps.restore(start.id));
    if (plan.restored.length !== result.restored.length || plan.deleted.length !== result.deleted.length) throw new Error('preview and restore disagree');
    const [, undo] = await time(() => cps.restore(result.undo.id));
    await cps.restore(start.id); // leave the tree as it was for the next round
    await cps.prune();
    figures.first.push(first);
    figures.next.push(next);
    figures.preview.push(preview);
    figures.restore.push(restore);
    figures.undo.push(undo);
  }
  return figures;
}

function report(title: string, f: Figures): void {
  const row = (name: string, values: readonly number[]): string => `  ${name.padEnd(44)} ${median(values).toFixed(0).padStart(6)} ms   (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
  console.log(`\n${title} — median of ${ROUNDS} rounds`);
  console.log(row('first checkpoint of a task', f.first));
  console.log(row('next checkpoint after 7 file changes', f.next));
  console.log(row('preview of a restore', f.preview));
  console.log(row('restore (undo checkpoint included)', f.restore));
  console.log(row('undo of that restore', f.undo));
}

async function main(): Promise<void> {
  const storage = makeTempDir('keel-bench-storage-');
  const repo = createTempRepo();
  const plain = createTempRepo({ init: false });
  try {
    populate(repo);
    repo.commitAll('10,000 files');
    populate(plain);
    console.log(`git checkpoints: ${FILES.toLocaleString('en-US')} tracked files (+500 ignored), ${os.cpus().length} CPUs, ${os.platform()}, node ${process.version}`);
    report('git repository', await measure(repo, storage, 'repo'));
    const warmUp = createGitCheckpoints({ workspaceRoot: plain.root, taskId: 'cold', shadowStorageDir: storage });
    const [, cold] = await time(() => warmUp.create('the first checkpoint ever in this folder'));
    await warmUp.prune();
    console.log(`\nfolder without git: the very first checkpoint creates the shadow repository and stores every file once: ${cold.toFixed(0)} ms`);
    report('folder without git (shadow repository, after that first one)', await measure(plain, storage, 'plain'));
  } finally {
    repo.cleanup();
    plain.cleanup();
    fs.rmSync(storage, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
