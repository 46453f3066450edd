// The command tools: run_command (foreground or background, classified before approval), read_command_output (page or
// grep the whole output of an earlier command) and stop_command. They reach processes only through the CommandRunner port.
import { z } from 'zod';
import type { CommandResult, OutputPage, StartResult } from '../ports/commandRunner';
import { classifyCommand } from './commandRisk';
import { boundCaptured, boundText, formatCount } from './outputBounds';
import { displayPath, resolveWorkspacePath } from './paths';
import { formatTestSummary, summarizeTests } from './testSummary';
import { fail, immediate, ok, type PreparedStep, type ToolContext, type ToolDef, type ToolResult } from './types';

export { classifyCommand } from './commandRisk';

const DEFAULT_BACKGROUND_WAIT_S = 20;
const SUMMARY_SHARE = 0.25;

const runSchema = z
  .object({
    command: z.string().min(1).describe("The command line, run by the user's shell in the workspace (pipes, && and redirects work)"),
    cwd: z.string().optional().describe('Working directory relative to the workspace root (default: the root)'),
    timeout_seconds: z.number().int().min(1).max(3600).optional().describe('Kill the command and everything it started after this many seconds (default from the settings). With background: how long to wait for its first output'),
    background: z.boolean().optional().describe('Start a long-running process (dev server, watcher) and return once it is ready or quiet; it keeps running: read_command_output reads more, stop_command ends it'),
  })
  .strict();

const readSchema = z
  .object({
    id: z.string().min(1).describe('The output id a run_command result gave, e.g. "cmd-3"'),
    offset: z.number().int().min(1).optional().describe('First line to show (1-based); default: the lines not shown yet'),
    limit: z.number().int().min(1).max(2000).optional().describe('Most lines to show (default 200)'),
    grep: z.string().optional().describe('Show only lines matching this regular expression (case-insensitive), with their numbers'),
  })
  .strict();

const stopSchema = z.object({ id: z.string().min(1).describe('The id of a background command, e.g. "cmd-4"') }).strict();

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function readHint(id: string): (firstCutLine: number) => string {
  return (first) => `read_command_output {"id":"${id}","offset":${first}} shows the cut part, or add "grep" to search it`;
}

function withSummary(command: string, head: string, output: string, gap: CommandResult['gap'], id: string | undefined, maxChars: number): string {
  const summary = summarizeTests(command, output);
  const summaryText = summary && (summary.failures.length > 0 || summary.failed !== undefined) ? boundText(formatTestSummary(summary), Math.floor(maxChars * SUMMARY_SHARE)) : '';
  const budget = Math.max(500, maxChars - head.length - summaryText.length - 40);
  const body = output === '' ? '(no output)' : boundCaptured(output, gap, budget, id ? readHint(id) : undefined);
  return [head, summaryText, `--- output${gap || body !== output ? ' (head and tail)' : ''} ---`, body].filter((s) => s !== '').join('\n');
}

export function formatRunResult(command: string, r: CommandResult, maxChars: number, amended: boolean): string {
  const status = r.timedOut
    ? `Timed out after ${seconds(r.durationMs)}: the command and everything it started were killed (exit code unknown).`
    : r.cancelled
      ? 'Cancelled: the command and everything it started were killed.'
      : r.exitCode === undefined
        ? `Exit code unknown (${r.via} did not report it) · ${seconds(r.durationMs)}`
        : `Exit code ${r.exitCode}${r.exitCode === 0 ? ' (success)' : ' (failure)'} · ${seconds(r.durationMs)}`;
  const lines = r.totalLines !== undefined ? ` (${formatCount(r.totalLines)} lines)` : '';
  const head = [amended ? `The person edited the command before approving; ran: ${command}` : '', `${status} · ran via ${r.via}${r.id ? ` · output id ${r.id}${lines}` : ''}`, r.note && !r.timedOut && !r.cancelled ? `Note: ${r.note}` : ''].filter((s) => s !== '').join('\n');
  return withSummary(command, head, r.output, r.gap, r.id, maxChars);
}

