// The Approver port as the panel implements it: pending decisions wait here until the person answers in the panel;
// while one waits and the panel is hidden, a notification says so.
import * as vscode from 'vscode';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../ports';

interface Pending {
  readonly request: ApprovalRequest;
  readonly resolve: (decision: ApprovalDecision) => void;
  readonly dispose: () => void;
}

export interface ApproverHost {
  /** Whether the person can see the panel now. */
  panelVisible(): boolean;
  focusPanel(): void;
}

export class PanelApprover implements Approver, vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly asked = new vscode.EventEmitter<ApprovalRequest>();
  /** Fires when a decision starts or stops waiting. */
  readonly onDidChange = this.changed.event;
  /** Fires when a new decision starts waiting (the controller shows plan and question approvals). */
  readonly onDidAsk = this.asked.event;

  constructor(private readonly host: ApproverHost) {}

  get count(): number {
    return this.pending.size;
  }

  get first(): ApprovalRequest | undefined {
    return this.pending.values().next().value?.request;
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return Promise.reject(abortError());
    return new Promise<ApprovalDecision>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(request.id);
        this.changed.fire();
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(request.id, { request, resolve, dispose: () => signal.removeEventListener('abort', onAbort) });
      this.asked.fire(request);
      this.changed.fire();
      if (!this.host.panelVisible()) this.notify(request);
    });
  }

  /** Answers a pending decision; false when it is no longer pending (answered, or the run stopped). */
  decide(id: string, decision: ApprovalDecision): boolean {
    const p = this.pending.get(id);
    if (!p) return false;
    this.pending.delete(id);
    p.dispose();
    p.resolve(decision);
    this.changed.fire();
    return true;
  }

  private notify(request: ApprovalRequest): void {
    void vscode.window.showInformationMessage(`Keel is waiting for your decision: ${request.title}`, 'Open Keel').then((pick) => {
      if (pick) this.host.focusPanel();
    });
  }

  dispose(): void {
    for (const p of this.pending.values()) p.dispose();
    this.pending.clear();
    this.changed.dispose();
    this.asked.dispose();
  }
}

function abortError(): Error {
  const e = new Error('The run was stopped while a decision was pending.');
  e.name = 'AbortError';
  return e;
}
