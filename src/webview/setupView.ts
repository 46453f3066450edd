// First run: no model is configured, so the panel offers a short setup instead of an empty chat — a local server found on
// its default port, OpenAI with a key in SecretStorage, or any OpenAI-compatible URL; the model is picked from the list.
import type { FromPanel, LocalServer, PanelConfigState } from '../protocol';
import { button, h, icon } from './dom';

export class SetupView {
  readonly element = h('section', { class: 'setup', 'aria-label': 'Model setup', 'data-testid': 'setup' });
  private servers: LocalServer[] = [];
  private probed = false;

  constructor(private readonly post: (m: FromPanel) => void) {}

  render(config: PanelConfigState): void {
    const configured = config.model !== '';
    this.element.hidden = configured;
    if (configured) return;
    if (!this.probed) {
      this.probed = true;
      this.post({ type: 'setup/probe' });
    }
    const found = this.servers.map((s) => this.serverRow(s));
    const custom = h('input', { type: 'url', placeholder: 'http://localhost:8000/v1', 'aria-label': 'OpenAI-compatible base URL' });
    this.element.replaceChildren(
      h('h2', {}, 'Choose a model'),
      h('p', { class: 'muted' }, 'Keel talks to any OpenAI-compatible server. Pick one to start.'),
      h('div', { class: 'setup-group', role: 'group', 'aria-label': 'Servers found' }, ...(found.length ? found : [h('p', { class: 'muted' }, icon('search'), ' No local server (Ollama on 11434, LM Studio on 1234) answered.')]), button('Look again', () => this.post({ type: 'setup/probe' }), { secondary: true, icon: 'refresh' })),
      h('div', { class: 'setup-group', role: 'group', 'aria-label': 'OpenAI' }, h('h3', {}, 'OpenAI'), h('p', { class: 'muted' }, config.hasApiKey ? 'API key stored.' : 'Store your API key in VS Code’s SecretStorage.'), button(config.hasApiKey ? 'Change API Key' : 'Set API Key', () => this.post({ type: 'command/run', command: 'keel.setApiKey' }), { secondary: config.hasApiKey, icon: 'key' }), button('List models', () => this.post({ type: 'setup/list', baseUrl: 'https://api.openai.com/v1' }), { secondary: true })),
      h('div', { class: 'setup-group', role: 'group', 'aria-label': 'VS Code language models' }, h('h3', {}, 'VS Code’s language models'), h('p', { class: 'muted' }, 'Use a model another extension provides in VS Code.'), button('Choose a Model', () => this.post({ type: 'command/run', command: 'keel.selectModel' }), { secondary: true, icon: 'sparkle' })),
      h('div', { class: 'setup-group', role: 'group', 'aria-label': 'Custom server' }, h('h3', {}, 'Other OpenAI-compatible server'), h('div', { class: 'inline-form' }, custom, button('List models', () => /^https?:\/\//.test(custom.value) && this.post({ type: 'setup/list', baseUrl: custom.value.trim() }), { secondary: true }))),
      h('p', {}, button('Open Settings', () => this.post({ type: 'command/run', command: 'workbench.action.openSettings' }), { secondary: true, icon: 'settings-gear' })),
    );
  }

  addServers(servers: readonly LocalServer[], config: PanelConfigState): void {
    for (const s of servers) {
      this.servers = this.servers.filter((x) => x.baseUrl !== s.baseUrl);
      this.servers.push(s);
    }
    this.render(config);
  }

  private serverRow(s: LocalServer): HTMLElement {
    if (s.error || s.models.length === 0) return h('div', { class: 'server' }, h('strong', {}, s.label), h('span', { class: 'keel-warning' }, ` ${s.error ?? 'no models listed'}`));
    const select = h('select', { 'aria-label': `Model on ${s.label}` }, ...s.models.map((m) => h('option', { value: m }, m)));
    return h('div', { class: 'server' }, h('strong', {}, s.label), h('span', { class: 'muted' }, ` ${s.baseUrl}`), h('div', { class: 'inline-form' }, select, button('Use', () => this.post({ type: 'setup/apply', baseUrl: s.baseUrl, model: select.value }), { icon: 'check' })));
  }
}
