// The commands a runner ran or started, by id: their cleaned output logs (paged and grepped by read_command_output),
// whether they still run, how to stop them, and when a background one counts as ready. Shared by both runners.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { OutputPage, OutputQuery, Readiness } from '../ports/commandRunner';
import { OutputCleaner } from '../tools/outputBounds';
import { DEFAULT_LIMITS, OutputLog, type OutputLogLimits } from './outputLog';

export interface CommandEntry {
  readonly id: string;
  readonly command: string;
  readonly via: string;
  readonly log: OutputLog;
  readonly cleaner: OutputCleaner;
  readonly startedAt: number;
  running: boolean;
  exitCode: number | undefined;
  /** Last line returned to the model, so a read without offset shows what is new. */
  cursor: number;
  /** Kills the process tree; set by the runner while the command runs. */
  kill?: () => Promise<void>;
  readonly ended: Promise<void>;
  readonly listeners: Set<(text: string) => void>;
  resolveEnded(): void;
}

export const DEFAULT_READY = /ready|listening|compiled|started/i;
const KEEP_ENTRIES = 30;
const DEFAULT_PAGE_LINES = 200;

export class CommandLogStore {
  private readonly entries = new Map<string, CommandEntry>();
  private next = 1;
  private dir: string | undefined;

  constructor(private readonly limits: OutputLogLimits = DEFAULT_LIMITS) {}

  create(command: string, via: string): CommandEntry {
    const id = `cmd-${this.next++}`;
    let resolveEnded = (): void => undefined;
    const ended = new Promise<void>((r) => (resolveEnded = r));
    const entry: CommandEntry = {
      id,
      command,
      via,
      log: new OutputLog(() => path.join(this.spoolDir(), `${id}.log`), this.limits),
      cleaner: new OutputCleaner(),
      startedAt: Date.now(),
      running: true,
      exitCode: undefined,
      cursor: 0,
      ended,
      listeners: new Set(),
      resolveEnded,
    };
    this.entries.set(id, entry);
    this.evict();
    return entry;
  }

  get(id: string): CommandEntry | undefined {
    return this.entries.get(id.trim());
  }

  /** Raw output in; returns the cleaned, completed text (also appended to the log and shown to listeners). */
  feed(entry: CommandEntry, raw: string): string {
    const text = entry.cleaner.push(raw);
    entry.log.append(text);
    for (const l of entry.listeners) l(text);
    return text;
  }

  /** Marks the command ended: the unfinished last line goes to the log; returns it. */
  finish(entry: CommandEntry, exitCode: number | undefined): string {
    const rest = entry.cleaner.flush();
    entry.log.append(rest);
    entry.log.close();
    entry.running = false;
    entry.exitCode = exitCode;
    entry.kill = undefined;
    entry.resolveEnded();
    for (const l of entry.listeners) l(rest);
    return rest;
  }

  async read(id: string, query: OutputQuery): Promise<OutputPage | undefined> {
    const entry = this.get(id);
    if (entry === undefined) return undefined;
    const pending = entry.running ? entry.cleaner.pending : '';
    const total = entry.log.totalLines + (pending !== '' ? 1 : 0);
    const base = { id: entry.id, command: entry.command, running: entry.running, exitCode: entry.exitCode, totalLines: total };
    const limit = Math.max(1, query.limit ?? DEFAULT_PAGE_LINES);
    if (query.grep !== undefined && query.grep !== '') {
      const found = await entry.log.grep(toRegExp(query.grep), limit, query.maxChars, pending);
      const first = found.hits[0]?.n ?? 0;
      const last = found.hits[found.hits.length - 1]?.n ?? 0;
      return { ...base, text: found.hits.map((h) => `${h.n}: ${h.line}`).join('\n'), fromLine: first, toLine: last, matches: found.matches, truncated: found.truncated };
    }
    if (query.offset === undefined && entry.cursor >= total) return { ...base, text: '', fromLine: 0, toLine: 0, truncated: false };
    const from = query.offset !== undefined ? Math.max(1, Math.floor(query.offset)) : entry.cursor + 1;
    const slice = await entry.log.lines(from, limit, query.maxChars, pending);
    const to = slice.lines.length === 0 ? 0 : from + slice.lines.length - 1;
    entry.cursor = Math.max(entry.cursor, to);
    return { ...base, text: slice.lines.join('\n'), fromLine: slice.lines.length === 0 ? 0 : from, toLine: to, truncated: slice.truncated };
  }

  /** Kills a running command's tree and waits (bounded) for it to end; the last lines of its output come back. */
  async stop(id: string, maxChars = 4000): Promise<OutputPage | undefined> {
    const entry = this.get(id);
    if (entry === undefined) return undefined;
    if (entry.running && entry.kill) {
      await entry.kill();
      await Promise.race([entry.ended, new Promise((r) => setTimeout(r, 5000))]);
    }
    const total = entry.log.totalLines;
    return this.read(id, { offset: Math.max(1, total - 19), limit: 20, maxChars });
  }

  async stopAll(): Promise<number> {
    const running = [...this.entries.values()].filter((e) => e.running && e.kill);
    await Promise.all(running.map((e) => this.stop(e.id)));
    return running.length;
  }

  /** Kills what still runs (without waiting) and deletes the spooled output. */
  dispose(): void {
    for (const e of this.entries.values()) {
      if (e.running && e.kill) void e.kill().catch(() => undefined);
      e.log.dispose();
    }
    this.entries.clear();
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
  }

  private spoolDir(): string {
    this.dir ??= mkdtempSync(path.join(tmpdir(), 'keel-output-'));
    return this.dir;
  }

  private evict(): void {
    const finished = [...this.entries.values()].filter((e) => !e.running);
    for (let i = 0; this.entries.size > KEEP_ENTRIES && i < finished.length; i++) {
      const e = finished[i];
      if (e === undefined) break;
      e.log.dispose();
      this.entries.delete(e.id);
    }
  }
}

/** Case-insensitive; an invalid pattern is taken literally. */
export function toRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  }
}

/**
 * Resolves when a background command is ready: its output matches `pattern`, or it is quiet for `quietMs` after some
 * output (or twice that with none), or it ended, or `maxWaitMs` passed, or the signal aborted.
 */
export function waitReady(entry: CommandEntry, options: { readonly pattern: RegExp; readonly quietMs: number; readonly maxWaitMs: number; readonly signal: AbortSignal }): Promise<Readiness> {
  const pattern = new RegExp(options.pattern.source, options.pattern.flags.replace(/[gy]/g, ''));
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let seen = entry.log.totalChars > 0;
    const done = (why: Readiness): void => {
      clearTimeout(timer);
      clearTimeout(cap);
      entry.listeners.delete(onText);
      options.signal.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => done('quiet'), seen ? options.quietMs : options.quietMs * 2);
    };
    const onText = (text: string): void => {
      if (pattern.test(text) || pattern.test(entry.cleaner.pending)) return done('pattern');
      if (text !== '' || entry.cleaner.pending !== '') seen = true;
      arm();
    };
    const onAbort = (): void => done('cancelled');
    const cap = setTimeout(() => done('waited'), options.maxWaitMs);
    if (options.signal.aborted) return done('cancelled');
    options.signal.addEventListener('abort', onAbort, { once: true });
    entry.listeners.add(onText);
    void entry.ended.then(() => done('exited'));
    arm();
  });
}
