// One real emulator (HTTPS, its own CA) per test file, the real service against it, and the
// emulator's control API for faults and seeding.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from './emulator';
import { createSessionService, emulatorCredential } from '../../src/core/session/bundle';
import type { ISessionService, SessionChangeEvent } from '../../src/core/session/types';
import type { SessionService } from '../../src/core/session/service';

export interface Fixture {
  emu: TestEmulator;
  caPem: string;
  dir: string;
  /** Every log line of every service made here (redacted by the service). */
  logs: string[];
  service(opts?: { user?: string; stateDir?: string; locale?: string }): SessionService;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** A DAG flow folder with requirements.txt; `environment: false` writes a flow that names no requirements file. */
  flow(name: string, requirements?: string, extraYaml?: string, o?: { environment?: boolean }): string;
  stop(): Promise<void>;
}

export async function startFixture(opts: { azurite?: boolean; timeScale?: number } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'pfs-session-test-'));
  const emu = await startTestEmulator({ azurite: opts.azurite ?? false, timeScale: opts.timeScale });
  const caPem = emu.caPem;
  const services: ISessionService[] = [];
  const logs: string[] = [];
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await emu.request<T>(method, `/_emulator${path}`, { body, token: null });
    if (r.status >= 300) throw new Error(`control ${method} ${path}: ${r.status} ${r.text}`);
    return r.body;
  };
  return {
    emu,
    caPem,
    dir,
    logs,
    service(o = {}) {
      const svc = createSessionService({
        workspace: { subscriptionId: emu.subscriptionId, resourceGroup: emu.resourceGroup, workspace: emu.workspace },
        credential: emulatorCredential(emu.endpoint, caPem, o.user, emu.controlKey),
        armEndpoint: emu.endpoint,
        caPem,
        stateDir: o.stateDir ?? join(dir, 'state'),
        pollPolicy: { initialMs: 100, maxMs: 400 },
        locale: o.locale,
        log: (level, message) => logs.push(`${level} ${message}`),
      }) as SessionService;
      services.push(svc);
      return svc;
    },
    control,
    flow(name, requirements = '', extraYaml = '', o = {}) {
      const folder = join(dir, 'flows', name);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, 'flow.dag.yaml'),
        `${o.environment === false ? '' : 'environment:\n  python_requirements_txt: requirements.txt\n'}${extraYaml}inputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: \${inputs.q}\nnodes: []\n`,
      );
      writeFileSync(join(folder, 'requirements.txt'), requirements);
      return folder;
    },
    async stop() {
      for (const s of services) s.dispose();
      await emu.stop();
    },
  };
}

export function recordStates(svc: ISessionService): { states: string[]; events: SessionChangeEvent[] } {
  const out = { states: [] as string[], events: [] as SessionChangeEvent[] };
  svc.onDidChange((e) => {
    out.events.push(e);
    if (e.session && out.states[out.states.length - 1] !== e.session.state) out.states.push(e.session.state);
  });
  return out;
}

export interface EmulatorState {
  sessions: {
    sessionId: string;
    ready?: boolean;
    vmSize?: string;
    identity?: string;
    computeInstanceName?: string;
    serverlessName?: string;
    pythonPipRequirements?: string[];
    maxIdleTimeSeconds?: number;
  }[];
  operations: { id: string; sessionId: string; action: string; status: string; error?: unknown }[];
  computeInstances: { name: string; state: string; assignedUserOid?: string }[];
  serverless: { name: string; vmSize: string; identity: string | null; provisioningState: string }[];
  runs: { runId: string; status: string; sessionId?: string }[];
  users: { alias: string; upn: string; oid: string }[];
}
