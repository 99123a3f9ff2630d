// `migrate verify` on 1,000 lines: the comparison of both sides' lines (every comparison kind, long answers
// among them) with its Markdown and JSON reports, and the Agent Framework side, the generated project of
// test/fixtures/migration/activate run by main.py over 1,000 data lines on the test double (test/doubles).
// Loads the core through tsx like migration.bench.mjs; runs under `npm run bench` or alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as tsxRequire } from 'tsx/cjs/api';
import { stats } from './stats.mjs';

export const title = 'Parity check (migrate verify): comparison and the workflow side on 1,000 lines';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LINES = 1000;
/** Comparing and reporting 1,000 lines: no wait a person notices after runs that took minutes. */
const COMPARE_BUDGET_MS = 2000;

const ms = (x) => x.toFixed(0);
const words = ['the', 'answer', 'is', 'forty', 'two', 'because', 'of', 'reasons', 'given', 'above', '東京', 'は', '晴れ'];
/** A long answer (about 2,000 characters) that differs from its twin in one word out of `every`. */
function answer(i, every) {
  const out = [];
  for (let w = 0; w < 300; w++) out.push(w % every === 0 ? `w${i}x${w}` : words[(i + w) % words.length]);
  return out.join(' ');
}

/** Both sides' lines: equal values, case and spacing changes, near numbers, JSON text, long similar and different answers, failures. */
function sides() {
  const flow = [];
  const workflow = [];
  for (let i = 0; i < LINES; i++) {
    if (i % 100 === 7) {
      flow.push({ index: i, error: { message: 'Execution failure in node classify', type: 'UserError' } });
      workflow.push({ index: i, outputs: { kind: 'odd', score: 1, data: '{}', answer: '' } });
      continue;
    }
    flow.push({
      index: i,
      outputs: { kind: i % 2 ? 'Odd' : 'even', score: i / 3, data: JSON.stringify({ i, tags: ['a', 'b'] }), answer: answer(i, 50) },
    });
    workflow.push({
      index: i,
      outputs: {
        kind: i % 2 ? ' odd ' : 'even',
        score: i / 3 + 1e-9,
        data: { tags: ['a', 'b'], i },
        answer: i % 10 === 3 ? answer(i + 5, 3) : answer(i, 25),
      },
    });
  }
  return { flow, workflow };
}

export async function run({ quick = false } = {}) {
  const m = tsxRequire(join(root, 'src/core/migration/index.ts'), import.meta.url);
  const rounds = quick ? 3 : 10;
  const { flow, workflow } = sides();
  const compare = [];
  const report = [];
  let result;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    result = m.compareRuns(flow, workflow, m.DEFAULT_PARITY);
    compare.push(performance.now() - t);
    t = performance.now();
    m.parityMarkdown('en', result, {
      flow: 'f/flow.dag.yaml',
      run: { runId: 'r', status: 'Completed' },
      workflow: 'w',
      generated: false,
      python: 'python3',
    });
    JSON.stringify(
      m.parityJson(result, { flow: 'f', run: { runId: 'r', status: 'Completed' }, workflow: 'w', generated: false, python: 'python3' }),
    );
    report.push(performance.now() - t);
  }

  // The workflow side: the generated project over 1,000 lines, as verify runs it.
  const dir = mkdtempSync(join(tmpdir(), 'pf-bench-parity-'));
  let workflowMs;
  let workflowLines = 0;
  try {
    const { nodeFileHost } = m;
    const plan = m.planFlow(join(root, 'test/fixtures/migration/activate/flow.dag.yaml'), nodeFileHost);
    m.writeProject(dir, m.generateProject(plan, nodeFileHost, 'en'), false);
    const data = join(dir, 'data.jsonl');
    writeFileSync(data, Array.from({ length: LINES }, (_, i) => JSON.stringify({ kind: ['A', 'b', 'c'][i % 3] })).join('\n') + '\n');
    const python = spawnSync(m.DEFAULT_PYTHON, ['--version']);
    if (python.status === 0) {
      const env = { ...process.env, PYTHONPATH: join(root, 'test/doubles') };
      const t = performance.now();
      const side = await m.runWorkflow(dir, data, m.DEFAULT_PYTHON, env);
      workflowMs = performance.now() - t;
      if ('problem' in side) throw new Error(`the workflow side failed: ${JSON.stringify(side.problem)}`);
      workflowLines = side.lines.length;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const c = stats(compare);
  const rep = stats(report);
  const figures = {
    compare_1000_lines_median_ms: Number(ms(c.median)),
    report_1000_lines_median_ms: Number(ms(rep.median)),
    ...(workflowMs === undefined ? {} : { workflow_side_1000_lines_ms: Number(ms(workflowMs)) }),
  };
  const budgetsExceeded = [];
  if (c.median + rep.median > COMPARE_BUDGET_MS)
    budgetsExceeded.push(`1,000 lines compared and reported in ${ms(c.median + rep.median)} ms > ${COMPARE_BUDGET_MS} ms`);
  const markdown = [
    `Milliseconds, median (min–max) of ${rounds} passes over ${LINES} lines × 4 outputs (${result.differences.length} differing values, ${result.failures.length} lines failed on one side; every comparison kind, answers of about 2,000 characters compared by token F1); the workflow side once: the generated project of the \`activate\` fixture run by \`main.py --data\` over ${LINES} lines on the Agent Framework test double.`,
    '',
    '| what | time |',
    '|---|---|',
    `| compare 1,000 lines | ${ms(c.median)} (${ms(c.min)}–${ms(c.max)}) |`,
    `| Markdown and JSON reports of them | ${ms(rep.median)} (${ms(rep.min)}–${ms(rep.max)}) |`,
    workflowMs === undefined
      ? `| workflow side, 1,000 lines | not run: no ${m.DEFAULT_PYTHON} on the PATH |`
      : `| workflow side, ${workflowLines} lines (Python start included) | ${ms(workflowMs)} |`,
    '',
    `Budget: 1,000 lines compared and reported ≤ ${COMPARE_BUDGET_MS / 1000} s.`,
  ].join('\n');
  return { markdown, figures, budgetsExceeded };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run({ quick: process.argv.includes('--quick') });
  console.log(result.markdown);
  console.log(JSON.stringify(result.figures));
}
