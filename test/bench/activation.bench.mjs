// Activation time of the packaged (production) extension, measured inside a real VS Code extension host:
// one fresh host per sample, each timing a cold `await ext.activate()` (test/host/bench/activation.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
      const { activationMs } = JSON.parse(readFileSync(out, 'utf8'));
      times.push(activationMs);
      console.log(`  sample ${i + 1}/${samples}: ${activationMs.toFixed(1)} ms`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const figures = { 'activation.medianMs': round(median), 'activation.minMs': round(sorted[0]), 'activation.maxMs': round(sorted.at(-1)), 'activation.samples': samples };
  const markdown = [
    `Cold \`await ext.activate()\` of the production bundle in code-server's Node extension host (VS Code 1.139), one fresh host per sample, empty folder open.`,
    '',
    '| samples | median | min | max | budget |',
    '|---:|---:|---:|---:|---:|',
    `| ${samples} | ${median.toFixed(1)} ms | ${sorted[0].toFixed(1)} ms | ${sorted.at(-1).toFixed(1)} ms | ${BUDGET_MS} ms |`,
  ].join('\n');
  const budgetsExceeded = median > BUDGET_MS ? [`median activation ${median.toFixed(1)} ms, budget ${BUDGET_MS} ms`] : [];
  return { markdown, figures, budgetsExceeded };
}

const round = (n) => Math.round(n * 10) / 10;
