// Tool calls written as text are recovered in each common shape, prose is left alone, and hostile input never throws or hangs.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as fc from 'fast-check';
import { parseTextToolCalls } from '../../../src/model/textToolCalls';

const KNOWN = ['read_file', 'write_file', 'run_command'];
const parse = (text: string): ReturnType<typeof parseTextToolCalls> => parseTextToolCalls(text, KNOWN);
const args = (s: string): unknown => JSON.parse(s);

describe('recovering calls', () => {
  test('Hermes/Qwen <tool_call> blocks, several in one reply, with surrounding prose kept', () => {
    const r = parse('I will read both.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n</tool_call>\n<tool_call>{"name":"read_file","arguments":{"path":"b.ts"}}</tool_call>\nThen decide.');
    assert.deepEqual(r.calls.map((c) => [c.name, args(c.arguments)]), [['read_file', { path: 'a.ts' }], ['read_file', { path: 'b.ts' }]]);
    assert.equal(r.text, 'I will read both.\n\nThen decide.');
    assert.equal(r.truncated, false);
    assert.equal(r.malformed, undefined);
  });

  test('arguments given as a JSON string, and the `parameters` key (Llama 3.1 style)', () => {
    assert.deepEqual(args(parse('<tool_call>{"name":"read_file","arguments":"{\\"path\\":\\"x\\"}"}</tool_call>').calls[0]?.arguments ?? ''), { path: 'x' });
    assert.deepEqual(args(parse('<tool_call>{"name":"read_file","parameters":{"path":"y"}}</tool_call>').calls[0]?.arguments ?? ''), { path: 'y' });
  });

  test('slightly broken JSON inside closed tags is repaired (trailing comma, single quotes)', () => {
    const r = parse("<tool_call>{'name': 'write_file', 'arguments': {'path': 'a', 'content': 'x',},}</tool_call>");
    assert.deepEqual(r.calls.map((c) => [c.name, args(c.arguments)]), [['write_file', { path: 'a', content: 'x' }]]);
  });

  test('Qwen3-Coder XML form', () => {
    const r = parse('<tool_call>\n<function=write_file>\n<parameter=path>\nsrc/a.ts\n</parameter>\n<parameter=content>\nconst a = 1;\n</parameter>\n</function>\n</tool_call>');
    assert.deepEqual(r.calls.map((c) => [c.name, args(c.arguments)]), [['write_file', { path: 'src/a.ts', content: 'const a = 1;' }]]);
  });

  test('a fenced ```json object naming a known tool, in the {"tool", "args"} and OpenAI function shapes', () => {
    const r1 = parse('Reading:\n```json\n{"tool": "read_file", "args": {"path": "a"}}\n```');
    assert.deepEqual(r1.calls.map((c) => [c.name, args(c.arguments)]), [['read_file', { path: 'a' }]]);
    assert.equal(r1.text, 'Reading:');
    const r2 = parse('```\n{"type": "function", "function": {"name": "run_command", "arguments": "{\\"command\\": \\"ls\\"}"}}\n```');
    assert.deepEqual(r2.calls.map((c) => [c.name, args(c.arguments)]), [['run_command', { command: 'ls' }]]);
    const r3 = parse('```json\n[{"name": "read_file", "arguments": {"path": "a"}}, {"name": "read_file", "arguments": {"path": "b"}}]\n```');
    assert.equal(r3.calls.length, 2);
  });

  test('a bare JSON call as the whole reply, and a `functions.` prefix', () => {
    const r = parse('{"name": "functions.read_file", "arguments": {"path": "a"}}');
    assert.deepEqual(r.calls.map((c) => c.name), ['read_file']);
    assert.equal(r.text, '');
  });
});

describe('leaving prose alone', () => {
  test('JSON that names no known tool is not a call', () => {
    assert.deepEqual(parse('Here is the config:\n```json\n{"name": "my-package", "version": "1.0.0"}\n```').calls, []);
    assert.deepEqual(parse('{"name": "not_a_tool", "arguments": {}}').calls, []);
    assert.deepEqual(parse('No calls here, just text about read_file.').calls, []);
  });

  test('an unclosed <tool_call> with incomplete JSON is reported as truncated, never repaired into a call', () => {
    const r = parse('<tool_call>\n{"name": "write_file", "arguments": {"path": "a", "content": "half of the fi');
    assert.deepEqual(r.calls, []);
    assert.equal(r.truncated, true);
  });

  test('a closed <tool_call> whose content cannot be read is reported as malformed', () => {
    const r = parse('<tool_call>read the file a.ts please</tool_call>');
    assert.deepEqual(r.calls, []);
    assert.match(r.malformed ?? '', /tool_call/);
  });
});

describe('hostile input', () => {
  test('never throws on arbitrary strings, and every call it returns has a name and object arguments', () => {
    const pieces = fc.constantFrom('<tool_call>', '</tool_call>', '```json\n', '```', '{', '}', '[', ']', '"name"', ':', '"read_file"', '"arguments"', ',', '\n', '\\', '"', '<function=', '<parameter=x>', '</parameter>', '</function>');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 60 }), (parts) => {
        const r = parse(parts.join(''));
        for (const c of r.calls) {
          assert.ok(c.name.length > 0);
          assert.equal(typeof c.arguments, 'string');
        }
      }),
      { numRuns: 400 },
    );
  });

  test('huge and deeply nested inputs finish quickly', () => {
    const cases = [
      '<tool_call>'.repeat(50_000),
      `<tool_call>${'['.repeat(200_000)}</tool_call>`,
      `\`\`\`json\n${'{"a":'.repeat(100_000)}\n\`\`\``,
      `${'\n{'.repeat(100_000)}`,
      `<tool_call>{"name":"write_file","arguments":{"content":"${'x'.repeat(500_000)}"}}</tool_call>`,
      'x'.repeat(3_000_000),
    ];
    for (const text of cases) {
      const started = Date.now();
      const r = parse(text);
      assert.ok(Array.isArray(r.calls));
      assert.ok(Date.now() - started < 5_000, `finished (${Date.now() - started} ms)`);
    }
  });

  test('non-string input is treated as empty', () => {
    assert.deepEqual(parseTextToolCalls(undefined as unknown as string, KNOWN).calls, []);
  });
});
