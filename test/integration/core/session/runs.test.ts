// Runs from run.yml (S5) against the emulator with Azurite behind the default datastore: the
// snapshot (with includes) and data really go to blob storage, and the run reuses the editor's session.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { AZURITE_ACCOUNT, AZURITE_KEY } from '../../../../src/emulator/azurite';
import { waitFor } from '../../../helpers/emulator';
import { startFixture, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture({ azurite: true });
});
after(async () => {
  await fx?.stop();
});

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

test('submit from run.yml: uploads, binds to the same session as the editor, status, logs, cancel', async () => {
  const { flow, runYml } = runFolder(
    'basic',
    'flow: FLOW\ndata: data.jsonl\ncolumn_mapping:\n  q: ${data.question}\nresources:\n  instance_type: Standard_D2s_v3\nidentity:\n  type: managed\ndisplay_name: my run\n',
  );
  const svc = fx.service();
  const session = (await svc.start(flow)).session;
  const phases: string[] = [];
  const r = await svc.submitRun(runYml, { onProgress: (p) => p.phase && phases.push(p.phase) });
  assert.ok(r.runId);
  assert.equal(r.sessionId, session.sessionId, 'the run reuses the session started from the editor');
  assert.deepEqual(phases, ['Uploading the flow', 'Uploading the data', 'Submitting the run']);

  const st = await fx.control<EmulatorState>('GET', '/state');
  assert.equal(st.runs.find((x) => x.runId === r.runId)?.sessionId, session.sessionId);
  // S12: the run is listed on the instance its session lives on, beside that session.
  const holder = (await svc.instances()).find((i) => i.runs.some((x) => x.runId === r.runId));
  assert.ok(holder, 'the run is listed on an instance');
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

  const info = await svc.runStatus(r.runId);
  assert.equal(info.runId, r.runId);
  assert.ok(info.status);
  assert.equal(info.sessionId, session.sessionId);
  const logs = await waitFor('run logs', async () => ((await svc.runLogs(r.runId)).length > 0 ? true : undefined));
  assert.ok(logs);

  const instances = await svc.instances();
  assert.ok(instances.some((i) => i.sessions.some((s) => s.sessionId === session.sessionId)));

  await svc.cancelRun(r.runId);
  const final = await waitFor('run cancelled', async () => {
    const s = (await svc.runStatus(r.runId)).status;
    return ['Canceled', 'CancelRequested', 'Completed', 'Failed'].includes(s) ? s : undefined;
  });
  assert.ok(['Canceled', 'CancelRequested', 'Completed'].includes(final), final);
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
  await assert.rejects(svc.submitRun(nodata.runYml), (e: AzureMlError) => e.kind === 'validation' && /missing\.jsonl/.test(e.message));
  const broken = runFolder('broken', 'flow: [FLOW\n');
  await assert.rejects(svc.submitRun(broken.runYml), (e: AzureMlError) => e.kind === 'validation' && /not valid YAML/.test(e.message));
  await assert.rejects(
    svc.submitRun(join(fx.dir, 'nope.yml')),
    (e: AzureMlError) => e.kind === 'validation' && /does not exist/.test(e.message),
  );
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
  // Requirements edited but not installed: the flow's session no longer matches, so the run gets the
  // derived session, as the official CLI would.
  writeFileSync(join(flow, 'requirements.txt'), 'pf-demo-text\n');
  const r2 = await svc.submitRun(runYml);
  assert.notEqual(r2.sessionId, session.sessionId, 'a session without the edited requirements is not used');
  await svc.cancelRun(r1.runId);
  await svc.cancelRun(r2.runId);
  await svc.stop(flow);
});
