// Checkpoint commits under the private ref namespace refs/keel/<task>/<n>: saved, listed and deleted without
// touching branches, HEAD or the index. The commit message holds the label and the creation time.
import { createHash } from 'node:crypto';
import type { CheckpointInfo } from '../ports/checkpoints';
import { GitFailure } from './errors';
import type { SnapshotRepo } from './snapshotRepo';

export interface StoredCheckpoint {
  readonly info: CheckpointInfo;
  readonly n: number;
  readonly commit: string;
  readonly tree: string;
}

/** Author and committer of checkpoint commits, so they work without the person's user.name/email. */
const IDENTITY = { GIT_AUTHOR_NAME: 'Keel', GIT_AUTHOR_EMAIL: 'keel@localhost', GIT_COMMITTER_NAME: 'Keel', GIT_COMMITTER_EMAIL: 'keel@localhost' };
const CREATED_AT = 'Keel-Created-At';

/** The ref folder of a task: refs/keel/<task id made ref-safe>. */
export function taskRefBase(taskId: string): string {
  const safe = taskId.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  const key = safe === taskId && safe !== '' ? safe : `${safe || 'task'}-${createHash('sha256').update(taskId).digest('hex').slice(0, 8)}`;
  return `refs/keel/${key}`;
}

function oneLine(label: string): string {
  const line = label.replace(/\s+/g, ' ').trim().slice(0, 200);
  return line === '' ? 'checkpoint' : line;
}

export async function listStored(repo: SnapshotRepo, refBase: string, signal?: AbortSignal): Promise<StoredCheckpoint[]> {
  const out = await repo.store.run(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(tree)%00%(contents:subject)%00%(contents:body)%1e', refBase], { signal, silent: true });
  const stored: StoredCheckpoint[] = [];
  for (const record of out.split('\x1e')) {
    const [refname, commit, tree, label, body] = record.replace(/^\n/, '').split('\0');
    if (!refname || !commit || !tree) continue;
    const n = Number(refname.slice(refBase.length + 1));
    if (!refname.startsWith(`${refBase}/`) || !Number.isInteger(n)) continue;
    const created = new RegExp(`^${CREATED_AT}: (\\d+)$`, 'm').exec(body ?? '');
    stored.push({ info: { id: refname, label: label ?? '', createdAt: Number(created?.[1] ?? 0) }, n, commit, tree });
  }
  return stored.sort((a, b) => a.n - b.n);
}

/** Stores `tree` as the task's next checkpoint (an atomic create: an existing ref is never overwritten). */
export async function saveCheckpoint(repo: SnapshotRepo, refBase: string, tree: string, label: string, createdAt: number, signal?: AbortSignal): Promise<StoredCheckpoint> {
  const subject = oneLine(label);
  const commit = (await repo.store.run(['commit-tree', '--no-gpg-sign', '-m', subject, '-m', `${CREATED_AT}: ${createdAt}`, tree], { signal, env: IDENTITY })).trim();
  let n = ((await listStored(repo, refBase, signal)).at(-1)?.n ?? 0) + 1;
  for (let attempt = 0; ; attempt++) {
    const ref = `${refBase}/${n}`;
    try {
      await repo.store.run(['update-ref', '-m', 'keel: checkpoint', ref, commit, ''], { signal, silent: true });
      return { info: { id: ref, label: subject, createdAt }, n, commit, tree };
    } catch (err) {
      if (!(err instanceof GitFailure && err.code === 'locked') || attempt >= 5) throw err;
      n++;
    }
  }
}

export async function deleteRefs(repo: SnapshotRepo, refs: readonly string[], signal?: AbortSignal): Promise<void> {
  if (refs.length === 0) return;
  await repo.store.run(['update-ref', '--stdin'], { signal, silent: true, input: refs.map((r) => `delete ${r}\n`).join('') });
}
