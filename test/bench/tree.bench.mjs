// Sessions tree with 1,000 sessions over 100 compute instances, in the real VS Code host against the
// emulator: the sessions are started through the extension's own session service, then the tree is
// refreshed and walked in full (test/integration/host/bench/tree.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../integration/host/emulator-process.mjs';
import { runScenario } from '../integration/host/runTest.mjs';
import { setupHost } from '../integration/host/setup.mjs';
import { control } from './benchEmulator.mjs';
import { stats } from './stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const title = 'Sessions tree: 1,000 sessions over 100 instances';

function writeFlows(dir, count) {
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `flow-${String(i).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'flow.dag.yaml'),
      'environment:\n  python_requirements_txt: requirements.txt\ninputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: ${inputs.q}\nnodes: []\n',
    );
    writeFileSync(join(folder, 'requirements.txt'), '');
  }
}

export async function run({ quick }) {
  setupHost();
  const sessions = 1000;
  const instanceCount = 100;
  const refreshes = quick ? 3 : 7;
  const temp = mkdtempSync(join(tmpdir(), 'pfs-bench-tree-'));
  const emulator = await startEmulator({ dataDir: join(temp, 'emulator'), extraArgs: ['--time-scale', '0'] });
  if ('error' in emulator) throw new Error(`emulator: ${emulator.error}`);
  try {
    const { ready } = emulator;
    const instances = Array.from({ length: instanceCount }, (_, i) => `ci-${String(i).padStart(3, '0')}`);
    for (const name of instances) await control(ready, 'PUT', `/computeInstances/${name}`, { state: 'Running', assignedUser: 'demo' });
    const flowsDir = join(temp, 'flows');
    writeFlows(flowsDir, sessions);
    // Twice: with VS Code's default proxy support, which in code-server asks the browser to resolve the
    // proxy of every request, and with it off, which shows the extension's own cost.
    const configs = [
      { label: "VS Code's defaults", settings: {} },
      { label: '`http.proxySupport: off`', settings: { 'http.proxySupport': 'off' } },
    ];
    const rows = [];
    const figures = {};
    let info;
    for (const [k, config] of configs.entries()) {
      const out = join(temp, `result-${k}.json`);
      const r = await runScenario({
        name: 'bench-tree',
        testsPath: join(ROOT, 'out', 'test', 'integration', 'host', 'bench', 'tree.js'),
        settings: { 'promptflow.emulator.endpoint': ready.endpoint, 'promptflow.emulator.caFile': ready.ca, ...config.settings },
        env: { PFS_BENCH_OUT: out, PFS_BENCH_INPUT: JSON.stringify({ flowsDir, instances, refreshes }) },
        quiet: true,
      });
      if (r.code !== 0) throw new Error(`host run failed (exit ${r.code}):\n${r.output.slice(-3000)}`);
      for (const line of r.output.split('\n').filter((l) => /^(started|refresh)/.test(l))) console.log(`  [${config.label}] ${line}`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      const walk = stats(result.samples.map((x) => x.ms));
      const level = stats(result.samples.map((x) => x.instancesMs));
      info ??= { sessions: result.sessions, nodes: result.samples[0].nodes, startMs: result.startMs };
      rows.push(`| ${config.label} | full refresh (every level, every item) | ${ms(walk.median)} | ${ms(walk.min)} | ${ms(walk.max)} |`);
      rows.push(
        `| ${config.label} | of which the instances level (the service's reads) | ${ms(level.median)} | ${ms(level.min)} | ${ms(level.max)} |`,
      );
      const key = k === 0 ? 'tree' : 'tree.proxyOff';
      figures[`${key}.refreshMedianMs`] = Math.round(walk.median);
      figures[`${key}.instancesLevelMedianMs`] = Math.round(level.median);
      // The second configuration restarts the host but keeps the emulator: the sessions started by the
      // first are found again (the same flows give the same session ids).
    }
    figures['tree.nodes'] = info.nodes;
    const markdown = [
      `${info.sessions} sessions started through the extension's session service on ${instanceCount} compute instances of the emulator (time scale 0), then ${refreshes} full refreshes per configuration, each walking every level the way the open view does: \`getChildren\` of the workspace, of each instance and of each session, and \`getTreeItem\` for all ${info.nodes.toLocaleString('en-US')} nodes. The instances level is where the service reads: one GET per session (16 at a time; there is no list API), the run index, and one GET per compute instance. Load average at the end ${loadavg()[0].toFixed(1)}.`,
      '',
      '| host settings | measure | median | min | max |',
      '|---|---|---:|---:|---:|',
      ...rows,
      '',
      `With its defaults, VS Code routes every request of an extension through its proxy resolver; in code-server that is a round trip to the browser per request, most of the refresh time. Starting the ${info.sessions} sessions (50 at a time) took ${(info.startMs / 1000).toFixed(1)} s. VS Code's rendering of the items is not in these figures; a state change of one session re-renders only that session's item (\`onDidChangeTreeData\` with the node).`,
    ].join('\n');
    return { markdown, figures };
  } finally {
    await emulator.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}

const ms = (n) => `${n.toFixed(0)} ms`;
