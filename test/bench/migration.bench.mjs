// The migration core over the whole shared corpus: every flow planned, every flow that validates
// generated (in memory, then written once to a scratch folder), and a 200-node generated flow planned
// and generated alone. Same loading as validation.bench.mjs (tsx's scoped require), so it runs under
// plain `node test/bench/migration.bench.mjs [--quick]` and inside `npm run bench`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as tsxRequire } from 'tsx/cjs/api';
import { stats } from './stats.mjs';

export const title = 'Migration to Agent Framework: plan and generate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(root, '..', 'shared');
/** Whole corpus planned and generated: well under what a person waits for in a terminal. */
const CORPUS_BUDGET_MS = 15_000;

const ms = (x) => x.toFixed(0);

export async function run({ quick = false } = {}) {
  const m = tsxRequire(join(root, 'src/core/migration/index.ts'), import.meta.url);
  const files = m.nodeFileHost;
  const dir = mkdtempSync(join(tmpdir(), 'pf-bench-migrate-'));
  const rounds = quick ? 1 : 3;
  const figures = {};
  const budgetsExceeded = [];
  try {
    const flows = m.flowFilesUnder(join(shared, 'corpus'), files);
    const plan = [];
    const generate = [];
    let generated = 0;
    let outFiles = 0;
    for (let r = 0; r < rounds; r++) {
      let t = performance.now();
      const plans = flows.map((f) => m.planFlow(f, files));
      plan.push(performance.now() - t);
      t = performance.now();
      generated = 0;
      outFiles = 0;
      for (const p of plans) {
        if (!p.generatable) continue;
        const project = m.generateProject(p, files, 'en');
        generated++;
        outFiles += project.files.length;
      }
      generate.push(performance.now() - t);
    }
    const t = performance.now();
    for (const [i, f] of flows.entries()) {
      const p = m.planFlow(f, files);
      if (p.generatable) m.writeProject(join(dir, String(i)), m.generateProject(p, files, 'en'), false);
    }
    const written = performance.now() - t;

    const big = join(dir, 'big');
    execFileSync('mkdir', ['-p', big]);
    writeFileSync(
      join(big, 'flow.dag.yaml'),
      execFileSync(process.execPath, [join(shared, 'tools/gen-flow.mjs'), '200'], { encoding: 'utf8' }),
    );
    for (const f of ['step.py', 'prompt.jinja2'])
      writeFileSync(
        join(big, f),
        f.endsWith('.py') ? 'from promptflow.core import tool\n\n\n@tool\ndef step(**kwargs):\n    return kwargs\n' : '',
      );
    writeFileSync(join(big, 'requirements.txt'), 'requests\n');
    const bigRuns = [];
    for (let r = 0; r < rounds * 3; r++) {
      const s = performance.now();
      m.generateProject(m.planFlow(join(big, 'flow.dag.yaml'), files), files, 'en');
      bigRuns.push(performance.now() - s);
    }
    const p = stats(plan);
    const g = stats(generate);
    const b = stats(bigRuns);
    figures.corpus_plan_median_ms = Number(ms(p.median));
    figures.corpus_generate_median_ms = Number(ms(g.median));
    figures.corpus_plan_generate_write_ms = Number(ms(written));
    figures.flow_200_nodes_median_ms = Number(ms(b.median));
    if (written > CORPUS_BUDGET_MS)
      budgetsExceeded.push(`corpus planned, generated and written in ${ms(written)} ms > ${CORPUS_BUDGET_MS} ms`);
    const markdown = [
      `Milliseconds, median (min–max) of ${rounds} passes over the ${flows.length} flow files of the shared corpus (${generated} validate and are generated, ${outFiles} files in all), in memory; then once planned, generated and written to disk; and a generated 200-node flow planned and generated (${rounds * 3} runs).`,
      '',
      '| what | time |',
      '|---|---|',
      `| plan every corpus flow | ${ms(p.median)} (${ms(p.min)}–${ms(p.max)}) |`,
      `| generate every valid corpus flow | ${ms(g.median)} (${ms(g.min)}–${ms(g.max)}) |`,
      `| plan + generate + write, whole corpus | ${ms(written)} |`,
      `| plan + generate, 200-node flow | ${ms(b.median)} (${ms(b.min)}–${ms(b.max)}) |`,
      '',
      `Budget: the whole corpus planned, generated and written ≤ ${CORPUS_BUDGET_MS / 1000} s.`,
    ].join('\n');
    return { markdown, figures, budgetsExceeded };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run({ quick: process.argv.includes('--quick') });
  console.log(result.markdown);
  console.log(JSON.stringify(result.figures));
}
