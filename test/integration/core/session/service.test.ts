// The session service against the real emulator over HTTPS: every verb, each ending in the right state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { startFixture, recordStates, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

test('start, status, packages, install, reset, stop: each verb ends in the right state', async () => {
  const svc = fx.service();
  const rec = recordStates(svc);
  const flow = fx.flow('lifecycle', 'pf-demo-text==1.0.0\n');
  assert.equal((await svc.status(flow)).state, 'notStarted');
  const phases: string[] = [];
  const started = (await svc.start(flow, { onProgress: (p) => p.phase && phases.push(p.phase) })).session;
  assert.equal(started.state, 'running');
  assert.ok(started.computeName, 'the session reports its compute');
  // The status read the service (no session yet) before the start began.
  assert.deepEqual(rec.states.slice(0, 3), ['notStarted', 'starting', 'running']);
  assert.ok(phases.includes('Requesting the session'));

  // peek answers from memory: no request.
  const before = svc.requestCount;
  assert.equal(svc.peek(flow)?.state, 'running');
  assert.equal(svc.requestCount, before);
  assert.equal((await svc.status(flow)).state, 'running');

  let pk = await svc.packages(flow);
  assert.deepEqual(pk.missing, []);
  assert.ok(pk.installed.some((p) => p.name === 'pf-demo-text' && p.version === '1.0.0'));
  assert.ok(
    pk.extra.some((p) => p.name === 'promptflow'),
    'base image packages show as extra',
  );

  writeFileSync(join(flow, 'requirements.txt'), 'pf-demo-text==1.1.0\npf-private-lib\n');
  pk = await svc.packages(flow);
  assert.deepEqual(pk.different, [{ name: 'pf-demo-text', required: '==1.1.0', installed: '1.0.0' }]);
  assert.deepEqual(pk.missing, [{ name: 'pf-private-lib', required: '' }]);

  const installed = (await svc.installRequirements(flow)).session;
  assert.equal(installed.state, 'running');
  assert.equal(installed.error, undefined);
  pk = await svc.packages(flow);
  assert.deepEqual(pk.missing, []);
  assert.deepEqual(pk.different, []);

  const reset = (await svc.reset(flow)).session;
  assert.equal(reset.state, 'running');
  assert.ok(rec.states.includes('resetting'));

  const stopped = await svc.stop(flow);
  assert.equal(stopped.sessionId, started.sessionId);
  assert.equal(stopped.computeDeleted, true);
  assert.equal((await svc.status(flow)).state, 'notStarted');
  const st = await fx.control<EmulatorState>('GET', '/state');
  assert.ok(!st.sessions.some((s) => s.sessionId === started.sessionId));
});

test('a stop whose delete the service did not apply says so, and the flow keeps its running session', async () => {
  const svc = fx.service();
  const flow = fx.flow('stop-kept');
  const started = (await svc.start(flow)).session;
  await fx.control('POST', '/faults', { kind: 'keepSession', path: `FlowSessions/${started.sessionId}$`, count: 1 });
  await assert.rejects(svc.stop(flow), (e: AzureMlError) => {
    assert.match(e.message, new RegExp(`stopping session ${started.sessionId}, but it still reports the session`));
    assert.match(e.info.fix ?? '', /stop it again/);
    return true;
  });
  // Not "not started", and not "failed": the read found the session running.
  assert.equal(svc.peek(flow)?.state, 'running');
  assert.equal((await svc.status(flow)).state, 'running');
  const st = await fx.control<EmulatorState>('GET', '/state');
  assert.ok(
    st.sessions.some((s) => s.sessionId === started.sessionId),
    'the emulator kept the session',
  );
  // The binding stayed, so a second stop deletes the same session.
  const stopped = await svc.stop(flow);
  assert.equal(stopped.sessionId, started.sessionId);
  assert.equal((await svc.status(flow)).state, 'notStarted');
});

