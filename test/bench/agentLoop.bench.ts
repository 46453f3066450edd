// The agent loop's own overhead per turn (task card, context fitting with token counting, condensing) at 10, 100
// and 500 turns, and the prompt size in tokens. The model is an in-process script that answers at once, so the
// figures are Keel's cost alone; tools run for real on a temporary workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Agent, DEFAULT_LIMITS } from '../../src/agent/agent';
import { DEFAULT_APPROVAL_SETTINGS } from '../../src/agent/policy';
import { countTokens } from '../../src/model/tokens';
import type { Model, ModelReply, ModelRequest } from '../../src/model/types';
import { createWorkspaceTools } from '../../src/tools';
import { nodePortsFor } from '../support/workspace';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-loop-'));
fs.writeFileSync(path.join(root, 'big.txt'), Array.from({ length: 4000 }, (_, i) => `line ${i} ${'lorem ipsum '.repeat(4)}`).join('\n'));

function reply(partial: Partial<ModelReply>): ModelReply {
  return { text: '', thinking: '', toolCalls: [], finishReason: 'tool_calls', usage: { inputTokens: 0, outputTokens: 0, estimated: true }, recoveredFromText: false, truncatedToolCall: false, ...partial };
}

async function measure(turns: number): Promise<{ perTurnMs: number; maxMs: number; condensations: number; p50: number }> {
  const overheads: number[] = [];
  let turnStart = 0;
  let calls = 0;
  let condensations = 0;
  const model: Model = {
    id: 'in-process',
    contextWindow: 32_000,
    async complete(req: ModelRequest): Promise<ModelReply> {
      if (req.purpose === 'condense') {
        condensations++;
        return reply({ text: 'Earlier: read pages of big.txt; nothing notable.', finishReason: 'stop' });
      }
      overheads.push(performance.now() - turnStart);
      calls++;
      if (calls > turns) return reply({ toolCalls: [{ id: `f${calls}`, name: 'finish', arguments: '{"summary":"done"}' }] });
      const start = ((calls * 37) % 3900) + 1;
      return reply({ toolCalls: [{ id: `c${calls}`, name: 'read_file', arguments: JSON.stringify({ path: 'big.txt', start_line: start, end_line: start + 60 }) }] });
    },
  };
  const agent = new Agent({
    taskId: 'bench',
    task: 'Survey big.txt.',
    model,
    ports: nodePortsFor(root),
    tools: createWorkspaceTools({ taskChangedPaths: () => [] }),
    approval: { ...DEFAULT_APPROVAL_SETTINGS, requirePlanApproval: false },
    limits: { ...DEFAULT_LIMITS, maxTurns: turns + 5, contextWindow: 32_000, maxOutputTokens: 4000 },
    verifyCommand: undefined,
    textOnlyReply: 'remind_once',
    onStuck: 'end',
    stuckLimits: { repeats: 3, consecutiveErrors: 3, turnsWithoutProgress: 100_000 },
    countTokens,
    onEvent: (e) => {
      if (e.type === 'turn_start') turnStart = performance.now();
    },
  });
  await agent.run(new AbortController().signal);
  const sorted = [...overheads].sort((a, b) => a - b);
  return { perTurnMs: overheads.reduce((a, b) => a + b, 0) / overheads.length, maxMs: sorted[sorted.length - 1] ?? 0, p50: sorted[Math.floor(sorted.length / 2)] ?? 0, condensations };
}

async function main(): Promise<void> {
  countTokens('warm up the tokenizer');
  const probe = new Agent({
    taskId: 'p', task: 't', model: { id: 'x', contextWindow: 1, complete: () => Promise.reject(new Error('unused')) }, ports: nodePortsFor(root), tools: createWorkspaceTools({ taskChangedPaths: () => [] }),
    approval: DEFAULT_APPROVAL_SETTINGS, limits: DEFAULT_LIMITS, verifyCommand: undefined, textOnlyReply: 'wait', onStuck: 'end', countTokens, onEvent: () => undefined,
  });
  const system = countTokens(probe.systemPromptText);
  const schemas = countTokens(JSON.stringify(probe.tools.specs()));
  console.log(`Prompt size: system prompt ${system} tokens; with all ${probe.tools.specs().length} tool schemas ${system + schemas} tokens (cl100k_base)`);
  for (const turns of [10, 100, 500]) {
    const r = await measure(turns);
    console.log(`Loop overhead at ${String(turns).padStart(3)} turns: mean ${r.perTurnMs.toFixed(2)} ms/turn, median ${r.p50.toFixed(2)} ms, max ${r.maxMs.toFixed(1)} ms, ${r.condensations} condensations (window 32k tokens)`);
  }
  fs.rmSync(root, { recursive: true, force: true });
}

void main();
