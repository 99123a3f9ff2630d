// Runs that really run (docs/azure-contract.md §36): a DAG flow uploaded to the blob datastore is executed
// on its session's Python. The recorded runs of flow_with_environment_variables give the recorded outputs
// line for line; a flow with python, prompt, activate and aggregation nodes gives its values, metrics and a
// line that fails alone; a cancel or a deleted session ends the executor; no Jinja2 fails the run clearly.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import { startTestEmulator, waitFor, type TestEmulator } from '../../helpers/emulator';
import { running } from '../../helpers/processes';
import { loadCassette } from '../../helpers/recordings';

const FIXTURES = resolve(__dirname, '../../fixtures/runs');
/** The recorder's zeroed upload folder (`LocalUpload/<zeros>/…`), kept as recorded. */
const UPLOAD = `LocalUpload/${'0'.repeat(36)}`;

interface ChildRun {
  run_id: string;
  index: number;
  status: string;
  inputs: Record<string, unknown>;
  output: Record<string, unknown> | null;
  error: { message?: string } | null;
  result: unknown;
  system_metrics: Record<string, number>;
  api_calls: { name: string; children: { name: string; node_name: string; output: unknown; error: unknown }[] }[];
}

interface Metadata {
  status: string;
  error: { error: { message: string } } | null;
  properties: Record<string, string>;
}

/** The emulator's workspace as a test drives it: the default datastore (with the key ARM gives) and runs. */
async function workspace(emu: TestEmulator) {
  const ds = await emu.request<{ properties: { accountName: string; containerName: string; endpoint: string; protocol: string } }>(
    'GET',
    `${emu.workspacePath}/datastores/workspaceblobstore?api-version=2022-10-01`,
  );
  const key = await emu.request<{ key: string }>(
    'POST',
    `${emu.workspacePath}/datastores/workspaceblobstore/listSecrets?api-version=2022-10-01`,
  );
  const p = ds.body.properties;
  const container: ContainerClient = new BlobServiceClient(
    `${p.protocol}://${p.endpoint}/${p.accountName}`,
    new StorageSharedKeyCredential(p.accountName, key.body.key),
  ).getContainerClient(p.containerName);
  const put = async (name: string, text: string) => {
    await container.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
  };
  const history = async (id: string) =>
    (await emu.request<{ runMetadata: Metadata }>('POST', `/history/v1.0${emu.workspacePath}/rundata`, { body: { runId: id } })).body
      .runMetadata;
  return {
    put,
    /** A fixture flow folder under `prefix/<fixture>/`, as the product lays out a run's snapshot. */
    uploadFlow: async (fixture: string, prefix: string) => {
      for (const f of readdirSync(join(FIXTURES, fixture)))
        await put(`${prefix}/${fixture}/${f}`, readFileSync(join(FIXTURES, fixture, f), 'utf8'));
    },
    submit: async (body: Record<string, unknown>) => {
      const r = await emu.request<string>('POST', `${emu.flowBase}/BulkRuns/submit`, { body, headers: { 'aml-user-token': emu.mlToken } });
      assert.equal(r.status, 200, r.text);
      return r.body;
    },
    history,
    ended: (id: string) =>
      waitFor(
        `run ${id} ended`,
        async () => {
          const m = await history(id);
          return ['Completed', 'Failed', 'Canceled'].includes(m.status) ? m : undefined;
        },
        240_000,
      ),
  };
}

const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A run of an uploaded flow on an automatic-runtime session. */
const runBody = (runId: string, flowPath: string, dataPath: string, extra: Record<string, unknown> = {}) => ({
  flowDefinitionDataStoreName: 'workspaceblobstore',
  flowDefinitionBlobPath: flowPath,
  runId,
  batchDataInput: { dataUri: `azureml://datastores/workspaceblobstore/paths/${dataPath}` },
  runtimeName: 'automatic',
  ...extra,
});

