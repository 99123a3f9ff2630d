// One real emulator (HTTPS, its own CA) per test file, the real service against it, and the
// emulator's control API for faults and seeding.
import { request } from 'node:https';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../../src/emulator/server';
import type { RunningEmulator } from '../../../src/emulator/api';
import { createSessionService, emulatorCredential } from '../../../src/core/session/bundle';
import type { ISessionService, SessionChangeEvent } from '../../../src/core/session/types';
import type { SessionService } from '../../../src/core/session/service';

export interface Fixture {
  emu: RunningEmulator;
  caPem: string;
  dir: string;
  service(opts?: { user?: string; stateDir?: string }): SessionService;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  flow(name: string, requirements?: string, extraYaml?: string): string;
  stop(): Promise<void>;
}

export async function startFixture(opts: { azurite?: boolean } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'pfs-session-test-'));
  const emu = await startEmulator({ dataDir: join(dir, 'emulator'), timeScale: 0, azurite: opts.azurite ?? false });
  const caPem = readFileSync(emu.ca, 'utf8');
  const services: ISessionService[] = [];
  const control = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      const req = request(`${emu.control}${path}`, { method, ca: caPem, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`control ${method} ${path}: ${res.statusCode} ${raw}`));
          else resolve((raw ? JSON.parse(raw) : undefined) as T);
        });
      });
      req.on('error', reject);
      req.end(text);
    });
  return {
    emu,
    caPem,
    dir,
    service(o = {}) {
      const svc = createSessionService({
        workspace: { subscriptionId: emu.subscriptionId, resourceGroup: emu.resourceGroup, workspace: emu.workspace },
        credential: emulatorCredential(emu.endpoint, caPem, o.user),
        armEndpoint: emu.endpoint,
        caPem,
        stateDir: o.stateDir ?? join(dir, 'state'),
        pollPolicy: { initialMs: 100, maxMs: 400 },
      }) as SessionService;
      services.push(svc);
      return svc;
    },
    control,
    flow(name, requirements = '', extraYaml = '') {
      const folder = join(dir, 'flows', name);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'flow.dag.yaml'), `environment:\n  python_requirements_txt: requirements.txt\n${extraYaml}inputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: \${inputs.q}\nnodes: []\n`);
      writeFileSync(join(folder, 'requirements.txt'), requirements);
      return folder;
    },
    async stop() {
      for (const s of services) s.dispose();
      await emu.stop();
    },
  };
}

/** Records every state the service reports for a flow. */
export function recordStates(svc: ISessionService): { states: string[]; events: SessionChangeEvent[] } {
  const out = { states: [] as string[], events: [] as SessionChangeEvent[] };
  svc.onDidChange((e) => {
    out.events.push(e);
    if (e.session && out.states[out.states.length - 1] !== e.session.state) out.states.push(e.session.state);
  });
  return out;
}

export interface EmulatorState {
  sessions: { sessionId: string; vmSize?: string; identity?: string; computeInstanceName?: string; serverlessName?: string; pythonPipRequirements?: string[]; maxIdleTimeSeconds?: number }[];
  operations: { id: string; sessionId: string; action: string; status: string; error?: unknown }[];
  computeInstances: { name: string; state: string; assignedUserOid?: string }[];
  runs: { runId: string; status: string; sessionId?: string }[];
  users: { alias: string; upn: string; oid: string }[];
}
