// Stuck detection over the run's history of tool calls: the same call with the same result three times, an A-B-A-B
// oscillation, three consecutive tool errors, and many turns without plan progress or a file change.

export type StuckKind = 'repeat' | 'oscillation' | 'errors' | 'no_progress';

export interface StuckSignal {
  readonly kind: StuckKind;
  /** Names what is repeating, for the recovery message and the person. */
  readonly detail: string;
}

export interface CallRecord {
  readonly name: string;
  /** Canonical argument text, so key order does not matter. */
  readonly args: string;
  readonly resultDigest: string;
  readonly ok: boolean;
}

export interface StuckLimits {
  readonly repeats: number;
  readonly consecutiveErrors: number;
  readonly turnsWithoutProgress: number;
}

export const DEFAULT_STUCK_LIMITS: StuckLimits = { repeats: 3, consecutiveErrors: 3, turnsWithoutProgress: 12 };

export function canonicalArgs(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value)) ?? '';
}

/** A short digest of a result; results that differ only in timing figures or output ids count as equal. */
export function digest(text: string): string {
  const normalized = text
    .replace(/\b\d+(\.\d+)?\s?(ms|s|seconds)\b/g, '#')
    .replace(/\bcmd-\d+\b/g, 'cmd-#')
    .replace(/\s+/g, ' ');
  let h = 0x811c9dc5;
  for (let i = 0; i < normalized.length; i++) {
    h ^= normalized.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

const key = (c: CallRecord): string => `${c.name}|${c.args}|${c.resultDigest}`;

export class StuckDetector {
  private readonly calls: CallRecord[] = [];
  private turnsSinceProgress = 0;
  /** Calls recorded before this index were already reported, so one pattern is reported once. */
  private reportedUpTo = 0;

  constructor(private readonly limits: StuckLimits = DEFAULT_STUCK_LIMITS) {}

  recordCall(call: CallRecord): void {
    this.calls.push(call);
  }

  /** Called once per turn: progress means a plan step changed status or a file changed. */
  endTurn(progress: boolean): void {
    this.turnsSinceProgress = progress ? 0 : this.turnsSinceProgress + 1;
  }

  /** Clears the history after a restore or a new instruction from the person. */
  reset(): void {
    this.reportedUpTo = this.calls.length;
    this.turnsSinceProgress = 0;
  }

  check(): StuckSignal | undefined {
    const recent = this.calls.slice(this.reportedUpTo);
    const signal = this.repeat(recent) ?? this.oscillation(recent) ?? this.errors(recent) ?? this.noProgress();
    if (signal) this.reset();
    return signal;
  }

  private repeat(recent: readonly CallRecord[]): StuckSignal | undefined {
    const n = this.limits.repeats;
    const last = recent.slice(-n);
    if (last.length < n) return undefined;
    const first = last[0];
    if (first === undefined || !last.every((c) => key(c) === key(first))) return undefined;
    return { kind: 'repeat', detail: `${first.name} was called ${n} times with the same arguments and got the same result each time` };
  }

  private oscillation(recent: readonly CallRecord[]): StuckSignal | undefined {
    const [a, b, c, d] = recent.slice(-4);
    if (!a || !b || !c || !d) return undefined;
    if (key(a) !== key(b) && key(a) === key(c) && key(b) === key(d)) {
      return { kind: 'oscillation', detail: `the calls alternate between ${a.name} and ${b.name} with the same results (A-B-A-B) without getting anywhere` };
    }
    return undefined;
  }

  private errors(recent: readonly CallRecord[]): StuckSignal | undefined {
    const n = this.limits.consecutiveErrors;
    const last = recent.slice(-n);
    if (last.length < n || last.some((c) => c.ok)) return undefined;
    const names = [...new Set(last.map((c) => c.name))].join(', ');
    return { kind: 'errors', detail: `the last ${n} tool calls (${names}) all failed` };
  }

  private noProgress(): StuckSignal | undefined {
    if (this.turnsSinceProgress < this.limits.turnsWithoutProgress) return undefined;
    return { kind: 'no_progress', detail: `${this.turnsSinceProgress} turns passed with no plan step completed and no file changed` };
  }
}

export function recoveryMessage(signal: StuckSignal): string {
  return [
    `[Keel] You appear to be stuck: ${signal.detail}.`,
    'Repeating the same approach will not help. Stop and think about why it fails, then take a different approach:',
    're-read the relevant code or error, change the plan with update_plan, or back out of this dead end with restore_checkpoint (give the reason).',
    'If you need information only the person has, use ask_user.',
  ].join(' ');
}
