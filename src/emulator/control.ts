/*
 * Test control API under `/_emulator/` (JSON in, JSON out; loopback only; the product never calls it).
 *
 *   GET    /_emulator/state                      summary: sessions, serverless computes, compute instances, runs, operations, clock
 *   POST   /_emulator/seed                       body: SeedDocument (see seed.ts). Replaces the whole world (sessions and runs go).
 *   POST   /_emulator/users                      body: {alias, upn?, oid?, displayName?} → the user record
 *   POST   /_emulator/roleAssignments            body: {user: alias|upn | identity: name, role: GUID, scope?: "workspace"|"resourceGroup"|"subscription"|
 *                                                "storageAccount"|"keyVault"|"containerRegistry"|"applicationInsights"|"identity:<name>"|<ARM scope>} → {name}
 *   DELETE /_emulator/roleAssignments/{name}     removes one assignment
 *   POST   /_emulator/identities                 body: {name, resourceGroup?} creates a user-assigned identity (not attached) → its record
 *   POST   /_emulator/quotas                     body: {family, limit, location?} sets a vCPU limit
 *   PUT    /_emulator/computeInstances/{name}    body: {state?, assignedUser?, vmSize?, identity?, workspace?} creates or changes an instance
 *   PATCH  /_emulator/workspaces/{name}          body: {hasWorkingDirectory?, defaultDatastoreType?, keyVaultPermissionModel?: "rbac"|"accessPolicy",
 *                                                keyVaultAccessPolicies?: [{identity: name, keys[], secrets[], certificates[]}]} (S2, S4)
 *   PUT    /_emulator/flowRuntimes/{name}        body: {computeInstance?, image?, status?} creates or changes a named runtime
 *   DELETE /_emulator/flowRuntimes/{name}        removes it
 *   POST   /_emulator/faults                     body: FaultRule minus id (faults.ts): {kind: latency|throttle|error|drop|failOperation|capacity|keepSession|ignoreUpdate,
 *                                                path: regex, method?, count? (-1 = until cleared), status?, retryAfterSeconds?, latencyMs?, message?} → rule
 *   GET    /_emulator/faults                     active rules
 *   DELETE /_emulator/faults                     clears every rule
 *   POST   /_emulator/clock/advance              body: {seconds} moves the emulated clock forward and runs the idle sweep → {now}
 *   POST   /_emulator/clock/set                  body: {now: ISO time} sets the emulated clock (either way; e.g. past prompt flow's
 *                                                read-only date, retirement.ts) and runs the idle sweep → {now}
 *   POST   /_emulator/idle/sweep                 runs the idle sweep now → {deleted: [sessionId]}
 *   POST   /_emulator/tokens                     body: {user?: alias|upn, audience?: "arm"|"ml", lifetimeSeconds?} → {access_token, expires_on}
 *                                                (a negative lifetime gives an already-expired token)
 *   POST   /_emulator/tokens/expire              every token issued so far now counts as expired
 *   POST   /_emulator/tokens/lifetime            body: {seconds} default lifetime of tokens from /_identity/token
 *   POST   /_emulator/chat/answers               body: {deployment?, contains?, answer} adds a fixed answer of the chat service (chat.ts);
 *                                                rules are tried in order, the first that matches answers → the rule
 *   GET    /_emulator/chat/answers               the rules;  DELETE /_emulator/chat/answers clears them
 *   GET    /_emulator/chat/requests              what the chat service received: [{at, api, account?, deployment?, apiVersion?, status, body}]
 *   DELETE /_emulator/chat/requests              forgets them
 */
import { randomUUID } from 'node:crypto';
import { HttpError, sendJson, type Ctx } from './http';
import { ARM_AUDIENCE, ML_AUDIENCE, type TokenAuthority } from './auth';
import type { Faults, FaultKind } from './faults';
import { stateFromSeed, type SeedDocument } from './seed';
import { wsKey, type UserRecord, type WorkspaceRecord } from './state';
import { linkedResources } from './resources';
import type { SessionEngine } from './sessions';
import type { RunEngine } from './runs';
import type { ChatService } from './chat';
import { st, type World } from './world';
import { deleteRuntime, putRuntime } from './flowRuntimes';

export interface ControlDeps {
  w: World;
  auth: TokenAuthority;
  faults: Faults;
  sessions: SessionEngine;
  runs: RunEngine;
  tokenLifetime: { seconds: number };
  chat: ChatService;
}

