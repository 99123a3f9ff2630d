// Starts the emulator: HTTPS on 127.0.0.1, one port for ARM, the prompt flow data plane, the token
// endpoint standing in for Microsoft Entra ID and the test-control API.
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EmulatorOptions, EmulatorReady, RunningEmulator } from './api';
import { ARM_AUDIENCE, ML_AUDIENCE, TokenAuthority } from './auth';
import { CONTROL_KEY_HEADER, ensureControlKey, hasControlKey } from './controlKey';
import { ensureCertificate } from './tls';
import { Clock } from './clock';
import { Faults } from './faults';
import { DEFAULT_BASE_IMAGE, Environments } from './environments';
import { Store } from './state';
import { DEMO_SEED, readSeedFile, stateFromSeed, type SeedDocument } from './seed';
import { HttpError, newCtx, readBody, sendError, sendJson, type Ctx } from './http';
import { SessionEngine } from './sessions';
import { RunEngine } from './runs';
import { armRoutes, blobContainer, recoverArmOperations } from './arm';
import { flowRoutes } from './flow';
import { connectionRoutes } from './connections';
import { cognitiveRoutes } from './cognitive';
import { toolRoutes } from './tools';
import { ChatService, chatErrorBody, isChatPath } from './chat';
import { findUser, handleControl, sweep, type ControlDeps } from './control';
import { startAzurite, ensureContainer } from './azurite';
import { killGroup, type ProcessGroup } from './processes';
import { st, type World } from './world';

export interface StartOptions extends EmulatorOptions {
  /** Where the wheelhouse and base-image environments are kept (shared between data folders); default dataDir. */
  cacheDir?: string;
}

/** The error code an injected HTTP error carries for its status. */
const FAULT_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'AuthenticationFailed',
  403: 'AuthorizationFailed',
  404: 'NotFound',
  409: 'Conflict',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** Lifetime of the tokens printed in the ready line (a demo session lasts a working day). */
const READY_TOKEN_SECONDS = 24 * 3600;

