// ARM (management plane) routes at the shapes @azure/arm-machinelearning 2.1.1 (api-version 2022-10-01)
// deserializes: workspaces, computes (compute instance start/stop/restart LROs), datastores, VM sizes,
// usages, quotas; plus ARM's own subscription list and role-assignment list (2022-04-01).
import { randomUUID } from 'node:crypto';
import { HttpError, sendJson, type Ctx } from './http';
import { AZURITE_ACCOUNT, AZURITE_KEY } from './azurite';
import { type ArmOperationRecord, type ComputeInstanceRecord, type ServerlessRecord, type WorkspaceRecord } from './state';
import { linkedResources } from './resources';
import {
  DELAYS,
  findWorkspace,
  requireRead,
  requireSessionRights,
  requireWrite,
  rolesAt,
  st,
  userByOid,
  workspaceArmId,
  workspaceKeyOf,
  type World,
} from './world';
import { DATA_SCIENTIST_ROLE } from './seed';
import type { SessionEngine } from './sessions';

const ML = 'providers/Microsoft.MachineLearningServices';
const SEG = '([^/]+)';
type Handler = (ctx: Ctx, m: string[]) => Promise<void> | void;

export function armRoutes(w: World, sessions: SessionEngine): [string, RegExp, Handler][] {
  const wsPath = `^/subscriptions/${SEG}/resourceGroups/${SEG}/${ML}/workspaces/${SEG}`;
  const user = (ctx: Ctx) => ctx.user as { oid: string; tid: string; upn: string };
  const ws = (ctx: Ctx, m: string[]): WorkspaceRecord => {
    const rec = findWorkspace(w, m[1], m[2], m[3]);
    requireRead(w, user(ctx).oid, user(ctx).upn, workspaceArmId(rec));
    return rec;
  };
  return [
    [
      'GET',
      /^\/subscriptions$/,
      (ctx) =>
        sendJson(ctx, 200, {
          value: st(w).subscriptions.map((s) => subscriptionBody(w, s.subscriptionId, s.displayName)),
          count: { type: 'Total', value: st(w).subscriptions.length },
        }),
    ],
    ['GET', new RegExp(`^/subscriptions/${SEG}/${ML}/workspaces$`), (ctx, m) => listWorkspaces(w, ctx, (x) => x.subscriptionId === m[1])],
    [
      'GET',
      new RegExp(`^/subscriptions/${SEG}/resourceGroups/${SEG}/${ML}/workspaces$`),
      (ctx, m) => listWorkspaces(w, ctx, (x) => x.subscriptionId === m[1] && x.resourceGroup.toLowerCase() === m[2].toLowerCase()),
    ],
    ['GET', new RegExp(`${wsPath}$`), (ctx, m) => sendJson(ctx, 200, workspaceBody(w, ws(ctx, m)))],
    ['PATCH', new RegExp(`${wsPath}$`), (ctx, m) => updateWorkspace(w, ctx, ws(ctx, m))],
    [
      'GET',
      new RegExp(`${wsPath}/computes$`),
      (ctx, m) => {
        const rec = ws(ctx, m);
        const list = st(w).computeInstances.filter((c) => c.workspaceKey === workspaceKeyOf(rec));
        const serverless = st(w).serverless.filter((c) => c.workspaceKey === workspaceKeyOf(rec));
        sendJson(ctx, 200, { value: [...list.map((c) => computeBody(w, rec, c)), ...serverless.map((c) => serverlessBody(w, rec, c))] });
      },
    ],
    [
      'GET',
      new RegExp(`${wsPath}/computes/${SEG}$`),
      (ctx, m) => {
        const rec = ws(ctx, m);
        const sl = findServerless(w, rec, m[4]);
        sendJson(ctx, 200, sl ? serverlessBody(w, rec, sl) : computeBody(w, rec, findCompute(w, rec, m[4])));
      },
    ],
    ['DELETE', new RegExp(`${wsPath}/computes/${SEG}$`), (ctx, m) => deleteCompute(w, sessions, ctx, ws(ctx, m), m[4])],
    [
      'POST',
      new RegExp(`${wsPath}/computes/${SEG}/(start|stop|restart)$`),
      (ctx, m) => computeAction(w, sessions, ctx, ws(ctx, m), findCompute(w, ws(ctx, m), m[4]), m[5] as 'start' | 'stop' | 'restart'),
    ],
    ['GET', new RegExp(`^/subscriptions/${SEG}/${ML}/locations/${SEG}/armOperations/${SEG}$`), (ctx, m) => pollArmOperation(w, ctx, m[3])],
    [
      'GET',
      new RegExp(`${wsPath}/datastores$`),
      (ctx, m) => {
        const rec = ws(ctx, m);
        let list = datastores(w, rec);
        if (ctx.url.searchParams.get('isDefault') === 'true') list = list.filter((d) => (d.properties as { isDefault: boolean }).isDefault);
        const names = ctx.url.searchParams.getAll('names');
        if (names.length) list = list.filter((d) => names.includes(d.name as string));
        const count = Number(ctx.url.searchParams.get('count') ?? '30');
        sendJson(ctx, 200, { value: list.slice(0, Number.isFinite(count) && count > 0 ? count : 30) });
      },
    ],
    [
      'GET',
      new RegExp(`${wsPath}/datastores/${SEG}$`),
      (ctx, m) => {
        const d = datastores(w, ws(ctx, m)).find((x) => x.name === m[4]);
        if (!d) throw new HttpError(404, 'UserError', `Datastore ${m[4]} was not found in workspace ${m[3]}.`);
        sendJson(ctx, 200, d);
      },
    ],
    [
      'POST',
      new RegExp(`${wsPath}/datastores/${SEG}/listSecrets$`),
      (ctx, m) => {
        const rec = ws(ctx, m);
        requireSessionRights(w, user(ctx).oid, user(ctx).upn, rec);
        const d = datastores(w, rec).find((x) => x.name === m[4]);
        if (!d) throw new HttpError(404, 'UserError', `Datastore ${m[4]} was not found in workspace ${m[3]}.`);
        sendJson(ctx, 200, { secretsType: 'AccountKey', key: AZURITE_KEY });
      },
    ],
    [
      'GET',
      new RegExp(`^/subscriptions/${SEG}/${ML}/locations/${SEG}/vmSizes$`),
      (ctx, m) => {
        checkSubscription(w, m[1]);
        sendJson(ctx, 200, {
          value: st(w).vmSizes.map((v) => ({ ...v, estimatedVMPrices: null, supportedComputeTypes: ['ComputeInstance', 'AmlCompute'] })),
        });
      },
    ],
    ['GET', new RegExp(`^/subscriptions/${SEG}/${ML}/locations/${SEG}/usages$`), (ctx, m) => usages(w, sessions, ctx, m[1], m[2])],
    ['GET', new RegExp(`^/subscriptions/${SEG}/${ML}/locations/${SEG}/quotas$`), (ctx, m) => quotas(w, ctx, m[1], m[2])],
    ['GET', /^(\/subscriptions\/.+?)\/providers\/Microsoft\.Authorization\/roleAssignments$/, (ctx, m) => roleAssignments(w, ctx, m[1])],
    // The resources a workspace is linked to, and user-assigned identities (S4: their roles are checked).
    [
      'GET',
      /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/(Microsoft\.Storage\/storageAccounts|Microsoft\.KeyVault\/vaults|Microsoft\.ContainerRegistry\/registries|Microsoft\.Insights\/components|Microsoft\.ManagedIdentity\/userAssignedIdentities)\/[^/]+$/,
      (ctx) => linkedResource(w, ctx),
    ],
  ];
}

