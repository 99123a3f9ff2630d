// Executed runs on the emulator (docs/azure-contract.md §36): lines per second of a run of a python-only
// DAG flow (test/fixtures/runs/flow_with_environment_variables, one python node) on a session that exists,
// through dist/emulator.js with Azurite. Figures: lines/s over the execution (first line's start to the last
// line's end, from the child runs) and end to end (submit to Completed in run history).
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchClient, startBenchEmulator } from './benchEmulator.mjs';

export const title = 'Emulator: executed run of a python-only flow';
const TIME_SCALE = 0.05;
const FLOW = 'flow_with_environment_variables';
const FIXTURE = resolve(fileURLToPath(import.meta.url), '..', '..', 'fixtures', 'runs', FLOW);

/** The shared bench client, refusing any answer that is not a success. */
function client(ready) {
  const c = benchClient(ready, 8);
  const call = async (method, path, body) => {
    const r = await c.call(method, `${ready.endpoint}${path}`, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return { agent: c.agent, ws: c.ws, call };
}

async function container(c) {
  const ds = await c.call('GET', `${c.ws}/datastores/workspaceblobstore?api-version=2022-10-01`);
  const { key } = await c.call('POST', `${c.ws}/datastores/workspaceblobstore/listSecrets?api-version=2022-10-01`);
  const p = ds.properties;
  return new BlobServiceClient(
    `${p.protocol}://${p.endpoint}/${p.accountName}`,
    new StorageSharedKeyCredential(p.accountName, key),
  ).getContainerClient(p.containerName);
}

/** Uploads the flow and `lines` data rows, submits, and waits for the run to end; answers the times. */
async function runOnce(c, blobs, runId, lines) {
  const prefix = `LocalUpload/${runId}`;
  for (const f of readdirSync(FIXTURE)) {
    const text = readFileSync(join(FIXTURE, f), 'utf8');
    await blobs.getBlockBlobClient(`${prefix}/${FLOW}/${f}`).upload(text, Buffer.byteLength(text));
  }
  const data = Array.from({ length: lines }, (_, i) => JSON.stringify({ text: `env${(i % 5) + 1}` })).join('\n') + '\n';
  await blobs.getBlockBlobClient(`${prefix}/data.jsonl`).upload(data, Buffer.byteLength(data));
  const t0 = performance.now();
  await c.call('POST', `/flow/api${c.ws}/BulkRuns/submit`, {
    flowDefinitionDataStoreName: 'workspaceblobstore',
    flowDefinitionBlobPath: `${prefix}/${FLOW}/flow.dag.yaml`,
    runId,
    batchDataInput: { dataUri: `azureml://datastores/workspaceblobstore/paths/${prefix}/data.jsonl` },
    inputsMapping: { key: '${data.text}' },
    sessionId: 'bench-flowrun',
    runtimeName: 'automatic',
  });
  let status = '';
  while (!['Completed', 'Failed', 'Canceled'].includes(status)) {
    await new Promise((r) => setTimeout(r, 50));
    status = (await c.call('POST', `/history/v1.0${c.ws}/rundata`, { runId })).runMetadata.status;
  }
  const wall = (performance.now() - t0) / 1000;
  if (status !== 'Completed') throw new Error(`run ${runId} ended ${status}`);
  const children = [];
  for (let start = 0; ; start += 25) {
    const page = await c.call('GET', `/flow/api${c.ws}/BulkRuns/${runId}/childRuns?startIndex=${start}&endIndex=${start + 24}`);
    if (!page.length) break;
    children.push(...page);
  }
  const failed = children.filter((x) => x.status !== 'Completed').length;
  if (children.length !== lines || failed) throw new Error(`run ${runId}: ${children.length} child runs, ${failed} failed`);
  const first = Math.min(...children.map((x) => x.api_calls[0].start_time));
  const last = Math.max(...children.map((x) => x.api_calls[0].end_time));
  return { wall, execution: last - first };
}

export async function run({ quick }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pfs-bench-flowrun-'));
  const { ready, stop } = await startBenchEmulator(dataDir, TIME_SCALE, { azurite: true });
  const c = client(ready);
  try {
    const blobs = await container(c);
    // Warm-up (not measured): creates the session's venv on the cached base image.
    await runOnce(c, blobs, 'bench_warmup', 1);
    const lines = quick ? 50 : 200;
    const r = await runOnce(c, blobs, 'bench_run', lines);
    const perSecond = lines / r.execution;
    const endToEnd = lines / r.wall;
    const markdown = [
      `One run of ${lines} lines of \`${FLOW}\` (one python node) on an existing session, dist/emulator.js with Azurite, time scale ${TIME_SCALE} (Preparing takes ${1500 * TIME_SCALE} ms).`,
      '',
      '| measure | time | lines per second |',
      '|---|---|---|',
      `| execution (first line's start to last line's end) | ${r.execution.toFixed(2)} s | ${perSecond.toFixed(0)} |`,
      `| end to end (submit to Completed in run history) | ${r.wall.toFixed(2)} s | ${endToEnd.toFixed(0)} |`,
    ].join('\n');
    return { markdown, figures: { lines, lines_per_s: Math.round(perSecond), end_to_end_lines_per_s: Math.round(endToEnd) } };
  } finally {
    c.agent.destroy();
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await run({ quick: process.argv.includes('--quick') });
  console.log(r.markdown);
  console.log(JSON.stringify(r.figures));
}
