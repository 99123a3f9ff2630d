// What a stop and an instance deletion report is read back from the service (S7, S11): a compute is
// "deleted" only when the service no longer has it or says it is deleting, and an instance's impact
// holds every session the service knows on it, the ones runs started too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../../../helpers/emulator';
import { act, getSession } from '../../../helpers/emulatorSessions';
import { startFixture, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

/** A run of another flow, submitted the way pfazure submits it: its session lands on the user's default compute. */
async function runOfAnotherFlow(name: string): Promise<{ runId: string; sessionId: string }> {
  const sessionId = randomBytes(24).toString('hex');
  const runId = `${name}_${randomBytes(3).toString('hex')}`;
  const r = await fx.emu.request('POST', `${fx.emu.flowBase}/BulkRuns/submit`, {
    headers: { 'aml-user-token': fx.emu.mlToken },
    body: {
      runId,
      runDisplayName: runId,
      flowDefinitionDataStoreName: 'workspaceblobstore',
      flowDefinitionBlobPath: `LocalUpload/${runId}/${name}/flow.dag.yaml`,
      batchDataInput: { dataUri: `azureml://datastores/workspaceblobstore/paths/LocalUpload/${runId}/data.jsonl` },
      sessionId,
      sessionSetupMode: 'SystemWait',
      runtimeName: 'automatic',
      runExperimentName: name,
    },
  });
  assert.equal(r.status, 200, r.text);
  await waitFor(`the session of run ${runId}`, async () => ((await getSession(fx.emu, sessionId)).status === 200 ? true : undefined));
  return { runId, sessionId };
}

const computeStatus = async (name: string) =>
  (await fx.emu.request('GET', `${fx.emu.workspacePath}/computes/${name}?api-version=2022-10-01`)).status;

test("stop says the compute went only when it did: a run's session of another flow keeps it", async () => {
  const svc = fx.service();
  const flow = fx.flow('shared');
  const s = (await svc.start(flow)).session;
  const run = await runOfAnotherFlow('other_flow');
  assert.equal((await getSession(fx.emu, run.sessionId)).body.compute.name, s.computeName, 'the run shares the compute');
  const stopped = await svc.stop(flow);
  assert.equal(stopped.computeDeleted, false, 'the compute stays: the run session is on it');
  assert.equal(stopped.compute, 'kept');
  assert.equal(await computeStatus(s.computeName!), 200, 'and the service says so');
  // Once nothing else is on it, the stop reports it gone, as the service does.
  await act(fx.emu, run.sessionId, { action: 'Delete' });
  const again = (await svc.start(flow)).session;
  const last = await svc.stop(flow);
  assert.equal(last.computeDeleted, true);
  assert.equal(last.compute, 'deleted');
  assert.equal(await computeStatus(again.computeName!), 404);
});

test('deleting a serverless instance lists the sessions runs started on it, deletes the compute and confirms what is gone', async () => {
  const svc = fx.service();
  const flow = fx.flow('doomed');
  const s = (await svc.start(flow)).session;
  const run = await runOfAnotherFlow('cli_flow');
  const impact = await svc.instanceImpact(s.computeName!);
  assert.equal(impact.computeType, 'serverless');
  assert.deepEqual(impact.sessions.map((x) => x.sessionId).sort(), [s.sessionId, run.sessionId].sort(), 'bound and run sessions');
  const done = await svc.deleteInstance(s.computeName!);
  assert.equal(done.deleted, 'compute');
  assert.deepEqual(done.sessionsGone.sort(), [s.sessionId, run.sessionId].sort());
  assert.deepEqual(done.sessionsRemaining, []);
  assert.ok(['deleted', 'deleting'].includes(done.compute), done.compute);
  assert.equal((await getSession(fx.emu, run.sessionId)).status, 404, 'the run session is gone too');
  assert.equal((await svc.status(flow)).state, 'notStarted');
  await waitFor('the compute to be gone', async () => ((await computeStatus(s.computeName!)) === 404 ? true : undefined));
});

test('the listing counts every session its deletion preview names, and a serverless instance has a state', async () => {
  const svc = fx.service();
  const flow = fx.flow('counted');
  const s = (await svc.start(flow)).session;
  const run = await runOfAnotherFlow('counted_other');
  const listed = (await svc.instances()).find((i) => i.name === s.computeName);
  assert.ok(listed, 'the instance is listed');
  const impact = await svc.instanceImpact(s.computeName!);
  const ids = (list: { sessionId: string }[]) => list.map((x) => x.sessionId).sort();
  assert.deepEqual(ids(listed.sessions), [s.sessionId, run.sessionId].sort(), 'the bound session and the one the run started');
  assert.deepEqual(ids(impact.sessions), ids(listed.sessions), 'the preview names the sessions the listing counts');
  assert.equal(listed.sessionsState, 'running');
  assert.equal(listed.state, undefined, 'ARM state is for compute instances only');
  const runSession = listed.sessions.find((x) => x.sessionId === run.sessionId);
  assert.equal(runSession?.flowName, 'counted_other', "a run's session is named by the run's flow");
  assert.equal(runSession?.flowFolder, undefined);
  await svc.deleteInstance(s.computeName!);
});

test('a compute instance: its sessions, or the instance itself, as chosen; both read back', async () => {
  const svc = fx.service();
  const flow = fx.flow('on-ci');
  const settings = { computeType: 'computeInstance' as const, computeInstanceName: 'demo-ci' };
  const s = (await svc.startWithSettings(flow, settings)).session;
  const sessionsOnly = await svc.deleteInstance('demo-ci', { what: 'sessions' });
  assert.equal(sessionsOnly.deleted, 'sessions');
  assert.deepEqual(sessionsOnly.sessionsGone, [s.sessionId]);
  assert.equal(sessionsOnly.compute, 'kept');
  const st = await fx.control<EmulatorState>('GET', '/state');
  assert.equal(st.computeInstances.find((c) => c.name === 'demo-ci')?.state, 'Running', 'the instance itself stays and runs');
  // A session the service still has after its delete is reported remaining, and its flow keeps it.
  await svc.startWithSettings(flow, settings);
  await fx.control('POST', '/faults', { kind: 'keepSession', path: `FlowSessions/${s.sessionId}$`, count: 1 });
  const kept = await svc.deleteInstance('demo-ci', { what: 'sessions' });
  assert.deepEqual([kept.sessionsGone, kept.sessionsRemaining], [[], [s.sessionId]]);
  assert.notEqual(svc.peek(flow)?.state, 'notStarted', 'not reported stopped');
  assert.equal((await svc.status(flow)).state, 'running');
  const whole = await svc.deleteInstance('demo-ci', { what: 'compute' });
  assert.equal(whole.deleted, 'compute');
  assert.deepEqual(whole.sessionsGone, [s.sessionId]);
  assert.ok(['deleted', 'deleting'].includes(whole.compute), whole.compute);
  await waitFor('the instance to be gone', async () => ((await computeStatus('demo-ci')) === 404 ? true : undefined));
  await fx.control('PUT', '/computeInstances/demo-ci', { state: 'Running', assignedUser: 'demo', vmSize: 'Standard_DS3_v2' });
});
