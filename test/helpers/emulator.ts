// Starts an in-process emulator for a test file: port 0, a temporary data folder, fast timing, the
// wheelhouse and base image shared through one cache folder (built once per machine). Call `stop()`
// in `after()`; it removes the data folder unless `keepData` was set or `restart()` needs it.
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/server';
import type { RunningEmulator } from '../../src/emulator/api';
import type { SeedDocument } from '../../src/emulator/seed';
import type { FaultRule } from '../../src/emulator/faults';
import { sessionApiBase, type AnswerRule, type LoggedRequest } from '../../src/emulator/chat';

export interface TestEmulatorOptions {
  seed?: SeedDocument;
  /** Default false: tests that need blob storage opt in. */
  azurite?: boolean;
  /** Default 0.002: a simulated 6 s compute provisioning takes 12 ms. */
  timeScale?: number;
  /** Reuse a data folder (restart tests). */
  dataDir?: string;
  keepData?: boolean;
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else the text. */
  body: T;
  text: string;
}

export interface ControlClient {
  state(): Promise<{
    now: string;
    sessions: {
      sessionId: string;
      serverlessName?: string;
      computeInstanceName?: string;
      ready: boolean;
      vmSize: string;
      identity: string | null;
      lastAliveTime: string;
    }[];
    serverless: { name: string; vmSize: string; identity: string | null; userOid: string; provisioningState: string }[];
    computeInstances: { name: string; state: string; vmSize: string; assignedUserOid: string }[];
    runs: { runId: string; status: string; sessionId: string; computeName?: string }[];
    operations: { id: string; sessionId: string; action: string; status: string; error?: { code: string; message: string } }[];
    users: { alias: string; upn: string; oid: string }[];
  }>;
  seed(doc: SeedDocument): Promise<void>;
  addUser(u: { alias: string; upn?: string; oid?: string }): Promise<{ alias: string; upn: string; oid: string }>;
  addRoleAssignment(a: { user: string; role: string; scope?: string }): Promise<{ name: string }>;
  removeRoleAssignment(name: string): Promise<void>;
  setQuota(q: { family: string; limit: number; location?: string }): Promise<void>;
  putComputeInstance(name: string, c: { state?: string; assignedUser?: string; vmSize?: string; identity?: string }): Promise<void>;
  patchWorkspace(
    name: string,
    p: { hasWorkingDirectory?: boolean; defaultDatastoreType?: 'AzureBlob' | 'AzureFile' | 'AzureDataLakeGen2' },
  ): Promise<void>;
  addFault(f: Partial<Omit<FaultRule, 'id'>> & { kind: FaultRule['kind'] }): Promise<FaultRule>;
  listFaults(): Promise<FaultRule[]>;
  clearFaults(): Promise<void>;
  advanceClock(seconds: number): Promise<{ now: string; deleted: string[] }>;
  /** Sets the emulated clock to `now` (ISO 8601), forward or back. */
  setClock(now: string): Promise<{ now: string; deleted: string[] }>;
  sweepIdle(): Promise<{ deleted: string[] }>;
  token(o?: { user?: string; audience?: 'arm' | 'ml'; lifetimeSeconds?: number }): Promise<string>;
  expireTokens(): Promise<void>;
  setTokenLifetime(seconds: number): Promise<void>;
  /** A fixed answer of the chat service; rules are tried in order. */
  addChatAnswer(rule: AnswerRule): Promise<void>;
  clearChatAnswers(): Promise<void>;
  /** What the chat service received, oldest first. */
  chatRequests(): Promise<ChatRequestLog[]>;
  clearChatRequests(): Promise<void>;
}

/** A request the chat service received, its body as JSON. */
export type ChatRequestLog = LoggedRequest & { body: Record<string, unknown> };

export interface TestEmulator extends Omit<RunningEmulator, 'control'> {
  /** Base URL of the control API (the ready line's `control`). */
  controlUrl: string;
  dataDir: string;
  control: ControlClient;
  /** The CA certificate (PEM) to trust for `endpoint` only. */
  caPem: string;
  /** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}` */
  workspacePath: string;
  /** `${endpoint}/flow/api${workspacePath}` */
  flowBase: string;
  /**
   * HTTPS to the emulator (trusting its CA); `token` defaults to the ready line's ARM token, null sends
   * none. Calls of the control API and the token endpoint carry the control key (`controlKey: false`
   * sends none, to test the refusal).
   */
  request<T = unknown>(
    method: string,
    pathOrUrl: string,
    o?: { body?: unknown; token?: string | null; headers?: Record<string, string>; controlKey?: boolean },
  ): Promise<HttpResult<T>>;
  /** Stops and starts again on the same data folder. */
  restart(): Promise<TestEmulator>;
}

export const CACHE_DIR = join(tmpdir(), 'pfsession-emulator-cache-v1');

