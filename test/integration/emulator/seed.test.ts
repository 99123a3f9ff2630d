// A seed file replaces the demo world; a broken seed stops the start with a clear message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator } from '../../helpers/emulator';
import { startEmulator } from '../../../src/emulator/server';
import { parseEmulatorArgs } from '../../../src/emulator/cli';

describe('emulator seed and options', () => {
  it('starts from a seed file with its own users, workspace, instances and quota', async () => {
    const emu = await startTestEmulator({
      seed: {
        subscriptionId: '11111111-2222-4333-8444-555555555555',
        users: [{ alias: 'ana', upn: 'ana@fabrikam.com' }],
        roleAssignments: [{ user: 'ana', role: 'b24988ac-6180-42a0-ab88-20f7382dd24c', scope: 'resourceGroup' }],
        identities: [],
        workspaces: [{ name: 'fab-ws', resourceGroup: 'fab-rg', location: 'westus2' }],
        computeInstances: [{ name: 'ana-ci', vmSize: 'Standard_E4s_v3', state: 'Stopped', assignedUser: 'ana' }],
        quotas: [{ family: 'standardDSv3Family', limit: 2 }],
      },
    });
    try {
      assert.equal(emu.workspace, 'fab-ws');
      assert.equal(emu.resourceGroup, 'fab-rg');
      assert.equal(emu.subscriptionId, '11111111-2222-4333-8444-555555555555');
      const claims = JSON.parse(Buffer.from(emu.token.split('.')[1], 'base64url').toString());
      assert.equal(claims.upn, 'ana@fabrikam.com');
      const ws = await emu.request<{ location: string; identity: { type: string } }>('GET', `${emu.workspacePath}?api-version=2022-10-01`);
      assert.equal(ws.body.location, 'westus2');
      assert.equal(ws.body.identity.type, 'SystemAssigned');
      const state = await emu.control.state();
      assert.deepEqual(
        state.computeInstances.map((c) => [c.name, c.state]),
        [['ana-ci', 'Stopped']],
      );
      const tooBig = await emu.request<{ error: { innerError: { code: string } } }>('POST', `${emu.flowBase}/FlowSessions/x`, {
        body: { vmSize: 'Standard_D4s_v3' },
        headers: { 'aml-user-token': emu.mlToken },
      });
      assert.equal(tooBig.body.error.innerError.code, 'QuotaExceeded');
    } finally {
      await emu.stop();
    }
  });

  it('refuses a seed that names an unknown user, and bad options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfsession-seed-'));
    try {
      const file = join(dir, 'seed.json');
      writeFileSync(file, JSON.stringify({ users: [{ alias: 'a' }], roleAssignments: [{ user: 'ghost', role: 'x' }] }));
      await assert.rejects(startEmulator({ dataDir: join(dir, 'data'), seedFile: file, azurite: false }), /unknown user "ghost"/);
      writeFileSync(file, '{ not json');
      await assert.rejects(startEmulator({ dataDir: join(dir, 'data2'), seedFile: file, azurite: false }), /cannot read seed file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.throws(() => parseEmulatorArgs(['--port', 'abc']), /--port/);
    assert.throws(() => parseEmulatorArgs(['--bogus']), /unknown option --bogus/);
    assert.deepEqual(parseEmulatorArgs(['--port', '8443', '--data-dir', '/tmp/x', '--no-azurite']), {
      port: 8443,
      dataDir: '/tmp/x',
      timeScale: 1,
      azurite: false,
    });
  });
});
