// Preflight before every start (S2, S4): a failed prerequisite stops the start before anything is
// created, with that check's cause, fix and who can apply it; "cannot tell" is not "pass"; a compute
// instance's owner is checked first and its state waited for; a user-assigned identity's roles are read
// through the ARM role-assignments API and compared with the table of the seed document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { DATA_SCIENTIST_ROLE } from '../../../../src/emulator/seed';
import { ROLE } from '../../../../src/core/session/identityChecks';
import { startFixture, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
let uai: (name: string) => string;
before(async () => {
  fx = await startFixture();
  uai = (name) =>
    `/subscriptions/${fx.emu.subscriptionId}/resourceGroups/${fx.emu.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
});
after(async () => {
  await fx?.stop();
});

const state = () => fx.control<EmulatorState>('GET', '/state');

test('a failed prerequisite stops the start before anything is created, with its cause, fix and who', async () => {
  await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { hasWorkingDirectory: false });
  try {
    const svc = fx.service();
    const flow = fx.flow('no-workdir');
    const ops = (await state()).operations.length;
    await assert.rejects(svc.start(flow), (e: AzureMlError) => {
      assert.equal(e.kind, 'storage');
      assert.match(e.message, /workspaceworkingdirectory/);
      assert.ok(e.info.fix && e.info.who, JSON.stringify(e.info));
      return true;
    });
    assert.equal((await state()).operations.length, ops, 'no session was asked for');
    assert.equal(svc.peek(flow)?.state, 'failed');
  } finally {
    await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { hasWorkingDirectory: true });
  }
});

test('a user with no rights gets no "pass": cannot tell is not ok', async () => {
  await fx.control('POST', '/users', { alias: 'nobody' });
  const report = await fx.service({ user: 'nobody', stateDir: `${fx.dir}/nobody` }).preflight();
  assert.equal(report.ok, false);
  assert.ok(
    report.checks.every((c) => c.status !== 'pass'),
    JSON.stringify(report.checks.map((c) => [c.id, c.status])),
  );
  assert.ok(report.checks.some((c) => c.status === 'unknown'));
});

test("another user's compute instance is refused before anything is asked of it, with the right fix", async () => {
  const svc = fx.service();
  const flow = fx.flow('not-mine');
  const before = (await state()).computeInstances.find((c) => c.name === 'viewer-ci')?.state;
  await assert.rejects(
    svc.startWithSettings(flow, { computeType: 'computeInstance', computeInstanceName: 'viewer-ci' }),
    (e: AzureMlError) => {
      assert.equal(e.kind, 'permission');
      assert.match(e.message, /viewer-ci/);
      assert.match(e.info.fix!, /assigned to you/);
      assert.doesNotMatch(e.info.fix!, /Data Scientist/);
      return true;
    },
  );
  assert.equal((await state()).computeInstances.find((c) => c.name === 'viewer-ci')?.state, before, 'the instance was not started');
  const report = await svc.preflight(flow, { computeType: 'computeInstance', computeInstanceName: 'viewer-ci' });
  assert.equal(report.checks.find((c) => c.id === 'computeInstance')?.status, 'fail');
});

test('a compute instance that is Starting is waited for; a Stopped one is started only after the caller agrees', async () => {
  const svc = fx.service();
  const flow = fx.flow('ci-wait');
  const settings = { computeType: 'computeInstance' as const, computeInstanceName: 'demo-ci' };
  await fx.control('PUT', '/computeInstances/demo-ci', { state: 'Starting' });
  let released = false;
  const s = (
    await svc.startWithSettings(flow, settings, {
      onProgress: (p) => {
        // The start is waiting for the instance: it comes up now.
        if (!released && /Waiting for compute instance demo-ci \(Starting\)/.test(p.phase ?? '')) {
          released = true;
          void fx.control('PUT', '/computeInstances/demo-ci', { state: 'Running' });
        }
      },
    })
  ).session;
  assert.ok(released, 'the start waited for the instance');
  assert.equal(s.state, 'running');
  await svc.stop(flow);

  await fx.control('PUT', '/computeInstances/demo-ci', { state: 'Stopped' });
  const asked: string[] = [];
  await assert.rejects(
    svc.startWithSettings(flow, settings, { confirmComputeStart: async (name) => (asked.push(name), false) }),
    (e: AzureMlError) => e.kind === 'cancelled' && /demo-ci/.test(e.message),
  );
  assert.deepEqual(asked, ['demo-ci']);
  assert.equal((await state()).computeInstances.find((c) => c.name === 'demo-ci')?.state, 'Stopped', 'declined: not started');
  const started = (await svc.startWithSettings(flow, settings, { confirmComputeStart: async () => true })).session;
  assert.equal(started.state, 'running');
  assert.equal((await state()).computeInstances.find((c) => c.name === 'demo-ci')?.state, 'Running');
  await svc.stop(flow);
});

test('a VM size the region lacks, or one too small, is a VM size error before anything is created', async () => {
  const svc = fx.service();
  const flow = fx.flow('bad-size');
  const ops = (await state()).operations.length;
  await assert.rejects(svc.startWithSettings(flow, { computeType: 'serverless', vmSize: 'Standard_B2s' }), (e: AzureMlError) => {
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /D series/);
    assert.doesNotMatch(`${e.message} ${e.info.fix}`, /identity/i);
    return true;
  });
  await assert.rejects(svc.startWithSettings(flow, { computeType: 'serverless', vmSize: 'Standard_D7_v9' }), (e: AzureMlError) => {
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /not offered/);
    return true;
  });
  assert.equal((await state()).operations.length, ops);
});

test("an identity's roles are checked against the table, each missing one named with its resource and who grants it", async () => {
  const svc = fx.service();
  const flow = fx.flow('roles');
  const good = await svc.preflight(flow, { computeType: 'serverless', identityResourceId: uai('pf-demo-uai') });
  const identity = good.checks.filter((c) => c.id === 'identity');
  assert.ok(identity.length >= 9, `one check per requirement: ${identity.map((c) => c.title).join('; ')}`);
  assert.deepEqual(
    identity.filter((c) => c.status !== 'pass').map((c) => c.title),
    [],
  );
  assert.equal(good.ok, true);

  // pf-spare-uai, once attached, holds only Contributor on the workspace, and the user may not assign it.
  await fx.service({ user: 'admin', stateDir: `${fx.dir}/admin` }).attachIdentity(uai('pf-spare-uai'));
  const spare = await fx.service().preflight(flow, { computeType: 'serverless', identityResourceId: uai('pf-spare-uai') });
  const failed = spare.checks.filter((c) => c.id === 'identity' && c.status === 'fail');
  const titles = failed.map((c) => c.title).join('\n');
  for (const want of [
    /Contributor on storage account st/,
    /Storage Blob Data Contributor on storage account/,
    /Storage File Data Privileged Contributor on storage account/,
    /Contributor on key vault kv/,
    /Key Vault Administrator on key vault/,
    /Contributor on container registry cr/,
    /Contributor on Application Insights ai/,
    /assign pf-spare-uai \(Managed Identity Operator\)/,
  ])
    assert.match(titles, want);
  assert.ok(!/on workspace/.test(titles), 'the workspace role it holds is not reported missing');
  for (const c of failed) assert.ok(c.fix && c.who && c.cause, JSON.stringify(c));
  assert.equal(spare.ok, false);
  // A start with it stops before anything is created.
  const ops = (await state()).operations.length;
  await assert.rejects(
    fx.service().startWithSettings(flow, { computeType: 'serverless', identityResourceId: uai('pf-spare-uai') }),
    (e: AzureMlError) => e.kind === 'identity' && /pf-spare-uai/.test(e.message),
  );
  assert.equal((await state()).operations.length, ops);
});

test('a hidden role list is cannot tell, and a key vault under access policies is checked by its policies', async () => {
  // Allowed to use the workspace and the identity, but not to read anyone's role assignments elsewhere.
  await fx.control('POST', '/users', { alias: 'narrow' });
  await fx.control('POST', '/roleAssignments', { user: 'narrow', role: DATA_SCIENTIST_ROLE, scope: 'workspace' });
  await fx.control('POST', '/roleAssignments', { user: 'narrow', role: ROLE.managedIdentityOperator, scope: 'identity:pf-demo-uai' });
  const narrow = await fx
    .service({ user: 'narrow', stateDir: `${fx.dir}/narrow` })
    .preflight(undefined, { computeType: 'serverless', identityResourceId: uai('pf-demo-uai') });
  const roles = narrow.checks.filter((c) => c.id === 'identity' && / on /.test(c.title));
  assert.ok(roles.length > 0);
  assert.ok(
    roles.every((c) => c.status === 'unknown' && /Cannot tell/.test(c.cause ?? '')),
    JSON.stringify(roles.map((c) => [c.title, c.status])),
  );
  assert.equal(narrow.ok, false, 'cannot tell is not ok');

  await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { keyVaultPermissionModel: 'accessPolicy' });
  try {
    const svc = fx.service();
    const settings = { computeType: 'serverless' as const, identityResourceId: uai('pf-demo-uai') };
    const policy = (r: { checks: { title: string; status: string }[] }) => r.checks.find((c) => /access policy/.test(c.title));
    const without = await svc.preflight(undefined, settings);
    assert.equal(policy(without)?.status, 'fail');
    assert.ok(!without.checks.some((c) => /Key Vault Administrator/.test(c.title)), 'no RBAC role is asked of an access-policy vault');
    await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, {
      keyVaultAccessPolicies: [{ identity: 'pf-demo-uai', keys: ['all'], secrets: ['all'], certificates: ['all'] }],
    });
    assert.equal(policy(await svc.preflight(undefined, settings))?.status, 'pass');
  } finally {
    await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { keyVaultPermissionModel: 'rbac' });
  }
});
