// What status says (S3, S4): the session as the service reports it, with its VM size, identity, the
// image's Python version and the idle deadline, read on the service's clock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

const MIN = 60_000;

test("status reports the VM size, the image's Python version and an idle deadline on the service's clock", async () => {
  const svc = fx.service();
  const flow = fx.flow('status');
  const started = (await svc.startWithSettings(flow, { computeType: 'serverless', vmSize: 'Standard_D2s_v3', idleMinutes: 30 })).session;
  assert.equal(started.vmSize, 'Standard_D2s_v3');
  assert.match(started.pythonVersion ?? '', /^3\.\d+\.\d+$/, 'the Python version of the image');
  assert.equal(started.identityResourceId, undefined, "the user's own identity");
  const left = started.idleDeadline! - Date.now();
  assert.ok(left > 29 * MIN && left <= 30 * MIN + 5000, `about 30 min left: ${left} ms`);
  // 20 minutes pass on the service's clock with nothing done: 10 are left.
  await fx.control('POST', '/clock/advance', { seconds: 20 * 60 });
  const later = await fx.service().status(flow);
  const now = later.idleDeadline! - Date.now();
  assert.ok(now > 9 * MIN && now <= 10 * MIN + 5000, `about 10 min left: ${now} ms`);
  await fx.control('POST', '/clock/advance', { seconds: 11 * 60 });
  assert.equal((await fx.service().status(flow)).state, 'notStarted', 'idle past its deadline: deleted');
});
