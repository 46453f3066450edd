// Task history on disk (the extension's storage folder): each task's conversation (Agent.snapshot()), plan, transcript and
// decisions in one JSON file, written atomically; an index of summaries for the history list.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AgentSnapshot } from '../agent/agent';
import { parseToPanel, type TaskSummary, type TaskView } from '../protocol';

export interface StoredTask {
  readonly version: 1;
  readonly view: TaskView;
  readonly snapshot: AgentSnapshot | undefined;
  /** The task's first message, with its context. */
  readonly task: string;
}

const MAX_TASKS = 50;

export class TaskStore {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
    /** Called for every task deleted (by the person or past the limit), to prune its checkpoints. */
    private readonly onDeleted: (id: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  private async deleted(id: string): Promise<void> {
    try {
      await this.onDeleted(id);
    } catch (err) {
      this.warn(`Could not prune the checkpoints of task ${id}: ${String(err)}`);
    }
  }

  private file(id: string): string {
    return path.join(this.dir, `${id.replace(/[^\w.-]/g, '_')}.json`);
  }

  /** Writes are serialized so an older state never lands after a newer one. */
  save(task: StoredTask): Promise<void> {
    const next = this.chain.then(() => this.write(task)).catch((err: unknown) => this.warn(`Could not save task ${task.view.id}: ${String(err)}`));
    this.chain = next;
    return next;
  }

  private async write(task: StoredTask): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const target = this.file(task.view.id);
    const temp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(task));
    await fs.rename(temp, target);
  }

  async load(id: string): Promise<StoredTask | undefined> {
    try {
      const raw = JSON.parse(await fs.readFile(this.file(id), 'utf8')) as unknown;
      return validate(raw);
    } catch (err) {
      this.warn(`Could not read saved task ${id}: ${String(err)}`);
      return undefined;
    }
  }

  /** Summaries, newest first; old tasks beyond the limit are deleted. */
  async list(): Promise<TaskSummary[]> {
    await this.chain;
    let names: string[];
    try {
      names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const out: TaskSummary[] = [];
    for (const name of names) {
      const t = await this.load(name.slice(0, -5));
      if (t) out.push({ id: t.view.id, title: t.view.title, status: t.view.status, updatedAt: t.view.updatedAt });
    }
    out.sort((a, b) => b.updatedAt - a.updatedAt);
    for (const old of out.splice(MAX_TASKS)) {
      await fs.rm(this.file(old.id), { force: true });
      await this.deleted(old.id);
    }
    return out;
  }

  async delete(id: string): Promise<void> {
    await this.chain;
    await fs.rm(this.file(id), { force: true });
    await this.deleted(id);
  }
}

function validate(raw: unknown): StoredTask | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const opened = parseToPanel({ type: 'task/opened', task: r.view });
  if (opened?.type !== 'task/opened' || !opened.task || typeof r.task !== 'string') return undefined;
  const snap = r.snapshot;
  const snapshot = typeof snap === 'object' && snap !== null && (snap as { version?: unknown }).version === 1 && Array.isArray((snap as { history?: unknown }).history) ? (snap as AgentSnapshot) : undefined;
  return { version: 1, view: opened.task, snapshot, task: r.task };
}
