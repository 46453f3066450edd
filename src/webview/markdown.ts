// Model text as Markdown: rendered with marked, sanitized with DOMPurify; links never navigate the webview, they are
// handed to the extension (which opens them through VS Code).
import DOMPurify from 'dompurify';
import { marked } from 'marked';

marked.setOptions({ gfm: true, breaks: false, async: false });

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('data-href', node.getAttribute('href') ?? '');
    node.setAttribute('href', '#');
    node.removeAttribute('target');
  }
});

const CONFIG = { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'img', 'video', 'audio', 'iframe'], FORBID_ATTR: ['style', 'id', 'class'] };

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false });
  return DOMPurify.sanitize(typeof html === 'string' ? html : '', CONFIG);
}

export function markdownInto(target: HTMLElement, text: string): void {
  target.innerHTML = renderMarkdown(text);
}

/** One listener for the whole panel: a click on a rendered link asks the extension to open it. */
export function interceptLinks(root: HTMLElement, open: (href: string) => void): void {
  root.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[data-href]');
    if (!a) return;
    e.preventDefault();
    const href = a.getAttribute('data-href') ?? '';
    if (href && !href.startsWith('#')) open(href);
  });
}
