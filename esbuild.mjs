// Bundles every entry point of the product. CJS for Node, `vscode` left to the host.
// `--production` minifies (keeping class and function names, so stack traces and error
// types stay readable); otherwise source maps are written for debugging.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Entry points: the extension stays small; the Azure SDK lives in `session.js`, loaded on first use. */
export const entries = [
  { in: 'src/extension/main.ts', out: 'extension' },
  { in: 'src/server/main.ts', out: 'server' },
  { in: 'src/core/session/bundle.ts', out: 'session' },
  { in: 'src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'src/emulator/main.ts', out: 'emulator' },
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  keepNames: true,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  // azurite is started as a process of its own by the emulator and is never bundled.
  external: ['vscode', 'azurite'],
  legalComments: 'none',
  metafile: true,
};

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

async function buildAll() {
  mkdirSync('dist', { recursive: true });
  const results = await Promise.all(
    entries.map((e) =>
      esbuild.build({
        ...common,
        entryPoints: [e.in],
        outfile: `dist/${e.out}.js`,
        banner: e.banner ? { js: e.banner } : undefined,
      }),
    ),
  );
  cpSync('src/schemas', 'dist/schemas', { recursive: true });
  // Host test suites run inside VS Code and are loaded by mocha file by file: transpile only.
  const hostTests = listTs('test/host');
  if (hostTests.length) await esbuild.build({
    entryPoints: hostTests,
    outdir: 'out/test/host',
    outbase: 'test/host',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return results;
}

if (watch) {
  const contexts = await Promise.all(
    entries.map((e) =>
      esbuild.context({ ...common, entryPoints: [e.in], outfile: `dist/${e.out}.js`, banner: e.banner ? { js: e.banner } : undefined }),
    ),
  );
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  await buildAll();
}
