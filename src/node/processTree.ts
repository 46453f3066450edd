// Process trees: list a process's descendants (/proc on Linux, `ps` elsewhere), tell whether a pid is alive, and kill
// a whole tree (its process group and every descendant found), TERM first and KILL after a grace period.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** Session id; undefined where `ps` does not tell. */
  readonly session?: number;
  /** One-letter state; 'Z' is a zombie (dead, not yet reaped). */
  readonly state: string;
}

const MAX_PROCESSES = 50_000;

async function fromProc(): Promise<ProcessInfo[] | undefined> {
  let names: string[];
  try {
    names = await fs.readdir('/proc');
  } catch {
    return undefined;
  }
  const pids = names.filter((n) => /^\d+$/.test(n)).slice(0, MAX_PROCESSES);
  const infos = await Promise.all(pids.map((pid) => statOf(Number(pid))));
  return infos.filter((i): i is ProcessInfo => i !== undefined);
}

async function statOf(pid: number): Promise<ProcessInfo | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ..." — comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]), session: Number(fields[3]) };
  } catch {
    return undefined;
  }
}

function fromPs(): Promise<ProcessInfo[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat='], { timeout: 5000, maxBuffer: 8 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve([]);
      const out: ProcessInfo[] = [];
      for (const line of stdout.split('\n')) {
        const [pid, ppid, pgid, stat] = line.trim().split(/\s+/);
        if (pid && ppid && pgid) out.push({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), state: (stat ?? '?').charAt(0) });
      }
      resolve(out);
    });
  });
}

export async function listProcesses(): Promise<ProcessInfo[]> {
  if (process.platform === 'win32') return [];
  return (await fromProc()) ?? fromPs();
}

/** Every live descendant of `pid` (children, their children, ...) and every member of the group `pid` leads. */
export async function descendants(pid: number, all?: readonly ProcessInfo[]): Promise<number[]> {
  const list = all ?? (await listProcesses());
  const children = new Map<number, number[]>();
  for (const p of list) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found = new Set<number>();
  const stack = [pid];
  while (stack.length > 0) {
    const at = stack.pop();
    if (at === undefined) break;
    for (const c of children.get(at) ?? []) {
      if (!found.has(c) && c !== pid) {
        found.add(c);
        stack.push(c);
      }
    }
  }
  for (const p of list) if (p.pgid === pid && p.pid !== pid) found.add(p.pid);
  return [...found].filter((p) => list.some((i) => i.pid === p && i.state !== 'Z'));
}

export async function isAlive(pid: number): Promise<boolean> {
  if (process.platform === 'linux') {
    const info = await statOf(pid);
    return info !== undefined && info.state !== 'Z';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function ownGroup(): Promise<number | undefined> {
  return (await statOf(process.pid))?.pgid;
}

async function waitGone(pids: Iterable<number>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  const left = new Set(pids);
  while (true) {
    for (const p of [...left]) if (!(await isAlive(p))) left.delete(p);
    if (left.size === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function taskkill(pid: number): Promise<boolean> {
  return new Promise((resolve) => execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { timeout: 10_000 }, (err) => resolve(!err)));
}

/** The processes and process groups of a tree at one moment, to kill later even if they are orphaned by then. */
export interface TreeSnapshot {
  readonly pids: readonly number[];
  readonly groups: readonly number[];
}

/**
 * `pid`'s descendants (and `pid` itself unless `keepRoot`) and the groups they lead (never our own). When `pid` leads
 * a session (a terminal's shell), every live process of that session counts too, orphaned ones included.
 */
export async function snapshotTree(pid: number, keepRoot = false): Promise<TreeSnapshot> {
  const all = await listProcesses();
  const pids = new Set(await descendants(pid, all));
  const root = all.find((p) => p.pid === pid);
  if (root?.session === pid) for (const p of all) if (p.session === pid && p.pid !== pid && p.state !== 'Z') pids.add(p.pid);
  if (!keepRoot) pids.add(pid);
  const mine = await ownGroup();
  const groups = all.filter((p) => pids.has(p.pid) && p.pgid === p.pid && p.pgid !== mine && p.pgid !== process.pid).map((p) => p.pgid);
  return { pids: [...pids], groups };
}

/**
 * Kills `pid` (unless `keepRoot`) and its whole tree: the groups it leads (never our own) and every descendant found
 * before and after the TERM, plus what `earlier` saw (processes orphaned since, e.g. by a ^C). Resolves true when all
 * of them are gone.
 */
export async function killTree(pid: number, options: { readonly graceMs?: number; readonly keepRoot?: boolean; readonly earlier?: TreeSnapshot } = {}): Promise<boolean> {
  if (process.platform === 'win32') return taskkill(pid);
  const graceMs = options.graceMs ?? 1000;
  const now = await snapshotTree(pid, options.keepRoot);
  const targets = new Set([...now.pids, ...(options.earlier?.pids ?? [])]);
  const groups = new Set([...now.groups, ...(options.earlier?.groups ?? [])]);
  const signalAll = (signal: NodeJS.Signals): void => {
    for (const g of groups) send(-g, signal);
    for (const t of targets) send(t, signal);
  };
  signalAll('SIGTERM');
  if (await waitGone(targets, graceMs)) return true;
  for (const p of (await snapshotTree(pid, options.keepRoot)).pids) targets.add(p);
  signalAll('SIGKILL');
  return waitGone(targets, 3000);
}
