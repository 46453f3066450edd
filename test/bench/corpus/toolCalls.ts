// A corpus of imperfect tool calls as models really send them (malformed JSON, invented tool names, wrong field
// names and types, cut-off output, stringly-typed values), each with the outcome a correct tool layer must reach.
// Sources: failure kinds named in the tools issue and commonly reported model mistakes (double-encoded arguments,
// Python literals, trailing commas, single quotes, fenced JSON, tool names from other agents' tool sets).

export type Expectation =
  | { readonly kind: 'exec'; readonly tool: string; readonly args: Record<string, unknown> }
  | { readonly kind: 'error'; readonly mention: RegExp };

export interface CorpusCall {
  readonly label: string;
  readonly name: string;
  readonly arguments: string;
  readonly truncated?: boolean;
  readonly expect: Expectation;
}

const exec = (tool: string, args: Record<string, unknown>): Expectation => ({ kind: 'exec', tool, args });
const error = (mention: RegExp): Expectation => ({ kind: 'error', mention });

const READS: Record<string, unknown>[] = [
  { path: 'src/index.ts' },
  { path: 'README.md', start_line: 10, end_line: 40 },
  { path: 'lib/util.py', start_line: 1 },
  { path: 'package.json' },
  { path: 'src/components/Button.tsx', end_line: 80 },
];
const EDITS: Record<string, unknown>[] = [
  { path: 'src/a.ts', edits: [{ old_text: 'return a - b;', new_text: 'return a + b;' }] },
  { path: 'app.py', edits: [{ old_text: 'def f(x):\n    return x', new_text: 'def f(x):\n    return x * 2', replace_all: false }] },
  { path: 'src/b.ts', edits: [{ old_text: 'foo', new_text: 'bar', replace_all: true }] },
];
const OTHERS: [string, Record<string, unknown>][] = [
  ['search', { query: 'TODO', glob: '*.ts' }],
  ['search', { query: 'def \\w+\\(', regex: true, path: 'src' }],
  ['list_files', { path: 'src', recursive: true }],
  ['write_file', { path: 'notes/new.md', content: '# Notes\n\nSome "quoted" text.\n' }],
  ['run_command', { command: 'npm test -- --runInBand', timeout_seconds: 300 }],
  ['git_commit', { message: 'Fix add()', paths: ['src/a.ts'] }],
  ['update_plan', { steps: [{ title: 'Read', status: 'done' }, { title: 'Fix', status: 'in_progress' }] }],
  ['finish', { summary: 'Fixed add(); tests pass.' }],
];
const VALID: [string, Record<string, unknown>][] = [...READS.map((a): [string, Record<string, unknown>] => ['read_file', a]), ...EDITS.map((a): [string, Record<string, unknown>] => ['edit_file', a]), ...OTHERS];

function singleQuoted(value: unknown): string {
  return JSON.stringify(value).replace(/'/g, "\\'").replace(/"/g, "'");
}

