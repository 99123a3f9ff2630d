// State survives a restart, including a hard kill in the middle of an operation: afterwards nothing
// is InProgress forever, and what could not finish says so. Also runs the real entry point (main.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIR, startTestEmulator, waitFor } from '../../helpers/emulator';
import type { EmulatorReady } from '../../../src/emulator/api';
import { act, getSession, packages, post, settle } from '../../helpers/emulatorSessions';

describe('emulator persistence', () => {
  it('keeps sessions, computes and runs across a clean restart', async () => {
    let emu = await startTestEmulator();
    try {
      assert.equal((await act(emu, 'keep', { pythonPipRequirements: ['pf-demo-text==1.0.0'] })).status, 'Succeeded');
      await emu.control.advanceClock(120);
      const stop = await emu.request('POST', `${emu.workspacePath}/computes/demo-ci/stop?api-version=2022-10-01`);
      assert.equal(stop.status, 202);
      const state = readFileSync(join(emu.dataDir, 'state.json'), 'utf8');
      const ready = JSON.parse(readFileSync(join(emu.dataDir, 'ready.json'), 'utf8'));
      assert.equal(ready.endpoint, emu.endpoint);
      assert.equal(ready.token, undefined, 'ready.json carries no tokens');
      assert.ok(!state.includes(emu.token) && !state.includes(emu.mlToken), 'no token reaches the state file');
      emu = await emu.restart();
      const s = await getSession(emu, 'keep');
      assert.equal(s.status, 200);
      assert.ok((await packages(emu, 'keep')).includes('pf-demo-text==1.0.0'));
      const after = await emu.control.state();
      assert.equal(after.computeInstances.find((c) => c.name === 'demo-ci')?.state, 'Stopped', 'the stop in flight completed');
      assert.ok(Date.parse(after.now) - Date.now() > 100_000, 'the emulated clock offset persists');
    } finally {
      await emu.stop();
    }
  });

  it('settles an operation interrupted by a hard kill with a clear failure', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pfsession-emu-kill-'));
    try {
      // The real entry point in a child process, so it can be killed without warning.
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(__dirname, '../../../src/emulator/main.ts'),
          '--data-dir',
          dataDir,
          '--time-scale',
          '0.002',
          '--no-azurite',
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, PFSESSION_EMULATOR_CACHE: CACHE_DIR },
        },
      );
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      const readyLine = await waitFor('the ready line', () => (out.includes('\n') ? out.split('\n')[0] : undefined), 60_000);
      const ready = JSON.parse(readyLine) as EmulatorReady;
      assert.equal(ready.ready, true);
      assert.match(ready.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      for (const k of ['token', 'mlToken', 'subscriptionId', 'resourceGroup', 'workspace', 'ca', 'tokenEndpoint', 'control'] as const)
        assert.ok(ready[k], k);
      const flowBase = `${ready.endpoint}/flow/api/subscriptions/${ready.subscriptionId}/resourceGroups/${ready.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${ready.workspace}`;
      const ca = readFileSync(ready.ca, 'utf8');
      const call = (method: string, url: string, body?: unknown) =>
        new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
          const payload = body === undefined ? undefined : JSON.stringify(body);
          const req = httpsRequest(
            url,
            {
              method,
              ca,
              headers: {
                authorization: `Bearer ${ready.token}`,
                'aml-user-token': ready.mlToken,
                ...(payload ? { 'content-type': 'application/json' } : {}),
              },
            },
            (res) => {
              let text = '';
              res.on('data', (c: Buffer) => (text += c.toString('utf8')));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
            },
          );
          req.on('error', reject);
          req.end(payload);
        });
      const created = await call('POST', `${flowBase}/FlowSessions/killed`, { pythonPipRequirements: ['pf-demo-utils'] });
      assert.equal(created.status, 202);
      const opUrl = String(created.headers['azure-asyncoperation']);
      const opId = opUrl.split('/').pop() as string;
      await waitFor('the operation on disk', () =>
        existsSync(join(dataDir, 'state.json')) && readFileSync(join(dataDir, 'state.json'), 'utf8').includes(opId) ? true : undefined,
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const emu = await startTestEmulator({ dataDir });
      try {
        const op = await settle(emu, `${emu.flowBase}/FlowSessions/killed/SetupFlowSessionAction/locations/eastus/operations/${opId}`);
        if (op.status === 'Failed') assert.match(op.error?.message ?? '', /restarted while the Install operation was in progress/);
        else assert.equal(op.status, 'Succeeded', 'only if it had finished before the kill');
        // Whatever happened, the session can be used again.
        const again = await post(emu, 'killed', {
          action: (await getSession(emu, 'killed')).status === 200 ? 'Reset' : 'Install',
          pythonPipRequirements: ['pf-demo-utils'],
        });
        assert.equal((await settle(emu, again)).status, 'Succeeded');
        assert.ok((await packages(emu, 'killed')).includes('pf-demo-utils==1.0.0'));
      } finally {
        await emu.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
