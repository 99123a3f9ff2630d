// Fault: the service (emulator) restarts while a session start is in progress. The emulator stops
// with the operation InProgress and comes back on the same data folder and the same port; the session
// service must end in a clear state (finished, or failed with a message), keep the flow's binding, and
// be able to carry on afterwards.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startEmulator } from '../../../src/emulator/server';
import type { RunningEmulator } from '../../../src/emulator/api';
import { CACHE_DIR, waitFor } from '../../helpers/emulator';
import { createSessionService, emulatorCredential } from '../../../src/core/session/bundle';
import type { ISessionService, SessionInfo } from '../../../src/core/session/types';

// Slow enough that the start operation is still InProgress when the emulator goes down
// (compute provisioning 6 s × 0.5), fast enough for a unit test.
const TIME_SCALE = 0.5;

async function controlState(
  emu: RunningEmulator,
  caPem: string,
): Promise<{ operations: { sessionId: string; status: string; action: string; error?: { message: string } }[] }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(
      new URL('/_emulator/state', emu.endpoint),
      { ca: caPem, agent: false, headers: { 'x-emulator-key': emu.controlKey } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`state: ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('emulator restart in the middle of a session start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pf-fault-restart-'));
  const dataDir = join(dir, 'emulator');
  let emu: RunningEmulator | undefined;
  let svc: ISessionService | undefined;
  after(async () => {
    svc?.dispose();
    await emu?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends failed with a message or finished, keeps the binding, and a later start recovers', async () => {
    emu = await startEmulator({ port: 0, dataDir, timeScale: TIME_SCALE, azurite: false, cacheDir: CACHE_DIR });
    const port = Number(new URL(emu.endpoint).port);
    const caPem = readFileSync(emu.ca, 'utf8');
    const stateDir = join(dir, 'state');
    const folder = join(dir, 'flow');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'flow.dag.yaml'),
      'environment:\n  python_requirements_txt: requirements.txt\ninputs: {}\noutputs: {}\nnodes: []\n',
    );
    writeFileSync(join(folder, 'requirements.txt'), '');
    const logs: string[] = [];
    svc = createSessionService({
      workspace: { subscriptionId: emu.subscriptionId, resourceGroup: emu.resourceGroup, workspace: emu.workspace },
      credential: emulatorCredential(emu.endpoint, caPem, undefined, emu.controlKey),
      armEndpoint: emu.endpoint,
      caPem,
      stateDir,
      pollPolicy: { initialMs: 100, maxMs: 400 },
      log: (level, message) => logs.push(`${level} ${message}`),
    });

    type Outcome = { info?: SessionInfo; error?: Error };
    const outcome: Promise<Outcome> = svc.start(folder).then(
      (r) => ({ info: r.session }),
      (error: Error) => ({ error }),
    );
    const first = emu;
    await waitFor(
      'the start operation to be in progress',
      async () => ((await controlState(first, caPem)).operations.some((o) => o.status === 'InProgress') ? true : undefined),
      30_000,
    );
    await first.stop();
    emu = undefined;
    // Same data folder and port: the service's endpoint stays valid and the state survives.
    emu = await startEmulator({ port, dataDir, timeScale: TIME_SCALE, azurite: false, cacheDir: CACHE_DIR });
    assert.equal(emu.endpoint, `https://127.0.0.1:${port}`);
    const afterRestart = await controlState(emu, readFileSync(emu.ca, 'utf8'));
    assert.ok(
      afterRestart.operations.length > 0 && afterRestart.operations.every((o) => o.status !== 'InProgress'),
      'nothing stays InProgress in the emulator after its restart',
    );

    const result = await outcome;
    const info = svc.peek(folder);
    assert.ok(info, 'the service still knows the flow');
    if (result.error) {
      assert.equal(info.state, 'failed', `a failed start shows as failed, not ${info.state}`);
      assert.ok(info.error?.message && info.error.message.length > 10, 'the failure carries a message');
      assert.doesNotMatch(info.error.message, /undefined|\[object Object\]|^\s*at /, 'the message reads as a message');
      // The session exists on the service now, so the fix names what reaches it.
      assert.match(info.error.fix ?? '', /reset|stop/i, `the fix says what the user can do: ${info.error.fix}`);
    } else {
      assert.ok(result.info && ['running', 'failed'].includes(result.info.state), `finished in a clear state, not ${result.info?.state}`);
    }

    // The binding: the flow must still be tied to its session so status/reset/stop reach it.
    const stateFiles = existsSync(stateDir) ? readdirSync(stateDir).filter((f) => f.endsWith('.json')) : [];
    const bound = stateFiles.some((f) => readFileSync(join(stateDir, f), 'utf8').includes(JSON.stringify(folder).slice(1, -1)));
    const status = await svc.status(folder).catch((e: Error) => ({ state: `error: ${e.message}`, sessionId: '' }));
    assert.ok(
      bound,
      `the flow's binding was lost after the interrupted start (state files: ${stateFiles.join(', ') || 'none'}; status now ${status.state}; start said: ${result.error?.message ?? result.info?.state})`,
    );
    assert.ok(status.sessionId, 'status still names the session');

    // And the user can carry on: starting again ends running (the session is reused or rebuilt).
    const again = await svc.reset(folder).catch(() => svc!.start(folder));
    assert.equal(again.session.state, 'running');
  });
});