export function buildCorpus(): CorpusCall[] {
  const c: CorpusCall[] = [];
  for (const [tool, args] of VALID) c.push({ label: 'valid', name: tool, arguments: JSON.stringify(args), expect: exec(tool, args) });
  for (const [tool, args] of VALID) c.push({ label: 'trailing comma', name: tool, arguments: JSON.stringify(args, null, 1).replace(/\n(\s*)([}\]])/g, ',\n$1$2'), expect: exec(tool, args) });
  for (const [tool, args] of VALID.filter(([, a]) => !JSON.stringify(a).includes("'") && !JSON.stringify(a).includes('\\"'))) {
    c.push({ label: 'single quotes', name: tool, arguments: singleQuoted(args), expect: exec(tool, args) });
  }
  for (const [tool, args] of VALID.slice(0, 10)) c.push({ label: 'code fence', name: tool, arguments: `\`\`\`json\n${JSON.stringify(args, null, 2)}\n\`\`\``, expect: exec(tool, args) });
  for (const [tool, args] of VALID.slice(3, 13)) c.push({ label: 'double-encoded', name: tool, arguments: JSON.stringify(JSON.stringify(args)), expect: exec(tool, args) });
  const stringly: [string, string, Record<string, unknown>][] = [
    ['read_file', '{"path": "a.ts", "start_line": "5"}', { path: 'a.ts', start_line: 5 }],
    ['read_file', '{"path": "a.ts", "start_line": "10", "end_line": "20"}', { path: 'a.ts', start_line: 10, end_line: 20 }],
    ['run_command', '{"command": "make", "timeout_seconds": "600"}', { command: 'make', timeout_seconds: 600 }],
    ['list_files', '{"path": ".", "recursive": "true"}', { path: '.', recursive: true }],
    ['list_files', '{"recursive": "false"}', { recursive: false }],
    ['search', '{"query": "x", "regex": "false"}', { query: 'x', regex: false }],
    ['edit_file', '{"path": "a", "edits": [{"old_text": "x", "new_text": "y", "replace_all": "true"}]}', { path: 'a', edits: [{ old_text: 'x', new_text: 'y', replace_all: true }] }],
    ['git_log', '{"max_count": "5"}', { max_count: 5 }],
  ];
  for (const [tool, raw, args] of stringly) c.push({ label: 'stringly typed', name: tool, arguments: raw, expect: exec(tool, args) });
  const python: [string, string, Record<string, unknown>][] = [
    ['list_files', '{"path": "src", "recursive": True}', { path: 'src', recursive: true }],
    ['search', '{"query": "foo", "regex": False}', { query: 'foo', regex: false }],
    ['edit_file', '{"path": "a.py", "edits": [{"old_text": "x = 1", "new_text": "x = 2", "replace_all": False}]}', { path: 'a.py', edits: [{ old_text: 'x = 1', new_text: 'x = 2', replace_all: false }] }],
  ];
  for (const [tool, raw, args] of python) c.push({ label: 'python literals', name: tool, arguments: raw, expect: exec(tool, args) });
  const inventedNames: [string, string][] = [
    ['open_file', 'read_file'], ['view_file', 'read_file'], ['cat', 'read_file'], ['readFile', 'read_file'], ['read_flie', 'read_file'],
    ['functions.read_file', 'read_file'], ['bash', 'run_command'], ['execute_command', 'run_command'], ['run_terminal_cmd', 'run_command'],
    ['str_replace_editor', 'edit_file'], ['apply_patch', 'edit_file'], ['replace_in_file', 'edit_file'], ['create_file', 'write_file'],
    ['grep_search', 'search'], ['codebase_search', 'search'], ['list_dir', 'list_files'], ['attempt_completion', 'finish'], ['todo_write', 'update_plan'],
    ['ask_followup_question', 'ask_user'], ['git_comit', 'git_commit'],
  ];
  for (const [wrong, right] of inventedNames) c.push({ label: 'unknown tool', name: wrong, arguments: '{"path": "a.ts"}', expect: error(new RegExp(`Did you mean "${right}"`)) });
  c.push({ label: 'unknown tool', name: 'launch_rocket', arguments: '{}', expect: error(/Available tools: read_file/) });
  const missing: [string, string, RegExp][] = [
    ['read_file', '{}', /"path" is required/],
    ['write_file', '{"path": "a.ts"}', /"content" is required/],
    ['edit_file', '{"path": "a.ts"}', /"edits" is required/],
    ['run_command', '{}', /"command" is required/],
    ['search', '{"path": "src"}', /"query" is required/],
    ['finish', '{}', /"summary" is required/],
    ['update_plan', '{}', /"steps" is required/],
    ['git_commit', '{"paths": ["a"]}', /"message" is required/],
  ];
  for (const [tool, raw, re] of missing) c.push({ label: 'missing field', name: tool, arguments: raw, expect: error(re) });
  const wrongNames: [string, string, RegExp][] = [
    ['read_file', '{"file_path": "a.ts"}', /unknown field "file_path" \(did you mean "path"\?\)/],
    ['read_file', '{"filepath": "a.ts"}', /did you mean "path"/],
    ['read_file', '{"path": "a.ts", "startLine": 3}', /unknown field "startLine" \(did you mean "start_line"\?\)/],
    ['write_file', '{"path": "a", "contents": "x"}', /did you mean "content"/],
    ['run_command', '{"cmd": "ls"}', /"command" is required/],
    ['edit_file', '{"path": "a", "edits": [{"old_str": "x", "new_str": "y"}]}', /unknown field "old_str"/],
    ['edit_file', '{"path": "a", "edits": [{"search": "x", "replace": "y"}]}', /"edits\[0\]\.old_text" is required/],
    ['search', '{"pattern": "x"}', /"query" is required/],
  ];
  for (const [tool, raw, re] of wrongNames) c.push({ label: 'wrong field name', name: tool, arguments: raw, expect: error(re) });
  const wrongTypes: [string, string, RegExp][] = [
    ['read_file', '{"path": ["a.ts", "b.ts"]}', /"path": expected string, got array/],
    ['edit_file', '{"path": "a", "edits": {"old_text": "x", "new_text": "y"}}', /"edits": expected array, got object/],
    ['write_file', '{"path": "a", "content": 42}', /"content": expected string, got number/],
    ['read_file', '{"path": "a", "start_line": "five"}', /"start_line": expected number, got string "five"/],
    ['read_file', '{"path": "a", "start_line": 0}', /start_line/],
    ['read_file', '{"path": "a", "start_line": "2.5"}', /start_line/],
    ['list_files', '{"recursive": "yes"}', /"recursive": expected boolean, got string "yes"/],
    ['run_command', '{"command": null}', /"command": expected string, got null/],
  ];
  for (const [tool, raw, re] of wrongTypes) c.push({ label: 'wrong type', name: tool, arguments: raw, expect: error(re) });
  const cut = ['{"path": "src/big.ts", "content": "export const a = 1;\\nexport function f() {', '{"path": "a.ts", "edits": [{"old_text": "x", "new_text": "y"}', '{"command": "npm te', '{"steps": [{"title": "a", "status": "done"}, {"title": "b"'];
  for (const raw of cut) c.push({ label: 'cut off (finish_reason length)', name: raw.startsWith('{"command') ? 'run_command' : raw.startsWith('{"steps') ? 'update_plan' : raw.includes('edits') ? 'edit_file' : 'write_file', arguments: raw, truncated: true, expect: error(/cut off/) });
  for (const raw of cut) c.push({ label: 'cut off (no length flag)', name: raw.startsWith('{"command') ? 'run_command' : raw.startsWith('{"steps') ? 'update_plan' : raw.includes('edits') ? 'edit_file' : 'write_file', arguments: raw, expect: error(/cut off|required|expected/) });
  const enums: [string, RegExp][] = [
    ['{"steps": [{"title": "a", "status": "doing"}]}', /expected one of "pending", "in_progress"/],
    ['{"steps": [{"title": "a", "status": "completed"}]}', /expected one of/],
    ['{"steps": [{"title": "a", "status": "in-progress"}]}', /expected one of/],
    ['{"steps": [{"title": "a"}]}', /"steps\[0\]\.status" is required/],
    ['{"steps": []}', /steps/],
  ];
  for (const [raw, re] of enums) c.push({ label: 'bad plan', name: 'update_plan', arguments: raw, expect: error(re) });
  const garbage: [string, string, RegExp][] = [
    ['read_file', 'src/index.ts', /JSON object/],
    ['read_file', '["src/index.ts"]', /JSON object/],
    ['run_command', 'ls -la', /JSON object|could not be repaired/],
    ['finish', '"done"', /JSON object/],
  ];
  for (const [tool, raw, re] of garbage) c.push({ label: 'not an object', name: tool, arguments: raw, expect: error(re) });
  return c;
}
