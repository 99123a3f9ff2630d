// Command-line front of the emulator, shared by dist/emulator.js and `pfsession emulator`:
//   node dist/emulator.js [--port N] [--data-dir D] [--seed FILE] [--time-scale X] [--no-azurite]
// PFSESSION_EMULATOR_CACHE names a folder where the wheelhouse and base images are kept between data
// folders (building a base image takes several seconds).
import { readFileSync } from 'node:fs';
import { stdout, stderr } from 'node:process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from './server';
import type { EmulatorReady, RunningEmulator } from './api';

export interface EmulatorCliOptions {
  port: number;
  dataDir: string;
  seedFile?: string;
  timeScale: number;
  azurite: boolean;
}

/** The data folder when `--data-dir` names none. */
export const defaultDataDir = (): string => join(homedir(), '.pfsession-emulator');

/** What an emulator's data folder says of the emulator running on it: its `ready.json` (server.ts writes it). */
export type PublicReady = Omit<EmulatorReady, 'token' | 'mlToken' | 'controlKey'> & { pid: number };

/**
 * The emulator running on `dataDir`: `none` when no emulator ever started there (or its file cannot be
 * read), `ended` when the process that wrote it is gone.
 */
export function readRunningEmulator(dataDir: string): { ready: PublicReady } | { none: true } | { ended: number } {
  let ready: PublicReady;
  try {
    ready = JSON.parse(readFileSync(join(dataDir, 'ready.json'), 'utf8')) as PublicReady;
  } catch {
    return { none: true };
  }
  if (typeof ready?.endpoint !== 'string' || typeof ready.ca !== 'string' || !Number.isInteger(ready.pid)) return { none: true };
  try {
    // Signal 0 only asks whether the process exists; EPERM means it does, under another user.
    process.kill(ready.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return { ended: ready.pid };
  }
  return { ready };
}

export function parseEmulatorArgs(args: string[]): EmulatorCliOptions {
  const o: EmulatorCliOptions = { port: 0, dataDir: defaultDataDir(), timeScale: 1, azurite: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') {
      o.port = Number(value());
      if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new Error('--port must be a whole number from 0 to 65535');
    } else if (a === '--data-dir') o.dataDir = value();
    else if (a === '--seed') o.seedFile = value();
    else if (a === '--time-scale') {
      o.timeScale = Number(value());
      if (!Number.isFinite(o.timeScale) || o.timeScale < 0) throw new Error('--time-scale must be a number >= 0');
    } else if (a === '--no-azurite') o.azurite = false;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** Starts, prints the ready line, and stops cleanly on SIGINT/SIGTERM. Resolves when stopped. */
export async function runEmulator(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    stdout.write('usage: pfsession emulator [--port N] [--data-dir D] [--seed FILE] [--time-scale X] [--no-azurite]\n');
    return 0;
  }
  let o: EmulatorCliOptions;
  try {
    o = parseEmulatorArgs(args);
  } catch (err) {
    stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  let emu: RunningEmulator;
  try {
    emu = await startEmulator({
      port: o.port,
      dataDir: o.dataDir,
      seedFile: o.seedFile,
      timeScale: o.timeScale,
      azurite: o.azurite,
      cacheDir: process.env.PFSESSION_EMULATOR_CACHE || undefined,
    });
  } catch (err) {
    stderr.write(`emulator: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const { stop: _stop, ...ready } = emu;
  stdout.write(`${JSON.stringify(ready)}\n`);
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await emu.stop();
  return 0;
}
