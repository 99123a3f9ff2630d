// Runs submitted to BulkRuns/submit bind to a session (or a named runtime), move through the run-history
// statuses, and are read the way the SDK reads them: status, times and properties from run history,
// FlowRunInfo for what it carries (no status), the run index with the user's properties (S5, S11).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, waitFor, type TestEmulator } from '../../helpers/emulator';
import { act, getSession, post } from '../../helpers/emulatorSessions';

interface FlowRunInfo {
  flowRunId: string;
  flowRunDisplayName: string;
  sessionId: string;
  runtimeName: string;
  studioPortalEndpoint: string;
  flowRunResourceId: string;
  outputDatastoreName: string;
  childRunBasePath: string;
  [k: string]: unknown;
}

interface RunMetadata {
  status: string;
  displayName: string;
  description: string | null;
  tags: Record<string, string>;
  startTimeUtc: string | null;
  endTimeUtc: string | null;
  outputs: Record<string, { assetId: string; type: string }> | null;
  error: { error: { code: string; message: string; innerError: { code: string } | null } } | null;
  properties: Record<string, string>;
}

const runBody = (extra: Record<string, unknown> = {}) => ({
  flowDefinitionDataStoreName: 'workspaceblobstore',
  flowDefinitionBlobPath: 'LocalUpload/abc/web_classification/flow.dag.yaml',
  batchDataInput: { dataUri: 'azureml://datastores/workspaceblobstore/paths/LocalUpload/abc/data.jsonl' },
  inputsMapping: { url: '${data.url}' },
  runtimeName: 'automatic',
  sessionSetupMode: 'SystemWait',
  flowLineageId: 'f'.repeat(64),
  environmentVariables: {},
  connections: {},
  ...extra,
});