export function findUser(w: World, who: string | undefined): UserRecord {
  const users = st(w).users;
  const u = who ? users.find((x) => x.alias === who || x.upn.toLowerCase() === who.toLowerCase() || x.oid === who) : users[0];
  if (!u) throw new HttpError(400, 'BadRequest', `Unknown user "${who}". Seeded users: ${users.map((x) => x.upn).join(', ')}.`);
  return u;
}

function findIdentity(w: World, name: string) {
  const i = st(w).identities.find((x) => x.resourceId.split('/').pop() === name || x.resourceId === name);
  if (!i) throw new HttpError(400, 'BadRequest', `Unknown identity "${name}".`);
  return i;
}

/** A scope keyword of the control API (the same words as a seed's) as an ARM scope of the first workspace. */
function scopeOf(w: World, ws: WorkspaceRecord, scope: unknown): string {
  const rg = `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}`;
  const linked = linkedResources(ws) as unknown as Record<string, string>;
  if (scope === 'subscription') return `/subscriptions/${ws.subscriptionId}`;
  if (scope === 'resourceGroup') return rg;
  if (typeof scope === 'string' && scope in linked) return linked[scope];
  if (typeof scope === 'string' && scope.startsWith('identity:')) return findIdentity(w, scope.slice('identity:'.length)).resourceId;
  if (typeof scope === 'string' && scope.startsWith('/')) return scope;
  return `${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws.name}`;
}

export function sweep(d: ControlDeps): string[] {
  const before = new Set(Object.keys(st(d.w).sessions));
  d.sessions.sweepIdle(d.runs.activeSessionKeys());
  return [...before].filter((k) => !st(d.w).sessions[k]).map((k) => k.split('/').pop() as string);
}

