// The validation core alone (no LSP, no debounce): full validation and single-edit revalidation
// on generated 20 / 200 / 1,000-node flows, and throughput over the whole shared corpus.
// TypeScript is loaded with tsx's scoped CommonJS `require` (`tsx/cjs/api`; the sources are
// CommonJS-style TS, and no global loader hook is installed), so this runs under plain
// `node test/bench/validation.bench.mjs [--quick]` and inside `npm run bench`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as tsxRequire } from 'tsx/cjs/api';
import { stats } from './stats.mjs';

export const title = 'Validation core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(root, '..', 'shared');
/** Budget from the language-intelligence issue: edit → diagnostics on 1,000 nodes. */
const EDIT_BUDGET_MS = 50;

const ms = (x) => x.toFixed(1);

function load() {
  const validation = tsxRequire(join(root, 'src/core/validation/index.ts'), import.meta.url);
  const flow = tsxRequire(join(root, 'src/core/flow/index.ts'), import.meta.url);
  return { createValidator: validation.createValidator, files: flow.nodeFileHost };
}

function generated(dir, n) {
  const folder = join(dir, `flow${n}`);
  execFileSync('mkdir', ['-p', folder]);
  const text = execFileSync(process.execPath, [join(shared, 'tools/gen-flow.mjs'), String(n)], { encoding: 'utf8' });
  const path = join(folder, 'flow.dag.yaml');
  writeFileSync(path, text);
  for (const f of ['step.py', 'prompt.jinja2']) writeFileSync(join(folder, f), '');
  writeFileSync(join(folder, 'requirements.txt'), 'requests\n');
  return { path, text };
}

/**
 * Workspace data in which every connection and deployment the generated flows name exists, so each
 * llm node's connection and deployment are looked up on every validation.
 */
const facts = {
  workspace: { subscriptionId: 'bench', resourceGroup: 'bench', workspace: 'bench' },
  fetchedAt: 0,
  connections: [
    {
      name: 'open_ai_connection',
      category: 'AzureOpenAI',
      authType: 'ApiKey',
      valueType: 'AzureOpenAIConnection',
      metadata: {},
      deployments: [{ name: 'gpt-35-turbo', capabilities: { chatCompletion: true } }],
    },
  ],
  tools: [],
  unavailable: [],
};

/** One value changed per edit, as a keystroke would: a different max_tokens each time. */
function edit(text, i) {
  return text.replace('max_tokens: 128', `max_tokens: ${129 + i}`);
}

export async function run({ quick = false } = {}) {
  const { createValidator, files } = load();
  const dir = mkdtempSync(join(tmpdir(), 'pf-bench-val-'));
  const rounds = quick ? 5 : 20;
  const figures = {};
  const rows = [];
  const budgetsExceeded = [];
  try {
    // Warm the schema compiler once so the first size does not pay for it.
    createValidator(files).validate({ path: join(dir, 'warm.dag.yaml'), text: 'nodes: []\n', kind: 'dagFlow' });
    for (const n of [20, 200, 1000]) {
      const { path, text } = generated(dir, n);
      const full = [];
      for (let i = 0; i < rounds; i++) {
        const v = createValidator(files);
        const t = performance.now();
        v.validate({ path, text, workspaceRoot: dir });
        full.push(performance.now() - t);
      }
      const v = createValidator(files);
      v.validate({ path, text, workspaceRoot: dir });
      const edits = [];
      for (let i = 0; i < rounds * 2; i++) {
        const t = performance.now();
        v.validate({ path, text: edit(text, i), workspaceRoot: dir });
        edits.push(performance.now() - t);
      }
      const withFacts = createValidator(files);
      withFacts.validate({ path, text, workspaceRoot: dir, facts });
      const factEdits = [];
      for (let i = 0; i < rounds * 2; i++) {
        const t = performance.now();
        withFacts.validate({ path, text: edit(text, i), workspaceRoot: dir, facts });
        factEdits.push(performance.now() - t);
      }
      const f = stats(full);
      const e = stats(edits);
      const w = stats(factEdits);
      rows.push(
        `| ${n} | ${(text.length / 1024).toFixed(0)} KB | ${ms(f.median)} (${ms(f.min)}–${ms(f.max)}) | ${ms(e.median)} (${ms(e.min)}–${ms(e.max)}) | ${ms(w.median)} (${ms(w.min)}–${ms(w.max)}) |`,
      );
      figures[`edit_${n}_with_workspace_data_median_ms`] = Number(ms(w.median));
      figures[`full_${n}_median_ms`] = Number(ms(f.median));
      figures[`edit_${n}_median_ms`] = Number(ms(e.median));
      if (n === 1000 && e.median > EDIT_BUDGET_MS) budgetsExceeded.push(`edit on 1,000 nodes ${ms(e.median)} ms > ${EDIT_BUDGET_MS} ms`);
    }

    const manifest = readFileSync(join(shared, 'corpus/MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
    const corpus = manifest
      .map((l) => l.split('\t'))
      .filter(([, kind]) => ['flow', 'run', 'requirements'].includes(kind))
      .map(([p]) => {
        const abs = join(shared, 'corpus', p);
        return { abs, text: readFileSync(abs, 'utf8') };
      });
    const passes = quick ? 1 : 3;
    const throughput = [];
    for (let i = 0; i < passes; i++) {
      const v = createValidator(files, { incremental: false });
      const t = performance.now();
      for (const c of corpus) v.validate({ path: c.abs, text: c.text, workspaceRoot: join(shared, 'corpus') });
      throughput.push((corpus.length * 1000) / (performance.now() - t));
    }
    const tp = stats(throughput);
    figures.corpus_files_per_s = Math.round(tp.median);
    const markdown = [
      `Milliseconds, median (min–max) of ${rounds} full validations (fresh validator) and ${rounds * 2} single-value edits (incremental), every rule on, files on disk; the last column with workspace data (every llm node's connection and deployment checked).`,
      '',
      '| nodes | size | full validation | edit → diagnostics | edit with workspace data |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `Corpus: ${corpus.length} flow/run/requirements files, ${Math.round(tp.median)} files/s (median of ${passes} passes, min ${Math.round(tp.min)}, max ${Math.round(tp.max)}).`,
      `Budget: edit → diagnostics on 1,000 nodes ≤ ${EDIT_BUDGET_MS} ms.`,
    ].join('\n');
    return { markdown, figures, budgetsExceeded };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await run({ quick: process.argv.includes('--quick') });
  console.log(r.markdown);
  console.log(JSON.stringify(r.figures));
  if (r.budgetsExceeded.length) process.exitCode = 1;
}
