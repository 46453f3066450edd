// The person's decision on a step, asked by the approval policy through the panel or the CLI prompt.

export type ApprovalKind = 'edit' | 'command' | 'commit' | 'plan' | 'sensitive' | 'dangerous' | 'stuck' | 'question' | 'other';

export interface ApprovalRequest {
  readonly id: string;
  readonly kind: ApprovalKind;
  readonly toolName: string;
  /** One line a person can decide by. */
  readonly title: string;
  /** Why the policy asks (e.g. "dangerous command: recursive delete of home"). */
  readonly reason: string;
  readonly detail?: string;
}

export type ApprovalDecision =
  | { readonly decision: 'approve'; readonly edited?: string }
  | { readonly decision: 'reject'; readonly reason?: string };

export interface Approver {
  /** Resolves when the person decides; rejects with an AbortError when the signal aborts. */
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}