function checkSubscription(w: World, sub: string): void {
  if (!st(w).subscriptions.some((s) => s.subscriptionId === sub))
    throw new HttpError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`);
}

function subscriptionBody(w: World, id: string, displayName: string) {
  return {
    id: `/subscriptions/${id}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: id,
    tenantId: st(w).tenantId,
    displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

function listWorkspaces(w: World, ctx: Ctx, pick: (x: WorkspaceRecord) => boolean): void {
  const u = ctx.user as { oid: string };
  const list = st(w).workspaces.filter((x) => pick(x) && rolesAt(w, u.oid, workspaceArmId(x)).length > 0);
  sendJson(ctx, 200, { value: list.map((x) => workspaceBody(w, x)) });
}

export function workspaceBody(w: World, ws: WorkspaceRecord) {
  const id = workspaceArmId(ws);
  const uais: Record<string, { principalId: string; clientId: string }> = {};
  for (const rid of ws.userAssignedIdentities) {
    const i = st(w).identities.find((x) => x.resourceId.toLowerCase() === rid.toLowerCase());
    if (i) uais[i.resourceId] = { principalId: i.principalId, clientId: i.clientId };
  }
  return {
    id,
    name: ws.name,
    type: 'Microsoft.MachineLearningServices/workspaces',
    location: ws.location,
    tags: ws.tags,
    etag: null,
    sku: { name: 'Basic', tier: 'Basic' },
    kind: 'Default',
    identity: {
      type: ws.identityType,
      ...(ws.identityType.includes('SystemAssigned') ? { principalId: ws.systemPrincipalId, tenantId: st(w).tenantId } : {}),
      ...(ws.userAssignedIdentities.length ? { userAssignedIdentities: uais } : {}),
    },
    systemData: {
      createdAt: '2026-01-05T09:00:00Z',
      createdBy: 'admin@contoso.com',
      createdByType: 'User',
      lastModifiedAt: '2026-01-05T09:00:00Z',
      lastModifiedBy: 'admin@contoso.com',
      lastModifiedByType: 'User',
    },
    properties: {
      workspaceId: ws.workspaceId,
      friendlyName: ws.friendlyName,
      description: '',
      ...linkedResources(ws),
      // Clients cut this before `discovery` to find the prompt flow service host (docs/azure-contract.md §2).
      discoveryUrl: `${w.endpoint}/discovery`,
      mlFlowTrackingUri: `azureml://${ws.location}.api.azureml.ms/mlflow/v1.0${id}`,
      provisioningState: 'Succeeded',
      hbiWorkspace: false,
      allowPublicAccessWhenBehindVnet: false,
      publicNetworkAccess: 'Enabled',
      primaryUserAssignedIdentity: ws.primaryUserAssignedIdentity ?? null,
      tenantId: st(w).tenantId,
      storageHnsEnabled: false,
      v1LegacyMode: false,
      privateEndpointConnections: [],
      notebookInfo: null,
    },
  };
}

const IDENTITY_TYPES = ['None', 'SystemAssigned', 'UserAssigned', 'SystemAssigned,UserAssigned'];

/** PATCH workspace (identity, primary identity, tags, description): applied now, reported through a Location LRO. */
function updateWorkspace(w: World, ctx: Ctx, ws: WorkspaceRecord): void {
  const u = ctx.user as { oid: string; upn: string };
  requireWrite(w, u.oid, u.upn, workspaceArmId(ws), 'Microsoft.MachineLearningServices/workspaces/write');
  const body = ctx.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object')
    throw new HttpError(400, 'InvalidRequestContent', 'The request body must be a WorkspaceUpdateParameters object.');
  const identity = body.identity as { type?: string; userAssignedIdentities?: Record<string, unknown> } | undefined;
  const props = (body.properties ?? {}) as Record<string, unknown>;
  let attached = [...ws.userAssignedIdentities];
  let type = ws.identityType;
  if (identity) {
    if (identity.type !== undefined) {
      const t = IDENTITY_TYPES.find((x) => x.replace(/\s/g, '').toLowerCase() === String(identity.type).replace(/\s/g, '').toLowerCase());
      if (!t)
        throw new HttpError(400, 'BadRequest', `identity.type must be one of ${IDENTITY_TYPES.join(', ')}.`, { target: 'identity.type' });
      type = t;
    }
    for (const [rid, v] of Object.entries(identity.userAssignedIdentities ?? {})) {
      // ARM PATCH semantics: a null value detaches the identity.
      if (v === null) {
        attached = attached.filter((x) => x.toLowerCase() !== rid.toLowerCase());
        continue;
      }
      const known = st(w).identities.find((x) => x.resourceId.toLowerCase() === rid.toLowerCase());
      if (!known)
        throw new HttpError(400, 'BadRequest', `The user-assigned identity '${rid}' was not found.`, {
          target: 'identity.userAssignedIdentities',
        });
      if (!attached.some((x) => x.toLowerCase() === rid.toLowerCase())) attached.push(known.resourceId);
    }
    if (!type.includes('UserAssigned')) attached = [];
    if (type.includes('UserAssigned') && attached.length === 0)
      throw new HttpError(400, 'BadRequest', 'Identity type UserAssigned needs at least one user-assigned identity.', {
        target: 'identity',
      });
  }
  let primary = ws.primaryUserAssignedIdentity;
  if ('primaryUserAssignedIdentity' in props) primary = (props.primaryUserAssignedIdentity as string | null) ?? undefined;
  if (primary && !attached.some((x) => x.toLowerCase() === primary?.toLowerCase())) {
    throw new HttpError(
      400,
      'BadRequest',
      `primaryUserAssignedIdentity '${primary}' must be one of the workspace's user-assigned identities.`,
      { target: 'properties.primaryUserAssignedIdentity' },
    );
  }
  // The `ignoreUpdate` fault: the update is accepted and its operation succeeds, but nothing changes.
  if (!w.faults.take(['ignoreUpdate'], ctx.path, 'PATCH')) {
    ws.identityType = type;
    ws.userAssignedIdentities = attached;
    ws.primaryUserAssignedIdentity = primary;
    if (typeof props.friendlyName === 'string') ws.friendlyName = props.friendlyName;
    if (body.tags && typeof body.tags === 'object') ws.tags = body.tags as Record<string, string>;
    w.store.changed();
  }
  const op = startArmOperation(w, 'workspaceUpdate', workspaceArmId(ws), DELAYS.workspaceUpdate, () => undefined);
  sendJson(ctx, 202, undefined, lroHeaders(w, ws, op));
}

function findCompute(w: World, ws: WorkspaceRecord, name: string): ComputeInstanceRecord {
  const c = st(w).computeInstances.find((x) => x.workspaceKey === workspaceKeyOf(ws) && x.name === name);
  if (!c)
    throw new HttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.MachineLearningServices/workspaces/${ws.name}/computes/${name}' under resource group '${ws.resourceGroup}' was not found.`,
    );
  return c;
}

