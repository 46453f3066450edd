// The model-facing git tools over a real GitPort on temporary repositories: definitions, "not a repository",
// bounded read output, and git_commit's preview, message amendment and choice of files (never the person's).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { createGitPort } from '../../../src/git';
import type { GitPort } from '../../../src/ports/git';
import type { Ports } from '../../../src/ports';
import { createGitTools } from '../../../src/tools/gitTools';
import { isToolResult, type PreparedStep, type ToolContext, type ToolDef, type ToolResult } from '../../../src/tools/types';
import { createTempRepo, startConflictingMerge, type TempRepo } from '../../support/tempRepo';
import { cleanupsAfterEach } from '../../support/cleanups';

const cleanups = cleanupsAfterEach();

const unused = (what: string) => (): never => {
  throw new Error(`${what} is not used by the git tools`);
};

function context(root: string, git: GitPort | undefined, maxResultChars = 20_000): ToolContext {
  const ports: Ports = {
    workspace: { roots: [root], isTrusted: () => true },
    fs: {
      stat: unused('fs.stat'),
      readFile: unused('fs.readFile'),
      writeFile: unused('fs.writeFile'),
      deleteFile: unused('fs.deleteFile'),
      readDirectory: unused('fs.readDirectory'),
      realPath: (p) => fs.promises.realpath(p),
    },
    commands: { run: unused('commands.run') },
    approver: { request: unused('approver.request') },
    git,
    checkpoints: { create: unused('create'), list: unused('list'), preview: unused('preview'), restore: unused('restore'), changedSince: unused('changedSince'), prune: unused('prune') },
    search: { search: unused('search') },
  };
  return { ports, signal: new AbortController().signal, session: { fileHashes: new Map() }, settings: { commandTimeoutSeconds: 30, maxResultChars }, onOutput: () => undefined };
}

function tools(changed: readonly string[] = []): Map<string, ToolDef> {
  return new Map(createGitTools({ taskChangedPaths: () => changed }).map((t) => [t.name, t]));
}

async function prepare(name: string, args: Record<string, unknown>, ctx: ToolContext, changed: readonly string[] = []): Promise<PreparedStep | ToolResult> {
  const def = tools(changed).get(name);
  assert.ok(def, name);
  return def.prepare(def.schema.parse(args), ctx);
}

async function call(name: string, args: Record<string, unknown>, ctx: ToolContext, changed: readonly string[] = []): Promise<ToolResult> {
  const prepared = await prepare(name, args, ctx, changed);
  return isToolResult(prepared) ? prepared : prepared.execute(undefined, ctx);
}

async function repoWithPort(files: Record<string, string>): Promise<{ repo: TempRepo; ctx: ToolContext }> {
  const repo = createTempRepo({ files });
  cleanups.push(repo.cleanup);
  return { repo, ctx: context(repo.root, await createGitPort(repo.root)) };
}

test('four tools with one-line descriptions, JSON schemas and the right risk', () => {
  const defs = createGitTools({ taskChangedPaths: () => [] });
  assert.deepEqual(defs.map((d) => [d.name, d.risk]), [['git_status', 'read'], ['git_diff', 'read'], ['git_log', 'read'], ['git_commit', 'git']]);
  for (const d of defs) {
    assert.ok(!d.description.includes('\n') && d.description.length < 200, d.name);
    assert.equal((z.toJSONSchema(d.schema) as { type?: string }).type, 'object');
  }
  assert.throws(() => defs[3]?.schema.parse({ paths: ['a'] }), /message/);
});

test('without a repository every git tool says so', async () => {
  const ctx = context(process.cwd(), undefined);
  for (const [name, args] of [['git_status', {}], ['git_diff', {}], ['git_log', {}], ['git_commit', { message: 'x' }]] as const) {
    const result = await call(name, args, ctx);
    assert.equal(result.ok, false, name);
    assert.match(result.content, /^The workspace is not a git repository/);
  }
});

