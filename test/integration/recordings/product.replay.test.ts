// The product's own clients against what real Azure ML answered (recorded), over HTTPS: what the product
// shows for each recorded run (status, display name, session id, logs, cancel, lines, metrics), the run list and the runs
// the sessions tree shows. The expectations come from the recorded answers themselves, cassette by cassette.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSessionService } from '../../../src/core/session/bundle';
import type { ISessionService } from '../../../src/core/session/types';
import {
  BULK_RUN,
  RECORDED_GROUP,
  RECORDED_SUBSCRIPTION,
  RECORDED_WORKSPACE,
  RUN_CANCEL,
  RUN_DATA,
  RUN_INDEX,
  RUN_LOG,
  lastAnswer,
  loadCassettes,
  type Cassette,
} from '../../helpers/recordings';
import { replayToken, startReplayServer, type ServedRequest, type StandIn } from '../../helpers/replayServer';

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The user whose token the product holds: the creator of the first indexed run, else a made-up one. */
function userOf(c: Cassette): string {
  for (const r of c.interactions) {
    if (r.endpoint !== RUN_INDEX) continue;
    const first = (obj(r.responseJson).value as unknown[] | undefined)?.[0];
    const oid = str(obj(obj(obj(obj(first).properties).creationContext).createdBy).userObjectId);
    if (oid) return oid;
  }
  return '11111111-2222-3333-4444-555555555555';
}

/**
 * FlowSessions has no recorded interaction (docs/azure-contract.md §6): the tree's one read of a run's
 * session is answered with the contract's GetTrainingSessionDto shape, naming a serverless compute.
 */
const SESSION_STAND_IN: StandIn = (method, endpoint, path) =>
  method === 'GET' && endpoint === 'GET /flow/api{WS}/FlowSessions/{id}'
    ? {
        status: 200,
        body: {
          properties: { sessionId: path.split('/').pop(), vmSize: 'Standard_D4s_v3' },
          compute: { name: 'replayed-compute', properties: { computeType: 'AmlCompute', provisioningState: 'Succeeded' } },
        },
      }
    : undefined;

