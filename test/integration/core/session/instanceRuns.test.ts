// The impact of deleting an instance names its active runs (S11). Runs need time to be active, so this
// file's emulator keeps the service's own pace (time scale 1): a run stays active for several seconds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../../../helpers/emulator';
import { startFixture, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture({ timeScale: 1 });
});
after(async () => {
  await fx?.stop();
});

test('the impact of deleting an instance lists its active runs, and the deletion ends them', async () => {
  const svc = fx.service();
  const flow = fx.flow('busy');
  const s = (await svc.start(flow)).session;
  const runId = `cli_run_${randomBytes(3).toString('hex')}`;
  const sessionId = randomBytes(24).toString('hex');
  const r = await fx.emu.request('POST', `${fx.emu.flowBase}/BulkRuns/submit`, {
    headers: { 'aml-user-token': fx.emu.mlToken },
    body: {
      runId,
      flowDefinitionDataStoreName: 'workspaceblobstore',
      flowDefinitionBlobPath: `LocalUpload/${runId}/cli_flow/flow.dag.yaml`,
      batchDataInput: { dataUri: `azureml://datastores/workspaceblobstore/paths/LocalUpload/${runId}/data.jsonl` },
      sessionId,
      sessionSetupMode: 'SystemWait',
      runtimeName: 'automatic',
    },
  });
  assert.equal(r.status, 200, r.text);
  const impact = await svc.instanceImpact(s.computeName!);
  assert.deepEqual(
    impact.runs.map((x) => x.runId),
    [runId],
    'the run is active on the instance',
  );
  assert.ok(impact.sessions.some((x) => x.sessionId === s.sessionId));
  const done = await svc.deleteInstance(s.computeName!);
  assert.ok(done.sessionsGone.includes(s.sessionId));
  assert.deepEqual(
    done.runs.map((x) => x.runId),
    [runId],
  );
  const status = await waitFor('the run to end', async () => {
    const run = (await fx.control<EmulatorState>('GET', '/state')).runs.find((x) => x.runId === runId);
    return run && ['Failed', 'Canceled', 'Completed'].includes(run.status) ? run.status : undefined;
  });
  assert.equal(status, 'Failed', 'a run whose compute was deleted does not complete');
});