/** A compute's `identity` block when a user-assigned identity is attached, as ARM returns it. */
function userAssigned(identity: { resourceId: string; principalId: string; clientId: string } | undefined) {
  return identity
    ? {
        identity: {
          type: 'UserAssigned',
          userAssignedIdentities: { [identity.resourceId]: { principalId: identity.principalId, clientId: identity.clientId } },
        },
      }
    : {};
}

export function computeBody(w: World, ws: WorkspaceRecord, c: ComputeInstanceRecord) {
  const user = userByOid(w, c.assignedUserOid);
  const identity = c.identityResourceId ? st(w).identities.find((i) => i.resourceId === c.identityResourceId) : undefined;
  return {
    id: `${workspaceArmId(ws)}/computes/${c.name}`,
    name: c.name,
    type: 'Microsoft.MachineLearningServices/workspaces/computes',
    location: ws.location,
    tags: {},
    ...userAssigned(identity),
    properties: {
      computeType: 'ComputeInstance',
      computeLocation: ws.location,
      description: null,
      createdOn: c.createdOn,
      modifiedOn: c.modifiedOn,
      resourceId: null,
      provisioningErrors: null,
      provisioningState: 'Succeeded',
      isAttachedCompute: false,
      disableLocalAuth: true,
      properties: {
        vmSize: c.vmSize,
        state: c.state,
        applicationSharingPolicy: 'Personal',
        computeInstanceAuthorizationType: 'personal',
        personalComputeInstanceSettings: { assignedUser: { objectId: c.assignedUserOid, tenantId: st(w).tenantId } },
        createdBy: { userName: user?.displayName ?? c.createdByUpn, userOrgId: st(w).tenantId, userId: c.assignedUserOid },
        lastOperation: c.lastOperation,
        schedules: { computeStartStop: [] },
        errors: [],
        applications:
          c.state === 'Running'
            ? [{ displayName: 'Jupyter', endpointUri: `https://${c.name}.${ws.location}.instances.azureml.ms/tree/` }]
            : [],
        sshSettings: { sshPublicAccess: 'Disabled', adminUserName: 'azureuser', sshPort: 4001 },
        connectivityEndpoints: { publicIpAddress: null, privateIpAddress: '10.0.0.4' },
        enableNodePublicIp: true,
      },
    },
  };
}

