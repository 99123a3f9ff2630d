// `npm run bench [-- <name>…] [--quick]`: builds the production bundles and the .vsix, runs every
// test/bench/<name>.bench.mjs (or the ones named), prints each section and records it in BENCHMARKS.md.
//
// A bench module exports `title` and `run({ quick })` resolving to
// `{ markdown, figures: { key: number }, budgetsExceeded?: string[] }`; a bench that exceeds a budget
// makes the run exit 1 after every bench has run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH_DIR = join(ROOT, 'test', 'bench');
const OUT = join(ROOT, 'BENCHMARKS.md');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const available = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => basename(f, '.bench.mjs'))
  .sort();
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const chosen = names.length ? names : available;

console.log('[bench] building production bundles and the .vsix (npm run package)');
const build = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('[bench] npm run package failed');
  process.exit(1);
}

/** Sections live between markers, so running one bench updates its section and keeps the others. */
const begin = (name) => `<!-- bench:${name} -->`;
const end = (name) => `<!-- /bench:${name} -->`;
function existingSections() {
  const sections = new Map();
  if (!existsSync(OUT)) return sections;
  const text = readFileSync(OUT, 'utf8');
  for (const m of text.matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) sections.set(m[1], m[2]);
  return sections;
}

const sections = existingSections();
const exceeded = [];
for (const name of chosen) {
  const mod = await import(pathToFileURL(join(BENCH_DIR, `${name}.bench.mjs`)).href);
  console.log(`\n[bench] ${name}: ${mod.title}`);
  const started = Date.now();
  const result = await mod.run({ quick });
  const command = `npm run bench -- ${name}${quick ? ' --quick' : ''}`;
  const body = `## ${mod.title}\n\nReproduce: \`${command}\` (${new Date().toISOString().slice(0, 10)}, ${((Date.now() - started) / 1000).toFixed(0)} s)\n\n${result.markdown.trim()}\n\n`;
  console.log(`\n${result.markdown.trim()}`);
  console.log(`figures: ${JSON.stringify(result.figures)}`);
  for (const b of result.budgetsExceeded ?? []) exceeded.push(`${name}: ${b}`);
  sections.set(name, body);
}

const cpu = cpus();
const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`test/bench/run.mjs`); each section says how to reproduce it. Compare only',
  'figures taken side by side on one machine.',
  '',
  `Last run: ${new Date().toISOString()} on ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${process.platform}/${process.arch}.`,
  '',
].join('\n');
const ordered = [...sections.keys()].sort((a, b) => available.indexOf(a) - available.indexOf(b));
writeFileSync(OUT, header + '\n' + ordered.map((n) => `${begin(n)}\n${sections.get(n)}${end(n)}\n`).join('\n'));
console.log(`\n[bench] wrote ${OUT}`);
if (exceeded.length) {
  console.error(`[bench] over budget:\n  ${exceeded.join('\n  ')}`);
  process.exit(1);
}
