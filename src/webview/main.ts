// The panel's browser code: renders what the extension sends; imports protocol.ts only.
import { parseToPanel, type FromPanel, type ToPanel } from '../protocol';

interface VsCodeApi {
  postMessage(message: FromPanel): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(message: ToPanel): void {
  if (!app) return;
  switch (message.type) {
    case 'state/init': {
      app.replaceChildren();
      const header = el('header', { class: 'keel-header' });
      header.append(el('span', { class: 'codicon codicon-anchor', 'aria-hidden': 'true' }), el('h1', {}, `Keel ${message.version}`));
      app.append(header);
      const c = message.config;
      const status = el('section', { class: 'keel-setup', 'data-testid': 'setup', 'aria-label': 'Model setup' });
      status.append(el('p', {}, c.model ? `Model: ${c.model} at ${c.baseUrl}` : 'No model is configured yet.'));
      status.append(el('p', {}, c.hasApiKey ? 'API key: stored.' : 'API key: not set (local servers such as Ollama need none).'));
      if (!c.trusted) status.append(el('p', { class: 'keel-warning' }, 'This folder is not trusted: Keel can read and propose, but runs no command and applies no edit. Trust the folder to let it act.'));
      const key = el('button', { type: 'button' }, 'Set API Key');
      key.addEventListener('click', () => vscode.postMessage({ type: 'command/run', command: 'keel.setApiKey' }));
      const settings = el('button', { type: 'button', class: 'secondary' }, 'Open Settings');
      settings.addEventListener('click', () => vscode.postMessage({ type: 'command/run', command: 'workbench.action.openSettings' }));
      status.append(key, settings);
      app.append(status);
      document.body.dataset.ready = 'true';
      return;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseToPanel(event.data);
  if (message) render(message);
});
vscode.postMessage({ type: 'panel/ready' });
