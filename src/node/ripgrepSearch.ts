// The TextSearch port with ripgrep (`--json`), used by the CLI (rg on PATH) and by VS Code (the rg it ships);
// falls back to a plain Node walk that respects .gitignore when no rg binary exists.
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import type { SearchMatch, SearchQuery, SearchResult, TextSearch } from '../ports';

export function findRgOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, process.platform === 'win32' ? 'rg.exe' : 'rg');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export class RipgrepSearch implements TextSearch {
  constructor(private readonly rgPath: string | undefined) {}

  search(query: SearchQuery, signal: AbortSignal): Promise<SearchResult> {
    return this.rgPath ? this.rg(this.rgPath, query, signal) : nodeSearch(query, signal);
  }

  private rg(rg: string, q: SearchQuery, signal: AbortSignal): Promise<SearchResult> {
    const args = ['--json', '--max-columns', '400', '--max-filesize', '5M', ...(q.regex ? [] : ['--fixed-strings'])];
    if (q.glob) args.push('--glob', q.glob);
    args.push('-e', q.query, '--', q.path);
    return new Promise((resolve, reject) => {
      const child = spawn(rg, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
      const matches: SearchMatch[] = [];
      let truncated = false;
      let buffer = '';
      let stderr = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          const m = parseMatch(line);
          if (!m) continue;
          if (matches.length >= q.maxResults) {
            truncated = true;
            child.kill();
            return;
          }
          matches.push(m);
        }
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('error', (err) => reject(signal.aborted ? new Error('Search cancelled.') : err));
      child.on('close', (code) => {
        if (code === 2 && matches.length === 0 && !truncated) reject(new Error(stderr.trim().split('\n').slice(0, 3).join(' ') || 'ripgrep failed'));
        else resolve({ matches, truncated, engine: 'ripgrep' });
      });
    });
  }
}

function parseMatch(line: string): SearchMatch | undefined {
  try {
    const msg = JSON.parse(line) as { type?: string; data?: { path?: { text?: string }; line_number?: number; lines?: { text?: string } } };
    if (msg.type !== 'match' || !msg.data?.path?.text || typeof msg.data.line_number !== 'number') return undefined;
    return { file: msg.data.path.text, line: msg.data.line_number, text: (msg.data.lines?.text ?? '').replace(/\r?\n$/, '') };
  } catch {
    return undefined;
  }
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(glob.includes('/') ? `^${re}$` : `(^|/)${re}$`);
}

async function nodeSearch(q: SearchQuery, signal: AbortSignal): Promise<SearchResult> {
  let pattern: RegExp;
  try {
    pattern = q.regex ? new RegExp(q.query) : new RegExp(q.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  } catch (err) {
    throw new Error(`Invalid regular expression: ${err instanceof Error ? err.message : String(err)}`);
  }
  const glob = q.glob ? globToRegExp(q.glob) : undefined;
  const matches: SearchMatch[] = [];
  const rules = ignore().add(['.git/', 'node_modules/']);
  const base = (await fs.stat(q.path)).isDirectory() ? q.path : path.dirname(q.path);
  const stack = (await fs.stat(q.path)).isDirectory() ? [q.path] : [];
  const files = stack.length === 0 ? [q.path] : [];
  while (stack.length > 0 || files.length > 0) {
    if (signal.aborted) throw new Error('Search cancelled.');
    const file = files.pop();
    if (file !== undefined) {
      const rel = path.relative(base, file).split(path.sep).join('/');
      if (glob && !glob.test(rel)) continue;
      const text = await fs.readFile(file, 'utf8').catch(() => '');
      if (text.includes('\0')) continue;
      const lines = text.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        if (!pattern.test(lines[i] ?? '')) continue;
        if (matches.length >= q.maxResults) return { matches, truncated: true, engine: 'node' };
        matches.push({ file, line: i + 1, text: (lines[i] ?? '').slice(0, 400) });
      }
      continue;
    }
    const dir = stack.pop();
    if (dir === undefined) break;
    const gi = await fs.readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => '');
    const prefix = path.relative(base, dir).split(path.sep).join('/');
    if (gi) rules.add(gi.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#')).map((l) => (prefix ? `${prefix}/${l.replace(/^\//, '')}` : l)));
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const rel = path.relative(base, abs).split(path.sep).join('/');
      if (rules.ignores(entry.isDirectory() ? `${rel}/` : rel)) continue;
      if (entry.isDirectory()) stack.push(abs);
      else if (entry.isFile()) files.push(abs);
    }
  }
  return { matches, truncated: false, engine: 'node' };
}
