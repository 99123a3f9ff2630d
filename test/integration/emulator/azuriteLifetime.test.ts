// Azurite ends with the emulator, also when the emulator is killed with SIGKILL, and a restart on
// the same data folder never finds a second one running on its files. The built emulator runs as a
// process of its own here, as `npm start` and the host tests run it, and is really killed.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR, startEmulator } from '../host/emulator-process.mjs';
import { waitFor } from '../../helpers/emulator';
import { running } from '../../helpers/processes';

const azuritePid = (dataDir: string) => Number(readFileSync(join(dataDir, 'azurite', 'azurite.pid'), 'utf8'));

async function start(dataDir: string) {
  const r = await startEmulator({ dataDir, extraArgs: ['--time-scale', '0'] });
  if ('error' in r) throw new Error(`the emulator did not start: ${r.error}`);
  return r;
}

describe('the emulator and its Azurite child', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pfs-azurite-life-'));
  const stops: (() => Promise<void>)[] = [];
  const children: number[] = [];
  after(async () => {
    for (const s of stops) await s();
    // Whatever a failed assertion left behind (a frozen Azurite) is ended here.
    for (const pid of children.filter(running)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 of the emulator ends its Azurite; a restart runs one Azurite again', async () => {
    assert.ok(existsSync(EMULATOR), 'dist/emulator.js is missing: run `node esbuild.mjs` first');
    const first = await start(dataDir);
    stops.push(first.stop);
    const child = azuritePid(dataDir);
    children.push(child);
    assert.ok(running(child), 'Azurite runs beside the emulator');
    process.kill(first.pid, 'SIGKILL');
    await waitFor('Azurite to end with its emulator', () => (running(child) ? undefined : true), 30_000);

    const second = await start(dataDir);
    stops.push(second.stop);
    const next = azuritePid(dataDir);
    assert.notEqual(next, child);
    assert.ok(running(next));
    await second.stop();
    await waitFor('Azurite to end with a stopped emulator', () => (running(next) ? undefined : true), 30_000);
  });

  it('an Azurite that outlived its emulator (stopped, so it could not notice) is ended by the next start', async () => {
    const first = await start(dataDir);
    stops.push(first.stop);
    const stray = azuritePid(dataDir);
    children.push(stray);
    // Frozen, it cannot see its emulator go: only the next start can end it.
    process.kill(stray, 'SIGSTOP');
    process.kill(first.pid, 'SIGKILL');
    const second = await start(dataDir);
    stops.push(second.stop);
    await waitFor('the stray Azurite to be ended', () => (running(stray) ? undefined : true), 30_000);
    const next = azuritePid(dataDir);
    assert.notEqual(next, stray);
    assert.ok(running(next), 'one Azurite runs for the folder: the new one');
  });
});
