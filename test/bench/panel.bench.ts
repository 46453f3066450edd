// Benchmark: the panel's render time per streamed update with 1,000 transcript items. Runs the real webview bundle in
// headless Chromium with a stub acquireVsCodeApi and posts the messages the extension would send; prints the figures the
// README quotes (median, p95 and max per update, and how many items are in the DOM).
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { TaskView, ToPanel, TranscriptItem } from '../../src/protocol';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ITEMS = 1000;
const UPDATES = 400;

function item(i: number): TranscriptItem {
  switch (i % 5) {
    case 0:
      return { kind: 'assistant', id: `a${i}`, text: `Step ${i}: I read the **file** and found \`foo()\`.\n\n- one\n- two\n\n\`\`\`ts\nconst x = ${i};\n\`\`\``, streaming: false };
    case 1:
      return { kind: 'tool', id: `r${i}`, name: 'read_file', title: `Read src/file${i}.ts`, category: 'read', state: 'done', files: [], output: '', summary: `120 lines of src/file${i}.ts` };
    case 2:
      return { kind: 'tool', id: `e${i}`, name: 'edit_file', title: `Edit src/file${i}.ts (+3 −1)`, category: 'edit', state: 'done', files: [{ path: `src/file${i}.ts`, added: 3, removed: 1, isNew: false }], output: '', summary: 'Edited.' };
    case 3:
      return { kind: 'tool', id: `c${i}`, name: 'run_command', title: 'Run npm test', category: 'command', state: 'done', files: [], text: 'npm test', output: 'PASS  test/a.test.ts\nPASS  test/b.test.ts\nTests: 12 passed\n', exitCode: 0 };
    default:
      return { kind: 'notice', id: `n${i}`, level: 'info', text: `Checkpoint ${i} taken.` };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.setContent('<!DOCTYPE html><html><head></head><body><main id="app"></main></body></html>');
    await page.addStyleTag({ path: path.join(ROOT, 'media', 'panel.css') });
    await page.evaluate(() => {
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => undefined, setState: () => undefined });
    });
    await page.addScriptTag({ path: path.join(ROOT, 'media', 'webview.js') });

    const task: TaskView = { id: 't', title: 'Benchmark task', status: 'running', updatedAt: 0, plan: { steps: [{ title: 'Read', status: 'done' }, { title: 'Edit', status: 'in_progress' }] }, items: Array.from({ length: ITEMS }, (_, i) => item(i)), usage: { inputTokens: 1, outputTokens: 1, contextTokens: 1, contextWindow: 100, turn: 1, maxTurns: 60, costWarning: false } };
    const init: ToPanel = { type: 'state/init', version: 'bench', config: { baseUrl: 'http://x/v1', model: 'm', hasApiKey: false, trusted: true }, tasks: [], task };
    const loadMs = await page.evaluate(async (msg) => {
      const t0 = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data: msg }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    }, init);

    // The stream: a new assistant message, its text deltas, then a command card with output, as a run sends them.
    const updates: ToPanel[] = [{ type: 'item/added', taskId: 't', item: { kind: 'assistant', id: 'live', text: '', streaming: true } }];
    for (let i = 0; i < UPDATES / 2; i++) updates.push({ type: 'item/appended', taskId: 't', id: 'live', chunk: `token${i} ` });
    updates.push({ type: 'item/added', taskId: 't', item: { kind: 'tool', id: 'cmd', name: 'run_command', title: 'Run npm test', category: 'command', state: 'running', files: [], text: 'npm test', output: '' } });
    for (let i = updates.length; i < UPDATES; i++) updates.push(i % 20 === 0 ? { type: 'usage/updated', taskId: 't', usage: { ...task.usage, inputTokens: i } } : { type: 'item/appended', taskId: 't', id: 'cmd', chunk: `line ${i} of output\n` });

    const result = await page.evaluate(async (msgs) => {
      const times: number[] = [];
      for (const msg of msgs) {
        performance.clearMeasures('keel-render');
        const t0 = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data: msg }));
        const dispatch = performance.now() - t0;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const render = performance.getEntriesByName('keel-render').reduce((s, e) => s + e.duration, 0);
        times.push(dispatch + render);
      }
      return { times, domItems: document.querySelectorAll('.vl-items > *').length, domNodes: document.getElementsByTagName('*').length };
    }, updates);

    const sorted = [...result.times].sort((a, b) => a - b);
    const fmt = (n: number): string => `${n.toFixed(2)} ms`;
    console.log(`panel benchmark: ${ITEMS} transcript items, ${UPDATES} streamed updates (text deltas, command output, usage)`);
    console.log(`  initial render of ${ITEMS} items: ${fmt(loadMs)} (two frames included)`);
    console.log(`  per update (message handling + layout): median ${fmt(percentile(sorted, 50))}, p95 ${fmt(percentile(sorted, 95))}, max ${fmt(sorted[sorted.length - 1] ?? 0)}`);
    console.log(`  in the DOM after the stream: ${result.domItems} of ${ITEMS + 2} items (${result.domNodes} elements)`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
