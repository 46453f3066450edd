// The CLI's Approver: --yes approves all but dangerous commands (those need --allow-dangerous); otherwise each
// step is asked on the terminal (y / n / a reason) when stdin is a TTY, and refused when it is not.
import { createInterface } from 'node:readline/promises';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../ports';

export interface CliApproverOptions {
  readonly yes: boolean;
  readonly allowDangerous: boolean;
  readonly interactive: boolean;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

export class CliApprover implements Approver {
  constructor(private readonly o: CliApproverOptions) {}

  async request(r: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (r.kind === 'dangerous' && !this.o.allowDangerous) {
      return { decision: 'reject', reason: `refused: ${r.reason}. The CLI runs dangerous commands only with --allow-dangerous.` };
    }
    if (this.o.yes && r.kind !== 'question' && r.kind !== 'stuck') return { decision: 'approve' };
    if (!this.o.interactive) {
      return { decision: 'reject', reason: r.kind === 'question' ? 'no person is available to answer (non-interactive run)' : 'no terminal to ask for approval (non-interactive run without --yes)' };
    }
    const rl = createInterface({ input: this.o.input, output: this.o.output, terminal: true });
    try {
      if (r.kind === 'question') {
        const answer = await rl.question(`\n? ${r.title}\n> `, { signal });
        return answer.trim() ? { decision: 'approve', edited: answer.trim() } : { decision: 'reject', reason: 'no answer' };
      }
      const detail = r.detail ? `\n  ${r.detail.split('\n').join('\n  ')}` : '';
      const answer = (await rl.question(`\n? ${r.title} (${r.reason})${detail}\n  Approve? [y]es / [n]o / or type a reason to refuse: `, { signal })).trim();
      if (/^y(es)?$/i.test(answer)) return { decision: 'approve' };
      if (answer === '' || /^no?$/i.test(answer)) return { decision: 'reject' };
      return { decision: 'reject', reason: answer };
    } finally {
      rl.close();
    }
  }
}
