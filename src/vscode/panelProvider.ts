// The Keel side panel: a webview view behind a ready handshake; it renders state the extension owns and sends decisions back.
import * as vscode from 'vscode';
import { parseFromPanel, type FromPanel, type ToPanel } from '../protocol';
import { DisposableStore } from './disposables';

export const PANEL_VIEW_ID = 'keel.panel';

export interface PanelHost {
  initialState(): Promise<Extract<ToPanel, { type: 'state/init' }>>;
  /** Every validated message except the handshake. */
  handle(message: Exclude<FromPanel, { type: 'panel/ready' }>): Promise<void>;
  log: vscode.LogOutputChannel;
}

export class PanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly queue: ToPanel[] = [];
  private readonly viewDisposables = new DisposableStore();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time a webview finishes its handshake (tests and the command layer wait on it). */
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: PanelHost,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** Whether the person can see the panel now. */
  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview, media);
    this.viewDisposables.add(view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.viewDisposables.add(
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  /** Incremental updates sent before the handshake are dropped: state/init carries the whole state then. */
  post(message: ToPanel): void {
    if (!this.view || !this.ready) {
      if (message.type === 'composer/prefill') this.queue.push(message);
      return;
    }
    void this.view.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromPanel(raw);
    if (!message) {
      this.host.log.warn('panel: dropped a malformed message');
      return;
    }
    void this.handle(message).catch((err: unknown) => this.host.log.error(`panel: ${String(err)}`));
  }

  private async handle(message: FromPanel): Promise<void> {
    switch (message.type) {
      case 'panel/ready': {
        this.ready = true;
        const init = await this.host.initialState();
        await this.view?.webview.postMessage(init);
        for (const queued of this.queue.splice(0)) await this.view?.webview.postMessage(queued);
        this.readyEmitter.fire();
        return;
      }
      default:
        await this.host.handle(message);
    }
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.js'));
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css'));
    const codicons = webview.asWebviewUri(vscode.Uri.joinPath(media, 'codicon.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
      `script-src 'nonce-${nonce}'`,
      "connect-src 'none'",
      "frame-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${codicons.toString()}" rel="stylesheet">
<link href="${css.toString()}" rel="stylesheet">
<title>Keel</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.viewDisposables.dispose();
    this.readyEmitter.dispose();
  }
}

function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  return out;
}