function findServerless(w: World, ws: WorkspaceRecord, name: string): ServerlessRecord | undefined {
  return st(w).serverless.find((x) => x.workspaceKey === workspaceKeyOf(ws) && x.name === name);
}

/**
 * A serverless compute behind compute sessions, read like any compute of the workspace. Its compute
 * type is reported as AmlCompute, as the session read reports it (unverified, docs/azure-contract.md §22).
 */
export function serverlessBody(w: World, ws: WorkspaceRecord, c: ServerlessRecord) {
  const identity = c.identity ? st(w).identities.find((i) => i.resourceId.toLowerCase() === c.identity?.toLowerCase()) : undefined;
  return {
    id: `${workspaceArmId(ws)}/computes/${c.name}`,
    name: c.name,
    type: 'Microsoft.MachineLearningServices/workspaces/computes',
    location: ws.location,
    tags: {},
    ...userAssigned(identity),
    properties: {
      computeType: 'AmlCompute',
      computeLocation: ws.location,
      description: null,
      createdOn: c.createdOn,
      modifiedOn: c.createdOn,
      resourceId: null,
      provisioningErrors: null,
      provisioningState: c.provisioningState,
      isAttachedCompute: false,
      disableLocalAuth: true,
      properties: {
        vmSize: c.vmSize,
        vmPriority: 'Dedicated',
        createdBy: { userId: c.userOid, userOrgId: st(w).tenantId },
      },
    },
  };
}