export function formatStartResult(command: string, r: StartResult, maxChars: number): string {
  const why = { pattern: 'its output says it is ready', quiet: 'its output went quiet', waited: 'the wait for its first output ran out', exited: 'it ended', cancelled: 'the task was cancelled (it was stopped)' }[r.readiness];
  const head = r.running
    ? `Started in the background as ${r.id}; still running (returned because ${why}, after ${seconds(r.durationMs)}) · via ${r.via}\nRead more with read_command_output {"id":"${r.id}"}; end it with stop_command {"id":"${r.id}"}.`
    : `${r.id} ended during start-up with exit code ${r.exitCode ?? 'unknown'} after ${seconds(r.durationMs)} · via ${r.via}`;
  return withSummary(command, r.note ? `${head}\nNote: ${r.note}` : head, r.output, r.gap, r.id, maxChars);
}

function describePage(p: OutputPage, grep: string | undefined): string {
  const state = p.running ? 'still running' : `ended, exit code ${p.exitCode ?? 'unknown'}`;
  const head = `${p.id} \`${p.command.length > 80 ? `${p.command.slice(0, 77)}...` : p.command}\` (${state}; ${formatCount(p.totalLines)} lines of output)`;
  if (grep !== undefined && grep !== '') {
    if (p.matches === 0) return `${head}\nNo line matches ${JSON.stringify(grep)}.`;
    const shown = p.text === '' ? 0 : p.text.split('\n').length;
    return `${head}\n${formatCount(p.matches ?? 0)} lines match ${JSON.stringify(grep)}${p.truncated ? ` (showing the first ${shown})` : ''}:\n${p.text}`;
  }
  if (p.fromLine === 0) return `${head}\nNo new output since the last read. Pass "offset" to read earlier lines${p.running ? ', or wait and read again' : ''}.`;
  const more = p.toLine < p.totalLines ? `\n[... lines ${p.toLine + 1}-${p.totalLines} follow: read_command_output {"id":"${p.id}","offset":${p.toLine + 1}}]` : '';
  return `${head}\nLines ${formatCount(p.fromLine)}-${formatCount(p.toLine)}:\n${p.text}${more}`;
}

async function resolveCwd(ctx: ToolContext, cwd: string | undefined): Promise<{ abs: string; rel: string } | ToolResult> {
  const resolved = await resolveWorkspacePath(ctx.ports, cwd ?? '.');
  if (!resolved.ok) return fail(`${resolved.error} (cwd must be a folder inside the workspace.)`);
  const stat = await ctx.ports.fs.stat(resolved.abs).catch(() => undefined);
  if (stat?.type !== 'directory') return fail(`cwd "${cwd ?? '.'}" is not a folder in the workspace. Give a folder relative to the workspace root, or leave cwd out.`);
  return { abs: resolved.abs, rel: displayPath(ctx.ports.workspace.roots, resolved.abs) };
}