test('git_status, git_diff and git_log answer through the port, bounded by the result limit', async () => {
  const { repo, ctx } = await repoWithPort({ 'a.txt': 'a\n' });
  repo.write('a.txt', Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join(''));
  const status = await call('git_status', {}, ctx);
  assert.deepEqual(status, { ok: true, content: 'On branch main.\nChanges (X = staged, Y = not staged; ?? = untracked; a folder ending in / is entirely untracked):\n M a.txt' });
  const small = context(repo.root, ctx.ports.git, 3000);
  const diff = await call('git_diff', { path: 'a.txt' }, small);
  assert.equal(diff.ok, true);
  assert.ok(diff.content.length <= 3000, `bounded (${diff.content.length})`);
  assert.match(diff.content, /characters .* cut/);
  assert.match((await call('git_log', { max_count: 1 }, ctx)).content, /^1 most recent commit/);
  const outside = await call('git_diff', { path: '../elsewhere.txt' }, ctx);
  assert.equal(outside.ok, false);
  assert.match(outside.content, /outside the workspace/);
});

test('git_commit without paths commits only what the task changed; the person may edit the message', async () => {
  const { repo, ctx } = await repoWithPort({ 'a.txt': 'a\n', 'user.txt': 'u\n', 'same.txt': 's\n' });
  repo.write('user.txt', 'the person was editing this before the task\n');
  repo.write('a.txt', 'task edit\n');
  repo.write('src/new file.ts', 'task file\n');
  const changed = ['a.txt', './src/new file.ts', 'same.txt'];
  const prepared = await prepare('git_commit', { message: 'Task work' }, ctx, changed);
  assert.ok(!isToolResult(prepared));
  assert.deepEqual(prepared.preview, { kind: 'commit', message: 'Task work', paths: ['a.txt', 'src/new file.ts'] });
  assert.equal(prepared.title, 'Commit 2 files: Task work');
  const result = await prepared.execute({ kind: 'commit', message: 'Better message from the person' }, ctx);
  assert.equal(result.ok, true, result.content);
  assert.match(result.content, /^Committed [0-9a-f]+ Better message from the person \(on main; 2 files changed/);
  assert.match(result.content, /The person edited the commit message; it reads:\nBetter message from the person$/);
  assert.equal(repo.git('status', '--porcelain'), ' M user.txt\n');
  const again = await prepare('git_commit', { message: 'Again' }, ctx, changed);
  assert.ok(isToolResult(again) && !again.ok);
  assert.match(again.content, /have no uncommitted changes/);
  const none = await prepare('git_commit', { message: 'x' }, ctx, []);
  assert.ok(isToolResult(none));
  assert.match(none.content, /has not changed any file yet/);
});

test('git_commit with paths: folders expand to their changed files; paths outside or unchanged are refused', async () => {
  const { repo, ctx } = await repoWithPort({ 'lib/a.ts': 'a\n', 'lib/b.ts': 'b\n', 'c.ts': 'c\n' });
  repo.write('lib/a.ts', 'A\n');
  repo.write('lib/new.ts', 'new\n');
  const prepared = await prepare('git_commit', { message: 'Lib', paths: ['lib', 'c.ts'] }, ctx);
  assert.ok(!isToolResult(prepared));
  assert.deepEqual(prepared.preview, { kind: 'commit', message: 'Lib', paths: ['lib/a.ts', 'lib/new.ts'] });
  const result = await prepared.execute(undefined, ctx);
  assert.match(result.content, /Not included \(no changes\): c\.ts\./);
  const outside = await prepare('git_commit', { message: 'x', paths: [path.join('..', 'x')] }, ctx);
  assert.ok(isToolResult(outside) && !outside.ok);
  assert.match(outside.content, /outside the workspace/);
  const unchanged = await prepare('git_commit', { message: 'x', paths: ['c.ts'] }, ctx);
  assert.ok(isToolResult(unchanged));
  assert.match(unchanged.content, /^Nothing to commit: c\.ts has no uncommitted changes/);
});

test('git_commit during a merge is refused before the person is asked', async () => {
  const { repo, ctx } = await repoWithPort({ 'a.txt': 'a\n' });
  startConflictingMerge(repo);
  repo.write('a.txt', 'task\n');
  const prepared = await prepare('git_commit', { message: 'x', paths: ['a.txt'] }, ctx);
  assert.ok(isToolResult(prepared) && !prepared.ok);
  assert.match(prepared.content, /^Refusing to commit: A merge is in progress/);
});
