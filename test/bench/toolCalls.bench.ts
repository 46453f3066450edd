// Replays the corpus of imperfect tool calls through the tool layer's call resolution and reports: repaired and
// executed correctly, answered with an actionable error, executed wrongly (must be 0) — against a strict baseline
// (JSON.parse + exact tool name, no repair), the way a naive agent handles calls.
import { isDeepStrictEqual } from 'node:util';
import { createWorkspaceTools } from '../../src/tools';
import { createMetaTools } from '../../src/tools/metaTools';
import { ToolRegistry } from '../../src/tools/registry';
import { buildCorpus } from './corpus/toolCalls';

const noop = async (): Promise<{ ok: boolean; content: string }> => ({ ok: true, content: '' });
const registry = new ToolRegistry([...createWorkspaceTools({ taskChangedPaths: () => [] }), ...createMetaTools({ updatePlan: noop, restoreCheckpoint: noop, askUser: noop, finish: noop })]);
const corpus = buildCorpus();

const tally = { executedCorrectly: 0, actionableError: 0, unhelpfulError: 0, executedWrongly: 0, failedToExecute: 0 };
const baseline = { executedCorrectly: 0, error: 0, executedWrongly: 0 };
const byLabel = new Map<string, { n: number; ok: number }>();
const problems: string[] = [];

for (const c of corpus) {
  const r = registry.resolve({ id: 'x', name: c.name, arguments: c.arguments }, { truncated: c.truncated ?? false });
  const entry = byLabel.get(c.label) ?? { n: 0, ok: 0 };
  entry.n++;
  if (c.expect.kind === 'exec') {
    if (r.ok && r.def.name === c.expect.tool && isDeepStrictEqual(r.args, c.expect.args)) {
      tally.executedCorrectly++;
      entry.ok++;
    } else if (r.ok) {
      tally.executedWrongly++;
      problems.push(`WRONG ${c.label} ${c.name} ${c.arguments} → ${JSON.stringify(r.args)}`);
    } else {
      tally.failedToExecute++;
      problems.push(`NOT EXECUTED ${c.label} ${c.name} ${c.arguments}: ${r.error.split('\n')[0] ?? ''}`);
    }
  } else if (r.ok) {
    tally.executedWrongly++;
    problems.push(`WRONG (should be refused) ${c.label} ${c.name} ${c.arguments} → ${JSON.stringify(r.args)}`);
  } else if (c.expect.mention.test(r.error)) {
    tally.actionableError++;
    entry.ok++;
  } else {
    tally.unhelpfulError++;
    problems.push(`UNHELPFUL ${c.label} ${c.name} ${c.arguments}: ${r.error}`);
  }
  byLabel.set(c.label, entry);

  // Baseline: strict JSON.parse and exact names, as an agent without a repair layer would run them.
  let parsed: unknown;
  try {
    parsed = c.truncated ? undefined : JSON.parse(c.arguments);
  } catch {
    parsed = undefined;
  }
  const known = registry.get(c.name) !== undefined;
  if (!known || parsed === undefined || typeof parsed !== 'object' || parsed === null) baseline.error++;
  else if (c.expect.kind === 'exec' && isDeepStrictEqual(parsed, c.expect.args)) baseline.executedCorrectly++;
  else baseline.executedWrongly++;
}

const started = process.hrtime.bigint();
for (let i = 0; i < 20; i++) for (const c of corpus) registry.resolve({ id: 'x', name: c.name, arguments: c.arguments }, { truncated: c.truncated ?? false });
const perCallUs = Number(process.hrtime.bigint() - started) / 1000 / (20 * corpus.length);

console.log(`Tool-call corpus: ${corpus.length} calls`);
console.log(`  Keel:     executed correctly ${tally.executedCorrectly}, actionable error ${tally.actionableError}, unhelpful error ${tally.unhelpfulError}, not executed though repairable ${tally.failedToExecute}, executed wrongly ${tally.executedWrongly}`);
console.log(`  baseline: executed correctly ${baseline.executedCorrectly}, error ${baseline.error}, executed wrongly ${baseline.executedWrongly}  (strict JSON.parse, exact names, no schema check)`);
console.log('  by kind:');
for (const [label, e] of byLabel) console.log(`    ${label.padEnd(32)} ${e.ok}/${e.n}`);
console.log(`  resolution cost: ${perCallUs.toFixed(1)} µs per call`);
for (const p of problems) console.log(`  ${p}`);
if (tally.executedWrongly > 0) process.exitCode = 1;
