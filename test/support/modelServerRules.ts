// The request rules the real Chat Completions API enforces, as the scripted model server checks them. Pure.

export interface WireToolCall {
  readonly id?: unknown;
  readonly type?: unknown;
  readonly function?: { readonly name?: unknown; readonly arguments?: unknown };
}

export interface WireMessage {
  readonly role?: unknown;
  readonly content?: unknown;
  readonly tool_calls?: readonly WireToolCall[];
  readonly tool_call_id?: unknown;
  readonly name?: unknown;
}

export interface WireTool {
  readonly type?: unknown;
  readonly function?: { readonly name?: unknown; readonly description?: unknown; readonly parameters?: unknown };
}

/** A Chat Completions request body as received (fields unchecked until validateChatRequest passes). */
export interface ChatRequestBody {
  readonly model?: string;
  readonly messages?: readonly WireMessage[];
  readonly tools?: readonly WireTool[];
  readonly tool_choice?: unknown;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly temperature?: number;
  readonly [field: string]: unknown;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isContent = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.every((p) => isRecord(p) && typeof p.type === 'string'));

function checkTools(tools: unknown, problems: string[]): void {
  if (!Array.isArray(tools)) {
    problems.push('tools must be an array');
    return;
  }
  const seen = new Set<string>();
  tools.forEach((t: unknown, i) => {
    const fn = isRecord(t) ? t.function : undefined;
    if (!isRecord(t) || t.type !== 'function' || !isRecord(fn)) {
      problems.push(`tools[${i}] must be {type: "function", function: {...}}`);
      return;
    }
    const name = fn.name;
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) problems.push(`tools[${i}].function.name ${JSON.stringify(name)} does not match ^[a-zA-Z0-9_-]{1,64}$`);
    else if (seen.has(name)) problems.push(`tools[${i}].function.name "${name}" is not unique`);
    else seen.add(name);
    if (fn.description !== undefined && typeof fn.description !== 'string') problems.push(`tools[${i}].function.description must be a string`);
    const params = fn.parameters;
    if (params !== undefined && (!isRecord(params) || params.type !== 'object')) problems.push(`tools[${i}].function.parameters must be a JSON schema with type "object"`);
  });
}

function checkMessages(messages: unknown, problems: string[]): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    problems.push('messages must be a non-empty array');
    return;
  }
  let pending: string[] = []; // ids of the last assistant's calls still to be answered, in order
  messages.forEach((m: unknown, i) => {
    if (!isRecord(m) || typeof m.role !== 'string' || !ROLES.has(m.role)) {
      problems.push(`messages[${i}].role must be one of system, developer, user, assistant, tool`);
      return;
    }
    const role = m.role;
    if (role !== 'tool' && pending.length > 0) {
      problems.push(`messages[${i}] (${role}): the tool_calls ${pending.join(', ')} of the preceding assistant message have no tool message answering them`);
      pending = [];
    }
    if (role === 'tool') {
      const id = m.tool_call_id;
      if (typeof id !== 'string' || id === '') problems.push(`messages[${i}] (tool) has no tool_call_id`);
      else if (pending[0] === id) pending.shift();
      else if (pending.includes(id)) {
        problems.push(`messages[${i}] (tool) answers ${id} out of order (expected ${pending[0] ?? '?'})`);
        pending = pending.filter((p) => p !== id);
      } else problems.push(`messages[${i}] (tool) answers ${id}, which is not a tool_call of the preceding assistant message (or was already answered)`);
      if (typeof m.content !== 'string' && !isContent(m.content)) problems.push(`messages[${i}] (tool) content must be a string`);
      return;
    }
    if (role === 'assistant') {
      const calls = m.tool_calls;
      const hasCalls = Array.isArray(calls) && calls.length > 0;
      if (calls !== undefined && !Array.isArray(calls)) problems.push(`messages[${i}].tool_calls must be an array`);
      if (m.content === null || m.content === undefined) {
        if (!hasCalls) problems.push(`messages[${i}] (assistant) needs content or tool_calls`);
      } else if (!isContent(m.content)) problems.push(`messages[${i}] (assistant) content must be a string or an array of parts`);
      if (hasCalls) {
        const ids = new Set<string>();
        (calls as unknown[]).forEach((c, k) => {
          const fn = isRecord(c) ? c.function : undefined;
          if (!isRecord(c) || typeof c.id !== 'string' || c.id === '' || c.type !== 'function' || !isRecord(fn) || typeof fn.name !== 'string' || typeof fn.arguments !== 'string') {
            problems.push(`messages[${i}].tool_calls[${k}] must be {id, type: "function", function: {name, arguments: string}}`);
            return;
          }
          if (ids.has(c.id)) problems.push(`messages[${i}].tool_calls[${k}].id ${c.id} is duplicated`);
          ids.add(c.id);
        });
        pending = [...ids];
      }
      return;
    }
    if (!isContent(m.content)) problems.push(`messages[${i}] (${role}) content must be a string or an array of parts`);
  });
  if (pending.length > 0) problems.push(`the tool_calls ${pending.join(', ')} of the last assistant message have no tool message answering them`);
}

/** Every rule the request breaks (empty when the real API would accept it). */
export function validateChatRequest(body: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(body)) return ['the body must be a JSON object'];
  if (typeof body.model !== 'string' || body.model === '') problems.push('model is required');
  checkMessages(body.messages, problems);
  if (body.tools !== undefined) checkTools(body.tools, problems);
  if (body.tool_choice !== undefined && body.tools === undefined) problems.push('tool_choice is only allowed when tools are specified');
  if (body.stream_options !== undefined && body.stream !== true) problems.push('stream_options is only allowed when stream is true');
  for (const k of ['max_tokens', 'max_completion_tokens'] as const) {
    const v = body[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1)) problems.push(`${k} must be a positive integer`);
  }
  return problems;
}