describe('emulator executes DAG runs on their session', () => {
  let emu: TestEmulator;
  let ws: Awaited<ReturnType<typeof workspace>>;
  before(async () => {
    emu = await startTestEmulator({
      azurite: true,
      seed: { flowRuntimes: [{ name: 'exec-ci-runtime', computeInstance: 'demo-ci', image: 'myregistry.azurecr.io/pf/ci-runtime:3' }] },
    });
    ws = await workspace(emu);
  });
  after(() => emu.stop());

  const children = async (id: string, start: number, end: number) => {
    const r = await emu.request<ChildRun[]>('GET', `${emu.flowBase}/BulkRuns/${id}/childRuns?startIndex=${start}&endIndex=${end}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  for (const name of [
    'test_run_operations_TestFlowRun_test_run_with_environment_variables',
    'test_run_operations_TestFlowRun_test_run_with_environment_variables_run_yaml',
  ]) {
    it(`gives the recorded outputs line for line: ${name.replace('test_run_operations_TestFlowRun_', '')}`, async () => {
      const c = loadCassette(`${name}.yaml`);
      const recordedBody = c.interactions.find((r) => r.endpoint.endsWith('/BulkRuns/submit'))!.requestJson as Record<string, unknown>;
      const recorded = c.interactions
        .filter((r) => r.endpoint.endsWith('/childRuns'))
        .flatMap((r) => r.responseJson as ChildRun[])
        .sort((a, b) => a.index - b.index);
      assert.ok(recorded.length >= 2, 'the cassette lists its child runs');
      // The data lines are the recorded child runs' inputs, under the column the recorded mapping reads.
      const dataUri = String((recordedBody.batchDataInput as { dataUri: string }).dataUri);
      const column = /\$\{data\.(\w+)\}/.exec(JSON.stringify(recordedBody.inputsMapping))![1];
      const runId = `env_${recorded.length}_${name.length}`;
      const prefix = `${UPLOAD}_${runId}`;
      await ws.uploadFlow('flow_with_environment_variables', prefix);
      const dataPath = `${prefix}/${dataUri.split('/').pop()}`;
      await ws.put(dataPath, jsonl(recorded.map((r) => ({ [column]: r.inputs.key }))));
      const id = await ws.submit({
        ...recordedBody,
        ...runBody(runId, String(recordedBody.flowDefinitionBlobPath).replace(UPLOAD, prefix), dataPath),
        sessionId: `sess-${runId}`,
      });
      const done = await ws.ended(id);
      assert.equal(done.status, 'Completed', JSON.stringify(done.error));
      const got = await children(id, 0, 24);
      assert.deepEqual(
        got.map((r) => [r.index, r.inputs, r.status, r.output, r.result]),
        recorded.map((r) => [r.index, r.inputs, r.status, r.output, r.result]),
      );
      for (const [i, r] of got.entries()) {
        assert.deepEqual(
          r.api_calls[0].children.map((x) => [x.name, x.node_name, x.output]),
          recorded[i].api_calls[0].children.map((x) => [x.name, x.node_name, x.output]),
        );
        assert.deepEqual(Object.keys(r).sort(), Object.keys(recorded[i]).sort());
        assert.deepEqual(Object.keys(r.api_calls[0]).sort(), Object.keys(recorded[i].api_calls[0]).sort());
        assert.deepEqual(Object.keys(r.api_calls[0].children[0]).sort(), Object.keys(recorded[i].api_calls[0].children[0]).sort());
      }
      assert.deepEqual(await children(id, 25, 49), [], 'an empty page past the end, as recorded');
    });
  }

  it("runs on a named compute-instance runtime in its image's environment", async () => {
    const prefix = `${UPLOAD}_onrt`;
    await ws.uploadFlow('flow_with_environment_variables', prefix);
    await ws.put(`${prefix}/data.jsonl`, jsonl([{ key: 'env4' }]));
    const id = await ws.submit({
      ...runBody('onrt_run', `${prefix}/flow_with_environment_variables/flow.dag.yaml`, `${prefix}/data.jsonl`),
      runtimeName: 'exec-ci-runtime',
    });
    assert.equal((await ws.ended(id)).status, 'Completed');
    assert.deepEqual(
      (await children(id, 0, 24)).map((x) => x.output),
      [{ output: '{"a": 1, "b": "2"}' }],
    );
  });

  it("sets an environment variable that names a connection's field to that field's value", async () => {
    const prefix = `${UPLOAD}_evc`;
    await ws.uploadFlow('flow_with_environment_variables', prefix);
    await ws.put(`${prefix}/data.jsonl`, jsonl([{ key: 'CUSTOM_BASE' }, { key: 'env2' }]));
    const id = await ws.submit(
      runBody('evc_run', `${prefix}/flow_with_environment_variables/flow.dag.yaml`, `${prefix}/data.jsonl`, {
        sessionId: 'pyflow-sess',
        environmentVariables: { CUSTOM_BASE: '${custom_connection.api_base}' },
      }),
    );
    assert.equal((await ws.ended(id)).status, 'Completed');
    const got = await children(id, 0, 24);
    assert.deepEqual(
      got.map((x) => x.output),
      [{ output: 'https://example.com/api' }, { output: 'spawn' }],
    );
  });

  it('runs python, prompt, activate and aggregation nodes; a failing line fails alone with its error', async () => {
    const prefix = `${UPLOAD}_pyflow`;
    await ws.uploadFlow('python_flow', prefix);
    const rows = [
      { text: 'hi', mode: 'long' },
      { text: 'abc', mode: 'short' },
      { text: 'boom', mode: 'short' },
    ];
    await ws.put(`${prefix}/data.jsonl`, jsonl(rows));
    const id = await ws.submit(
      runBody('pyflow_run', `${prefix}/python_flow/flow.dag.yaml`, `${prefix}/data.jsonl`, {
        inputsMapping: { text: '${data.text}', mode: '${data.mode}' },
        sessionId: 'pyflow-sess',
        environmentVariables: {},
        connections: {},
      }),
    );
    const done = await ws.ended(id);
    assert.equal(done.status, 'Completed', 'a run whose lines fail partly completes, as prompt flow does');
    assert.equal(done.properties['azureml.promptflow.total_tokens'], '0');
    const [a, b, c] = await children(id, 0, 24);
    assert.deepEqual(a.output, { upper: 'HI', greeting: 'Hello HI (2)!', length: 2, shout: 'HI!!' });
    assert.deepEqual(b.output, { upper: 'ABC', greeting: 'Hello ABC (3)!', length: 3, shout: null }, 'a bypassed node outputs None');
    assert.deepEqual(b.api_calls[0].children.map((x) => x.node_name).sort(), ['check', 'greet', 'upper'], 'the bypassed node made no call');
    assert.equal(c.status, 'Failed');
    assert.equal(c.output, null);
    assert.match(c.error?.message ?? '', /boom is not allowed/);
    assert.notEqual(
      c.api_calls[0].children.find((x) => x.node_name === 'check')?.error ?? null,
      null,
      'the node that raised carries the error',
    );
    const metrics = await emu.request<{ value: { name: string; value: { data: Record<string, number> }[] }[] }>(
      'POST',
      `/metric/v2.0${emu.workspacePath}/runs/${id}/lastvalues`,
      { body: {} },
    );
    const m = Object.fromEntries(metrics.body.value.map((v) => [v.name, v.value[0].data[v.name]]));
    assert.equal(m['__pf__.lines.completed'], 2);
    assert.equal(m['__pf__.lines.failed'], 1);
    assert.equal(m['__pf__.nodes.upper.completed'], 3);
    assert.equal(m['__pf__.nodes.check.completed'], 2);
    assert.equal(m['__pf__.nodes.check.failed'], 1);
    assert.equal(m['__pf__.nodes.shout.completed'], 1);
    assert.equal(m['__pf__.nodes.shout.bypassed'], 1);
    assert.equal(m['__pf__.nodes.total.completed'], 1);
    assert.equal(m.total_length, 5, 'the aggregation saw the completed lines only');
    assert.equal(m.lines, 2);
    const log = await emu.request<string>('GET', `${emu.flowBase}/BulkRuns/${id}/logContent`);
    assert.match(log.body, /1 out of 3 lines failed/);
    assert.match(log.body, /\[executor\] upper of boom/, "what the flow prints is in the run's log");
  });

  it("an evaluation run reads the evaluated run's outputs and inputs line by line", async () => {
    const prefix = `${UPLOAD}_pyflow`;
    await ws.ended('pyflow_run');
    const id = await ws.submit({
      ...runBody('pyflow_eval', `${prefix}/python_flow/flow.dag.yaml`, ''),
      batchDataInput: {},
      variantRunId: 'pyflow_run',
      inputsMapping: { text: '${run.outputs.greeting}', mode: '${run.inputs.mode}' },
      sessionId: 'pyflow-sess',
    });
    assert.equal((await ws.ended(id)).status, 'Completed');
    const [a, b] = await children(id, 0, 1);
    assert.deepEqual(a.inputs, { text: 'Hello HI (2)!', mode: 'long', line_number: 0 });
    assert.equal(a.output?.upper, 'HELLO HI (2)!');
    assert.equal(b.output?.shout, null, 'mode came from the evaluated run: short, so the node was bypassed');
  });

  it('fails the run with a clear error when the flow names a connection the workspace does not have', async () => {
    const prefix = `${UPLOAD}_noconn`;
    await ws.put(
      `${prefix}/noconn/flow.dag.yaml`,
      'inputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: ${ask.output}\nnodes:\n- name: ask\n  type: llm\n  source:\n    type: code\n    path: ask.jinja2\n  connection: no_such_connection\n  api: chat\n  inputs:\n    deployment_name: gpt\n',
    );
    await ws.put(`${prefix}/noconn/ask.jinja2`, 'user:\n{{q}}');
    await ws.put(`${prefix}/data.jsonl`, jsonl([{ q: 'hi' }]));
    const id = await ws.submit(
      runBody('noconn_run', `${prefix}/noconn/flow.dag.yaml`, `${prefix}/data.jsonl`, { sessionId: 'pyflow-sess' }),
    );
    const done = await ws.ended(id);
    assert.equal(done.status, 'Failed');
    assert.match(done.error?.error.message ?? '', /Connection no_such_connection is not found/);
  });

  it("runs llm nodes against the emulator's chat service, with the run's deployment override and real token counts", async () => {
    const prefix = `${UPLOAD}_llm`;
    await ws.uploadFlow('llm_flow', prefix);
    await ws.put(`${prefix}/data.jsonl`, jsonl([{ question: 'what is up' }, { question: 'hello there' }]));
    const id = await ws.submit(
      runBody('llm_run', `${prefix}/llm_flow/flow.dag.yaml`, `${prefix}/data.jsonl`, {
        sessionId: 'pyflow-sess',
        connections: { ask: { deployment_name: 'gpt-4o' } },
      }),
    );
    const done = await ws.ended(id);
    assert.equal(done.status, 'Completed', JSON.stringify(done.error));
    const [a, b] = await children(id, 0, 24);
    // The chat service answers `[<deployment>] <last user message>`; tokens are whitespace-separated words.
    assert.deepEqual([a.output, b.output], [{ answer: '[gpt-4o] what is up' }, { answer: '[gpt-4o] hello there' }]);
    assert.deepEqual(a.system_metrics.total_tokens, 10, 'prompt 3 + 3 words, completion 4');
    assert.deepEqual(
      [
        done.properties['azureml.promptflow.prompt_tokens'],
        done.properties['azureml.promptflow.completion_tokens'],
        done.properties['azureml.promptflow.total_tokens'],
      ],
      ['11', '7', '18'],
    );
  });

  /** Starts a run of a flow whose node waits on a child process; resolves once that child runs. */
  const startSleepy = async (runId: string, sessionId: string) => {
    const prefix = `${UPLOAD}_${runId}`;
    await ws.uploadFlow('sleepy_flow', prefix);
    await ws.put(`${prefix}/data.jsonl`, jsonl([{ q: 'fast' }, { q: 'x' }]));
    const pidFile = join(mkdtempSync(join(tmpdir(), 'pfs-sleepy-')), 'child.pid');
    const id = await ws.submit(
      runBody(runId, `${prefix}/sleepy_flow/flow.dag.yaml`, `${prefix}/data.jsonl`, {
        sessionId,
        environmentVariables: { PID_FILE: pidFile },
      }),
    );
    await waitFor('the flow node running', () => (existsSync(pidFile) ? true : undefined), 240_000);
    assert.equal((await ws.history(id)).status, 'Running');
    return { id, pid: Number(readFileSync(pidFile, 'utf8')) };
  };

  it('lists finished lines while the run executes; a cancel ends the executor and what the flow started', async () => {
    const { id, pid } = await startSleepy('sleepy_cancel', 'sleepy-sess');
    assert.ok(running(pid));
    // While the run is Running, child runs list the lines that have finished.
    const listed = await waitFor('the first line listed', async () => {
      const page = await children(id, 0, 24);
      return page.length ? page : undefined;
    });
    assert.deepEqual(
      listed.map((x) => [x.index, x.status, x.output]),
      [[0, 'Completed', { a: 'fast' }]],
    );
    assert.equal((await ws.history(id)).status, 'Running');
    assert.equal((await emu.request('POST', `${emu.flowBase}/BulkRuns/${id}/cancel`)).status, 200);
    assert.equal((await ws.ended(id)).status, 'Canceled');
    await waitFor('the flow child gone', () => (running(pid) ? undefined : true));
  });

  it('deleting the session fails its executing run and ends the executor', async () => {
    const { id, pid } = await startSleepy('sleepy_orphan', 'sleepy-doomed');
    assert.equal((await emu.request('DELETE', `${emu.flowBase}/FlowSessions/sleepy-doomed`)).status, 202);
    const done = await ws.ended(id);
    assert.equal(done.status, 'Failed');
    assert.match(done.error?.error.message ?? '', /deleted while the run was active/);
    await waitFor('the flow child gone', () => (running(pid) ? undefined : true));
  });
});

describe('emulator runs on a machine without Jinja2', () => {
  let emu: TestEmulator;
  const saved = process.env.PFSESSION_EMULATOR_PYTHON;
  before(async () => {
    // python3 without its site-packages: the machine's Jinja2 cannot be imported.
    const bin = mkdtempSync(join(tmpdir(), 'pfs-nojinja-'));
    writeFileSync(join(bin, 'python3'), '#!/bin/sh\nexec python3 -S "$@"\n', { mode: 0o755 });
    process.env.PFSESSION_EMULATOR_PYTHON = join(bin, 'python3');
    emu = await startTestEmulator({ azurite: true });
  });
  after(async () => {
    if (saved === undefined) delete process.env.PFSESSION_EMULATOR_PYTHON;
    else process.env.PFSESSION_EMULATOR_PYTHON = saved;
    await emu.stop();
  });

  it('fails a run with prompt nodes, naming Jinja2 and how to install it', async () => {
    const ws = await workspace(emu);
    await ws.uploadFlow('python_flow', 'LocalUpload/nojinja');
    await ws.put('LocalUpload/nojinja/data.jsonl', jsonl([{ text: 'hi' }]));
    const id = await ws.submit(
      runBody('nojinja_run', 'LocalUpload/nojinja/python_flow/flow.dag.yaml', 'LocalUpload/nojinja/data.jsonl', {
        sessionId: 'nojinja-sess',
      }),
    );
    const done = await ws.ended(id);
    assert.equal(done.status, 'Failed');
    assert.match(done.error?.error.message ?? '', /Jinja2.*python3 -m pip install Jinja2/);
  });
});
