// The emulator for benches: its process (test/integration/host/emulator-process.mjs with a wheelhouse and base-image
// cache kept between runs, so a bench measures sessions rather than building the cache; Azurite only when
// asked), and its test-control API.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../integration/host/emulator-process.mjs';

/**
 * @param {{ azurite?: boolean }} [o] Azurite (the blob datastore) only for benches that upload flows and data.
 * @returns {Promise<{ ready: Record<string, any>, pid: number, stop: () => Promise<void> }>}
 */
export async function startBenchEmulator(dataDir, timeScale, o = {}) {
  const emu = await startEmulator({
    dataDir,
    extraArgs: ['--time-scale', String(timeScale), ...(o.azurite ? [] : ['--no-azurite'])],
    env: { PFSESSION_EMULATOR_CACHE: join(tmpdir(), 'pfsession-emulator-cache-v1') },
  });
  if ('error' in emu) throw new Error(`emulator: ${emu.error}`);
  return emu;
}

const caTexts = new Map();

/** The shipped session bundle's service (dist/session.js, as the extension loads it) on the emulator's workspace. */
export function benchService(ready, stateDir) {
  const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
  const bundle = createRequire(import.meta.url)(join(root, 'dist', 'session.js'));
  const ca = readFileSync(ready.ca, 'utf8');
  return bundle.createSessionService({
    workspace: { subscriptionId: ready.subscriptionId, resourceGroup: ready.resourceGroup, workspace: ready.workspace },
    credential: bundle.emulatorCredential(ready.endpoint, ca, undefined, ready.controlKey),
    armEndpoint: ready.endpoint,
    caPem: ca,
    stateDir,
  });
}

/** Calls the emulator's control API (`/_emulator/…`; benches only, never the product); resolves the JSON reply. */
export function control(ready, method, route, body) {
  if (!caTexts.has(ready.ca)) caTexts.set(ready.ca, readFileSync(ready.ca, 'utf8'));
  const url = new URL(`${ready.control.replace(/\/$/, '')}${route}`);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((res, rej) => {
    const headers = { 'content-type': 'application/json', 'x-emulator-key': ready.controlKey };
    const req = request(url, { method, ca: caTexts.get(ready.ca), headers }, (r) => {
      let text = '';
      r.on('data', (c) => (text += c));
      r.on('end', () =>
        (r.statusCode ?? 500) >= 400
          ? rej(new Error(`${method} ${route}: ${r.statusCode} ${text}`))
          : res(text ? JSON.parse(text) : undefined),
      );
    });
    req.on('error', rej);
    if (data) req.write(data);
    req.end();
  });
}

/**
 * JSON over HTTPS to the emulator as the demo user (ARM token and `aml-user-token`), trusting its CA; `base` is
 * the workspace's prompt flow data plane, `ws` its ARM path. Answers `{ status, headers, body }`.
 */
export function benchClient(ready, maxSockets = 64) {
  const agent = new Agent({ keepAlive: true, maxSockets, ca: readFileSync(ready.ca, 'utf8') });
  const ws = `/subscriptions/${ready.subscriptionId}/resourceGroups/${ready.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${ready.workspace}`;
  const base = `${ready.endpoint}/flow/api${ws}`;
  const call = (method, url, body) =>
    new Promise((res, rej) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        url,
        {
          method,
          agent,
          headers: {
            authorization: `Bearer ${ready.token}`,
            'aml-user-token': ready.mlToken,
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
        },
        (r) => {
          let text = '';
          r.on('data', (c) => (text += c));
          r.on('end', () => res({ status: r.statusCode, headers: r.headers, body: text ? JSON.parse(text) : undefined }));
        },
      );
      req.on('error', rej);
      req.end(payload);
    });
  return { base, ws, call, agent };
}
