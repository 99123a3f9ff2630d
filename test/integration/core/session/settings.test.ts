// Settings apply (S4, S7): new settings on a running session are applied and read back, never only
// recorded: another VM size or identity resets the session onto a matching compute, and a reset or a
// start puts a session that runs otherwise back on its settings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { post, settle } from '../../../helpers/emulatorSessions';
import { startFixture, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
let identity: string;
before(async () => {
  fx = await startFixture();
  identity = `/subscriptions/${fx.emu.subscriptionId}/resourceGroups/${fx.emu.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pf-demo-uai`;
});
after(async () => {
  await fx?.stop();
});

const onService = async (sessionId: string) =>
  (await fx.control<EmulatorState>('GET', '/state')).sessions.find((s) => s.sessionId === sessionId);

test('start with another VM size on a running session resets it onto a matching compute; status says what the service runs', async () => {
  const svc = fx.service();
  const flow = fx.flow('resize');
  const first = (await svc.start(flow)).session;
  assert.equal(first.vmSize, 'Standard_D4s_v3', 'the service default, as read back');
  const resized = (await svc.startWithSettings(flow, { computeType: 'serverless', vmSize: 'Standard_D8s_v3' })).session;
  assert.equal(resized.state, 'running');
  assert.equal(resized.sessionId, first.sessionId, 'the same session, recreated');
  assert.equal((await onService(first.sessionId))?.vmSize, 'Standard_D8s_v3', 'the service runs the new size');
  assert.notEqual(resized.computeName, first.computeName, 'on a compute of that size');
  const status = await fx.service().status(flow);
  assert.equal(status.vmSize, 'Standard_D8s_v3');
  assert.equal(status.settings.vmSize, 'Standard_D8s_v3');
  // The same settings again: reused, nothing recreated.
  const ops = (await fx.control<EmulatorState>('GET', '/state')).operations.length;
  await svc.startWithSettings(flow, { computeType: 'serverless', vmSize: 'Standard_D8s_v3' });
  assert.equal((await fx.control<EmulatorState>('GET', '/state')).operations.length, ops);
  await svc.stop(flow);
});

test('an identity chosen after a private-feed start failed is applied, and the packages install', async () => {
  const svc = fx.service();
  const flow = fx.flow('feed', '-i https://{private}@pkgs.dev.azure.com/contoso/_packaging/flows/pypi/simple/\npf-private-lib==2.0.0\n');
  await assert.rejects(svc.start(flow), (e: AzureMlError) => {
    assert.equal(e.kind, 'identity', e.message);
    assert.match(e.info.fix!, /identity/);
    return true;
  });
  const started = (await svc.startWithSettings(flow, { computeType: 'serverless', identityResourceId: identity })).session;
  assert.equal(started.state, 'running', started.error?.message);
  assert.equal(started.error, undefined);
  assert.equal((await onService(started.sessionId))?.identity, identity, 'the service has the identity');
  assert.equal(started.identityResourceId, identity);
  assert.ok((await svc.packages(flow)).installed.some((p) => p.name === 'pf-private-lib'));
  await svc.stop(flow);
});

test('changing only the identity resets the session onto a compute with that identity', async () => {
  const svc = fx.service();
  const flow = fx.flow('swap-identity');
  const s = (await svc.start(flow)).session;
  const settings = { computeType: 'serverless' as const, identityResourceId: identity };
  assert.equal(svc.willSettingsReset(flow, settings), true, 'an identity change resets (it needs another compute)');
  const changed = (await svc.changeSettings(flow, settings)).session;
  assert.equal(changed.state, 'running');
  assert.equal((await onService(s.sessionId))?.identity, identity);
  assert.notEqual(changed.computeName, s.computeName);
  await svc.stop(flow);
});

test('a reset puts a session that runs otherwise back on its settings', async () => {
  const svc = fx.service();
  const flow = fx.flow('drifted');
  const s = (await svc.startWithSettings(flow, { computeType: 'serverless', identityResourceId: identity })).session;
  // Someone else (another tool) moves the session to the user's identity behind the product's back.
  await settle(fx.emu, await post(fx.emu, s.sessionId, { action: 'Update', identity: null }));
  assert.equal((await onService(s.sessionId))?.identity, null);
  const reset = (await svc.reset(flow)).session;
  assert.equal(reset.state, 'running');
  assert.equal((await onService(s.sessionId))?.identity, identity, 'the reset recreated it with its identity');
  await svc.stop(flow);
});

test('settings that cannot start are refused before the running session is touched', async () => {
  const svc = fx.service();
  const flow = fx.flow('keep');
  const s = (await svc.start(flow)).session;
  const ops = (await fx.control<EmulatorState>('GET', '/state')).operations.filter((o) => o.sessionId === s.sessionId).length;
  await assert.rejects(svc.changeSettings(flow, { computeType: 'serverless', vmSize: 'Standard_B2s' }), (e: AzureMlError) => {
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /Standard_B2s/);
    assert.match(e.info.fix!, /D-series/);
    return true;
  });
  const after = await fx.control<EmulatorState>('GET', '/state');
  assert.equal(after.operations.filter((o) => o.sessionId === s.sessionId).length, ops, 'no operation was asked for');
  assert.equal(after.sessions.find((x) => x.sessionId === s.sessionId)?.vmSize, 'Standard_D4s_v3', 'the session is untouched');
  await svc.stop(flow);
});

test('an idle time the service did not apply is an error naming what it runs, and the flow keeps its running session', async () => {
  const svc = fx.service();
  const flow = fx.flow('idle-ignored');
  const s = (await svc.startWithSettings(flow, { computeType: 'serverless', idleMinutes: 60 })).session;
  await fx.control('POST', '/faults', { kind: 'ignoreUpdate', path: `FlowSessions/${s.sessionId}$`, count: 1 });
  await assert.rejects(svc.changeSettings(flow, { computeType: 'serverless', idleMinutes: 45 }), (e: AzureMlError) => {
    assert.match(e.message, /accepted the settings, but the session runs with others: idle time 60 min \(asked for 45 min\)/);
    assert.match(e.info.fix ?? '', /change the settings again/);
    return true;
  });
  assert.equal((await onService(s.sessionId))?.maxIdleTimeSeconds, 3600, 'the service kept its idle time');
  assert.equal(svc.peek(flow)?.state, 'running', 'not "failed": the session runs');
  // Asked again without the fault, it applies.
  const changed = (await svc.changeSettings(flow, { computeType: 'serverless', idleMinutes: 45 })).session;
  assert.equal(changed.error, undefined);
  assert.equal((await onService(s.sessionId))?.maxIdleTimeSeconds, 2700);
  await svc.stop(flow);
});
