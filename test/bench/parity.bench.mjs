// `migrate verify` on 1,000 lines: the comparison of both sides' lines (every comparison kind, long answers
// among them) with its Markdown and JSON reports, the Agent Framework side, the generated project of
// test/fixtures/migration/activate run by main.py over 1,000 data lines on the test double (test/doubles), and
// the whole verb end to end: dist/cli.js on test/fixtures/parity/flow (python, prompt, llm, activate and
// aggregation nodes) with 1,000 lines, its run executed on a session of the emulator (with Azurite).
// Loads the core through tsx like migration.bench.mjs; runs under `npm run bench` or alone.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as tsxRequire } from 'tsx/cjs/api';
import { stats } from './stats.mjs';
import { benchClient, startBenchEmulator } from './benchEmulator.mjs';

export const title = 'Parity check (migrate verify) on 1,000 lines: end to end, comparison and the workflow side';

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

/**
 * `pfsession migrate verify --json` on the parity fixture with `lines` data lines, against a fresh emulator:
 * submit, the run executed on its new session, the workflow side and the comparison. Answers the wall time and
 * the verdict's counts. The fixture's line with n = 13 fails on the session only, so parity does not hold.
 */
async function verifyEndToEnd(lines, python) {
  const dir = mkdtempSync(join(tmpdir(), 'pf-bench-verify-'));
  const emu = await startBenchEmulator(join(dir, 'emulator'), 0.05, { azurite: true });
  const c = benchClient(emu.ready, 4);
  try {
    const flow = join(dir, 'flow');
    cpSync(join(root, 'test/fixtures/parity/flow'), flow, { recursive: true });
    const data = join(dir, 'data.jsonl');
    writeFileSync(data, Array.from({ length: lines }, (_, i) => JSON.stringify({ question: `What is ${i}?`, n: i })).join('\n') + '\n');
    const secrets = await c.call(
      'POST',
      `${emu.ready.endpoint}${c.ws}/connections/azure_open_ai_connection/listsecrets?api-version=2023-04-01-preview`,
    );
    if (secrets.status !== 200) throw new Error(`listsecrets: ${secrets.status}`);
    const env = {
      ...process.env,
      AZUREML_EMULATOR_ENDPOINT: emu.ready.endpoint,
      AZUREML_EMULATOR_CA: emu.ready.ca,
      AZUREML_SUBSCRIPTION_ID: emu.ready.subscriptionId,
      AZUREML_RESOURCE_GROUP: emu.ready.resourceGroup,
      AZUREML_WORKSPACE: emu.ready.workspace,
      PFSESSION_STATE_DIR: join(dir, 'state'),
      PYTHONPATH: join(root, 'test/doubles'),
      SSL_CERT_FILE: emu.ready.ca,
      PARITY_SIDE: 'workflow',
      AZURE_OPEN_AI_CONNECTION_API_BASE: `${emu.ready.endpoint}/_aoai/pf-demo-aoai/`,
      AZURE_OPEN_AI_CONNECTION_API_KEY: secrets.body.properties.credentials.key,
    };
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [join(root, 'dist/cli.js'), 'migrate', 'verify', flow, '--data', data, '--python', python, '--json'],
      {
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const wall = performance.now() - t;
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      throw new Error(`migrate verify (exit ${r.status}): ${r.stderr.slice(-2000)}`);
    }
    if (report.run?.status !== 'Completed' || report.lines !== lines) throw new Error(`migrate verify: ${r.stdout.slice(0, 2000)}`);
    return { wall, report };
  } finally {
    c.agent.destroy();
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
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

  const e2e = spawnSync(m.DEFAULT_PYTHON, ['--version']).status === 0 ? await verifyEndToEnd(LINES, m.DEFAULT_PYTHON) : undefined;

  const c = stats(compare);
  const rep = stats(report);
  const figures = {
    compare_1000_lines_median_ms: Number(ms(c.median)),
    report_1000_lines_median_ms: Number(ms(rep.median)),
    ...(workflowMs === undefined ? {} : { workflow_side_1000_lines_ms: Number(ms(workflowMs)) }),
    ...(e2e ? { verify_1000_lines_ms: Number(ms(e2e.wall)), verify_lines_per_s: Math.round(LINES / (e2e.wall / 1000)) } : {}),
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
    e2e
      ? `| \`pfsession migrate verify\` end to end, ${LINES} lines of test/fixtures/parity (submit, run on a new session, workflow side, report; ${e2e.report.matched} of ${e2e.report.compared} lines matched) | ${ms(e2e.wall)} (${Math.round(LINES / (e2e.wall / 1000))} lines/s) |`
      : `| \`pfsession migrate verify\` end to end | not run: no ${m.DEFAULT_PYTHON} on the PATH |`,
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