/**
 * DELETE a compute (S11): a serverless compute takes its sessions with it at once, a compute instance
 * too; both report Deleting until they are gone. Only the compute's own user may delete it.
 */
function deleteCompute(w: World, sessions: SessionEngine, ctx: Ctx, ws: WorkspaceRecord, name: string): void {
  const u = ctx.user as { oid: string; upn: string };
  requireSessionRights(w, u.oid, u.upn, ws);
  const target = `${workspaceArmId(ws)}/computes/${name}`;
  const sl = findServerless(w, ws, name);
  if (sl) {
    if (sl.userOid !== u.oid)
      throw new HttpError(403, 'AuthorizationFailed', `Compute ${name} serves another user; only that user can delete it.`);
    if (sl.provisioningState !== 'Deleting') sessions.deleteServerless(sl);
    const op = startArmOperation(w, 'computeDelete', target, DELAYS.deleteSession, () => sessions.forgetServerless(sl));
    return sendJson(ctx, 202, undefined, lroHeaders(w, ws, op));
  }
  const c = findCompute(w, ws, name);
  if (c.assignedUserOid !== u.oid)
    throw new HttpError(
      403,
      'AuthorizationFailed',
      `Compute instance ${c.name} is assigned to another user; only its assigned user can delete it.`,
    );
  c.state = 'Deleting';
  c.modifiedOn = w.clock.iso();
  c.lastOperation = { operationName: 'Delete', operationStatus: 'InProgress', operationTime: w.clock.iso() };
  for (const [key, s] of Object.entries(st(w).sessions))
    if (s.workspaceKey === workspaceKeyOf(ws) && s.computeInstanceName === c.name) sessions.deleteSession(key);
  w.store.changed();
  const op = startArmOperation(w, 'computeDelete', target, DELAYS.computeStartStop, () => {
    st(w).computeInstances = st(w).computeInstances.filter((x) => x !== c);
  });
  sendJson(ctx, 202, undefined, lroHeaders(w, ws, op));
}

/** GET of a workspace's linked resource or of a user-assigned identity, in the shape of its provider. */
function linkedResource(w: World, ctx: Ctx): void {
  const u = ctx.user as { oid: string; upn: string };
  const id = ctx.path;
  const lower = id.toLowerCase();
  const identity = st(w).identities.find((i) => i.resourceId.toLowerCase() === lower);
  const owner = st(w).workspaces.find((x) => Object.values(linkedResources(x)).some((r) => r.toLowerCase() === lower));
  if (!identity && !owner) throw new HttpError(404, 'ResourceNotFound', `The Resource '${id.split('/providers/')[1]}' was not found.`);
  requireRead(w, u.oid, u.upn, id);
  const name = id.split('/').pop() as string;
  const type = id.split('/providers/')[1].split('/').slice(0, 2).join('/');
  const location = owner?.location ?? st(w).workspaces[0]?.location ?? 'eastus';
  const base = { id, name, type, location, tags: {} };
  if (identity)
    return sendJson(ctx, 200, {
      ...base,
      properties: { tenantId: st(w).tenantId, principalId: identity.principalId, clientId: identity.clientId },
    });
  const ws = owner as WorkspaceRecord;
  if (type === 'Microsoft.KeyVault/vaults') {
    return sendJson(ctx, 200, {
      ...base,
      properties: {
        tenantId: st(w).tenantId,
        sku: { family: 'A', name: 'standard' },
        enableRbacAuthorization: ws.keyVaultRbac !== false,
        accessPolicies: (ws.keyVaultAccessPolicies ?? []).map((p) => ({
          tenantId: st(w).tenantId,
          objectId: p.objectId,
          permissions: { keys: p.keys, secrets: p.secrets, certificates: p.certificates },
        })),
        vaultUri: `https://${name}.vault.azure.net/`,
        provisioningState: 'Succeeded',
      },
    });
  }
  sendJson(ctx, 200, { ...base, properties: { provisioningState: 'Succeeded' } });
}