export const runCommandTool: ToolDef<typeof runSchema> = {
  name: 'run_command',
  description: "Run a shell command in the workspace (tests, builds, git, scripts) and get its exit code and output (head and tail; failing tests are summarised first). Use background for dev servers and watchers.",
  schema: runSchema,
  risk: 'command',
  async prepare(args, ctx): Promise<PreparedStep | ToolResult> {
    if (!ctx.ports.workspace.isTrusted()) return fail('This workspace is not trusted, so no command can run. Describe the command for the person instead.');
    const cwd = await resolveCwd(ctx, args.cwd);
    if ('ok' in cwd) return cwd;
    const risk = classifyCommand(args.command, { workspaceRoots: ctx.ports.workspace.roots, cwd: cwd.abs });
    const shown = args.command.length > 100 ? `${args.command.slice(0, 97)}...` : args.command;
    const where = cwd.rel === '.' ? '' : ` in ${cwd.rel}`;
    return {
      title: `${args.background ? 'Start in the background' : 'Run'}: ${shown}${where}`,
      preview: { kind: 'command', command: args.command, cwd: cwd.rel, ...(risk.level === 'dangerous' ? { danger: risk.reasons.join('; ') } : {}) },
      writes: [],
      async execute(amendment, run): Promise<ToolResult> {
        const amended = amendment?.kind === 'command' && amendment.command.trim() !== '' && amendment.command !== args.command;
        const command = amended && amendment.kind === 'command' ? amendment.command : args.command;
        const runner = run.ports.commands;
        const max = run.settings.maxResultChars;
        try {
          if (args.background) {
            if (!runner.start) return fail('Background processes are not available in this environment. Run the command without background, with a timeout_seconds that fits.');
            const started = await runner.start({ command, cwd: cwd.abs, maxWaitMs: (args.timeout_seconds ?? DEFAULT_BACKGROUND_WAIT_S) * 1000 }, run.onOutput, run.signal);
            return ok(formatStartResult(command, started, max));
          }
          const timeoutMs = (args.timeout_seconds ?? run.settings.commandTimeoutSeconds) * 1000;
          const result = await runner.run({ command, cwd: cwd.abs, timeoutMs }, run.onOutput, run.signal);
          const text = formatRunResult(command, result, max, amended);
          const broken = result.timedOut || result.cancelled || (result.exitCode === undefined && (result.note ?? '').startsWith('could not start'));
          return broken ? fail(text) : ok(text);
        } catch (err) {
          return fail(`The command could not be run: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    };
  },
};

export const readCommandOutputTool: ToolDef<typeof readSchema> = {
  name: 'read_command_output',
  description: 'Read more of the output of a command run earlier (by its output id): the lines not shown yet, a page from "offset", or only the lines matching "grep".',
  schema: readSchema,
  risk: 'read',
  async prepare(args) {
    return immediate(`Read output of ${args.id}`, async (ctx) => {
      const runner = ctx.ports.commands;
      if (!runner.read) return fail('Command output cannot be read back in this environment.');
      const page = await runner.read(args.id, { offset: args.offset, limit: args.limit, grep: args.grep, maxChars: Math.max(1000, ctx.settings.maxResultChars - 400) });
      if (page === undefined) return fail(`No command output has the id "${args.id}". Ids look like "cmd-3" and come from run_command results; only the recent ones are kept.`);
      return ok(describePage(page, args.grep));
    });
  },
};

export const stopCommandTool: ToolDef<typeof stopSchema> = {
  name: 'stop_command',
  description: 'Stop a background command (and everything it started) by its id, e.g. a dev server started with run_command background.',
  schema: stopSchema,
  risk: 'command',
  async prepare(args, ctx): Promise<PreparedStep | ToolResult> {
    const runner = ctx.ports.commands;
    if (!runner.read || !runner.stop) return fail('Background commands are not available in this environment.');
    const probe = await runner.read(args.id, { offset: 1, limit: 1, maxChars: 1 });
    if (probe === undefined) return fail(`No command has the id "${args.id}". Ids look like "cmd-4" and come from run_command results.`);
    if (!probe.running) return ok(`${probe.id} (\`${probe.command}\`) already ended with exit code ${probe.exitCode ?? 'unknown'}; nothing to stop.`);
    const stop = runner.stop.bind(runner);
    return {
      ...immediate(`Stop ${probe.id}: ${probe.command}`, async () => {
        const page = await stop(args.id);
        if (page === undefined) return fail(`No command has the id "${args.id}".`);
        return ok(`Stopped ${page.id} (\`${page.command}\`)${page.running ? ', but it has not ended yet' : ''}. Last output:\n${page.text || '(none)'}`);
      }),
    };
  },
};

/** The command tools, for the tool registry. */
export function createCommandTools(): ToolDef[] {
  return [runCommandTool, readCommandOutputTool, stopCommandTool] as ToolDef[];
}
