// Preflight (S1, S2), wizard data and identities (S4), compute instances, settings changes and
// instances (S7, S11) against the real emulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { DATA_SCIENTIST_ROLE } from '../../../../src/core/session/workspaceChecks';
import { preflightText } from '../../../../src/core/session/preflightText';
import { vmSizeAvailability } from '../../../../src/core/session/vmSizeRules';
import { startFixture, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

const check = (r: { checks: { id: string; status: string; cause?: string; fix?: string }[] }, id: string) =>
  r.checks.find((c) => c.id === id)!;

test('preflight passes for a data scientist and explains each failure', async () => {
  const ok = await fx.service().preflight();
  assert.equal(ok.ok, true);
  assert.deepEqual(
    ok.checks.map((c) => c.status),
    ['pass', 'pass', 'pass', 'pass'],
  );

  // A user with Reader only: the role check fails with who can fix it.
  await fx.control('POST', '/users', { alias: 'reader2' });
  await fx.control('POST', '/roleAssignments', { user: 'reader2', role: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', scope: 'resourceGroup' });
  const reader = await fx.service({ user: 'reader2', stateDir: `${fx.dir}/reader2` }).preflight();
  assert.equal(reader.ok, false);
  assert.equal(check(reader, 'role').status, 'fail');
  assert.match(check(reader, 'role').fix!, /Owner/);
  const a = await fx.control<{ name: string }>('POST', '/roleAssignments', {
    user: 'reader2',
    role: DATA_SCIENTIST_ROLE,
    scope: 'workspace',
  });
  assert.equal(check(await fx.service({ user: 'reader2', stateDir: `${fx.dir}/reader2` }).preflight(), 'role').status, 'pass');
  await fx.control('DELETE', `/roleAssignments/${a.name}`);

  // A user who may not list role assignments: "cannot tell", not "no role".
  await fx.control('POST', '/users', { alias: 'blind' });
  const blind = await fx.service({ user: 'blind', stateDir: `${fx.dir}/blind` }).preflight();
  assert.equal(check(blind, 'role').status, 'unknown');
  assert.match(check(blind, 'role').cause!, /Cannot tell/);

  // S2 prerequisites.
  await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { hasWorkingDirectory: false, defaultDatastoreType: 'AzureFile' });
  const bad = await fx.service().preflight();
  assert.equal(bad.ok, false);
  assert.equal(check(bad, 'datastoreType').status, 'fail');
  assert.match(check(bad, 'datastoreType').cause!, /AzureFile/);
  assert.equal(check(bad, 'workingDirectory').status, 'fail');
  assert.ok(check(bad, 'workingDirectory').fix);
  await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { hasWorkingDirectory: true, defaultDatastoreType: 'AzureBlob' });
  assert.equal((await fx.service().preflight()).ok, true);
});

test('preflight speaks Japanese when the service is created with a Japanese locale', async () => {
  // Hiragana, katakana or kanji: the text is Japanese, not English left untranslated.
  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
  const assertJapanese = (r: { checks: { id: string; status: string; title: string; cause?: string; fix?: string; who?: string }[] }) => {
    for (const c of r.checks) {
      for (const [field, text] of Object.entries({ title: c.title, cause: c.cause, fix: c.fix, who: c.who })) {
        if (text !== undefined) assert.match(text, japanese, `${c.id} (${c.status}) ${field} is in Japanese: ${text}`);
      }
    }
  };
  // The failing branches the emulator can show at once: no role, AzureFile datastore, no working directory.
  await fx.control('POST', '/users', { alias: 'reader-ja' });
  await fx.control('POST', '/roleAssignments', { user: 'reader-ja', role: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', scope: 'resourceGroup' });
  await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { hasWorkingDirectory: false, defaultDatastoreType: 'AzureFile' });
  try {
    const bad = await fx.service({ user: 'reader-ja', stateDir: `${fx.dir}/reader-ja`, locale: 'ja' }).preflight();
    assert.deepEqual(
      bad.checks.map((c) => c.status),
      ['fail', 'fail', 'fail', 'pass'],
    );
    assertJapanese(bad);
    // "Cannot tell" (no right to read role assignments) is Japanese too.
    await fx.control('POST', '/users', { alias: 'blind-ja' });
    const blind = await fx.service({ user: 'blind-ja', stateDir: `${fx.dir}/blind-ja`, locale: 'ja-JP' }).preflight();
    assert.equal(check(blind, 'role').status, 'unknown');
    assertJapanese(blind);
    // A check the service cannot answer: its cause and fix come from the error, in Japanese as well.
    await fx.control('POST', '/faults', {
      kind: 'error',
      path: `/workspaces/${fx.emu.workspace}$`,
      method: 'GET',
      status: 404,
      count: -1,
      message: 'The workspace was not found.',
    });
    const unreadable = await fx.service({ locale: 'ja' }).preflight();
    assert.equal(check(unreadable, 'networkIsolation').status, 'unknown');
    assertJapanese(unreadable);
  } finally {
    await fx.control('DELETE', '/faults');
    await fx.control('PATCH', `/workspaces/${fx.emu.workspace}`, { hasWorkingDirectory: true, defaultDatastoreType: 'AzureBlob' });
  }
  const ok = await fx.service({ locale: 'ja' }).preflight();
  assert.equal(ok.ok, true);
  assertJapanese(ok);
  // The same service in English says it in English (the option, not the machine, decides).
  const en = await fx.service({ user: 'reader-ja', stateDir: `${fx.dir}/reader-ja`, locale: 'en' }).preflight();
  assert.doesNotMatch(check(en, 'role').fix!, japanese);
  assert.match(check(en, 'role').fix!, /Owner/);
});

test("the Azure clients name what failed in the service's language, not only the framing", async () => {
  await fx.control('POST', '/faults', { kind: 'error', path: '/vmSizes$', method: 'GET', status: 403, count: -1, message: 'No access.' });
  try {
    await assert.rejects(fx.service({ locale: 'ja' }).vmSizes(), (e: AzureMlError) => {
      assert.match(e.message, /^VM サイズの一覧取得に失敗しました: No access\./);
      assert.match(e.info.fix!, /ロール/);
      return true;
    });
    await assert.rejects(fx.service({ locale: 'en' }).vmSizes(), /^AzureMlError: Listing VM sizes failed: No access\./);
  } finally {
    await fx.control('DELETE', '/faults');
  }
});

test('every preflight text has its Japanese version', () => {
  // The emulator cannot make a workspace network-isolated, so the texts of that branch are checked here.
  const en = preflightText('en');
  const ja = preflightText('ja');
  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    // Functions get sample arguments of their kinds (names and counts).
    const text = (v: (typeof en)[typeof key]) =>
      typeof v === 'function' ? (v as (...a: unknown[]) => string)('workspaceblobstore', 'AzureFile', 4, 'standardDSv3Family') : v;
    assert.match(text(ja[key]), japanese, `${key} is in Japanese`);
    assert.notEqual(text(ja[key]), text(en[key]), `${key} differs from English`);
  }
});

test('wizard data: VM sizes with quota, identities, compute instances', async () => {
  const svc = fx.service();
  const sizes = await svc.vmSizes();
  assert.ok(sizes.length > 0);
  assert.equal(sizes.find((s) => s.name === 'Standard_A2_v2')?.seriesEligible, false, 'A series is below D');
  assert.equal(sizes.find((s) => s.name === 'Standard_D4s_v3')?.seriesEligible, true);
  await fx.control('POST', '/quotas', { family: 'standardDSv3Family', limit: 0 });
  const noQuota = await fx.service().vmSizes();
  // Series and quota are separate facts: a D-series size with no quota left is eligible, and says why it cannot start.
  const d4 = noQuota.find((s) => s.name === 'Standard_D4s_v3')!;
  assert.equal(d4.seriesEligible, true, 'still D series');
  assert.equal(d4.hasQuota, false, 'no quota left');
  assert.equal(vmSizeAvailability(d4), 'noQuota');
  assert.equal(vmSizeAvailability(noQuota.find((s) => s.name === 'Standard_A2_v2')!), 'notEligible');
  await fx.control('POST', '/quotas', { family: 'standardDSv3Family', limit: 48 });

  const ids = await svc.identities();
  assert.deepEqual(
    ids.map((i) => [i.name, i.primary]),
    [['pf-demo-uai', true]],
  );
  const cis = await svc.computeInstances();
  assert.deepEqual(cis.map((c) => [c.name, c.assignedToMe]).sort(), [
    ['demo-ci', true],
    ['viewer-ci', false],
  ]);
});

test('attach identity: refused with a clear permission message, done by an Owner', async () => {
  const spare =
    (await fx.control<EmulatorState & { identities?: unknown }>('GET', '/state')) &&
    `/subscriptions/${fx.emu.subscriptionId}/resourceGroups/${fx.emu.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pf-spare-uai`;
  await assert.rejects(fx.service().attachIdentity(spare), (e: AzureMlError) => {
    assert.equal(e.kind, 'permission');
    assert.match(e.message, /may not attach pf-spare-uai/);
    assert.match(e.info.fix!, /Owner or Contributor/);
    return true;
  });
  // Accepted, but the workspace does not list it afterwards: not reported attached.
  const wsPath = `/subscriptions/${fx.emu.subscriptionId}/resourceGroups/${fx.emu.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${fx.emu.workspace}$`;
  await fx.control('POST', '/faults', { kind: 'ignoreUpdate', path: wsPath, method: 'PATCH', count: 1 });
  await assert.rejects(fx.service({ user: 'admin', stateDir: `${fx.dir}/admin` }).attachIdentity(spare), (e: AzureMlError) => {
    assert.match(e.message, /accepted attaching pf-spare-uai, but it does not list the identity/);
    assert.match(e.info.fix!, /Attach it again/);
    return true;
  });
  const list = await fx.service({ user: 'admin', stateDir: `${fx.dir}/admin` }).attachIdentity(spare);
  assert.deepEqual(list.map((i) => i.name).sort(), ['pf-demo-uai', 'pf-spare-uai']);
  await assert.rejects(fx.service().attachIdentity('not-an-id'), (e: AzureMlError) => e.kind === 'validation');
});

test('start on a stopped compute instance starts it first; settings changes say when they reset', async () => {
  await fx.control('PUT', '/computeInstances/demo-ci', { state: 'Stopped', assignedUser: 'demo' });
  const svc = fx.service();
  const flow = fx.flow('on-ci');
  const phases: string[] = [];
  const s = (
    await svc.startWithSettings(
      flow,
      { computeType: 'computeInstance', computeInstanceName: 'demo-ci', idleMinutes: 30 },
      { onProgress: (p) => p.phase && phases.push(p.phase) },
    )
  ).session;
  assert.equal(s.state, 'running');
  assert.equal(s.computeName, 'demo-ci');
  assert.ok(phases.includes('Starting compute instance demo-ci'));
  const st = await fx.control<EmulatorState>('GET', '/state');
  assert.equal(st.computeInstances.find((c) => c.name === 'demo-ci')?.state, 'Running');

  assert.equal(svc.willSettingsReset(flow, { computeType: 'computeInstance', computeInstanceName: 'demo-ci', idleMinutes: 60 }), false);
  assert.equal(svc.willSettingsReset(flow, { computeType: 'serverless', vmSize: 'Standard_D4s_v3' }), true);

  const moved = (await svc.changeSettings(flow, { computeType: 'serverless', vmSize: 'Standard_D2s_v3', idleMinutes: 20 })).session;
  assert.equal(moved.state, 'running');
  assert.notEqual(moved.computeName, 'demo-ci');
  const st2 = await fx.control<EmulatorState>('GET', '/state');
  const sess = st2.sessions.find((x) => x.sessionId === s.sessionId)!;
  assert.equal(sess.vmSize, 'Standard_D2s_v3');
  assert.equal(sess.maxIdleTimeSeconds, 1200);

  assert.equal(svc.willSettingsReset(flow, { computeType: 'serverless', vmSize: 'Standard_D2s_v3', idleMinutes: 45 }), false);
  const updated = (await svc.changeSettings(flow, { computeType: 'serverless', vmSize: 'Standard_D2s_v3', idleMinutes: 45 })).session;
  assert.equal(updated.state, 'running');
  const st3 = await fx.control<EmulatorState>('GET', '/state');
  assert.equal(st3.sessions.find((x) => x.sessionId === s.sessionId)?.maxIdleTimeSeconds, 2700);
  await svc.stop(flow);
});

test("instances group this user's sessions by compute; delete stops what it affects", async () => {
  const svc = fx.service();
  const a = fx.flow('inst-a');
  const b = fx.flow('inst-b', 'pf-demo-text==1.0.0\n');
  const sa = (await svc.start(a)).session;
  const sb = (await svc.start(b)).session;
  const list = await svc.instances();
  const inst = list.find((i) => i.sessions.some((s) => s.sessionId === sa.sessionId))!;
  assert.ok(inst, JSON.stringify(list));
  assert.equal(inst.computeType, 'serverless');
  assert.ok(inst.vmSize);
  const names = new Set(list.flatMap((i) => i.sessions.map((s) => s.flowName)));
  assert.ok(names.has('inst-a') && names.has('inst-b'));

  const impact = await svc.instanceImpact(inst.name);
  assert.ok(impact.sessions.some((s) => s.sessionId === sa.sessionId));
  const done = await svc.deleteInstance(inst.name);
  assert.deepEqual(done.sessions.map((s) => s.sessionId).sort(), impact.sessions.map((s) => s.sessionId).sort());
  for (const s of impact.sessions) assert.equal((await svc.status(s.flowFolder!)).state, 'notStarted');
  await assert.rejects(svc.instanceImpact('no-such-instance'), (e: AzureMlError) => e.kind === 'notFound');
  if ((await svc.status(b)).state === 'running') await svc.stop(b);
  assert.ok(sb.sessionId);
});

test('a service makes no request while nothing runs', async () => {
  const svc = fx.service();
  const flow = fx.flow('idle');
  await svc.start(flow);
  const count = svc.requestCount;
  // Wait for three emulator round trips made by the test itself: the service must add none.
  for (let i = 0; i < 3; i++) await fx.control('GET', '/state');
  assert.equal(svc.requestCount, count);
  svc.dispose();
  await assert.rejects(svc.start(flow), (e: AzureMlError) => e.kind === 'cancelled');
});