const TRANSITIONS = {
  start: { from: ['Stopped'], via: 'Starting', to: 'Running', name: 'Start' },
  stop: { from: ['Running', 'JobRunning'], via: 'Stopping', to: 'Stopped', name: 'Stop' },
  restart: { from: ['Running', 'JobRunning'], via: 'Restarting', to: 'Running', name: 'Restart' },
} as const;

function computeAction(
  w: World,
  sessions: SessionEngine,
  ctx: Ctx,
  ws: WorkspaceRecord,
  c: ComputeInstanceRecord,
  action: 'start' | 'stop' | 'restart',
): void {
  const u = ctx.user as { oid: string; upn: string };
  requireSessionRights(w, u.oid, u.upn, ws);
  if (c.assignedUserOid !== u.oid)
    throw new HttpError(
      403,
      'AuthorizationFailed',
      `Compute instance ${c.name} is assigned to another user; only its assigned user can ${action} it.`,
    );
  const t = TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(c.state)) {
    throw new HttpError(409, 'Conflict', `Cannot ${action} compute instance ${c.name} while it is ${c.state}.`);
  }
  c.state = t.via;
  c.modifiedOn = w.clock.iso();
  c.lastOperation = { operationName: t.name, operationStatus: 'InProgress', operationTime: w.clock.iso() };
  // Sessions on an instance that stops go with it.
  if (action !== 'start') {
    for (const [key, s] of Object.entries(st(w).sessions))
      if (s.workspaceKey === workspaceKeyOf(ws) && s.computeInstanceName === c.name) sessions.deleteSession(key);
  }
  w.store.changed();
  const op = startArmOperation(
    w,
    action === 'start' ? 'computeStart' : action === 'stop' ? 'computeStop' : 'computeRestart',
    `${workspaceArmId(ws)}/computes/${c.name}`,
    DELAYS.computeStartStop,
    () => {
      c.state = t.to;
      c.modifiedOn = w.clock.iso();
      c.lastOperation = { operationName: t.name, operationStatus: 'Succeeded', operationTime: w.clock.iso() };
    },
  );
  sendJson(ctx, 202, undefined, lroHeaders(w, ws, op));
}

function lroHeaders(w: World, ws: WorkspaceRecord, op: ArmOperationRecord): Record<string, string> {
  return {
    location: `${w.endpoint}/subscriptions/${ws.subscriptionId}/${ML}/locations/${ws.location}/armOperations/${op.id}?api-version=2022-10-01`,
    'retry-after': String(Math.max(0, Math.round((DELAYS.computeStartStop * w.clock.timeScale) / 2000))),
  };
}

function startArmOperation(w: World, kind: ArmOperationRecord['kind'], target: string, ms: number, done: () => void): ArmOperationRecord {
  const op: ArmOperationRecord = { id: randomUUID(), kind, target, status: 'InProgress', createdAt: w.clock.iso() };
  st(w).armOperations[op.id] = op;
  void w.clock.delay(ms).then(() => {
    if (w.stopping) return;
    done();
    op.status = 'Succeeded';
    w.store.changed();
  });
  return op;
}

/** Location polling: 202 while running, then 200 (with the workspace for a workspace update). */
function pollArmOperation(w: World, ctx: Ctx, id: string): void {
  const op = st(w).armOperations[id];
  if (!op) throw new HttpError(404, 'NotFound', `Operation ${id} was not found.`);
  if (op.status === 'InProgress')
    return sendJson(ctx, 202, undefined, { location: `${w.endpoint}${ctx.url.pathname}${ctx.url.search}`, 'retry-after': '0' });
  if (op.status === 'Failed')
    throw new HttpError(500, op.error?.code ?? 'InternalServerError', op.error?.message ?? 'The operation failed.');
  if (op.kind === 'workspaceUpdate') {
    const ws = st(w).workspaces.find((x) => workspaceArmId(x) === op.target);
    return sendJson(ctx, 200, ws ? workspaceBody(w, ws) : {});
  }
  sendJson(ctx, 200, undefined);
}

