// After an edit, only the problems it introduced are reported to the model, errors first and capped.
import * as assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { DiagnosticsPort, FileDiagnostic } from '../../../src/ports';
import { formatIntroduced, introducedDiagnostics } from '../../../src/tools/diagnostics';
import { readFileTool } from '../../../src/tools/readTools';
import { isToolResult } from '../../../src/tools/types';
import { editFileTool } from '../../../src/tools/writeTools';
import { nodePortsFor, tempWorkspace, toolContext } from '../../support/workspace';

const d = (severity: FileDiagnostic['severity'], message: string, line: number): FileDiagnostic => ({ severity, message, line, source: 'ts' });

test('problems that existed before are not reported again, even on other lines', () => {
  const before = [d('error', 'Cannot find name x', 3), d('warning', 'unused y', 9)];
  const afterEdit = [d('error', 'Cannot find name x', 5), d('warning', 'unused y', 11), d('error', "Type 'string' is not assignable to type 'number'", 7), d('warning', 'unused z', 2), d('hint', 'could be const', 1)];
  const added = introducedDiagnostics(before, afterEdit);
  assert.deepEqual(added.map((a) => a.message), ["Type 'string' is not assignable to type 'number'", 'unused z']);
  const text = formatIntroduced('src/a.ts', added) ?? '';
  assert.match(text, /introduced 2 new problems/);
  assert.match(text, /- error src\/a\.ts:7: Type 'string'/);
  assert.equal(formatIntroduced('a', []), undefined);
});

test('the list is capped', () => {
  const many = Array.from({ length: 25 }, (_, i) => d('error', `e${i}`, i + 1));
  assert.match(formatIntroduced('a.ts', introducedDiagnostics([], many)) ?? '', /… and 15 more/);
});

const ws = tempWorkspace({ 'a.ts': 'export const n: number = 1;\n' });
after(() => ws.cleanup());

test('edit_file reports what the language servers say the edit broke', async () => {
  let state: FileDiagnostic[] = [d('warning', 'old warning', 1)];
  let watched = 0;
  const diagnostics: DiagnosticsPort = {
    watch: async () => {
      watched++;
      return {
        before: state,
        after: async () => {
          state = [d('warning', 'old warning', 1), d('error', "Type 'string' is not assignable to type 'number'.", 1)];
          return state;
        },
        dispose: () => undefined,
      };
    },
  };
  const ctx = toolContext({ ...nodePortsFor(ws.root), diagnostics });
  const read = await readFileTool.prepare({ path: 'a.ts' }, ctx);
  if (!isToolResult(read)) await read.execute(undefined, ctx);
  const step = await editFileTool.prepare({ path: 'a.ts', edits: [{ old_text: '= 1', new_text: "= 'one'" }] }, ctx);
  assert.ok(!isToolResult(step));
  const r = await step.execute(undefined, ctx);
  assert.ok(r.ok);
  assert.match(r.content, /introduced 1 new problem[\s\S]*error a\.ts:1: Type 'string' is not assignable/);
  assert.doesNotMatch(r.content, /old warning/);
  assert.equal(watched, 1);
});