test('double start shares one operation and one session', async () => {
  const svc = fx.service();
  const flow = fx.flow('double');
  const [{ session: a }, { session: b }] = await Promise.all([svc.start(flow), svc.start(flow)]);
  assert.equal(a.sessionId, b.sessionId);
  const st = await fx.control<EmulatorState>('GET', '/state');
  assert.equal(st.operations.filter((o) => o.sessionId === a.sessionId && o.action === 'Install').length, 1);
  // A start on a running session reuses it: no new operation.
  await svc.start(flow);
  const st2 = await fx.control<EmulatorState>('GET', '/state');
  assert.equal(st2.operations.filter((o) => o.sessionId === a.sessionId && o.action === 'Install').length, 1);
  // Another verb while one runs is refused clearly.
  const starting = svc.reset(flow);
  await assert.rejects(svc.installRequirements(flow), (e: AzureMlError) => e.kind === 'conflict' && /under way/.test(e.message));
  await starting;
  await svc.stop(flow);
});

test('a second service (another process) finds the binding in stateDir', async () => {
  const flow = fx.flow('persist');
  const first = fx.service();
  const s = (await first.start(flow)).session;
  const second = fx.service();
  const st = await second.status(flow);
  assert.equal(st.sessionId, s.sessionId);
  assert.equal(st.state, 'running');
  await second.stop(flow);
});

test('429 with Retry-After while polling: the watch waits and the start completes', async () => {
  const svc = fx.service();
  const flow = fx.flow('throttle');
  await fx.control('POST', '/faults', { kind: 'throttle', path: '/operations/', method: 'GET', count: 3, retryAfterSeconds: 1 });
  const t0 = Date.now();
  const s = (await svc.start(flow)).session;
  assert.equal(s.state, 'running');
  assert.ok(Date.now() - t0 >= 2500, 'Retry-After was honoured');
  assert.deepEqual(await fx.control('GET', '/faults'), []);
  await svc.stop(flow);
});

test('500 on the creating POST is not retried: the start fails clearly, and a retry succeeds', async () => {
  const svc = fx.service();
  const rec = recordStates(svc);
  const flow = fx.flow('err500');
  await fx.control('POST', '/faults', { kind: 'error', status: 500, path: '/FlowSessions/[0-9a-f]+$', method: 'POST', count: 1 });
  await assert.rejects(svc.start(flow), (e: AzureMlError) => {
    assert.equal(e.kind, 'transient');
    assert.match(e.message, /request id/);
    assert.ok(e.info.fix);
    return true;
  });
  assert.equal(rec.states[rec.states.length - 1], 'failed');
  assert.equal(svc.peek(flow)?.error?.kind, 'transient');
  const s = (await svc.start(flow)).session;
  assert.equal(s.state, 'running');
  assert.equal(s.error, undefined);
  await svc.stop(flow);
});

test('503 and dropped connections while polling are ridden out', async () => {
  const svc = fx.service();
  const flow = fx.flow('flaky');
  await fx.control('POST', '/faults', { kind: 'error', status: 503, path: '/operations/', method: 'GET', count: 2 });
  await fx.control('POST', '/faults', { kind: 'drop', path: '/operations/', method: 'GET', count: 2 });
  const s = (await svc.start(flow)).session;
  assert.equal(s.state, 'running');
  assert.deepEqual(await fx.control('GET', '/faults'), []);
  await svc.stop(flow);
});

test('a dropped connection on the creating POST is retried (the id makes it idempotent)', async () => {
  const svc = fx.service();
  const flow = fx.flow('droppost');
  await fx.control('POST', '/faults', { kind: 'drop', path: '/FlowSessions/[0-9a-f]+$', method: 'POST', count: 1 });
  assert.equal((await svc.start(flow)).session.state, 'running');
  await svc.stop(flow);
});

