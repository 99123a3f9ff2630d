// Activation time of the packaged (production) extension, measured inside a real VS Code extension host:
// one fresh host per sample, each timing a cold `await ext.activate()` (test/integration/host/bench/activation.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../integration/host/runTest.mjs';
import { setupHost } from '../integration/host/setup.mjs';
import { stats } from './stats.mjs';
import { spawnSync } from 'node:child_process';

function build(args) {
  const r = spawnSync(process.execPath, ['esbuild.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`node esbuild.mjs ${args.join(' ')} failed`);
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const title = 'Extension activation in the VS Code host';
const BUDGET_MS = 50;

export async function run({ quick }) {
  setupHost();
  // The shipped bundle compiles the test hooks out; the bench times the same minified code with them in
  // (activate() returns the marks), and puts the shipped build back afterwards.
  build(['--production', '--test-hooks']);
  const samples = quick ? 5 : 9;
  const temp = mkdtempSync(join(tmpdir(), 'pfs-bench-'));
  const times = [];
  const cpuTimes = [];
  const loads = [];
  const splits = [];
  try {
    for (let i = 0; i < samples; i++) {
      const out = join(temp, `sample-${i}.json`);
      // An empty folder: no workspaceContains event activates the extension before it is timed.
      const folder = mkdtempSync(join(temp, 'empty-'));
      const r = await runScenario({
        name: 'bench-activation',
        testsPath: join(ROOT, 'out', 'test', 'integration', 'host', 'bench', 'activation.js'),
        workspace: folder,
        env: { PFS_BENCH_OUT: out },
        quiet: true,
      });
      if (r.code !== 0) throw new Error(`host run ${i + 1} failed (exit ${r.code}):\n${r.output.slice(-3000)}`);
      const { activationMs, cpuMs, split } = JSON.parse(readFileSync(out, 'utf8'));
      splits.push(split);
      times.push(activationMs);
      cpuTimes.push(cpuMs);
      loads.push(loadavg()[0]);
      console.log(
        `  sample ${i + 1}/${samples}: ${activationMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (${Object.entries(split)
          .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toFixed(1) : v}`)
          .join(', ')})`,
      );
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
    build(['--production']);
  }
  const wall = stats(times);
  const cpu = stats(cpuTimes);
  const median = wall.median;
  const figures = {
    'activation.medianMs': round(wall.median),
    'activation.minMs': round(wall.min),
    'activation.maxMs': round(wall.max),
    'activation.cpuMedianMs': round(cpu.median),
    'activation.bodyMedianMs': round(stats(splits.map((x) => x.bodyMs)).median),
    'activation.extensionShareMedianMs': round(stats(splits.map((x) => x.loadMs + x.bodyMs)).median),
    'activation.samples': samples,
  };
  const markdown = [
    `Cold \`await ext.activate()\` of the production bundle in code-server's Node extension host (VS Code 1.139), one fresh host per sample, empty folder open, timed once the host's event loop is quiet and the machine's CPU has been at least 80 % idle for 0.75 s (or after 30 s). Machine load average (1 min) during the samples: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}.`,
    '',
    '| measure | samples | median | min | max | budget |',
    '|---|---:|---:|---:|---:|---:|',
    `| wall time | ${samples} | ${ms(wall.median)} | ${ms(wall.min)} | ${ms(wall.max)} | ${BUDGET_MS} ms |`,
    `| host CPU time | ${samples} | ${ms(cpu.median)} | ${ms(cpu.min)} | ${ms(cpu.max)} | |`,
    '',
    'The budget applies to the wall time: loading the bundle, the host creating the extension context, and activate().',
    ...splitTable(splits),
  ].join('\n');
  const budgetsExceeded = median > BUDGET_MS ? [`median activation ${median.toFixed(1)} ms, budget ${BUDGET_MS} ms`] : [];
  return { markdown, figures, budgetsExceeded };
}

/** Where the wall time went, from marks the extension takes on the host's clock (test/integration/host/bench/activation.ts). */
const PHASES = [
  ['beforeLoadMs', 'host, before it loads the bundle', 'host'],
  ['vscodeApiMs', "host, building the extension's `vscode` API object", 'host'],
  ['loadMs', 'loading (compiling and evaluating) `dist/extension.js`', 'ours'],
  ['betweenMs', 'host, between loading and activate() (creating the ExtensionContext)', 'host'],
  ['bodyMs', "the extension's activate() body", 'ours'],
  ['afterMs', 'host, after activate() returned', 'host'],
];

function splitTable(splits) {
  const rows = PHASES.map(([key, label, whose]) => {
    const s = stats(splits.map((x) => x[key]));
    return `| ${label} | ${whose} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} |`;
  });
  const ours = stats(splits.map((x) => x.loadMs + x.bodyMs));
  const host = stats(splits.map((x) => x.beforeLoadMs + x.vscodeApiMs + x.betweenMs + x.afterMs));
  const inWindow = splits.filter((x) => x.clientLoadInWindow).length;
  return [
    '',
    `Where the time went, from marks on the host's clock (the bundle's first and last line, activate()'s first and last line; ${splits.length} samples):`,
    '',
    '| phase | whose | median | min | max |',
    '|---|---|---:|---:|---:|',
    ...rows,
    `| **the extension's share** (load + activate()) | ours | **${ms(ours.median)}** | ${ms(ours.min)} | ${ms(ours.max)} |`,
    `| the host's share | host | ${ms(host.median)} | ${ms(host.min)} | ${ms(host.max)} |`,
    '',
    `The language client (\`dist/client.js\`) and the YAML parser (\`dist/flowtext.js\`) load after activate() has returned; the client's load began inside the timed window in ${inWindow} of ${splits.length} samples.`,
  ];
}

const round = (n) => Math.round(n * 10) / 10;
const ms = (n) => `${n.toFixed(1)} ms`;
