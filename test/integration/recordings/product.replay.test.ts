// The product's own clients against what real Azure ML answered (recorded), over HTTPS: what the product
// shows for each recorded run (status, display name, session id, logs, cancel), the run list and the runs
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
import { replayToken, startReplayServer, type StandIn } from '../../helpers/replayServer';

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

async function withService<T>(c: Cassette, fn: (svc: ISessionService, requests: { endpoint: string; recorded: boolean }[]) => Promise<T>) {
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