export async function startTestEmulator(opts: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'pfsession-emu-'));
  let seedFile: string | undefined;
  if (opts.seed) {
    seedFile = join(dataDir, 'test-seed.json');
    writeFileSync(seedFile, JSON.stringify(opts.seed));
  }
  const emu = await startEmulator({
    port: 0,
    dataDir,
    seedFile,
    timeScale: opts.timeScale ?? 0.002,
    azurite: opts.azurite ?? false,
    cacheDir: CACHE_DIR,
  });
  const caPem = readFileSync(emu.ca, 'utf8');
  const workspacePath = `/subscriptions/${emu.subscriptionId}/resourceGroups/${emu.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${emu.workspace}`;

  const request = <T>(
    method: string,
    pathOrUrl: string,
    o: { body?: unknown; token?: string | null; headers?: Record<string, string>; controlKey?: boolean } = {},
  ): Promise<HttpResult<T>> =>
    new Promise((resolve, reject) => {
      const url = new URL(pathOrUrl, emu.endpoint);
      const token = o.token === undefined ? te.token : o.token;
      const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
      const keyed = o.controlKey !== false && (url.pathname.startsWith('/_emulator/') || url.pathname === '/_identity/token');
      const req = httpsRequest(
        url,
        {
          method,
          ca: caPem,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(keyed ? { 'x-emulator-key': emu.controlKey } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...o.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if (/json/.test(String(res.headers['content-type'])) && text) body = JSON.parse(text);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T, text });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await request<T>(method, `/_emulator${path}`, { body, token: null });
    if (r.status !== 200) throw new Error(`control ${method} ${path} failed: ${r.status} ${r.text}`);
    return r.body;
  };
  const control: ControlClient = {
    state: () => call('GET', '/state'),
    seed: async (doc) => void (await call('POST', '/seed', doc)),
    addUser: (u) => call('POST', '/users', u),
    addRoleAssignment: (a) => call('POST', '/roleAssignments', a),
    removeRoleAssignment: async (name) => void (await call('DELETE', `/roleAssignments/${name}`)),
    setQuota: async (q) => void (await call('POST', '/quotas', q)),
    putComputeInstance: async (name, c) => void (await call('PUT', `/computeInstances/${name}`, c)),
    patchWorkspace: async (name, p) => void (await call('PATCH', `/workspaces/${name}`, p)),
    addFault: (f) => call('POST', '/faults', f),
    listFaults: () => call('GET', '/faults'),
    clearFaults: async () => void (await call('DELETE', '/faults')),
    advanceClock: (seconds) => call('POST', '/clock/advance', { seconds }),
    setClock: (now) => call('POST', '/clock/set', { now }),
    sweepIdle: () => call('POST', '/idle/sweep'),
    token: async (o = {}) => (await call<{ access_token: string }>('POST', '/tokens', o)).access_token,
    expireTokens: async () => void (await call('POST', '/tokens/expire')),
    setTokenLifetime: async (seconds) => void (await call('POST', '/tokens/lifetime', { seconds })),
    addChatAnswer: async (rule) => void (await call('POST', '/chat/answers', rule)),
    clearChatAnswers: async () => void (await call('DELETE', '/chat/answers')),
    chatRequests: () => call('GET', '/chat/requests'),
    clearChatRequests: async () => void (await call('DELETE', '/chat/requests')),
  };

  let restarting = false;
  const te: TestEmulator = {
    ...emu,
    controlUrl: emu.control,
    dataDir,
    caPem,
    workspacePath,
    flowBase: `${emu.endpoint}/flow/api${workspacePath}`,
    control,
    request,
    stop: async () => {
      await emu.stop();
      if (!opts.keepData && !restarting) rmSync(dataDir, { recursive: true, force: true });
    },
    restart: async () => {
      restarting = true;
      await emu.stop();
      return startTestEmulator({ ...opts, dataDir });
    },
  };
  return te;
}

/**
 * How a client reaches the demo's chat service: the `pf-demo-aoai` account's address and key (ARM listKeys, as its admin) and
 * the OpenAI stand-in's address with the key of the demo's `open_ai_connection` (ARM listsecrets).
 */
export async function chatAccess(te: TestEmulator): Promise<{ aoaiBase: string; aoaiKey: string; openaiBase: string; openaiKey: string }> {
  const account = `/subscriptions/${te.subscriptionId}/resourceGroups/${te.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/pf-demo-aoai`;
  // Reading an account's keys takes Contributor or Owner: the demo's admin.
  const keys = await te.request<{ key1: string }>('POST', `${account}/listKeys?api-version=2023-05-01`, {
    token: await te.control.token({ user: 'admin' }),
  });
  const secrets = await te.request<{ properties: { credentials: { keys: { api_key: string } } } }>(
    'POST',
    `${te.workspacePath}/connections/open_ai_connection/listsecrets?api-version=2023-04-01-preview`,
  );
  if (keys.status !== 200 || secrets.status !== 200) throw new Error(`chat keys: ${keys.status} ${secrets.status}`);
  return {
    aoaiBase: sessionApiBase(te.endpoint, 'https://pf-demo-aoai.openai.azure.com/') as string,
    aoaiKey: keys.body.key1,
    openaiBase: sessionApiBase(te.endpoint, 'https://api.openai.com/v1') as string,
    openaiKey: secrets.body.properties.credentials.keys.api_key,
  };
}

/** Polls `check` until it returns a value (not undefined), failing after `timeoutMs`. No fixed sleeps. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  while (true) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 100);
  }
}
