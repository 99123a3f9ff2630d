// What reading the workspace data for the flow checks costs, through the shipped bundle (dist/session.js)
// against the emulator (dist/emulator.js): requests and wall time of the first read and of a refresh for
// workspaces with few and with many Azure OpenAI connections (one deployment list each, six at a time),
// the requests a cached read makes, and the size of what is handed to the language server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchService, control, startBenchEmulator } from './benchEmulator.mjs';

export const title = 'Workspace data for the flow checks: requests and time';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function seedWith(azureOpenAI, custom) {
  const meta = { 'azureml.flow.module': 'promptflow.connections' };
  return {
    connections: [
      ...Array.from({ length: azureOpenAI }, (_, i) => ({
        name: `aoai_${i}`,
        category: 'AzureOpenAI',
        account: 'pf-demo-aoai',
        metadata: { ...meta, 'azureml.flow.connection_type': 'AzureOpenAI', ApiType: 'azure', ApiVersion: '2024-02-01' },
      })),
      ...Array.from({ length: custom }, (_, i) => ({
        name: `custom_${i}`,
        category: 'CustomKeys',
        metadata: { ...meta, 'azureml.flow.connection_type': 'Custom' },
      })),
    ],
  };
}

export async function run({ quick }) {
  const shapes = quick
    ? [
        [1, 3],
        [30, 30],
      ]
    : [
        [1, 3],
        [30, 30],
        [150, 150],
      ];
  const repeats = quick ? 2 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'pfs-wsdata-bench-'));
  const { ready, stop } = await startBenchEmulator(join(dir, 'emu'), 1);
  const rows = [];
  try {
    for (const [aoai, custom] of shapes) {
      await control(ready, 'POST', '/seed', seedWith(aoai, custom));
      const cold = [];
      const refresh = [];
      let requests = { cold: 0, cached: 0, refresh: 0 };
      let bytes = 0;
      for (let i = 0; i < repeats; i++) {
        const svc = benchService(ready, join(dir, 'state'));
        // The first token and the workspace read (which finds the service host) happen once per service anyway.
        await svc.preflight();
        let n = svc.requestCount;
        let t = performance.now();
        const facts = await svc.workspaceFacts();
        cold.push(performance.now() - t);
        requests.cold = svc.requestCount - n;
        n = svc.requestCount;
        await svc.workspaceFacts();
        requests.cached = svc.requestCount - n;
        n = svc.requestCount;
        t = performance.now();
        await svc.workspaceFacts({ refresh: true });
        refresh.push(performance.now() - t);
        requests.refresh = svc.requestCount - n;
        bytes = Buffer.byteLength(JSON.stringify(facts));
        if (facts.connections.length !== aoai + custom || facts.unavailable.length) throw new Error('the bench read incomplete data');
        svc.dispose();
      }
      rows.push({ aoai, custom, cold: median(cold), refresh: median(refresh), requests, bytes });
    }
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
  const figures = Object.fromEntries(
    rows.flatMap((r) => [
      [`firstReadMs_${r.aoai}aoai`, Math.round(r.cold)],
      [`requests_${r.aoai}aoai`, r.requests.cold],
      [`cachedRequests_${r.aoai}aoai`, r.requests.cached],
    ]),
  );
  const markdown = [
    `Emulator on this machine (HTTPS on loopback), production session bundle; median of ${repeats} services per workspace shape. The data: connections (ARM), connection types and package tools (three reads at once), then one deployment list per Azure OpenAI connection, six at a time.`,
    '',
    '| Azure OpenAI + other connections | first read | requests | cached read requests | refresh | data handed to the server |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.aoai} + ${r.custom} | ${r.cold.toFixed(1)} ms | ${r.requests.cold} | ${r.requests.cached} | ${r.refresh.toFixed(1)} ms | ${(r.bytes / 1024).toFixed(1)} KiB |`,
    ),
  ].join('\n');
  return { markdown, figures };
}