/** After a restart, compute operations complete (their final state is known) instead of hanging. */
export function recoverArmOperations(w: World): void {
  for (const op of Object.values(st(w).armOperations)) {
    if (op.status !== 'InProgress') continue;
    op.status = 'Succeeded';
    if (op.kind === 'computeDelete') {
      const name = op.target.split('/').pop();
      st(w).computeInstances = st(w).computeInstances.filter((c) => !op.target.endsWith(`/computes/${c.name}`));
      st(w).serverless = st(w).serverless.filter((c) => !(c.name === name && c.provisioningState === 'Deleting'));
      continue;
    }
    for (const c of st(w).computeInstances) {
      if (op.target.endsWith(`/computes/${c.name}`)) {
        c.state = op.kind === 'computeStop' ? 'Stopped' : 'Running';
        c.lastOperation = {
          operationName: op.kind === 'computeStop' ? 'Stop' : op.kind === 'computeStart' ? 'Start' : 'Restart',
          operationStatus: 'Succeeded',
          operationTime: w.clock.iso(),
        };
      }
    }
  }
  w.store.changed();
}

function datastores(w: World, ws: WorkspaceRecord): Record<string, unknown>[] {
  const wsId = workspaceArmId(ws);
  const blob = w.azurite ? { endpoint: w.azurite.host, protocol: 'http' } : { endpoint: 'core.windows.net', protocol: 'https' };
  const ds = (name: string, isDefault: boolean, props: Record<string, unknown>) => ({
    id: `${wsId}/datastores/${name}`,
    name,
    type: 'Microsoft.MachineLearningServices/workspaces/datastores',
    systemData: {
      createdAt: '2026-01-05T09:00:00Z',
      createdBy: 'admin@contoso.com',
      createdByType: 'User',
      lastModifiedAt: '2026-01-05T09:00:00Z',
      lastModifiedBy: 'admin@contoso.com',
      lastModifiedByType: 'User',
    },
    properties: {
      description: null,
      tags: {},
      properties: {},
      isDefault,
      credentials: { credentialsType: 'AccountKey' },
      intellectualProperty: null,
      subscriptionId: ws.subscriptionId,
      resourceGroup: ws.resourceGroup,
      serviceDataAccessAuthIdentity: 'None',
      ...props,
    },
  });
  const list = [
    ds('workspaceblobstore', ws.defaultDatastoreType === 'AzureBlob', {
      datastoreType: 'AzureBlob',
      accountName: AZURITE_ACCOUNT,
      containerName: blobContainer(ws),
      ...blob,
    }),
    ds('workspaceartifactstore', false, { datastoreType: 'AzureBlob', accountName: AZURITE_ACCOUNT, containerName: 'azureml', ...blob }),
    ds('workspacefilestore', ws.defaultDatastoreType === 'AzureFile', {
      datastoreType: 'AzureFile',
      accountName: AZURITE_ACCOUNT,
      fileShareName: `azureml-filestore-${ws.workspaceId}`,
      ...blob,
    }),
  ];
  if (ws.hasWorkingDirectory)
    list.push(
      ds('workspaceworkingdirectory', false, {
        datastoreType: 'AzureFile',
        accountName: AZURITE_ACCOUNT,
        fileShareName: `code-${ws.workspaceId}`,
        ...blob,
      }),
    );
  if (ws.defaultDatastoreType === 'AzureDataLakeGen2')
    list.push(
      ds('workspaceadlsgen2', true, { datastoreType: 'AzureDataLakeGen2', accountName: AZURITE_ACCOUNT, filesystem: 'data', ...blob }),
    );
  return list;
}

export const blobContainer = (ws: WorkspaceRecord): string => `azureml-blobstore-${ws.workspaceId}`;

function familyLabel(family: string): string {
  return `${family.replace(/^standard/, 'Standard ').replace(/Family$/, ' Family')} Cores`;
}

