// The layering rule of DESIGN.md as a checker over a source tree: only src/vscode/ and src/extension.ts import `vscode`;
// the core (agent, tools, edits, ports, protocol.ts) reaches no Node I/O, directly or through what it imports at run time;
// the webview imports protocol.ts and its own files only.
import * as path from 'node:path';
import * as ts from 'typescript';

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const IO_BUILTINS = new Set(['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls', 'cluster', 'worker_threads', 'os', 'readline', 'inspector', 'v8', 'vm', 'process', 'perf_hooks', 'stream', 'zlib', 'module']);
const IO_PACKAGES = new Set(['vscode', 'openai', 'simple-git', 'playwright-core', '@vscode/test-electron']);
const CORE_DIRS = ['src/agent/', 'src/tools/', 'src/edits/', 'src/ports/'];

export interface ImportRef {
  readonly specifier: string;
  /** False for `import type` / `export type`, which leave nothing at run time. */
  readonly runtime: boolean;
}

export function importsOf(source: string, fileName: string): ImportRef[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      refs.push({ specifier: node.moduleSpecifier.text, runtime: !typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, runtime: !node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      refs.push({ specifier: node.moduleReference.expression.text, runtime: !node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const arg = node.arguments[0];
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isDynamic) && arg && ts.isStringLiteral(arg)) refs.push({ specifier: arg.text, runtime: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

function bareName(specifier: string): string {
  const s = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (s.startsWith('@')) return s.split('/').slice(0, 2).join('/');
  return s === 'fs/promises' ? s : (s.split('/')[0] ?? s);
}

function resolveRelative(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (files.has(candidate)) return candidate;
  return undefined;
}

const isCore = (f: string): boolean => f === 'src/protocol.ts' || CORE_DIRS.some((d) => f.startsWith(d));
const mayImportVscode = (f: string): boolean => f === 'src/extension.ts' || f.startsWith('src/vscode/');

/** `files` maps repo-relative posix paths (src/...) to their source text. */
export function checkLayering(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  const graph = new Map<string, ImportRef[]>();
  for (const [file, source] of files) graph.set(file, importsOf(source, file));

  for (const [file, refs] of graph) {
    for (const ref of refs) {
      const isRel = ref.specifier.startsWith('.');
      if (!isRel && bareName(ref.specifier) === 'vscode' && !mayImportVscode(file)) {
        violations.push({ file, specifier: ref.specifier, rule: 'only src/vscode/ and src/extension.ts may import vscode' });
      }
      if (file.startsWith('src/webview/')) {
        if (isRel) {
          const target = resolveRelative(file, ref.specifier, files);
          if (target !== 'src/protocol.ts' && !(target ?? '').startsWith('src/webview/')) {
            violations.push({ file, specifier: ref.specifier, rule: 'the webview imports protocol.ts and its own files only' });
          }
        } else if (IO_BUILTINS.has(bareName(ref.specifier)) || ['path', 'crypto', 'util'].includes(bareName(ref.specifier))) {
          violations.push({ file, specifier: ref.specifier, rule: 'the webview runs in a browser: no Node modules' });
        }
      }
    }
  }

  // The core must not reach Node I/O through anything it loads at run time (type-only imports are erased).
  for (const file of graph.keys()) {
    if (!isCore(file)) continue;
    const seen = new Set<string>([file]);
    const stack: { at: string; via: string[] }[] = [{ at: file, via: [] }];
    while (stack.length > 0) {
      const item = stack.pop();
      if (!item) break;
      for (const ref of graph.get(item.at) ?? []) {
        if (!ref.runtime) continue;
        if (ref.specifier.startsWith('.')) {
          const target = resolveRelative(item.at, ref.specifier, files);
          if (target === undefined) continue;
          if (target.startsWith('src/vscode/') || target.startsWith('src/node/') || target.startsWith('src/cli/') || target === 'src/extension.ts') {
            violations.push({ file, specifier: [...item.via, ref.specifier].join(' → '), rule: 'the core must not load host adapters (vscode/, node/, cli/)' });
            continue;
          }
          if (!seen.has(target)) {
            seen.add(target);
            stack.push({ at: target, via: [...item.via, ref.specifier] });
          }
        } else {
          const name = bareName(ref.specifier);
          if (IO_BUILTINS.has(name) || IO_PACKAGES.has(name)) {
            violations.push({ file, specifier: [...item.via, ref.specifier].join(' → '), rule: 'the core reaches files, processes and git only through ports' });
          }
        }
      }
    }
  }
  return violations;
}
