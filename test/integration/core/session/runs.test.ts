// Runs from run.yml (S5) against the emulator with Azurite behind the default datastore: the snapshot (with
// includes) and data really go to blob storage, the submit body is the SDK's, the run goes to the session
// its run.yml and the flow's binding call for, and its state is read from run history.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { nodeFileHost } from '../../../../src/core/flow';
import { flowLineageId } from '../../../../src/core/flow/sessionId';
import { createValidator } from '../../../../src/core/validation';
import { AZURITE_ACCOUNT, AZURITE_KEY } from '../../../../src/emulator/azurite';
import { waitFor } from '../../../helpers/emulator';
import { loadCassettes, shapesOf } from '../../../helpers/recordings';
import { startFixture, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture({ azurite: true });
});
after(async () => {
  await fx?.stop();
});

interface EmulatorRuns {
  runs: { runId: string; status: string; sessionId?: string; computeName?: string; request: Record<string, unknown> }[];
  sessions: { sessionId: string; vmSize?: string; computeInstanceName?: string; serverlessName?: string }[];
}

function runFolder(name: string, runYaml: string): { flow: string; runYml: string } {
  const flow = fx.flow(`${name}-flow`, '', 'additional_includes:\n  - ../shared/helpers.txt\n');
  mkdirSync(join(fx.dir, 'flows', 'shared'), { recursive: true });
  writeFileSync(join(fx.dir, 'flows', 'shared', 'helpers.txt'), 'shared helper\n');
  const dir = join(fx.dir, 'runs', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'data.jsonl'), '{"question": "hi"}\n{"question": "bye"}\n');
  const runYml = join(dir, 'run.yml');
  writeFileSync(runYml, runYaml.replace('FLOW', flow));
  return { flow, runYml };
}

const RUN_STATUSES = ['NotStarted', 'Preparing', 'Queued', 'Running', 'Finalizing', 'CancelRequested', 'Completed', 'Failed', 'Canceled'];
const emulatorRun = async (runId: string) => (await fx.control<EmulatorRuns>('GET', '/state')).runs.find((x) => x.runId === runId);