test('a token that expires mid-poll is refreshed and the watch goes on', async () => {
  const svc = fx.service();
  const flow = fx.flow('expiry');
  let expired: Promise<unknown> | undefined;
  const logsBefore = fx.logs.length;
  // The 202 reply is seen before the first poll (100 ms later): expire every token right then.
  const s = (
    await svc.start(flow, {
      onProgress: (p) => {
        if (p.phase === 'Waiting for the service' && !expired) expired = fx.control('POST', '/tokens/expire');
      },
    })
  ).session;
  assert.ok(expired, 'the token was expired while the operation was watched');
  await expired;
  assert.equal(s.state, 'running');
  assert.ok(
    fx.logs.slice(logsBefore).some((l) => /operations\/.*token refused \(401\)/.test(l)),
    'a poll met the expired token and was retried',
  );
  await svc.stop(flow);
});

test('a failing operation ends in failed with the service message and a fix', async () => {
  const svc = fx.service();
  const flow = fx.flow('failop');
  await fx.control('POST', '/faults', {
    kind: 'failOperation',
    path: 'FlowSessions/',
    count: 1,
    message: 'Failed to pull image: manifest unknown',
  });
  await assert.rejects(svc.start(flow), (e: AzureMlError) => {
    assert.equal(e.kind, 'image');
    assert.match(e.message, /manifest unknown/);
    assert.ok(e.info.fix && /image/i.test(e.info.fix));
    return true;
  });
  assert.equal(svc.peek(flow)?.state, 'failed');
});

test('conflicting requirements fail the install with a package conflict message', async () => {
  const svc = fx.service();
  const flow = fx.flow('conflict');
  await svc.start(flow);
  writeFileSync(join(flow, 'requirements.txt'), 'pf-demo-utils==1.0.0\npf-demo-text==1.1.0\n');
  let err: AzureMlError | undefined;
  const info = await svc.installRequirements(flow).then(
    (r) => r.session,
    (e: AzureMlError) => {
      err = e;
      return svc.peek(flow)!;
    },
  );
  const kind = err?.kind ?? info.error?.kind;
  assert.equal(kind, 'packageConflict', JSON.stringify(err?.info ?? info.error));
  await svc.stop(flow);
});

test('cancelling a start stops the watch; the state says it is unknown until checked', async () => {
  const svc = fx.service();
  const flow = fx.flow('cancel');
  const ac = new AbortController();
  const p = svc.start(flow, {
    cancel: ac.signal,
    onProgress: (pr) => {
      if (pr.phase === 'Waiting for the service') ac.abort();
    },
  });
  await assert.rejects(p, (e: AzureMlError) => e.kind === 'cancelled' && /may still finish/.test(e.message));
  assert.equal(svc.peek(flow)?.state, 'unknown');
  // A CancelToken works the same way, and a cancelled start can be started again.
  let listener: (() => void) | undefined;
  const token = { cancelled: false, onCancel: (l: () => void) => (listener = l) };
  const again = svc.start(flow, { cancel: token });
  token.cancelled = true;
  listener?.();
  await assert.rejects(again, (e: AzureMlError) => e.kind === 'cancelled');
  const s = (await svc.start(flow)).session;
  assert.equal(s.state, 'running');
  await svc.stop(flow);
});

test('bad flow folders give clear validation errors without requests', async () => {
  const svc = fx.service();
  const before = svc.requestCount;
  await assert.rejects(
    svc.start(join(fx.dir, 'nowhere')),
    (e: AzureMlError) => e.kind === 'validation' && /No flow\.dag\.yaml/.test(e.message),
  );
  const broken = fx.flow('broken');
  writeFileSync(join(broken, 'flow.dag.yaml'), 'environment: [\n');
  await assert.rejects(svc.start(broken), (e: AzureMlError) => e.kind === 'validation' && /not valid YAML/.test(e.message));
  assert.equal(svc.requestCount, before);
  // A flow with no session: the service, asked, has none, and the install says to start it first.
  await assert.rejects(
    svc.installRequirements(fx.flow('unbound')),
    (e: AzureMlError) => e.kind === 'validation' && /Start the session first/.test(e.info.fix ?? ''),
  );
});
