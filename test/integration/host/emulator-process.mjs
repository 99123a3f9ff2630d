// Starts `dist/emulator.js` as a process of its own and waits for its ready line (EmulatorReady in
// src/emulator/api.ts). A missing or failing emulator is reported, not fatal: host tests and `npm start`
// then run without one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './setup.mjs';
import { stopProcessGroup } from './processGroup.mjs';

export const EMULATOR = join(ROOT, 'dist', 'emulator.js');

/**
 * @param {{ dataDir: string, port?: number, timeoutMs?: number, verbose?: boolean, extraArgs?: string[], env?: Record<string, string> }} o
 * @returns {Promise<{ ready: Record<string, unknown>, pid: number, stop: () => Promise<void> } | { error: string }>}
 */
export async function startEmulator(o) {
  if (!existsSync(EMULATOR)) return { error: `${EMULATOR} does not exist (build first)` };
  const args = [EMULATOR, '--port', String(o.port ?? 0), '--data-dir', o.dataDir, ...(o.extraArgs ?? [])];
  // Detached: its own process group, so stopping it also ends Azurite and any pip it started.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...o.env },
  });
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-4000);
    if (o.verbose) process.stderr.write(`[emulator] ${d}`);
  };
  child.stderr.on('data', keep);

  const stop = () => stopProcessGroup(child, 5000);
  const result = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ error: `no ready line within ${(o.timeoutMs ?? 60_000) / 1000} s` }), o.timeoutMs ?? 60_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      keep(line + '\n');
      try {
        const parsed = JSON.parse(line);
        if (parsed && parsed.ready === true && typeof parsed.endpoint === 'string') {
          clearTimeout(timer);
          resolve({ ready: parsed });
        }
      } catch {
        // not the ready line
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ error: err.message });
    });
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ error: `exited (${code ?? sig}) before it was ready` });
    });
  });
  if ('error' in result) {
    await stop();
    const last = output.trim().split('\n').slice(-5).join('\n  ');
    return { error: last ? `${result.error}:\n  ${last}` : result.error };
  }
  // Keep draining its output so a chatty emulator never blocks on a full pipe.
  child.stdout.resume();
  return { ready: result.ready, pid: child.pid, stop };
}