test('submit from run.yml: uploads, binds to the same session as the editor, status from run history, logs, cancel', async () => {
  const { flow, runYml } = runFolder(
    'basic',
    'flow: FLOW\ndata: data.jsonl\ncolumn_mapping:\n  q: ${data.question}\ndisplay_name: my run\n',
  );
  const svc = fx.service();
  const session = (await svc.start(flow)).session;
  const phases: string[] = [];
  const r = await svc.submitRun(runYml, { onProgress: (p) => p.phase && phases.push(p.phase) });
  assert.ok(r.runId);
  assert.equal(r.sessionId, session.sessionId, 'the run reuses the session started from the editor');
  assert.equal(r.notice, undefined, 'nothing to explain: the run went to the flow session');
  // What is uploaded is said before it goes: how many files, how large, from which folder.
  assert.deepEqual(
    phases.map((p) => p.replace(/^Uploading \d+ file\(s\), .*$/, 'Uploading N file(s)')),
    ['Uploading the flow', 'Uploading N file(s)', 'Uploading the data', 'Submitting the run'],
  );
  assert.match(phases[1], /^Uploading 3 file\(s\), \d+ B, from .*basic-flow\.$/);
  // Read back before reporting: the status comes from run history, FlowRunInfo has none.
  assert.ok(r.run && RUN_STATUSES.includes(r.run.status), `read back: ${JSON.stringify(r.run)}`);
  assert.equal(r.run.displayName, 'my run');

  assert.equal((await emulatorRun(r.runId))?.sessionId, session.sessionId);
  // S12: the run is listed on the instance its session lives on, beside that session.
  const holder = await waitFor('the run on an instance', async () =>
    (await svc.instances()).find((i) => i.runs.some((x) => x.runId === r.runId)),
  );
  assert.ok(
    holder.sessions.some((s) => s.sessionId === session.sessionId),
    'on the instance of its session',
  );

  // The snapshot in blob storage holds the flow, its merged include and the data.
  const ds = await fx.emu.request<{ properties: { endpoint: string; containerName: string } }>(
    'GET',
    `${fx.emu.workspacePath}/datastores/workspaceblobstore?api-version=2022-10-01`,
  );
  const container = new BlobServiceClient(
    `http://${ds.body.properties.endpoint}/${AZURITE_ACCOUNT}`,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).getContainerClient(ds.body.properties.containerName);
  const names: string[] = [];
  for await (const b of container.listBlobsFlat({ prefix: `LocalUpload/${r.runId}/` }))
    names.push(b.name.slice(`LocalUpload/${r.runId}/`.length));
  assert.ok(names.includes('basic-flow/flow.dag.yaml'), names.join(','));
  assert.ok(names.includes('basic-flow/helpers.txt'), 'additional include merged into the snapshot');
  assert.ok(names.includes('data/data.jsonl'));

  const done = await waitFor('the run completed', async () => {
    const s = await svc.runStatus(r.runId);
    return ['Completed', 'Failed', 'Canceled'].includes(s.status) ? s : undefined;
  });
  assert.equal(done.status, 'Completed');
  assert.equal(done.runId, r.runId);
  assert.equal(done.sessionId, session.sessionId);
  assert.equal(done.displayName, 'my run');
  assert.ok(done.startedAt && done.endedAt, 'times from run history');
  assert.match(done.studioUrl ?? '', /^https:\/\/ml\.azure\.com\/runs\//);
  assert.equal(done.flowName, 'basic-flow');
  const logs = await svc.runLogs(r.runId);
  assert.match(logs, /Completed\./);
  // With its data in the blob store, the run lists one child per line and logs the line metrics, shaped as
  // Azure's recorded answers are (the replay has no data uploaded, so these are checked here).
  const shapes = shapesOf(loadCassettes());
  const children = await fx.emu.request<unknown[]>('GET', `${fx.emu.flowBase}/BulkRuns/${r.runId}/childRuns?startIndex=0&endIndex=24`);
  assert.equal(children.body.length, 2, 'two lines of data');
  assert.deepEqual(
    (children.body as { inputs: Record<string, unknown> }[]).map((c) => c.inputs),
    [
      { q: 'hi', line_number: 0 },
      { q: 'bye', line_number: 1 },
    ],
  );
  assert.deepEqual(shapes.get('GET /flow/api{WS}/BulkRuns/{id}/childRuns 2xx')!.missingIn(children.body), []);
  const metrics = await fx.emu.request('POST', `/metric/v2.0${fx.emu.workspacePath}/runs/${r.runId}/lastvalues`, { body: {} });
  assert.deepEqual(shapes.get('POST /metric/v2.0{WS}/runs/{id}/lastvalues 2xx')!.missingIn(metrics.body), []);
  assert.ok(JSON.stringify(metrics.body).includes('"__pf__.lines.completed":2'), JSON.stringify(metrics.body));
  const listed = (await svc.listRuns()).find((x) => x.runId === r.runId);
  assert.equal(listed?.status, 'Completed', 'the run list shows the status the index has');

  const r2 = await svc.submitRun(runYml);
  // The cancel answers with the run read back from run history, which has taken the request.
  const asked = await svc.cancelRun(r2.runId);
  assert.equal(asked.runId, r2.runId);
  assert.ok(['CancelRequested', 'Canceled'].includes(asked.status), asked.status);
  const final = await waitFor('run cancelled', async () => {
    const s = (await svc.runStatus(r2.runId)).status;
    return ['Canceled', 'Completed', 'Failed'].includes(s) ? s : undefined;
  });
  assert.equal(final, 'Canceled');
  await svc.stop(flow);
});

test('the submit body carries what the SDK sends, and nothing the SDK does not', async () => {
  const { flow, runYml } = runFolder(
    'body',
    'flow: FLOW\ndata: data.jsonl\ndescription: nightly check\ntags:\n  team: search\nproperties:\n  local_only: "1"\n',
  );
  const svc = fx.service();
  const r = await svc.submitRun(runYml);
  const body = (await emulatorRun(r.runId))!.request;
  // Every key the SDK sent in every recorded submit (flowLineageId, the maps as `{}`, …) is here too.
  const recorded = loadCassettes()
    .flatMap((c) => c.interactions)
    .filter((x) => x.endpoint === 'POST /flow/api{WS}/BulkRuns/submit')
    .map((x) => x.requestJson as Record<string, unknown>);
  assert.ok(recorded.length > 0, 'recorded submits');
  const always = Object.keys(recorded[0]).filter((k) => recorded.every((b) => k in b));
  // A remote flow names its flow differently; a local flow always sends the datastore and blob path.
  const localAlways = Object.keys(recorded[0]).filter((k) => recorded.filter((b) => !b.flowDefinitionResourceId).every((b) => k in b));
  assert.deepEqual(
    [...new Set([...always, ...localAlways])].filter((k) => !(k in body)),
    [],
    `keys pfazure always sends: ${always.join(', ')}`,
  );
  // Nothing outside what the SDK sends: keys of recorded bodies, plus the SubmitBulkRunRequest fields the
  // SDK fills from run.yml when given (description, tags, vmSize, computeName, identity, initKWargs).
  const sdk = new Set([
    ...recorded.flatMap((b) => Object.keys(b)),
    'description',
    'tags',
    'vmSize',
    'computeName',
    'identity',
    'initKWargs',
  ]);
  assert.deepEqual(
    Object.keys(body).filter((k) => !sdk.has(k)),
    [],
  );
  assert.equal(body.flowLineageId, flowLineageId(flow));
  assert.deepEqual([body.environmentVariables, body.connections, body.inputsMapping], [{}, {}, {}]);
  assert.equal(body.disableTrace, false, 'TraceSessions says tracing is not disabled');
  assert.equal(body.runExperimentName, '');
  assert.equal(body.description, 'nightly check');
  assert.deepEqual(body.tags, { team: 'search' });
  assert.ok(!('properties' in body), 'run.yml properties stay local, as in the SDK');
  await svc.cancelRun(r.runId);
});

test('an evaluation run of an earlier run needs no data of its own', async () => {
  const { runYml } = runFolder('base', 'flow: FLOW\ndata: data.jsonl\n');
  const svc = fx.service();
  const base = await svc.submitRun(runYml);
  await waitFor('the base run done', async () => ((await svc.runStatus(base.runId)).status === 'Completed' ? true : undefined));
  const evalYml = runFolder('eval', `flow: FLOW\nrun: ${base.runId}\ncolumn_mapping:\n  q: \${run.inputs.question}\n`).runYml;
  const ev = await svc.submitRun(evalYml);
  const body = (await emulatorRun(ev.runId))!.request;
  assert.deepEqual(body.batchDataInput, {});
  assert.equal(body.variantRunId, base.runId);
  const done = await waitFor('the evaluation done', async () => {
    const s = await svc.runStatus(ev.runId);
    return ['Completed', 'Failed'].includes(s.status) ? s : undefined;
  });
  assert.equal(done.status, 'Completed', done.error);
});

test("run.yml resources that differ from the flow's session send the run to a session made for them, and say so", async () => {
  const { flow, runYml } = runFolder('placed', 'flow: FLOW\ndata: data.jsonl\nresources:\n  instance_type: Standard_D4s_v3\n');
  const svc = fx.service();
  const onCi = (await svc.startWithSettings(flow, { computeType: 'computeInstance', computeInstanceName: 'demo-ci' })).session;
  assert.equal(onCi.state, 'running');
  const r = await svc.submitRun(runYml);
  assert.notEqual(r.sessionId, onCi.sessionId, 'not the flow session on demo-ci');
  assert.match(r.notice ?? '', /Standard_D4s_v3/);
  assert.match(r.notice ?? '', /demo-ci/);
  const st = await fx.control<EmulatorRuns>('GET', '/state');
  const runSession = st.sessions.find((s) => s.sessionId === r.sessionId);
  assert.ok(runSession?.serverlessName, 'the run session is serverless');
  assert.equal(runSession.vmSize, 'Standard_D4s_v3');
  assert.equal(st.runs.find((x) => x.runId === r.runId)?.request.vmSize, 'Standard_D4s_v3');
  // Resources the session already has keep the run on the flow's session.
  const sameYml = runFolder('placed-same', 'flow: FLOW\ndata: data.jsonl\nresources:\n  compute: demo-ci\n').runYml;
  writeFileSync(sameYml, readFileSync(sameYml, 'utf8').replace(/flow: .*/, `flow: ${flow}`));
  const same = await svc.submitRun(sameYml);
  assert.equal(same.sessionId, onCi.sessionId);
  assert.equal(same.notice, undefined);
  await svc.cancelRun(r.runId);
  await svc.cancelRun(same.runId);
  await svc.stop(flow);
});

test('run.yml problems get clear messages', async () => {
  const svc = fx.service();
  const { runYml } = runFolder(
    'badid',
    'flow: FLOW\ndata: data.jsonl\nidentity:\n  type: managed\n  client_id: 00000000-0000-0000-0000-000000000000\n',
  );
  await assert.rejects(svc.submitRun(runYml), (e: AzureMlError) => e.kind === 'identity' && /client id/.test(e.message));
  const nodata = runFolder('nodata', 'flow: FLOW\ndata: missing.jsonl\n');
  // The editor's own message for the same file, on the line it points at.
  const [shown] = createValidator(nodeFileHost).validate({ path: nodata.runYml, text: readFileSync(nodata.runYml, 'utf8') });
  assert.equal(shown.code, 'PF3002');
  await assert.rejects(
    svc.submitRun(nodata.runYml),
    (e: AzureMlError) => e.kind === 'validation' && e.message === `run.yml, line ${shown.range.start.line + 1}: ${shown.message}`,
  );
  const neither = runFolder('neither', 'flow: FLOW\n');
  await assert.rejects(svc.submitRun(neither.runYml), (e: AzureMlError) => e.kind === 'validation' && /`data`, or `run`/.test(e.message));
  const broken = runFolder('broken', 'flow: [FLOW\n');
  await assert.rejects(
    svc.submitRun(broken.runYml),
    (e: AzureMlError) => e.kind === 'validation' && /run\.yml, line \d+: YAML syntax error/.test(e.message),
  );
  await assert.rejects(
    svc.submitRun(join(fx.dir, 'nope.yml')),
    (e: AzureMlError) => e.kind === 'validation' && /does not exist/.test(e.message),
  );
  await assert.rejects(svc.runStatus('no_such_run'), (e: AzureMlError) => e.kind === 'notFound');
});

test("a run goes to the flow's own session while it has the flow's image and requirements, else to the derived one", async () => {
  const { flow, runYml } = runFolder('rebound', 'flow: FLOW\ndata: data.jsonl\n');
  const svc = fx.service();
  const session = (await svc.start(flow)).session;
  // The image changed and was applied by a reset: the derived id now names another session, but the
  // flow's session already runs this environment.
  writeFileSync(
    join(flow, 'flow.dag.yaml'),
    readFileSync(join(flow, 'flow.dag.yaml'), 'utf8').replace('environment:\n', 'environment:\n  image: myregistry.azurecr.io/flows/x:2\n'),
  );
  const reset = (await svc.changeBaseImage(flow, 'myregistry.azurecr.io/flows/x:2')).session;
  assert.equal(reset.sessionId, session.sessionId);
  const r1 = await svc.submitRun(runYml);
  assert.equal(r1.sessionId, session.sessionId, 'the run uses the session that already has the new image');
  // A fresh process (the CLI after the reset) finds the flow's session through the binding on disk.
  const fresh = fx.service();
  const r0 = await fresh.submitRun(runYml);
  assert.equal(r0.sessionId, session.sessionId, 'a new process consults the binding, not only its memory');
  // Requirements edited but not installed: the flow's session no longer matches, so the run gets the
  // derived session, as the official CLI would, and the product says why.
  writeFileSync(join(flow, 'requirements.txt'), 'pf-demo-text\n');
  const r2 = await fresh.submitRun(runYml);
  assert.notEqual(r2.sessionId, session.sessionId, 'a session without the edited requirements is not used');
  assert.match(r2.notice ?? '', /current image or requirements/);
  for (const id of [r0.runId, r1.runId, r2.runId]) await svc.cancelRun(id);
  // The derived session is built from the flow's image and requirements as the service builds a run's new
  // session (docs/azure-contract.md §36); a session still being created cannot be stopped, so wait for it.
  await waitFor('the derived session built', async () => ((await svc.status(flow)).state === 'starting' ? undefined : true), 180_000);
  await svc.stop(flow);
});

test('a run naming a compute-instance runtime runs on it; the runtimes are listed with their images', async () => {
  await fx.control('PUT', '/flowRuntimes/ci-rt', { computeInstance: 'demo-ci', image: 'myregistry.azurecr.io/pf/ci:4' });
  const svc = fx.service();
  assert.deepEqual(await svc.runtimes(), [
    { name: 'ci-rt', type: 'ComputeInstance', status: 'Running', computeInstanceName: 'demo-ci', image: 'myregistry.azurecr.io/pf/ci:4' },
  ]);
  const { runYml } = runFolder('on-runtime', 'flow: FLOW\ndata: data.jsonl\nruntime: ci-rt\n');
  const r = await svc.submitRun(runYml);
  const done = await waitFor('the run on the runtime done', async () => {
    const s = await svc.runStatus(r.runId);
    return ['Completed', 'Failed'].includes(s.status) ? s : undefined;
  });
  assert.equal(done.status, 'Completed', done.error);
  assert.equal(done.runtimeName, 'ci-rt');
  assert.equal((await emulatorRun(r.runId))?.computeName, 'demo-ci', 'it ran on the runtime compute instance');
  await fx.control('DELETE', '/flowRuntimes/ci-rt');
});

test("run.yml's own placement is checked before anything is uploaded: a managed identity without its roles, a VM size below D series", async () => {
  const spareId = `/subscriptions/${fx.emu.subscriptionId}/resourceGroups/${fx.emu.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pf-spare-uai`;
  await fx.service({ user: 'admin', stateDir: join(fx.dir, 'admin') }).attachIdentity(spareId);
  const svc = fx.service();
  const spare = (await svc.identities()).find((i) => i.name === 'pf-spare-uai');
  assert.ok(spare?.clientId, 'the spare identity is attached');
  const before = (await fx.control<EmulatorRuns>('GET', '/state')).runs.length;

  const { runYml } = runFolder(
    'spare-identity',
    `flow: FLOW\ndata: data.jsonl\nidentity:\n  type: managed\n  client_id: ${spare.clientId}\n`,
  );
  await assert.rejects(svc.submitRun(runYml), (e: AzureMlError) => {
    assert.equal(e.kind, 'identity', e.message);
    assert.match(e.message, /pf-spare-uai/);
    return true;
  });
  const { runYml: small } = runFolder('small-vm', 'flow: FLOW\ndata: data.jsonl\nresources:\n  instance_type: Standard_B2s\n');
  await assert.rejects(svc.submitRun(small), (e: AzureMlError) => e.kind === 'validation' && /Standard_B2s/.test(e.message));
  assert.equal((await fx.control<EmulatorRuns>('GET', '/state')).runs.length, before, 'no run was submitted');
});

test("a run's lines: waitForRun reads run history until it ends, runOutputs pages through every line, runMetrics reads lastvalues", async () => {
  const { flow, runYml } = runFolder('lines', 'flow: FLOW\ndata: data.jsonl\ncolumn_mapping:\n  q: ${data.question}\n');
  // 60 lines: two full pages of 25, a third of 10, then the empty page that ends the reading.
  const questions = Array.from({ length: 60 }, (_, i) => `question ${i}`);
  writeFileSync(join(fx.dir, 'runs', 'lines', 'data.jsonl'), questions.map((q) => JSON.stringify({ question: q })).join('\n') + '\n');
  const svc = fx.service();
  await svc.start(flow);
  const r = await svc.submitRun(runYml);
  const progress: string[] = [];
  const done = await svc.waitForRun(r.runId, { onProgress: (p) => p.phase && progress.push(p.phase) });
  assert.equal(done.runId, r.runId);
  assert.equal(done.status, 'Completed');
  assert.ok(
    progress.every((p) => p.startsWith(`run ${r.runId}: `)),
    progress.join('; '),
  );

  const lines = await svc.runOutputs(r.runId);
  assert.deepEqual(
    lines.map((l) => l.index),
    questions.map((_, i) => i),
  );
  assert.deepEqual(
    lines.map((l) => l.inputs),
    questions.map((q) => ({ q })),
  );
  // What the emulator answered for each line, as the product shows it.
  const raw: { index: number; status: string; output: unknown }[] = [];
  for (let start = 0; start < 75; start += 25)
    raw.push(
      ...(
        await fx.emu.request<typeof raw>(
          'GET',
          `${fx.emu.flowBase}/BulkRuns/${r.runId}/childRuns?startIndex=${start}&endIndex=${start + 24}`,
        )
      ).body,
    );
  assert.deepEqual(
    lines.map((l) => [l.index, l.status, l.outputs]),
    raw.sort((a, b) => a.index - b.index).map((c) => [c.index, c.status, c.output]),
  );
  const metrics = await svc.runMetrics(r.runId);
  assert.equal(metrics['__pf__.lines.completed'], 60);
  assert.equal(metrics['__pf__.lines.failed'], 0);

  // An unknown run is not found, for lines and for the wait; a wait cancelled stops with `cancelled`.
  await assert.rejects(svc.runOutputs('no-such-run'), (e: AzureMlError) => e.kind === 'notFound');
  await assert.rejects(svc.waitForRun('no-such-run'), (e: AzureMlError) => e.kind === 'notFound');
  // While run history throttles, the wait asks again later; a cancel in between ends it with `cancelled`.
  await fx.control('POST', '/faults', { kind: 'throttle', path: '/rundata$', count: -1, retryAfterSeconds: 0 });
  const ac = new AbortController();
  const waiting = svc.waitForRun(r.runId, { cancel: ac.signal });
  await waitFor('a throttled read of run history', () => fx.logs.find((l) => l.includes(`Waiting for run ${r.runId}:`)));
  ac.abort();
  await assert.rejects(waiting, (e: AzureMlError) => e.kind === 'cancelled');
  await fx.control('DELETE', '/faults');
  assert.equal((await svc.waitForRun(r.runId)).status, 'Completed', 'after the throttling, the wait reads the ended run');
  await svc.stop(flow);
});
