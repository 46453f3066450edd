// The text tool protocol's wording: tool instructions for the system prompt, the reminder after a reply without a readable
// call, and how calls and results are written back into the conversation. Pure.
import type { ToolCall, ToolProtocol, ToolSpec } from './types';

const EXAMPLE_ARGS = '{"path": "src/index.ts"}';

function example(tools: readonly ToolSpec[]): string {
  const name = tools[0]?.name ?? 'tool_name';
  return `<tool_call>\n{"name": "${name}", "arguments": ${tools[0] ? exampleArgs(tools[0]) : EXAMPLE_ARGS}}\n</tool_call>`;
}

function exampleArgs(tool: ToolSpec): string {
  const props = tool.parameters.properties;
  const required = tool.parameters.required;
  if (typeof props !== 'object' || props === null) return '{}';
  const names = Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : Object.keys(props).slice(0, 1);
  const parts = names.slice(0, 3).map((n) => `"${n}": ...`);
  return `{${parts.join(', ')}}`;
}

/** The system-prompt section that describes the tools and how to call them, for models without native tool calling. */
export function textToolInstructions(tools: readonly ToolSpec[]): string {
  const lines: string[] = [
    '# Tools',
    '',
    'You can call the tools below. To call one, write a <tool_call> block containing a single JSON object with the tool\'s "name" and its "arguments":',
    '',
    example(tools),
    '',
    'Rules:',
    '- The JSON must be valid: double-quoted keys and strings, newlines in strings written as \\n.',
    '- Write one <tool_call> block per call; you may write several blocks to make several independent calls.',
    '- After your calls, stop and wait: each result comes back in a <tool_response> block in the next message.',
    '- Do not write a <tool_call> block when you only want to talk to the user.',
    '',
    'Available tools (the arguments follow the JSON Schema given):',
  ];
  for (const tool of tools) {
    lines.push('', `## ${tool.name}`, tool.description.trim(), `Arguments schema: ${JSON.stringify(tool.parameters)}`);
  }
  return lines.join('\n');
}

/**
 * The reminder to send as the next user message when a reply had no readable tool call (or `problem` describes one that
 * could not be read). Native-protocol models get a shorter wording.
 */
export function toolCallReminder(tools: readonly ToolSpec[], protocol: ToolProtocol = 'native', problem?: string): string {
  const names = tools.map((t) => t.name).join(', ');
  const opening = problem ? `Your last reply contained ${problem}, so no tool was called.` : 'Your last reply did not call a tool.';
  if (protocol === 'native') {
    return `${opening} To act, call one of the available tools (${names}) through the tool-calling interface, with arguments that match its schema.`;
  }
  return [
    opening,
    'To call a tool, write exactly this shape (valid JSON inside the tags):',
    '',
    example(tools),
    '',
    `Available tools: ${names}.`,
  ].join('\n');
}

function argumentsAsJson(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return JSON.stringify(raw);
  }
}

/** A call written back into an assistant message in the text protocol. */
export function renderTextToolCall(call: ToolCall): string {
  return `<tool_call>\n{"name": ${JSON.stringify(call.name)}, "arguments": ${argumentsAsJson(call.arguments)}}\n</tool_call>`;
}

/** A tool result as the text protocol returns it to the model. */
export function renderTextToolResult(name: string | undefined, content: string): string {
  const attr = name ? ` name=${JSON.stringify(name)}` : '';
  return `<tool_response${attr}>\n${content}\n</tool_response>`;
}
