// Small DOM helpers for the panel: elements with attributes and children, codicons, and buttons with labels.

export type Child = Node | string | false | undefined | null;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== null && c !== false) node.append(c);
  return node;
}

export function icon(name: string, label?: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': label ? undefined : 'true', role: label ? 'img' : undefined, 'aria-label': label });
}

export function button(text: string, onClick: () => void, o: { secondary?: boolean; icon?: string; label?: string; testid?: string; disabled?: boolean } = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: o.secondary ? 'secondary' : undefined, 'aria-label': o.label, title: o.label, 'data-testid': o.testid, disabled: o.disabled }, o.icon ? icon(o.icon) : undefined, text);
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

export function formatTokens(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** Grows a textarea with its content up to a limit. */
export function autosize(area: HTMLTextAreaElement, maxPx = 240): void {
  area.style.height = 'auto';
  area.style.height = `${Math.min(area.scrollHeight + 2, maxPx)}px`;
}