export async function handleControl(d: ControlDeps, ctx: Ctx): Promise<void> {
  const { w } = d;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const route = `${ctx.method} ${ctx.path.replace(/^\/_emulator/, '')}`;
  let m: RegExpExecArray | null;
  const first = () => st(w).workspaces[0];
  if (route === 'GET /state') {
    return sendJson(ctx, 200, {
      now: w.clock.iso(),
      sessions: Object.values(st(w).sessions).map((s) => ({
        sessionId: s.sessionId,
        userOid: s.userOid,
        vmSize: s.vmSize,
        identity: s.identity,
        computeInstanceName: s.computeInstanceName,
        serverlessName: s.serverlessName,
        ready: s.ready,
        lastAliveTime: s.lastAliveTime,
        maxIdleTimeSeconds: s.maxIdleTimeSeconds,
        pythonPipRequirements: s.pythonPipRequirements,
      })),
      serverless: st(w).serverless,
      computeInstances: st(w).computeInstances.map((c) => ({
        name: c.name,
        state: c.state,
        vmSize: c.vmSize,
        assignedUserOid: c.assignedUserOid,
      })),
      runs: Object.values(st(w).runs).map((r) => ({
        runId: r.runId,
        status: r.status,
        sessionId: r.sessionId,
        computeName: r.computeName,
        request: r.request,
      })),
      operations: Object.values(st(w).operations).map((o) => ({
        id: o.id,
        sessionId: o.sessionId,
        action: o.action,
        status: o.status,
        error: o.error,
      })),
      users: st(w).users,
    });
  }
  if (route === 'POST /seed') {
    for (const key of Object.keys(st(w).sessions)) d.sessions.deleteSession(key);
    w.store.state = stateFromSeed(body as SeedDocument);
    w.store.state.clockOffsetMs = w.clock.offsetMs;
    w.store.changed();
    return sendJson(ctx, 200, { ok: true, users: st(w).users });
  }
  if (route === 'POST /users') {
    if (typeof body.alias !== 'string' || !body.alias) throw new HttpError(400, 'BadRequest', 'alias is required.');
    const u: UserRecord = {
      alias: body.alias,
      upn: typeof body.upn === 'string' ? body.upn : `${body.alias}@contoso.com`,
      oid: typeof body.oid === 'string' ? body.oid : randomUUID(),
      displayName: typeof body.displayName === 'string' ? body.displayName : body.alias,
    };
    st(w).users.push(u);
    w.store.changed();
    return sendJson(ctx, 200, u);
  }
  if (route === 'POST /roleAssignments') {
    const principal =
      typeof body.identity === 'string'
        ? { principalId: findIdentity(w, body.identity).principalId, principalType: 'ServicePrincipal' as const }
        : { principalId: findUser(w, String(body.user ?? '')).oid, principalType: 'User' as const };
    const scope = scopeOf(w, first(), body.scope);
    if (typeof body.role !== 'string') throw new HttpError(400, 'BadRequest', 'role (a role definition GUID) is required.');
    const rec = { name: randomUUID(), scope, roleDefinitionGuid: body.role, ...principal };
    st(w).roleAssignments.push(rec);
    w.store.changed();
    return sendJson(ctx, 200, rec);
  }
  if (route === 'POST /identities') {
    if (typeof body.name !== 'string' || !/^[\w-]{3,128}$/.test(body.name)) throw new HttpError(400, 'BadRequest', 'name is required.');
    const ws = first();
    const rg = typeof body.resourceGroup === 'string' ? body.resourceGroup : ws.resourceGroup;
    const resourceId = `/subscriptions/${ws.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${body.name}`;
    let rec = st(w).identities.find((i) => i.resourceId.toLowerCase() === resourceId.toLowerCase());
    if (!rec) {
      rec = { resourceId, principalId: randomUUID(), clientId: randomUUID() };
      st(w).identities.push(rec);
      w.store.changed();
    }
    return sendJson(ctx, 200, rec);
  }
  if ((m = /^DELETE \/roleAssignments\/([^/]+)$/.exec(route))) {
    st(w).roleAssignments = st(w).roleAssignments.filter((r) => r.name !== m?.[1]);
    w.store.changed();
    return sendJson(ctx, 200, { ok: true });
  }
  if (route === 'POST /quotas') {
    if (typeof body.family !== 'string' || typeof body.limit !== 'number')
      throw new HttpError(400, 'BadRequest', 'family and limit are required.');
    const location = typeof body.location === 'string' ? body.location : first().location;
    const q = st(w).quotas.find((x) => x.family === body.family && x.location === location);
    if (q) q.limit = body.limit;
    else st(w).quotas.push({ family: body.family, limit: body.limit, location });
    w.store.changed();
    return sendJson(ctx, 200, { ok: true });
  }
  if ((m = /^PUT \/computeInstances\/([^/]+)$/.exec(route))) {
    const ws = st(w).workspaces.find((x) => x.name === (body.workspace ?? first().name)) ?? first();
    const key = wsKey(ws.subscriptionId, ws.resourceGroup, ws.name);
    let c = st(w).computeInstances.find((x) => x.workspaceKey === key && x.name === m?.[1]);
    if (!c) {
      const owner = findUser(w, typeof body.assignedUser === 'string' ? body.assignedUser : undefined);
      c = {
        workspaceKey: key,
        name: m[1],
        vmSize: 'Standard_DS3_v2',
        state: 'Running',
        assignedUserOid: owner.oid,
        createdByUpn: owner.upn,
        createdOn: w.clock.iso(),
        modifiedOn: w.clock.iso(),
      };
      st(w).computeInstances.push(c);
    }
    if (typeof body.state === 'string') c.state = body.state;
    if (typeof body.vmSize === 'string') c.vmSize = body.vmSize;
    if (typeof body.assignedUser === 'string') c.assignedUserOid = findUser(w, body.assignedUser).oid;
    if (typeof body.identity === 'string') c.identityResourceId = body.identity;
    w.store.changed();
    return sendJson(ctx, 200, c);
  }
  if ((m = /^PATCH \/workspaces\/([^/]+)$/.exec(route))) {
    const ws = st(w).workspaces.find((x) => x.name === m?.[1]);
    if (!ws) throw new HttpError(404, 'NotFound', `workspace ${m[1]} is not seeded`);
    if (typeof body.hasWorkingDirectory === 'boolean') ws.hasWorkingDirectory = body.hasWorkingDirectory;
    if (
      body.defaultDatastoreType === 'AzureBlob' ||
      body.defaultDatastoreType === 'AzureFile' ||
      body.defaultDatastoreType === 'AzureDataLakeGen2'
    )
      ws.defaultDatastoreType = body.defaultDatastoreType;
    if (body.keyVaultPermissionModel === 'rbac' || body.keyVaultPermissionModel === 'accessPolicy')
      ws.keyVaultRbac = body.keyVaultPermissionModel === 'rbac';
    if (Array.isArray(body.keyVaultAccessPolicies)) {
      ws.keyVaultAccessPolicies = (body.keyVaultAccessPolicies as Record<string, unknown>[]).map((p) => ({
        objectId: findIdentity(w, String(p.identity ?? '')).principalId,
        keys: (p.keys as string[] | undefined) ?? [],
        secrets: (p.secrets as string[] | undefined) ?? [],
        certificates: (p.certificates as string[] | undefined) ?? [],
      }));
    }
    w.store.changed();
    return sendJson(ctx, 200, { ok: true });
  }
  if ((m = /^(PUT|DELETE) \/flowRuntimes\/([^/]+)$/.exec(route))) {
    if (m[1] === 'DELETE') {
      deleteRuntime(w, first(), decodeURIComponent(m[2]));
      return sendJson(ctx, 200, { ok: true });
    }
    return sendJson(ctx, 200, putRuntime(w, first(), decodeURIComponent(m[2]), body));
  }
  if (route === 'POST /faults') {
    try {
      return sendJson(ctx, 200, d.faults.add({ ...(body as object), kind: body.kind as FaultKind }));
    } catch (err) {
      throw new HttpError(400, 'BadRequest', err instanceof Error ? err.message : String(err));
    }
  }
  if (route === 'GET /faults') return sendJson(ctx, 200, d.faults.list());
  if (route === 'DELETE /faults') {
    d.faults.clear();
    return sendJson(ctx, 200, { ok: true });
  }
  if (route === 'POST /clock/advance') {
    const seconds = Number(body.seconds);
    if (!Number.isFinite(seconds) || seconds < 0) throw new HttpError(400, 'BadRequest', 'seconds must be a number >= 0.');
    w.clock.offsetMs += seconds * 1000;
    st(w).clockOffsetMs = w.clock.offsetMs;
    const deleted = sweep(d);
    w.store.changed();
    return sendJson(ctx, 200, { now: w.clock.iso(), deleted });
  }
  if (route === 'POST /clock/set') {
    const at = typeof body.now === 'string' ? Date.parse(body.now) : NaN;
    if (!Number.isFinite(at)) throw new HttpError(400, 'BadRequest', 'now must be an ISO 8601 time, e.g. 2027-04-20T00:00:00Z.');
    w.clock.offsetMs = at - Date.now();
    st(w).clockOffsetMs = w.clock.offsetMs;
    const deleted = sweep(d);
    w.store.changed();
    return sendJson(ctx, 200, { now: w.clock.iso(), deleted });
  }
  if (route === 'POST /idle/sweep') return sendJson(ctx, 200, { deleted: sweep(d) });
  if (route === 'POST /tokens') {
    const u = findUser(w, typeof body.user === 'string' ? body.user : undefined);
    const lifetime = typeof body.lifetimeSeconds === 'number' ? body.lifetimeSeconds : d.tokenLifetime.seconds;
    const t = d.auth.issue(
      { oid: u.oid, tid: st(w).tenantId, upn: u.upn },
      body.audience === 'ml' ? ML_AUDIENCE : ARM_AUDIENCE,
      lifetime,
      u.displayName,
    );
    return sendJson(ctx, 200, { access_token: t.token, token_type: 'Bearer', expires_on: t.expiresOn });
  }
  if (route === 'POST /tokens/expire') {
    d.auth.expireIssuedUpTo = Date.now();
    return sendJson(ctx, 200, { ok: true });
  }
  if (route === 'POST /tokens/lifetime') {
    const s = Number(body.seconds);
    if (!Number.isFinite(s) || s <= 0) throw new HttpError(400, 'BadRequest', 'seconds must be > 0.');
    d.tokenLifetime.seconds = s;
    return sendJson(ctx, 200, { ok: true });
  }
  if (route === 'POST /chat/answers') return sendJson(ctx, 200, d.chat.addRule(body));
  if (route === 'GET /chat/answers') return sendJson(ctx, 200, d.chat.listRules());
  if (route === 'DELETE /chat/answers') {
    d.chat.clearRules();
    return sendJson(ctx, 200, { ok: true });
  }
  if (route === 'GET /chat/requests') return sendJson(ctx, 200, d.chat.requests());
  if (route === 'DELETE /chat/requests') {
    d.chat.clearRequests();
    return sendJson(ctx, 200, { ok: true });
  }
  throw new HttpError(404, 'NotFound', `No control call ${route}. See the list at the top of control.ts.`);
}
