// Bytes of each production bundle (minified) and of the .vsix, against the budgets.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const title = 'Bundle and package size';

/** Budgets in bytes (decimal units: 1 MB = 1,000,000 bytes). */
const BUDGETS = { extension: 1_000_000, server: 600_000 };
const BUNDLES = ['extension', 'client', 'flowtext', 'server', 'session', 'cli', 'emulator'];
const fmt = (n) => n.toLocaleString('en-US');

export async function run() {
  const rows = [];
  const figures = {};
  const budgetsExceeded = [];
  for (const name of BUNDLES) {
    const file = join(ROOT, 'dist', `${name}.js`);
    if (!existsSync(file)) throw new Error(`${file} is missing: the production build did not write it`);
    const bytes = statSync(file).size;
    figures[`${name}.bytes`] = bytes;
    const budget = BUDGETS[name];
    const ok = budget === undefined || bytes <= budget;
    if (!ok) budgetsExceeded.push(`dist/${name}.js is ${fmt(bytes)} bytes, budget ${fmt(budget)}`);
    rows.push(`| \`dist/${name}.js\` | ${fmt(bytes)} | ${budget ? fmt(budget) : '–'} | ${budget ? (ok ? 'within' : '**over**') : ''} |`);
  }
  const vsix = join(ROOT, 'dist', 'promptflow-sessions.vsix');
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: npm run package did not write it`);
  figures['vsix.bytes'] = statSync(vsix).size;
  rows.push(`| \`dist/promptflow-sessions.vsix\` | ${fmt(figures['vsix.bytes'])} | – | |`);
  const markdown = ['| file (production, minified) | bytes | budget | |', '|---|---:|---:|---|', ...rows].join('\n');
  return { markdown, figures, budgetsExceeded };
}
