// Activation time of the packaged (production) extension, measured inside a real VS Code extension host:
// one fresh host per sample, each timing a cold `await ext.activate()` (test/host/bench/activation.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../host/runTest.mjs';
import { setupHost } from '../host/setup.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const title = 'Extension activation in the VS Code host';
const BUDGET_MS = 50;

export async function run({ quick }) {
  setupHost();
  const samples = quick ? 5 : 7;
  const temp = mkdtempSync(join(tmpdir(), 'pfs-bench-'));
  const times = [];
  const cpuTimes = [];
  const bodyTimes = [];
  const loads = [];
  try {
    for (let i = 0; i < samples; i++) {
      const out = join(temp, `sample-${i}.json`);
      // An empty folder: no workspaceContains event activates the extension before it is timed.
      const folder = mkdtempSync(join(temp, 'empty-'));
      const r = await runScenario({
        name: 'bench-activation',
        testsPath: join(ROOT, 'out', 'test', 'host', 'bench', 'activation.js'),
        workspace: folder,
        env: { PFS_BENCH_OUT: out },
        quiet: true,
      });
      if (r.code !== 0) throw new Error(`host run ${i + 1} failed (exit ${r.code}):\n${r.output.slice(-3000)}`);
      const { activationMs, cpuMs, bodyMs } = JSON.parse(readFileSync(out, 'utf8'));
      times.push(activationMs);
      cpuTimes.push(cpuMs);
      if (typeof bodyMs === 'number') bodyTimes.push(bodyMs);
      loads.push(loadavg()[0]);
      console.log(`  sample ${i + 1}/${samples}: ${activationMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const wall = stats(times);
  const cpu = stats(cpuTimes);
  const body = bodyTimes.length ? stats(bodyTimes) : undefined;
  const median = wall.median;
  const figures = {
    'activation.medianMs': round(wall.median),
    'activation.minMs': round(wall.min),
    'activation.maxMs': round(wall.max),
    'activation.cpuMedianMs': round(cpu.median),
    ...(body ? { 'activation.bodyMedianMs': round(body.median) } : {}),
    'activation.samples': samples,
  };
  const markdown = [
    `Cold \`await ext.activate()\` of the production bundle in code-server's Node extension host (VS Code 1.139), one fresh host per sample, empty folder open, timed once the host's event loop is quiet. Machine load average (1 min) during the samples: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}.`,
    '',
    '| measure | samples | median | min | max | budget |',
    '|---|---:|---:|---:|---:|---:|',
    `| wall time | ${samples} | ${ms(wall.median)} | ${ms(wall.min)} | ${ms(wall.max)} | ${BUDGET_MS} ms |`,
    `| host CPU time | ${samples} | ${ms(cpu.median)} | ${ms(cpu.min)} | ${ms(cpu.max)} | |`,
    ...(body ? [`| of which the extension's activate() body | ${bodyTimes.length} | ${ms(body.median)} | ${ms(body.min)} | ${ms(body.max)} | |`] : []),
    '',
    'The budget applies to the wall time: loading the bundle, the host creating the extension context, and activate().',
  ].join('\n');
  const budgetsExceeded = median > BUDGET_MS ? [`median activation ${median.toFixed(1)} ms, budget ${BUDGET_MS} ms`] : [];
  return { markdown, figures, budgetsExceeded };
}

const round = (n) => Math.round(n * 10) / 10;
const ms = (n) => `${n.toFixed(1)} ms`;

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s.at(-1) };
}