describe('emulator runs', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({
      seed: { flowRuntimes: [{ name: 'demo-ci-runtime', computeInstance: 'demo-ci', image: 'myregistry.azurecr.io/pf/ci-runtime:3' }] },
    });
  });
  after(() => emu.stop());

  const submit = (body: unknown, headers: Record<string, string> = { 'aml-user-token': emu.mlToken }) =>
    emu.request<string | { error: { innerError: { code: string } | null } }>('POST', `${emu.flowBase}/BulkRuns/submit`, { body, headers });
  const info = async (id: string) => (await emu.request<FlowRunInfo>('GET', `${emu.flowBase}/BulkRuns/${id}`)).body;
  const history = async (id: string) => {
    const r = await emu.request<{ runMetadata: RunMetadata }>('POST', `/history/v1.0${emu.workspacePath}/rundata`, {
      body: { runId: id, selectRunMetadata: true, selectRunDefinition: true, selectJobSpecification: true },
    });
    assert.equal(r.status, 200, r.text);
    return r.body.runMetadata;
  };
  const until = (id: string, statuses: string[]) =>
    waitFor(`run ${id} in ${statuses.join('/')}`, async () => {
      const r = await history(id);
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
    assert.equal(first.outputDatastoreName, 'workspaceblobstore');
    assert.equal(first.childRunBasePath, 'promptflow/PromptFlowArtifacts/web_run_1/flow_artifacts');
    assert.match(first.studioPortalEndpoint, /^https:\/\/ml\.azure\.com\/runs\/web_run_1\?wsid=\/subscriptions\//);
    assert.match(first.flowRunResourceId, /^azureml:\/\/locations\/eastus\/workspaces\/.+\/flowRuns\/web_run_1$/);
    // Azure keeps status, times, compute and errors in run history only (none in 117 recorded answers).
    for (const k of ['status', 'computeName', 'vmSize', 'identity', 'experimentName', 'startTime', 'endTime', 'error', 'createdOn'])
      assert.ok(!(k in first), `BulkRuns/{id} carries no ${k}`);
    const done = await until('web_run_1', ['Completed', 'Failed']);
    assert.equal(done.status, 'Completed');
    assert.ok(done.startTimeUtc && done.endTimeUtc);
    assert.deepEqual(Object.keys(done.outputs ?? {}).sort(), ['debug_info', 'flow_outputs']);
    assert.equal(done.properties['azureml.promptflow.session_id'], 'run-sess');
    assert.equal(done.properties['azureml.promptflow.flow_lineage_id'], 'f'.repeat(64));
    assert.equal(done.properties['azureml.promptflow.definition_file_name'], 'flow.dag.yaml');
    const s = await getSession(emu, 'run-sess');
    assert.equal(s.status, 200);
    assert.equal(s.body.properties.maxIdleTimeSeconds, 3600, 'sessions made for CLI runs idle out after one hour');
    assert.equal(s.body.properties.vmSize, 'Standard_D2s_v3');
    const log = await emu.request<string>('GET', `${emu.flowBase}/BulkRuns/web_run_1/logContent`);
    assert.equal(log.status, 200);
    assert.match(log.body, new RegExp(`Running on compute ${s.body.compute.name} `), 'the run ran on its session compute');
    assert.match(log.body, /Completed\./);
    const dup = await submit(runBody({ runId: 'web_run_1', sessionId: 'run-sess' }));
    assert.equal(dup.status, 409);
  });

  it('finds runs and their session ids through the run index, with a total and metrics', async () => {
    await submit(runBody({ runId: 'web_run_2', sessionId: 'run-sess' }));
    await until('web_run_2', ['Completed']);
    const r = await emu.request<{
      totalCount: number;
      nextSkip: number | null;
      value: {
        properties: { runId: string; runType: string; experimentName: string; userProperties: Record<string, string> };
        annotations: { status: string; metrics: Record<string, unknown> };
      }[];
    }>('POST', `/index/v1.0${emu.workspacePath}/entities`, {
      body: {
        filters: [
          { field: 'type', operator: 'eq', values: ['runs'] },
          { field: 'annotations/archived', operator: 'eq', values: ['false'] },
          { field: 'properties/runType', operator: 'contains', values: ['azureml.promptflow.FlowRun'] },
        ],
        order: [{ direction: 'Desc', field: 'properties/creationContext/createdTime' }],
        pageSize: 1,
        skip: 0,
        includeTotalResultCount: true,
      },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.totalCount, 2);
    assert.equal(r.body.nextSkip, 1, 'one more page');
    assert.equal(r.body.value[0].properties.runId, 'web_run_2', 'newest first');
    assert.equal(r.body.value[0].properties.experimentName, 'web_classification', 'the experiment is the flow folder');
    assert.equal(r.body.value[0].annotations.status, 'Completed');
    assert.ok('metrics' in r.body.value[0].annotations);
    assert.equal(r.body.value[0].properties.userProperties['azureml.promptflow.session_id'], 'run-sess');
    assert.equal(r.body.value[0].properties.userProperties['azureml.promptflow.runtime_name'], 'automatic');
  });

  it('derives a session when the request names none, and reuses it for the same user and flow', async () => {
    await submit(runBody({ runId: 'derived_1' }));
    await submit(runBody({ runId: 'derived_2' }));
    await until('derived_1', ['Completed']);
    await until('derived_2', ['Completed']);
    const a = await info('derived_1');
    const b = await info('derived_2');
    assert.match(a.sessionId, /^[0-9a-f]{48}$/);
    assert.equal(a.sessionId, b.sessionId);
  });

  it('waits NotStarted while its session is busy, and cancels', async () => {
    await act(emu, 'busy-sess', {});
    await post(emu, 'busy-sess', { action: 'Install', pythonPipRequirements: ['pf-demo-utils'] });
    await submit(runBody({ runId: 'cancel_me', sessionId: 'busy-sess' }));
    assert.equal((await history('cancel_me')).status, 'NotStarted');
    const c = await emu.request('POST', `${emu.flowBase}/BulkRuns/cancel_me/cancel`);
    assert.equal(c.status, 200);
    assert.equal((await until('cancel_me', ['Canceled', 'Completed', 'Failed'])).status, 'Canceled');
  });

  it('expands display-name macros; a rename changes run history, not FlowRunInfo', async () => {
    await submit(
      runBody({
        runId: 'macro_run',
        runDisplayName: 'nightly_${variant_id}_${timestamp}',
        runDisplayNameGenerationType: 'UserProvidedMacro',
        nodeVariant: '${summarize.variant_2}',
        sessionId: 'run-sess',
      }),
    );
    const shown = (await info('macro_run')).flowRunDisplayName;
    assert.match(shown, /^nightly_variant_2_\d{12}$/);
    const renamed = await emu.request<RunMetadata>('PATCH', `/history/v1.0${emu.workspacePath}/runs/macro_run/modify`, {
      body: { displayName: 'renamed', description: 'checked by hand', tags: { key1: 'value1' } },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.displayName, 'renamed');
    assert.equal((await history('macro_run')).displayName, 'renamed');
    assert.deepEqual((await history('macro_run')).tags, { key1: 'value1' });
    assert.equal((await info('macro_run')).flowRunDisplayName, shown, 'BulkRuns/{id} keeps the submitted name');
  });

  it('accepts an evaluation run of another run without data (batchDataInput {} and variantRunId)', async () => {
    await until('web_run_1', ['Completed']);
    const r = await submit(
      runBody({
        runId: 'eval_1',
        batchDataInput: {},
        variantRunId: 'web_run_1',
        inputsMapping: { prediction: '${run.outputs.category}' },
        sessionId: 'run-sess',
      }),
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const done = await until('eval_1', ['Completed', 'Failed']);
    assert.equal(done.status, 'Completed');
    assert.equal(done.properties['azureml.promptflow.variant_run_id'], 'web_run_1');
    const orphan = await submit(runBody({ runId: 'eval_2', batchDataInput: {}, variantRunId: 'no_such_run' }));
    assert.equal(orphan.status, 400);
    assert.equal((await submit(runBody({ runId: 'eval_3', batchDataInput: {} }))).status, 400, 'neither data nor a run');
  });

  it('runs on a named compute-instance runtime, lists FlowRuntimes, and refuses unknown runtimes', async () => {
    const list = await emu.request<{ runtimeName: string; runtimeType: string; computeInstanceName: string; environment: string }[]>(
      'GET',
      `${emu.flowBase}/FlowRuntimes`,
    );
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.map((x) => [x.runtimeName, x.runtimeType, x.computeInstanceName, x.environment]),
      [['demo-ci-runtime', 'ComputeInstance', 'demo-ci', 'myregistry.azurecr.io/pf/ci-runtime:3']],
    );
    assert.equal((await emu.request('GET', `${emu.flowBase}/FlowRuntimes/nope`)).status, 404);
    const r = await submit(runBody({ runId: 'on_runtime', runtimeName: 'demo-ci-runtime', sessionId: 'b'.repeat(48) }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const done = await until('on_runtime', ['Completed', 'Failed']);
    assert.equal(done.status, 'Completed');
    assert.equal(done.properties['azureml.promptflow.runtime_name'], 'demo-ci-runtime');
    assert.ok(!('azureml.promptflow.session_id' in done.properties), 'no session id on a named runtime (as recorded)');
    assert.equal((await getSession(emu, 'b'.repeat(48))).status, 404, 'no compute session was made for it');
    const unknown = await submit(runBody({ runId: 'no_runtime', runtimeName: 'my-ci-runtime' }));
    assert.equal((unknown.body as { error: { innerError: { code: string } } }).error.innerError.code, 'RuntimeNotFound');
  });

  it('resumes a run as a new run with the same flow and data', async () => {
    const r = await emu.request<string>('POST', `${emu.flowBase}/BulkRuns/resume`, {
      body: { runId: 'resumed_1', resumeFromRunId: 'web_run_1', runDisplayName: 'again' },
      headers: { 'aml-user-token': emu.mlToken },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'resumed_1');
    const again = await info('resumed_1');
    assert.equal(again.flowRunDisplayName, 'again');
    assert.deepEqual(again.batchDataInput, runBody().batchDataInput);
    assert.equal((await until('resumed_1', ['Completed', 'Failed'])).status, 'Completed');
    const missing = await emu.request('POST', `${emu.flowBase}/BulkRuns/resume`, {
      body: { resumeFromRunId: 'nope' },
      headers: { 'aml-user-token': emu.mlToken },
    });
    assert.equal(missing.status, 404);
  });

  it('answers TraceSessions as recorded, and an unknown run with run history 404', async () => {
    const trace = await emu.request<Record<string, unknown>>('GET', `${emu.flowBase}/TraceSessions`);
    assert.equal(trace.status, 200);
    assert.equal(trace.body.traceCosmosConfiguration, 'None');
    assert.equal(trace.body.traceCosmosStatus, 'Initialized');
    const none = await emu.request<{ error: { innerError: { code: string } } }>('POST', `/history/v1.0${emu.workspacePath}/rundata`, {
      body: { runId: 'non_exist_run', selectRunMetadata: true },
    });
    assert.equal(none.status, 404);
    assert.equal(none.body.error.innerError.code, 'NotFoundError');
    assert.equal((await emu.request('GET', `${emu.flowBase}/BulkRuns/nope`)).status, 404);
  });

  it('rejects runs without a flow or data', async () => {
    const noFlow = await submit({ batchDataInput: { dataUri: 'x' } });
    assert.equal(noFlow.status, 400);
    assert.equal((noFlow.body as { error: { innerError: { code: string } } }).error.innerError.code, 'FlowDefinitionMissing');
    assert.equal((await submit(runBody({ batchDataInput: null }))).status, 400);
  });
});

describe('emulator runs lose their session', () => {
  // Slow enough that a run is seen Running before it ends: Running lasts 2 s here.
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({ timeScale: 0.5 });
  });
  after(() => emu.stop());

  it('fails a Running run whose session is deleted, instead of completing it', async () => {
    const r = await emu.request('POST', `${emu.flowBase}/BulkRuns/submit`, {
      body: runBody({ runId: 'orphaned', sessionId: 'doomed-sess' }),
      headers: { 'aml-user-token': emu.mlToken },
    });
    assert.equal(r.status, 200);
    const meta = () =>
      emu
        .request<{ runMetadata: RunMetadata }>('POST', `/history/v1.0${emu.workspacePath}/rundata`, { body: { runId: 'orphaned' } })
        .then((x) => x.body.runMetadata);
    await waitFor('the run Running', async () => ((await meta()).status === 'Running' ? true : undefined), 120_000);
    const del = await emu.request('DELETE', `${emu.flowBase}/FlowSessions/doomed-sess`);
    assert.equal(del.status, 202);
    const end = await waitFor('the run ended', async () => {
      const m = await meta();
      return ['Completed', 'Failed', 'Canceled'].includes(m.status) ? m : undefined;
    });
    assert.equal(end.status, 'Failed', 'a run whose session is gone does not report success');
    assert.match(end.error?.error.message ?? '', /deleted while the run was active/);
  });
});