export async function startEmulator(opts: StartOptions): Promise<RunningEmulator> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const tls = await ensureCertificate(dataDir);
  const auth = new TokenAuthority(dataDir);
  const controlKey = ensureControlKey(dataDir);

  const seedDoc: SeedDocument = opts.seedFile ? readSeedFile(opts.seedFile) : DEMO_SEED;
  const seedHash = createHash('sha256').update(JSON.stringify(seedDoc)).digest('hex');
  const seedMarker = join(dataDir, 'seed.sha256');
  let state = Store.load(dataDir);
  let previousSeed = '';
  try {
    previousSeed = readFileSync(seedMarker, 'utf8').trim();
  } catch {
    previousSeed = '';
  }
  // State survives restarts; a different seed than the one the state was built from starts afresh.
  if (!state || (previousSeed && previousSeed !== seedHash)) state = stateFromSeed(seedDoc);
  writeFileSync(seedMarker, seedHash);
  const store = new Store(dataDir, state);
  const timeScale = opts.timeScale ?? 1;
  const clock = new Clock(state.clockOffsetMs ?? 0, timeScale);
  const group: ProcessGroup = new Set();
  const envs = new Environments(opts.cacheDir ?? dataDir, join(dataDir, 'sessions'), group);
  const faults = new Faults();
  const w: World = { store, clock, faults, envs, endpoint: '', stopping: false };
  const sessions = new SessionEngine(w);
  const runs = new RunEngine(w, sessions);
  sessions.recover();
  runs.recover();
  recoverArmOperations(w);
  store.flush();
  // Azurite starts while the HTTPS server comes up; both are awaited before the ready line.
  const azuriteReady = opts.azurite === false ? undefined : startAzurite(dataDir);

  const tokenLifetime = { seconds: 3600 };
  const chat = new ChatService(w);
  const control: ControlDeps = { w, auth, faults, sessions, runs, tokenLifetime, chat };
  const userTokenCheck = (ctx: Ctx) => {
    const header = ctx.req.headers['aml-user-token'];
    if (typeof header !== 'string' || !header) {
      throw new HttpError(
        401,
        'UserError',
        'The aml-user-token header is required for this call: send a token for https://ml.azure.com/.',
        { innerCode: 'AmlUserTokenMissing' },
      );
    }
    const claims = auth.verify(`Bearer ${header}`, ML_AUDIENCE, st(w).tenantId);
    if (claims.oid !== ctx.user?.oid)
      throw new HttpError(401, 'UserError', 'The aml-user-token belongs to a different user than the Authorization token.', {
        innerCode: 'AmlUserTokenMismatch',
      });
  };
  const routes = [
    ...armRoutes(w, sessions),
    ...flowRoutes(w, sessions, runs, userTokenCheck),
    ...connectionRoutes(w),
    ...cognitiveRoutes(w),
    ...toolRoutes(w),
  ];

  const handle = async (ctx: Ctx): Promise<void> => {
    if (ctx.path.startsWith('/_emulator/')) {
      if (!hasControlKey(ctx.req.headers[CONTROL_KEY_HEADER], controlKey))
        throw new HttpError(
          401,
          'AuthenticationFailed',
          `The control API needs the control key of the ready line in the ${CONTROL_KEY_HEADER} header.`,
        );
      ctx.body = await readBody(ctx);
      return handleControl(control, ctx);
    }
    const fault = faults.take(['latency', 'throttle', 'error', 'drop'], ctx.path, ctx.method);
    if (fault?.kind === 'drop') {
      ctx.req.socket.destroy();
      return;
    }
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.latencyMs ?? 1000));
    if (fault?.kind === 'throttle') {
      throw new HttpError(429, 'TooManyRequests', 'The request was throttled. Retry after the time given in Retry-After.', {
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      });
    }
    if (fault?.kind === 'error') {
      const status = fault.status ?? 500;
      // The code Azure sends with that status, so that a client reading the code first reads it right.
      throw new HttpError(
        status,
        FAULT_CODES[status] ?? 'InternalServerError',
        fault.message ?? 'The service had an internal error; try again.',
      );
    }
    // The stand-in chat service is no ARM: its own keys, not a bearer token (docs/azure-contract.md §35).
    if (isChatPath(ctx.path)) return chat.handle(ctx);
    if (ctx.path === '/_identity/token' && ctx.method === 'POST') return issueToken(ctx);
    if (ctx.path === '/discovery' && ctx.method === 'GET') {
      const e = w.endpoint;
      return sendJson(ctx, 200, {
        api: e,
        catalog: e,
        experimentation: e,
        gallery: e,
        history: e,
        hyperdrive: e,
        labeling: e,
        modelmanagement: e,
        pipelines: e,
        studio: e,
      });
    }
    if (ctx.path.startsWith('/subscriptions')) {
      const v = ctx.url.searchParams.get('api-version');
      if (!v)
        throw new HttpError(
          400,
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.',
        );
      if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v))
        throw new HttpError(400, 'InvalidApiVersionParameter', `The api-version '${v}' is invalid.`);
    }
    const claims = auth.verify(ctx.req.headers.authorization, ARM_AUDIENCE, st(w).tenantId);
    ctx.user = { oid: claims.oid, tid: claims.tid, upn: claims.upn };
    ctx.body = await readBody(ctx);
    let pathMatched = false;
    for (const [method, re, fn] of routes) {
      const m = re.exec(ctx.path);
      if (!m) continue;
      pathMatched = true;
      if (method !== ctx.method) continue;
      await fn(ctx, m);
      return;
    }
    if (pathMatched) throw new HttpError(405, 'MethodNotAllowed', `The method ${ctx.method} is not allowed on ${ctx.path}.`);
    throw new HttpError(404, 'NotFound', `No resource at ${ctx.path}.`);
  };

  /** POST /_identity/token: the emulator's stand-in for Microsoft Entra ID. */
  const issueToken = async (ctx: Ctx): Promise<void> => {
    // Entra ID's answer to a client that did not authenticate, in its error shape.
    if (!hasControlKey(ctx.req.headers[CONTROL_KEY_HEADER], controlKey))
      return sendJson(ctx, 401, {
        error: 'invalid_client',
        error_description: `The token endpoint needs the emulator's control key in the ${CONTROL_KEY_HEADER} header.`,
      });
    const body = ((await readBody(ctx)) ?? {}) as { scope?: unknown; user?: unknown };
    const scope = String(body.scope ?? '');
    const aud = /^https:\/\/management\.(azure\.com|core\.windows\.net)\/*(\.default)?$/.test(scope)
      ? ARM_AUDIENCE
      : /^https:\/\/ml\.azure\.com\/*(\.default)?$/.test(scope)
        ? ML_AUDIENCE
        : undefined;
    if (!aud)
      return sendJson(ctx, 400, {
        error: 'invalid_scope',
        error_description: `The scope '${scope.slice(0, 200)}' is not valid here; use https://management.azure.com/.default or https://ml.azure.com/.default.`,
      });
    let u;
    try {
      u = findUser(w, typeof body.user === 'string' ? body.user : undefined);
    } catch (err) {
      return sendJson(ctx, 400, { error: 'invalid_grant', error_description: err instanceof Error ? err.message : String(err) });
    }
    const t = auth.issue({ oid: u.oid, tid: st(w).tenantId, upn: u.upn }, aud, tokenLifetime.seconds, u.displayName);
    sendJson(ctx, 200, {
      access_token: t.token,
      token_type: 'Bearer',
      expires_on: t.expiresOn,
      expires_in: t.expiresOn - Math.floor(Date.now() / 1000),
    });
  };

  const sockets = new Set<Socket>();
  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    // The service's clock is the emulated one: clients read the time of what it reports against it.
    res.setHeader('date', new Date(clock.now()).toUTCString());
    const ctx = newCtx(req, res);
    // Each API answers errors in its own envelope; the chat service speaks Azure OpenAI's and OpenAI's.
    const fail = (e: HttpError) =>
      isChatPath(ctx.path) ? sendJson(ctx, e.status, chatErrorBody(ctx.path, e), e.extra.headers) : sendError(ctx, e);
    handle(ctx).catch((err: unknown) => {
      if (err instanceof HttpError) return fail(err);
      // Unexpected failures answer as a service error without leaking internals (or secrets).
      process.stderr.write(
        `emulator: ${ctx.method} ${ctx.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      fail(new HttpError(500, 'InternalServerError', `The emulator failed to handle the request (request id ${ctx.requestId}).`));
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port ?? 0, '127.0.0.1', () => res());
  });
  const port = (server.address() as { port: number }).port;
  w.endpoint = `https://127.0.0.1:${port}`;
  if (azuriteReady) {
    try {
      w.azurite = await azuriteReady;
      for (const ws of st(w).workspaces) await ensureContainer(w.azurite, blobContainer(ws));
    } catch (err) {
      server.close();
      await w.azurite?.stop();
      throw err;
    }
  }
  // Warm the wheelhouse and the default image after start-up; the first session waits for it.
  void envs.baseEnv(DEFAULT_BASE_IMAGE).catch((err: unknown) => {
    process.stderr.write(`emulator: preparing the default base image failed: ${err instanceof Error ? err.message : String(err)}\n`);
  });

  const sweeper = setInterval(() => sweep(control), timeScale < 0.1 ? 200 : 1000);
  sweeper.unref();

  const demo = st(w).users[0];
  const first = st(w).workspaces[0];
  const ready: EmulatorReady = {
    ready: true,
    endpoint: w.endpoint,
    token: auth.issue({ oid: demo.oid, tid: st(w).tenantId, upn: demo.upn }, ARM_AUDIENCE, READY_TOKEN_SECONDS, demo.displayName).token,
    mlToken: auth.issue({ oid: demo.oid, tid: st(w).tenantId, upn: demo.upn }, ML_AUDIENCE, READY_TOKEN_SECONDS, demo.displayName).token,
    subscriptionId: first.subscriptionId,
    resourceGroup: first.resourceGroup,
    workspace: first.name,
    ca: tls.caFile,
    tokenEndpoint: `${w.endpoint}/_identity/token`,
    control: `${w.endpoint}/_emulator`,
    controlKey,
  };
  // ready.json is readable by others: no token and no key in it.
  const { token: _t, mlToken: _m, controlKey: _k, ...publicReady } = ready;
  writeFileSync(join(dataDir, 'ready.json'), JSON.stringify({ ...publicReady, pid: process.pid }, null, 2));

  let stopped: Promise<void> | undefined;
  return {
    ...ready,
    stop: () =>
      (stopped ??= (async () => {
        w.stopping = true;
        clearInterval(sweeper);
        clock.stop();
        killGroup(group);
        await new Promise<void>((res) => {
          server.close(() => res());
          for (const s of sockets) s.destroy();
        });
        store.close();
        await w.azurite?.stop();
      })()),
  };
}
