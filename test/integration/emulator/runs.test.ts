// Runs submitted to BulkRuns/submit bind to a session, move through the run statuses, and are found
// through FlowRunInfo and the run index with their session id (S5, S11).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, waitFor, type TestEmulator } from '../../helpers/emulator';
import { act, getSession, post } from '../../helpers/emulatorSessions';

interface FlowRunInfo {
  flowRunId: string;
  sessionId: string;
  runtimeName: string;
  status: string;
  computeName: string | null;
  studioPortalEndpoint: string;
  flowRunResourceId: string;
}

const runBody = (extra: Record<string, unknown> = {}) => ({
  flowDefinitionDataStoreName: 'workspaceblobstore',
  flowDefinitionBlobPath: 'LocalUpload/abc/web_classification/flow.dag.yaml',
  batchDataInput: { dataUri: 'azureml://datastores/workspaceblobstore/paths/LocalUpload/abc/data.jsonl' },
  inputsMapping: { url: '${data.url}' },
  runtimeName: 'automatic',
  sessionSetupMode: 'SystemWait',
  ...extra,
});

describe('emulator runs', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.stop());

  const submit = (body: unknown, headers: Record<string, string> = { 'aml-user-token': emu.mlToken }) =>
    emu.request<string | { error: { innerError: { code: string } | null } }>('POST', `${emu.flowBase}/BulkRuns/submit`, { body, headers });
  const info = async (id: string) => (await emu.request<FlowRunInfo>('GET', `${emu.flowBase}/BulkRuns/${id}`)).body;
  const until = (id: string, statuses: string[]) =>
    waitFor(`run ${id} in ${statuses.join('/')}`, async () => {
      const r = await info(id);
      return statuses.includes(r.status) ? r : undefined;
    });

  it('creates the named session for a run, runs it to Completed and logs the way there', async () => {
    assert.equal((await submit(runBody({ sessionId: 'run-sess' }), {})).status, 401, 'aml-user-token is required');
    const r = await submit(runBody({ runId: 'web_run_1', sessionId: 'run-sess', vmSize: 'Standard_D2s_v3' }));
    assert.equal(r.status, 200);
    assert.equal(r.body, 'web_run_1');
    const first = await info('web_run_1');
    assert.equal(first.sessionId, 'run-sess');
    assert.equal(first.runtimeName, 'automatic');
    assert.match(first.studioPortalEndpoint, /^https:\/\/ml\.azure\.com\/runs\/web_run_1\?wsid=\/subscriptions\//);
    assert.match(first.flowRunResourceId, /^azureml:\/\/locations\/eastus\/workspaces\/.+\/flowRuns\/web_run_1$/);
    const done = await until('web_run_1', ['Completed', 'Failed']);
    assert.equal(done.status, 'Completed');
    const s = await getSession(emu, 'run-sess');
    assert.equal(s.status, 200);
    assert.equal(s.body.properties.maxIdleTimeSeconds, 3600, 'sessions made for CLI runs idle out after one hour');
    assert.equal(s.body.properties.vmSize, 'Standard_D2s_v3');
    assert.equal(done.computeName, s.body.compute.name, 'the run is active on its session compute');
    const log = await emu.request<string>('GET', `${emu.flowBase}/BulkRuns/web_run_1/logContent`);
    assert.equal(log.status, 200);
    assert.match(log.body, /Preparing on compute/);
    assert.match(log.body, /Running on compute/);
    assert.match(log.body, /Completed\./);
    const dup = await submit(runBody({ runId: 'web_run_1', sessionId: 'run-sess' }));
    assert.equal(dup.status, 409);
  });

  it('finds runs and their session ids through the run index', async () => {
    await submit(runBody({ runId: 'web_run_2', sessionId: 'run-sess' }));
    await until('web_run_2', ['Completed']);
    const r = await emu.request<{
      value: { properties: { runId: string; runType: string; userProperties: Record<string, string> }; annotations: { status: string } }[];
    }>('POST', `/index/v1.0${emu.workspacePath}/entities`, {
      body: {
        filters: [
          { field: 'type', operator: 'eq', values: ['runs'] },
          { field: 'annotations/archived', operator: 'eq', values: ['false'] },
          { field: 'properties/runType', operator: 'contains', values: ['azureml.promptflow.FlowRun'] },
        ],
        order: [{ direction: 'Desc', field: 'properties/creationContext/createdTime' }],
        pageSize: 50,
      },
    });
    assert.equal(r.status, 200);
    const ids = r.body.value.map((e) => e.properties.runId);
    assert.ok(ids.includes('web_run_1') && ids.includes('web_run_2'));
    for (const e of r.body.value) {
      assert.equal(e.properties.userProperties['azureml.promptflow.session_id'], 'run-sess');
      assert.equal(e.properties.userProperties['azureml.promptflow.runtime_name'], 'automatic');
    }
    const rundata = await emu.request<{ runMetadata: { status: string; properties: Record<string, string> } }>(
      'POST',
      `/history/v1.0${emu.workspacePath}/rundata`,
      { body: { runId: 'web_run_2', selectRunMetadata: true } },
    );
    assert.equal(rundata.body.runMetadata.status, 'Completed');
    assert.equal(rundata.body.runMetadata.properties['azureml.promptflow.session_id'], 'run-sess');
  });

  it('derives a session when the request names none, and reuses it for the same user and flow', async () => {
    await submit(runBody({ runId: 'derived_1' }));
    await submit(runBody({ runId: 'derived_2' }));
    const a = await until('derived_1', ['Completed']);
    const b = await until('derived_2', ['Completed']);
    assert.match(a.sessionId, /^[0-9a-f]{48}$/);
    assert.equal(a.sessionId, b.sessionId);
  });

  it('waits NotStarted while its session is busy, and cancels', async () => {
    await act(emu, 'busy-sess', {});
    const installing = await post(emu, 'busy-sess', { action: 'Install', pythonPipRequirements: ['pf-demo-utils'] });
    await submit(runBody({ runId: 'cancel_me', sessionId: 'busy-sess' }));
    assert.equal((await info('cancel_me')).status, 'NotStarted');
    const c = await emu.request('POST', `${emu.flowBase}/BulkRuns/cancel_me/cancel`);
    assert.equal(c.status, 200);
    assert.equal((await until('cancel_me', ['Canceled', 'Completed', 'Failed'])).status, 'Canceled');
    void installing;
  });

  it('rejects runs without a flow or data, and named runtimes', async () => {
    const noFlow = await submit({ batchDataInput: { dataUri: 'x' } });
    assert.equal(noFlow.status, 400);
    assert.equal((noFlow.body as { error: { innerError: { code: string } } }).error.innerError.code, 'FlowDefinitionMissing');
    assert.equal((await submit(runBody({ batchDataInput: null }))).status, 400);
    const rt = await submit(runBody({ runtimeName: 'my-ci-runtime' }));
    assert.equal((rt.body as { error: { innerError: { code: string } } }).error.innerError.code, 'RuntimeNotFound');
    assert.equal((await emu.request('GET', `${emu.flowBase}/BulkRuns/nope`)).status, 404);
  });
});
