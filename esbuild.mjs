// The one build script: the extension (CommonJS, `vscode` external), the panel's browser bundle, and the `keel` CLI.
// `--production` minifies and writes no source maps (so none can reach the VSIX); `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  define: { KEEL_VERSION: JSON.stringify(pkg.version), 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

// The tokenizer's ranks (~1 MB) ship once beside the bundles and load lazily on the first token count.
const ranksOnce = {
  name: 'ranks-once',
  setup(build) {
    build.onResolve({ filter: /^js-tiktoken\/ranks\/cl100k_base$/ }, () => ({ path: './cl100k_base.cjs', external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [ranksOnce],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [ranksOnce],
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

mkdirSync('media', { recursive: true });
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/js-tiktoken/dist/ranks/cl100k_base.cjs', 'dist/cl100k_base.cjs');
copyFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'media/codicon.css');
copyFileSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'media/codicon.ttf');

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
