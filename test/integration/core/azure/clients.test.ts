// The bundle's workspace pickers and the client plumbing against the emulator over HTTPS: the CA is
// trusted for the emulator's host only, tokens are refreshed, and faults become clear errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listSubscriptions, listWorkspaces, emulatorCredential } from '../../../../src/core/session/bundle';
import { TokenCache, ARM_SCOPE, jwtClaims } from '../../../../src/core/azure/credential';
import { HttpSender } from '../../../../src/core/azure/http';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { ArmClient } from '../../../../src/core/azure/arm';
import { startTestEmulator, type TestEmulator } from '../../../helpers/emulator';

let emu: TestEmulator;
before(async () => {
  emu = await startTestEmulator();
});
after(async () => {
  await emu?.stop();
});

const conn = () => ({
  credential: emulatorCredential(emu.endpoint, emu.caPem, undefined, emu.controlKey),
  armEndpoint: emu.endpoint,
  caPem: emu.caPem,
});

test('subscriptions and workspaces for the pickers', async () => {
  const subs = await listSubscriptions(conn());
  assert.ok(subs.some((s) => s.subscriptionId === emu.subscriptionId && s.displayName));
  const ws = await listWorkspaces(conn(), emu.subscriptionId);
  assert.ok(ws.some((w) => w.workspace === emu.workspace && w.resourceGroup === emu.resourceGroup && w.location));
});

test('the emulator credential issues ARM and ML tokens for the chosen user, and the cache reuses them', async () => {
  let calls = 0;
  const inner = emulatorCredential(emu.endpoint, emu.caPem, 'viewer', emu.controlKey);
  const cache = new TokenCache({ getToken: (s, o) => (calls++, inner.getToken(s, o)) });
  const arm = await cache.get(ARM_SCOPE);
  assert.equal(jwtClaims(arm).upn, 'viewer@contoso.com');
  assert.equal(jwtClaims(arm).aud, 'https://management.azure.com/');
  assert.equal(await cache.get(ARM_SCOPE), arm);
  assert.equal(calls, 1, 'a fresh token is served from the cache');
  const ml = await cache.get('https://ml.azure.com/.default');
  assert.equal(jwtClaims(ml).aud, 'https://ml.azure.com/');
  // A token close to expiry is refreshed before use.
  await emu.control.setTokenLifetime(60);
  cache.invalidate();
  await cache.get(ARM_SCOPE);
  await cache.get(ARM_SCOPE);
  assert.equal(calls, 4, 'a token with under 5 minutes left is not reused');
  await emu.control.setTokenLifetime(3600);
});

test('the CA is trusted only for the emulator host; plain http never carries a token', async () => {
  const tokens = new TokenCache(emulatorCredential(emu.endpoint, emu.caPem, undefined, emu.controlKey));
  const trusted = new HttpSender(tokens, emu.caPem, new Set([new URL(emu.endpoint).host]), () => undefined);
  const ok = await trusted.send({ method: 'GET', url: `${emu.endpoint}/subscriptions?api-version=2022-12-01`, operation: 'Listing' });
  assert.equal(ok.status, 200);
  const untrusted = new HttpSender(tokens, emu.caPem, new Set(['somewhere.else:443']), () => undefined);
  await assert.rejects(
    untrusted.send({ method: 'GET', url: `${emu.endpoint}/subscriptions?api-version=2022-12-01`, operation: 'Listing' }),
    (e: AzureMlError) => e.kind === 'network',
  );
  await assert.rejects(
    trusted.send({ method: 'GET', url: `http://${new URL(emu.endpoint).host}/subscriptions`, operation: 'Listing' }),
    (e: AzureMlError) => /plain http/.test(e.message),
  );
});

test('ARM faults map to kinds with request ids; a revoked token is refreshed once', async () => {
  await emu.control.addFault({ kind: 'error', status: 404, path: '/workspaces$', method: 'GET', count: 1 });
  await assert.rejects(listWorkspaces(conn(), emu.subscriptionId), (e: AzureMlError) => e.kind === 'notFound' && !!e.info.fix);
  await emu.control.addFault({ kind: 'throttle', path: '^/subscriptions$', method: 'GET', count: 1, retryAfterSeconds: 1 });
  assert.ok((await listSubscriptions(conn())).length > 0, 'a 429 with Retry-After is retried');
  // One client across the expiry: its cached token is refused (401), refreshed, and the call retried.
  let issued = 0;
  const inner = emulatorCredential(emu.endpoint, emu.caPem, undefined, emu.controlKey);
  const tokens = new TokenCache({ getToken: (s, o) => (issued++, inner.getToken(s, o)) });
  const hosts = new Set([new URL(emu.endpoint).host]);
  const sender = new HttpSender(tokens, emu.caPem, hosts, () => undefined);
  const arm = new ArmClient({ armEndpoint: emu.endpoint, tokens, caPem: emu.caPem, trustedHosts: hosts, log: () => undefined, sender });
  await arm.listWorkspaces(emu.subscriptionId);
  await arm.listSubscriptions();
  assert.equal(issued, 1);
  await emu.control.expireTokens();
  assert.ok((await arm.listWorkspaces(emu.subscriptionId)).length > 0, 'SDK path: the expired token was replaced');
  assert.ok((await arm.listSubscriptions()).length > 0, 'pipeline path: the expired token was replaced');
  assert.equal(issued, 2);
});
