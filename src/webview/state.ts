// The panel's copy of the extension's state for the open task, updated from incremental messages.
import type { EditorContext, PanelConfigState, PlanView, TaskStatus, TaskSummary, TaskView, TranscriptItem, UsageView } from '../protocol';

export interface PanelState {
  version: string;
  config: PanelConfigState | undefined;
  tasks: readonly TaskSummary[];
  taskId: string | undefined;
  title: string;
  status: TaskStatus;
  plan: PlanView;
  usage: UsageView | undefined;
  editor: EditorContext;
  /** Transcript items in order, and their index by id. */
  readonly items: TranscriptItem[];
  readonly index: Map<string, number>;
}

export function emptyState(): PanelState {
  return { version: '', config: undefined, tasks: [], taskId: undefined, title: '', status: 'idle', plan: { steps: [] }, usage: undefined, editor: { problems: 0 }, items: [], index: new Map() };
}

export function openTask(s: PanelState, task: TaskView | undefined): void {
  s.items.length = 0;
  s.index.clear();
  s.taskId = task?.id;
  s.title = task?.title ?? '';
  s.status = task?.status ?? 'idle';
  s.plan = task?.plan ?? { steps: [] };
  s.usage = task?.usage;
  for (const item of task?.items ?? []) putItem(s, item);
}

export function putItem(s: PanelState, item: TranscriptItem): boolean {
  const i = s.index.get(item.id);
  if (i === undefined) {
    s.index.set(item.id, s.items.length);
    s.items.push(item);
    return true;
  }
  s.items[i] = item;
  return false;
}

export function appendTo(s: PanelState, id: string, chunk: string): TranscriptItem | undefined {
  const i = s.index.get(id);
  const item = i === undefined ? undefined : s.items[i];
  if (i === undefined || !item) return undefined;
  const next: TranscriptItem = item.kind === 'assistant' ? { ...item, text: item.text + chunk } : item.kind === 'tool' ? { ...item, output: (item.output + chunk).slice(-65536) } : item;
  s.items[i] = next;
  return next;
}