async function withService<T>(c: Cassette, fn: (svc: ISessionService, requests: ServedRequest[]) => Promise<T>) {
  const server = await startReplayServer(c, SESSION_STAND_IN, cassettes);
  const token = replayToken({ oid: userOf(c), upn: 'replay@contoso.com', tid: RECORDED_SUBSCRIPTION });
  const svc = createSessionService({
    workspace: { subscriptionId: RECORDED_SUBSCRIPTION, resourceGroup: RECORDED_GROUP, workspace: RECORDED_WORKSPACE },
    credential: { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
    armEndpoint: server.endpoint,
    caPem: server.caPem,
    stateDir: mkdtempSync(join(tmpdir(), 'pfs-replay-')),
  });
  try {
    return await fn(svc, server.requests);
  } finally {
    svc.dispose();
    await server.stop();
  }
}

const cassettes = loadCassettes();
const runsOf = (c: Cassette) => [
  ...new Set(c.interactions.filter((r) => r.endpoint === BULK_RUN || r.endpoint === RUN_DATA).map((r) => r.runId!)),
];

test('the product shows each recorded run as Azure has it: status, display name, session id, logs, cancel', async () => {
  let checked = 0;
  for (const c of cassettes) {
    const ids = runsOf(c).filter(Boolean);
    if (!ids.length) continue;
    await withService(c, async (svc, requests) => {
      for (const id of ids) {
        const where = `${c.name}: run ${id}`;
        const history = c.interactions.filter((r) => r.endpoint === RUN_DATA && r.runId === id).pop();
        if (history && history.status === 404) {
          await assert.rejects(svc.runStatus(id), (e: { kind?: string }) => e.kind === 'notFound', `${where}: an unknown run is not found`);
          checked++;
          continue;
        }
        const meta = obj(obj(history?.responseJson).runMetadata);
        const info = obj(lastAnswer(c, BULK_RUN, id)?.responseJson);
        const shown = await svc.runStatus(id);
        // What Azure holds for the run: run history's status and name; FlowRunInfo's session id, else
        // run history's property (docs/azure-contract.md §10, §11).
        assert.equal(shown.status, str(meta.status) ?? 'Unknown', `${where}: status`);
        assert.notEqual(shown.status, 'Unknown', `${where}: a recorded run has a status`);
        assert.equal(shown.displayName, str(meta.displayName) ?? str(info.flowRunDisplayName), `${where}: display name`);
        assert.equal(
          shown.sessionId,
          str(info.sessionId) ?? str(obj(meta.properties)['azureml.promptflow.session_id']),
          `${where}: session id`,
        );
        const log = lastAnswer(c, RUN_LOG, id);
        if (log) assert.equal(await svc.runLogs(id), JSON.parse(log.responseText), `${where}: logs`);
        if (lastAnswer(c, RUN_CANCEL, id)) {
          await svc.cancelRun(id);
          assert.ok(
            requests.some((r) => r.endpoint === RUN_CANCEL && r.recorded),
            `${where}: the cancel reached the recorded endpoint`,
          );
        }
        checked++;
      }
    });
  }
  assert.ok(checked > 0, 'no recorded run was checked');
});

test('the run list and the sessions tree show the recorded index runs of this user, with their status', async () => {
  let checked = 0;
  for (const c of cassettes) {
    const index = c.interactions.find((r) => r.endpoint === RUN_INDEX && r.status < 300);
    if (!index) continue;
    const user = userOf(c);
    const entities = ((obj(index.responseJson).value as unknown[] | undefined) ?? []).map(obj);
    const mine = entities.filter((e) => obj(obj(obj(e.properties).creationContext).createdBy).userObjectId === user);
    const expected = mine.map((e) => ({
      runId: str(obj(e.properties).runId),
      status: str(obj(e.annotations).status),
      displayName: str(obj(e.annotations).displayName),
      sessionId: str(obj(obj(e.properties).userProperties)['azureml.promptflow.session_id']),
    }));
    assert.ok(expected.length > 0, `${c.name}: the token's user has runs in the index`);
    await withService(c, async (svc) => {
      const listed = (await svc.listRuns()).map((r) => ({
        runId: r.runId,
        status: r.status,
        displayName: r.displayName,
        sessionId: r.sessionId,
      }));
      assert.deepEqual(listed, expected, `${c.name}: the run list`);
      // The tree: each run under the instance of its session; only SDK session ids (48 hex) name one.
      const instances = await svc.instances();
      const inTree = instances.flatMap((i) =>
        i.runs.map((r) => ({ runId: r.runId, status: r.status, displayName: r.displayName, sessionId: r.sessionId })),
      );
      assert.deepEqual(
        inTree,
        expected.filter((e) => /^[0-9a-f]{48}$/.test(e.sessionId ?? '')),
        `${c.name}: the runs in the sessions tree`,
      );
      checked += listed.length;
    });
  }
  assert.ok(checked > 0, 'no recorded run list was checked');
});

const CHILD_RUNS = 'GET /flow/api{WS}/BulkRuns/{id}/childRuns';
const LAST_VALUES = 'POST /metric/v2.0{WS}/runs/{id}/lastvalues';

test("a run's lines are read page by page as the SDK reads them, until the recorded empty page", async () => {
  const c = cassettes.find((x) => x.name === 'test_run_operations_TestFlowRun_test_run_with_environment_variables')!;
  assert.ok(c, 'the environment-variable run is recorded');
  await withService(c, async (svc, requests) => {
    const lines = await svc.runOutputs('name');
    // The recorded answer, by value: six lines (the service listed line 3 before line 2), sorted here.
    assert.deepEqual(
      lines.map((l) => [l.index, l.status, l.inputs, l.outputs, l.durationSeconds, l.nodes.map((n) => [n.node, n.tool, n.output])]),
      [
        [0, 'Completed', { key: 'env1' }, { output: '2' }, 0.046695, [['print_env', 'get_env_var', { value: '2' }]]],
        [1, 'Completed', { key: 'env2' }, { output: 'spawn' }, 0.073939, [['print_env', 'get_env_var', { value: 'spawn' }]]],
        [
          2,
          'Completed',
          { key: 'env3' },
          { output: '[1, 2, 3, 4, 5]' },
          0.056351,
          [['print_env', 'get_env_var', { value: '[1, 2, 3, 4, 5]' }]],
        ],
        [
          3,
          'Completed',
          { key: 'env4' },
          { output: '{"a": 1, "b": "2"}' },
          0.047678,
          [['print_env', 'get_env_var', { value: '{"a": 1, "b": "2"}' }]],
        ],
        [4, 'Completed', { key: 'env5' }, { output: null }, 0.009398, [['print_env', 'get_env_var', { value: null }]]],
        [5, 'Completed', { key: 'env10' }, { output: null }, 0.006635, [['print_env', 'get_env_var', { value: null }]]],
      ],
    );
    const pages = requests.filter((r) => r.endpoint === CHILD_RUNS);
    assert.deepEqual(
      pages.map((r) => [new URLSearchParams(r.search).get('startIndex'), new URLSearchParams(r.search).get('endIndex'), r.recorded]),
      [
        ['0', '24', true],
        ['25', '49', true],
      ],
      'the first page, then the recorded empty second page, and no more',
    );
  });
});

test("every recorded run's lines and metrics reach the product as Azure answered them", async () => {
  let checked = 0;
  for (const c of cassettes) {
    const lineRuns = [...new Set(c.interactions.filter((r) => r.endpoint === CHILD_RUNS && r.status < 300).map((r) => r.runId!))];
    const metricRuns = [...new Set(c.interactions.filter((r) => r.endpoint === LAST_VALUES && r.status < 300).map((r) => r.runId!))];
    if (!lineRuns.length && !metricRuns.length) continue;
    await withService(c, async (svc) => {
      for (const id of lineRuns) {
        const recorded = c.interactions
          .filter((r) => r.endpoint === CHILD_RUNS && r.runId === id && r.status < 300)
          .flatMap((r) => (Array.isArray(r.responseJson) ? (r.responseJson as Record<string, unknown>[]) : []));
        const lines = await svc.runOutputs(id);
        assert.deepEqual(
          lines.map((l) => [l.index, l.status, l.outputs]),
          recorded.map((r) => [r.index, r.status, r.output]).sort((a, b) => Number(a[0]) - Number(b[0])),
          `${c.name}: lines of ${id}`,
        );
        checked++;
      }
      for (const id of metricRuns) {
        const recorded = lastAnswer(c, LAST_VALUES, id)!;
        const expected = Object.fromEntries(
          ((obj(recorded.responseJson).value as unknown[] | undefined) ?? []).map((m) => {
            const name = String(obj(m).name);
            const values = obj(m).value as unknown[];
            return [name, obj(obj(values[values.length - 1]).data)[name]];
          }),
        );
        assert.deepEqual(await svc.runMetrics(id), expected, `${c.name}: metrics of ${id}`);
        checked++;
      }
    });
  }
  assert.ok(checked > 0, 'no recorded run lines or metrics were checked');
});