function usages(w: World, sessions: SessionEngine, ctx: Ctx, sub: string, location: string): void {
  checkSubscription(w, sub);
  const used = sessions.usage(location);
  const quotas = st(w).quotas.filter((q) => q.location.toLowerCase() === location.toLowerCase());
  const total = quotas.reduce((n, q) => n + q.limit, 0);
  const base = `/subscriptions/${sub}/${ML}/locations/${location}/usages`;
  sendJson(ctx, 200, {
    value: [
      {
        id: `${base}/totalCores`,
        amlWorkspaceLocation: location,
        type: 'Microsoft.MachineLearningServices/totalcores/usages',
        unit: 'Count',
        currentValue: [...used.values()].reduce((a, b) => a + b, 0),
        limit: total,
        name: { value: 'Total Cluster Dedicated Regional vCPUs', localizedValue: 'Total Cluster Dedicated Regional vCPUs' },
      },
      ...quotas.map((q) => ({
        id: `${base}/${q.family}`,
        amlWorkspaceLocation: location,
        type: 'Microsoft.MachineLearningServices/vmFamily/usages',
        unit: 'Count',
        currentValue: used.get(q.family) ?? 0,
        limit: q.limit,
        name: { value: q.family, localizedValue: familyLabel(q.family) },
      })),
    ],
  });
}

function quotas(w: World, ctx: Ctx, sub: string, location: string): void {
  checkSubscription(w, sub);
  const list = [];
  for (const ws of st(w).workspaces.filter((x) => x.subscriptionId === sub && x.location.toLowerCase() === location.toLowerCase())) {
    for (const q of st(w).quotas.filter((x) => x.location === ws.location)) {
      list.push({
        id: `${workspaceArmId(ws)}/quotas/${q.family}`,
        amlWorkspaceLocation: location,
        type: 'Microsoft.MachineLearningServices/vmFamily/quotas',
        name: { value: q.family, localizedValue: familyLabel(q.family) },
        limit: q.limit,
        unit: 'Count',
      });
    }
  }
  sendJson(ctx, 200, { value: list });
}

/** GET {scope}/providers/Microsoft.Authorization/roleAssignments with the `$filter` forms of docs/azure-contract.md §24. */
function roleAssignments(w: World, ctx: Ctx, scope: string): void {
  const u = ctx.user as { oid: string; upn: string };
  const held = rolesAt(w, u.oid, scope);
  // Listing needs Microsoft.Authorization/roleAssignments/read: Reader/Contributor/Owner have it through
  // */read. Whether AzureML Data Scientist alone grants it is unverified, so it does not here (defensive).
  if (held.length === 0 || held.every((r) => r === DATA_SCIENTIST_ROLE)) {
    throw new HttpError(
      403,
      'AuthorizationFailed',
      `The client '${u.upn}' with object id '${u.oid}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '${scope}/providers/Microsoft.Authorization' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
  const filter = (ctx.url.searchParams.get('$filter') ?? '').trim();
  const s = scope.toLowerCase().replace(/\/+$/, '');
  const above = (x: string) => s === x || s.startsWith(`${x}/`);
  const below = (x: string) => x.startsWith(`${s}/`);
  let atScopeOnly = false;
  let principal: string | undefined;
  for (const part of filter ? filter.split(/\s+and\s+/i) : []) {
    let m: RegExpExecArray | null;
    if (/^atScope\(\)$/i.test(part)) atScopeOnly = true;
    else if ((m = /^principalId\s+eq\s+'([^']+)'$/i.exec(part)) || (m = /^assignedTo\('([^']+)'\)$/i.exec(part))) principal = m[1];
    else
      throw new HttpError(
        400,
        'InvalidFilterInQueryString',
        `The filter '${filter}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}' or 'assignedTo('{value}')'.`,
      );
  }
  const list = st(w).roleAssignments.filter((r) => {
    const rs = r.scope.toLowerCase();
    if (principal && r.principalId !== principal) return false;
    return atScopeOnly ? above(rs) : above(rs) || below(rs);
  });
  const sub = scope.split('/')[2];
  sendJson(ctx, 200, {
    value: list.map((r) => ({
      id: `${r.scope}/providers/Microsoft.Authorization/roleAssignments/${r.name}`,
      type: 'Microsoft.Authorization/roleAssignments',
      name: r.name,
      properties: {
        roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${r.roleDefinitionGuid}`,
        principalId: r.principalId,
        principalType: r.principalType,
        scope: r.scope,
        condition: null,
        conditionVersion: null,
        createdOn: '2026-01-05T09:00:00.0000000Z',
        updatedOn: '2026-01-05T09:00:00.0000000Z',
        createdBy: null,
        updatedBy: null,
        delegatedManagedIdentityResourceId: null,
        description: null,
      },
    })),
  });
}
