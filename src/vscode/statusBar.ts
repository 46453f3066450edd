// The status bar item: Keel's state at a glance (idle, working, waiting for a decision); clicking it focuses the panel.
import * as vscode from 'vscode';

export interface StatusSource {
  readonly status: string;
  readonly pendingDecisions: number;
  readonly firstDecision: string | undefined;
}

export class KeelStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('keel.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly source: StatusSource) {
    this.item.name = 'Keel';
    this.item.command = 'keel.focusPanel';
    this.refresh();
    this.item.show();
  }

  refresh(): void {
    const { status, pendingDecisions, firstDecision } = this.source;
    this.item.backgroundColor = undefined;
    if (pendingDecisions > 0) {
      this.item.text = `$(bell-dot) Keel: ${pendingDecisions === 1 ? 'decision needed' : `${pendingDecisions} decisions needed`}`;
      this.item.tooltip = `Keel is waiting for you: ${firstDecision ?? ''}. Click to open the panel.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else if (status === 'running') {
      this.item.text = '$(sync~spin) Keel: working';
      this.item.tooltip = 'Keel is working on a task. Click to open the panel.';
    } else if (status === 'waiting' || status === 'paused') {
      this.item.text = '$(comment-discussion) Keel: waiting for you';
      this.item.tooltip = 'The task waits for your reply. Click to open the panel.';
    } else {
      this.item.text = '$(anchor) Keel';
      this.item.tooltip = 'Open the Keel panel';
    }
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
