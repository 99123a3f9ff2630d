// What the emulator keeps to itself: the control API and the token endpoint answer only the holder of
// the control key of its ready line (also in tls/control.key, readable by its owner only), and
// another user's session is absent for every method, so that nothing reveals that it exists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

interface PfsError {
  error: { code: string; message: string; innerError?: { code: string } };
}

describe('the emulator guards its control, its tokens and its users', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  after(async () => {
    await emu?.stop();
  });

  it('the control API and the token endpoint refuse a caller without the control key', async () => {
    for (const key of [false, undefined]) {
      const headers: Record<string, string> = key === undefined ? { 'x-emulator-key': 'not-the-key' } : {};
      const state = await emu.request('GET', '/_emulator/state', { token: null, controlKey: false, headers });
      assert.equal(state.status, 401, "the state (with every session's requirements) is not read without the key");
      const token = await emu.request<{ error: string }>('POST', '/_identity/token', {
        token: null,
        controlKey: false,
        headers,
        body: { scope: 'https://management.azure.com/.default', user: 'admin' },
      });
      assert.equal(token.status, 401, 'no token is minted without the key');
      assert.equal(token.body.error, 'invalid_client');
      assert.doesNotMatch(token.text, /access_token/);
    }
    // With the key (what the helpers send), both answer.
    assert.equal((await emu.request('GET', '/_emulator/state', { token: null })).status, 200);
    const ok = await emu.request<{ access_token: string }>('POST', '/_identity/token', {
      token: null,
      body: { scope: 'https://management.azure.com/.default' },
    });
    assert.equal(ok.status, 200);
    assert.ok(ok.body.access_token);
  });

  it('the key is named by the ready line and a file only its owner may read, and not by ready.json', () => {
    const file = join(emu.dataDir, 'tls', 'control.key');
    assert.equal(readFileSync(file, 'utf8').trim(), emu.controlKey);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(emu.controlKey.length >= 32);
    assert.ok(!readFileSync(join(emu.dataDir, 'ready.json'), 'utf8').includes(emu.controlKey));
  });

  it("another user's session answers 404 to every method, as a session that does not exist", async () => {
    const url = `${emu.flowBase}/FlowSessions/owned-by-demo`;
    const created = await emu.request('POST', url, { body: { pythonPipRequirements: [] }, headers: { 'aml-user-token': emu.mlToken } });
    assert.equal(created.status, 202);
    const admin = await emu.control.token({ user: 'admin' });
    const adminMl = await emu.control.token({ user: 'admin', audience: 'ml' });
    const missing = await emu.request<PfsError>('GET', `${emu.flowBase}/FlowSessions/never-was`, { token: admin });
    assert.equal(missing.status, 404);
    for (const [method, path, body] of [
      ['GET', url, undefined],
      ['GET', `${url}/pipPackages`, undefined],
      ['POST', url, { action: 'Install', pythonPipRequirements: [] }],
      ['POST', url, { action: 'Reset' }],
      ['DELETE', url, undefined],
    ] as const) {
      const r = await emu.request<PfsError>(method, path, { token: admin, body, headers: { 'aml-user-token': adminMl } });
      assert.equal(r.status, 404, `${method} ${path.split('/').slice(-2).join('/')}: ${r.text}`);
      assert.equal(r.body.error.innerError?.code, missing.body.error.innerError?.code, 'the same answer as a session that never was');
      assert.doesNotMatch(r.text, /another user/);
    }
    // The owner still has it.
    assert.equal((await emu.request('GET', url)).status, 200);
  });
});
