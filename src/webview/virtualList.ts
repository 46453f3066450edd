// A virtualized list: only the items in and near the viewport are in the DOM; heights are measured once rendered and
// estimated before. It follows the bottom while the person is at the bottom, so a streaming run stays in view.
import { h } from './dom';

export interface ListSource<T> {
  count(): number;
  at(index: number): T | undefined;
  key(item: T): string;
  render(item: T): HTMLElement;
}

const OVERSCAN_PX = 600;
const ESTIMATE_PX = 56;

export class VirtualList<T> {
  readonly element: HTMLElement;
  private readonly top = h('div', { class: 'vl-spacer', 'aria-hidden': 'true' });
  private readonly bottom = h('div', { class: 'vl-spacer', 'aria-hidden': 'true' });
  private readonly host = h('div', { class: 'vl-items' });
  private readonly heights = new Map<string, number>();
  /** Rendered nodes by key; a stale node is dropped by invalidate(). */
  private readonly nodes = new Map<string, HTMLElement>();
  private scheduled = false;
  private follow = true;
  private renders = 0;

  constructor(private readonly source: ListSource<T>, label: string) {
    this.element = h('div', { class: 'transcript', role: 'log', 'aria-label': label, 'aria-live': 'polite', tabindex: '0', 'data-testid': 'transcript' }, this.top, this.host, this.bottom);
    this.element.addEventListener('scroll', () => {
      this.follow = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < 40;
      this.schedule();
    });
  }

  /** The item's node must be rebuilt on the next render. */
  invalidate(key: string): void {
    this.nodes.get(key)?.remove();
    this.nodes.delete(key);
    this.schedule();
  }

  /** The node of a rendered item, to patch in place (streamed text); undefined when it is not in the DOM. */
  rendered(key: string): HTMLElement | undefined {
    return this.nodes.get(key);
  }

  reset(): void {
    this.nodes.clear();
    this.heights.clear();
    this.host.replaceChildren();
    this.follow = true;
    this.schedule();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }

  /** Lays out the visible window now. */
  render(): void {
    performance.mark('keel-render-start');
    const n = this.source.count();
    const viewTop = this.follow ? Number.MAX_SAFE_INTEGER : this.element.scrollTop;
    const viewHeight = this.element.clientHeight || 800;
    let total = 0;
    const offsets: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      offsets[i] = total;
      const item = this.source.at(i);
      total += (item && this.heights.get(this.source.key(item))) ?? ESTIMATE_PX;
    }
    const anchor = this.follow ? Math.max(0, total - viewHeight) : viewTop;
    let first = 0;
    while (first < n - 1 && (offsets[first + 1] ?? 0) < anchor - OVERSCAN_PX) first++;
    let last = first;
    while (last < n - 1 && (offsets[last + 1] ?? 0) < anchor + viewHeight + OVERSCAN_PX) last++;
    const wanted: HTMLElement[] = [];
    const keep = new Set<string>();
    for (let i = first; i <= last && n > 0; i++) {
      const item = this.source.at(i);
      if (!item) continue;
      const key = this.source.key(item);
      let node = this.nodes.get(key);
      if (!node) {
        node = this.source.render(item);
        node.dataset.key = key;
        this.nodes.set(key, node);
      }
      keep.add(key);
      wanted.push(node);
    }
    for (const [key, node] of this.nodes) {
      if (!keep.has(key)) {
        node.remove();
        this.nodes.delete(key);
      }
    }
    // Reorder only when needed: appending to the end is the common case.
    let cursor: ChildNode | null = this.host.firstChild;
    for (const node of wanted) {
      if (node !== cursor) this.host.insertBefore(node, cursor);
      else cursor = cursor.nextSibling;
    }
    this.top.style.height = `${n > 0 ? (offsets[first] ?? 0) : 0}px`;
    let changed = false;
    for (const node of wanted) {
      const key = node.dataset.key ?? '';
      const measured = node.offsetHeight;
      if (this.heights.get(key) !== measured) {
        this.heights.set(key, measured);
        changed = true;
      }
    }
    let below = 0;
    for (let i = last + 1; i < n; i++) {
      const item = this.source.at(i);
      below += (item && this.heights.get(this.source.key(item))) ?? ESTIMATE_PX;
    }
    this.bottom.style.height = `${below}px`;
    if (this.follow) this.element.scrollTop = this.element.scrollHeight;
    performance.measure('keel-render', 'keel-render-start');
    if (++this.renders % 5000 === 0) performance.clearMeasures('keel-render');
    if (changed && !this.follow) this.schedule();
  }

  get renderedCount(): number {
    return this.nodes.size;
  }
}
