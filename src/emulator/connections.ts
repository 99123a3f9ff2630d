// Workspace connections: the ARM resource (`{WS}/connections…`: list, get, PUT, DELETE, listsecrets)
// shaped as the recorded 2023-04-01-preview list answer, and the prompt flow service's view of them
// (`Connections/specs`, `Connections/{name}/AzureOpenAIDeployments`). docs/azure-contract.md §17, §18, §31.
import { HttpError, sendJson, type Ctx } from './http';
import { CREDENTIAL_FIELDS, accountArmId, groupOf, parseAccountId, type ConnectionRecord } from './aiResources';
import { findAccount } from './cognitive';
import { CONTRIBUTOR_ROLE, DATA_SCIENTIST_ROLE, OWNER_ROLE } from './seed';
import type { WorkspaceRecord } from './state';
import { findWorkspace, requireRead, rolesAt, st, workspaceArmId, workspaceKeyOf, type World } from './world';

/**
 * ARM answers a version it does not serve with 400 `NoRegisteredProviderFound`. These are the versions
 * of the connection resource the product, the SDKs and pfazure send (2022-10-01 is the JS SDK's; the
 * preview versions are the recorded ones).
 */
const API_VERSIONS = new Set([
  '2022-10-01',
  '2023-04-01',
  '2023-04-01-preview',
  '2023-06-01-preview',
  '2023-08-01-preview',
  '2023-10-01',
  '2024-01-01-preview',
  '2024-04-01',
  '2024-04-01-preview',
  '2024-07-01-preview',
  '2024-10-01',
  '2024-10-01-preview',
]);

/** The connection name pattern of the ARM API's `connectionName` parameter. */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/;

const SEG = '([^/]+)';
const WS = `/subscriptions/${SEG}/resourceGroups/${SEG}/providers/Microsoft\\.MachineLearningServices/workspaces/${SEG}`;
type Handler = (ctx: Ctx, m: string[]) => Promise<void> | void;

export const connectionsOf = (w: World, ws: WorkspaceRecord): ConnectionRecord[] =>
  (st(w).connections ??= []).filter((c) => c.workspaceKey === workspaceKeyOf(ws));

function findConnection(w: World, ws: WorkspaceRecord, name: string, plane: 'arm' | 'pfs'): ConnectionRecord {
  const c = connectionsOf(w, ws).find((x) => x.name === name);
  if (c) return c;
  if (plane === 'pfs') throw new HttpError(404, 'UserError', `Connection ${name} was not found.`, { innerCode: 'ConnectionNotFound' });
  throw new HttpError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.MachineLearningServices/workspaces/${ws.name}/connections/${name}' under resource group '${ws.resourceGroup}' was not found.`,
  );
}

/** Reading secrets and changing connections: AzureML Data Scientist, Contributor or Owner (unverified for listsecrets). */
function requireConnectionWrite(w: World, ctx: Ctx, ws: WorkspaceRecord, action: string): void {
  const u = ctx.user as { oid: string; upn: string };
  const scope = workspaceArmId(ws);
  if (rolesAt(w, u.oid, scope).some((r) => r === DATA_SCIENTIST_ROLE || r === CONTRIBUTOR_ROLE || r === OWNER_ROLE)) return;
  throw new HttpError(
    403,
    'AuthorizationFailed',
    `The client '${u.upn}' with object id '${u.oid}' does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/connections/${action}' over scope '${scope}/connections' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

function checkApiVersion(ctx: Ctx): void {
  const v = ctx.url.searchParams.get('api-version') ?? '';
  if (!API_VERSIONS.has(v)) {
    throw new HttpError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location and API version '${v}' and type 'workspaces/connections'. The supported api-versions are '${[...API_VERSIONS].join(', ')}'.`,
    );
  }
}

/** The resource as ARM answers it: the recorded list entry's keys, credentials always null. */
export function connectionBody(ws: WorkspaceRecord, c: ConnectionRecord, withSecrets = false) {
  return {
    tags: null,
    location: null,
    id: `${workspaceArmId(ws)}/connections/${c.name}`,
    name: c.name,
    type: 'Microsoft.MachineLearningServices/workspaces/connections',
    properties: {
      authType: c.authType,
      credentials: withSecrets ? c.credentials : null,
      group: c.group,
      category: c.category,
      expiryTime: c.expiryTime,
      target: c.target,
      createdByWorkspaceArmId: workspaceArmId(ws),
      useWorkspaceManagedIdentity: c.useWorkspaceManagedIdentity,
      isSharedToAll: c.isSharedToAll,
      sharedUserList: c.sharedUserList,
      metadata: c.metadata,
    },
    systemData: {
      createdAt: c.createdAt,
      createdBy: c.createdBy,
      createdByType: 'User',
      lastModifiedAt: c.lastModifiedAt,
      lastModifiedBy: c.lastModifiedBy,
      lastModifiedByType: 'User',
    },
  };
}

const isStringMap = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

function credentialsFrom(authType: string, raw: unknown): Record<string, unknown> | null {
  const fields = CREDENTIAL_FIELDS[authType];
  if (fields === null) return null;
  const bad = (what: string) => new HttpError(400, 'BadRequest', `properties.credentials ${what} for authType ${authType}.`);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(`must be an object with ${fields.join(', ')}`);
  const c = raw as Record<string, unknown>;
  if (authType === 'CustomKeys') {
    if (!isStringMap(c.keys)) throw bad('must hold `keys`, an object of strings');
    return { keys: { ...c.keys } };
  }
  const missing = fields.filter((f) => typeof c[f] !== 'string' || !c[f]);
  if (missing.length) throw bad(`needs ${missing.join(', ')}`);
  return Object.fromEntries(fields.map((f) => [f, c[f]]));
}

/** PUT: creates or replaces the connection; 200 with the resource either way. */
function putConnection(w: World, ctx: Ctx, ws: WorkspaceRecord, name: string): void {
  requireConnectionWrite(w, ctx, ws, 'write');
  if (!NAME.test(name))
    throw new HttpError(400, 'BadRequest', `The connection name '${name}' must match ${NAME.source}.`, { target: 'connectionName' });
  const body = ctx.body as { properties?: Record<string, unknown> } | undefined;
  const p = body?.properties;
  if (!p || typeof p !== 'object') throw new HttpError(400, 'BadRequest', 'The request body needs properties.', { target: 'properties' });
  const authType = p.authType;
  if (typeof authType !== 'string' || !(authType in CREDENTIAL_FIELDS))
    throw new HttpError(400, 'BadRequest', `properties.authType must be one of ${Object.keys(CREDENTIAL_FIELDS).join(', ')}.`, {
      target: 'properties.authType',
    });
  if (typeof p.category !== 'string' || !/^[A-Za-z0-9]{2,64}$/.test(p.category))
    throw new HttpError(400, 'BadRequest', 'properties.category is required.', { target: 'properties.category' });
  if (p.metadata !== undefined && p.metadata !== null && !isStringMap(p.metadata))
    throw new HttpError(400, 'BadRequest', 'properties.metadata must map names to strings.', { target: 'properties.metadata' });
  const u = ctx.user as { upn: string };
  const now = w.clock.iso();
  const prev = connectionsOf(w, ws).find((c) => c.name === name);
  const rec: ConnectionRecord = {
    workspaceKey: workspaceKeyOf(ws),
    name,
    category: p.category,
    authType,
    target: typeof p.target === 'string' ? p.target : '',
    group: groupOf(p.category),
    metadata: { ...((p.metadata as Record<string, string> | undefined) ?? {}) },
    credentials: credentialsFrom(authType, p.credentials),
    expiryTime: typeof p.expiryTime === 'string' ? p.expiryTime : null,
    isSharedToAll: p.isSharedToAll === true,
    sharedUserList: Array.isArray(p.sharedUserList) ? p.sharedUserList.filter((x): x is string => typeof x === 'string') : [],
    useWorkspaceManagedIdentity: p.useWorkspaceManagedIdentity === true,
    createdBy: prev?.createdBy ?? u.upn,
    createdAt: prev?.createdAt ?? now,
    lastModifiedBy: u.upn,
    lastModifiedAt: now,
  };
  const all = (st(w).connections ??= []);
  st(w).connections = [...all.filter((c) => !(c.workspaceKey === rec.workspaceKey && c.name === name)), rec];
  w.store.changed();
  sendJson(ctx, 200, connectionBody(ws, rec));
}

/** The config keys each prompt flow connection type has (facts of the promptflow SDK's connection classes). */
const SPECS: {
  type: string;
  category: string;
  display: string;
  configs: [name: string, secret: boolean, optional: boolean, def?: string][];
}[] = [
  {
    type: 'AzureOpenAI',
    category: 'AzureOpenAI',
    display: 'Azure OpenAI',
    configs: [
      ['api_key', true, false],
      ['api_base', false, false],
      ['api_type', false, true, 'azure'],
      ['api_version', false, true, '2024-02-01'],
      ['resource_id', false, true],
    ],
  },
  {
    type: 'OpenAI',
    category: 'CustomKeys',
    display: 'OpenAI',
    configs: [
      ['api_key', true, false],
      ['organization', false, true],
      ['base_url', false, true],
    ],
  },
  { type: 'Serp', category: 'CustomKeys', display: 'Serp', configs: [['api_key', true, false]] },
  {
    type: 'AzureContentSafety',
    category: 'CognitiveService',
    display: 'Azure content safety',
    configs: [
      ['api_key', true, false],
      ['endpoint', false, false],
      ['api_version', false, true, '2023-10-01'],
      ['api_type', false, true, 'Content Safety'],
    ],
  },
  {
    type: 'CognitiveSearch',
    category: 'CognitiveSearch',
    display: 'Cognitive search',
    configs: [
      ['api_key', true, false],
      ['api_base', false, false],
      ['api_version', false, true, '2023-11-01'],
    ],
  },
  {
    type: 'FormRecognizer',
    category: 'CognitiveService',
    display: 'Form recognizer',
    configs: [
      ['api_key', true, false],
      ['endpoint', false, false],
      ['api_version', false, true, '2023-07-31'],
      ['api_type', false, true, 'Form Recognizer'],
    ],
  },
  {
    type: 'Serverless',
    category: 'Serverless',
    display: 'Serverless',
    configs: [
      ['api_key', true, false],
      ['api_base', false, false],
    ],
  },
  { type: 'Custom', category: 'CustomKeys', display: 'Custom', configs: [] },
];

/** `WorkspaceConnectionSpec[]` of the generated client (connectionCategory, flowValueType, configSpecs, …). */
function specsBody() {
  return SPECS.map((s) => ({
    connectionCategory: s.category,
    flowValueType: `${s.type}Connection`,
    connectionType: s.type,
    connectionTypeDisplayName: s.display,
    configSpecs: s.configs.map(([name, secret, optional, def]) => ({
      name,
      displayName: name,
      configValueType: secret ? 'Secret' : 'String',
      ...(def === undefined ? {} : { defaultValue: def }),
      isOptional: optional,
    })),
    module: 'promptflow.connections',
  }));
}

const metaValue = (c: ConnectionRecord, key: string): string | undefined =>
  Object.entries(c.metadata).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];

/** `AzureOpenAIDeploymentDto[]`: the deployments of the account the connection's ResourceId names. */
function deploymentsBody(w: World, ctx: Ctx, c: ConnectionRecord) {
  if (c.category !== 'AzureOpenAI')
    throw new HttpError(400, 'UserError', `Connection ${c.name} is a ${c.category} connection, not an Azure OpenAI one.`, {
      innerCode: 'InvalidConnectionType',
    });
  const id = metaValue(c, 'ResourceId');
  const ref = id ? parseAccountId(id) : undefined;
  if (!ref)
    throw new HttpError(400, 'UserError', `Connection ${c.name} names no Azure OpenAI resource (metadata ResourceId).`, {
      innerCode: 'ResourceIdMissing',
    });
  const account = findAccount(w, ref);
  if (!account)
    throw new HttpError(404, 'UserError', `The Azure OpenAI resource ${ref.name} of connection ${c.name} was not found.`, {
      innerCode: 'AzureOpenAIResourceNotFound',
    });
  const u = ctx.user as { oid: string; upn: string };
  if (rolesAt(w, u.oid, accountArmId(account)).length === 0)
    throw new HttpError(403, 'UserError', `You cannot read the deployments of ${account.name}: you have no role on it.`, {
      innerCode: 'AuthorizationFailed',
    });
  return account.deployments.map((d) => ({
    name: d.name,
    modelName: d.model.name,
    capabilities: {
      completion: d.capabilities.completion === 'true',
      chat_completion: d.capabilities.chatCompletion === 'true',
      embeddings: d.capabilities.embeddings === 'true',
    },
  }));
}

export function connectionRoutes(w: World): [string, RegExp, Handler][] {
  const reader = (ctx: Ctx, m: string[]): WorkspaceRecord => {
    const ws = findWorkspace(w, m[1], m[2], m[3]);
    const u = ctx.user as { oid: string; upn: string };
    requireRead(w, u.oid, u.upn, workspaceArmId(ws));
    return ws;
  };
  const arm = (ctx: Ctx, m: string[]) => {
    checkApiVersion(ctx);
    return reader(ctx, m);
  };
  // ARM paths are case-insensitive (pfazure lists with `resourcegroups`).
  const A = (tail: string) => new RegExp(`^${WS}/connections${tail}$`, 'i');
  const F = (tail: string) => new RegExp(`^/flow/api${WS}/Connections${tail}$`, 'i');
  return [
    [
      'GET',
      A(''),
      (ctx, m) => {
        const ws = arm(ctx, m);
        const category = ctx.url.searchParams.get('category');
        const target = ctx.url.searchParams.get('target');
        const list = connectionsOf(w, ws).filter((c) => (!category || c.category === category) && (!target || c.target === target));
        sendJson(ctx, 200, { value: list.map((c) => connectionBody(ws, c)) });
      },
    ],
    ['GET', A(`/${SEG}`), (ctx, m) => sendJson(ctx, 200, connectionBody(arm(ctx, m), findConnection(w, arm(ctx, m), m[4], 'arm')))],
    ['PUT', A(`/${SEG}`), (ctx, m) => putConnection(w, ctx, arm(ctx, m), m[4])],
    [
      'DELETE',
      A(`/${SEG}`),
      (ctx, m) => {
        const ws = arm(ctx, m);
        requireConnectionWrite(w, ctx, ws, 'delete');
        const before = (st(w).connections ??= []).length;
        st(w).connections = st(w).connections!.filter((c) => !(c.workspaceKey === workspaceKeyOf(ws) && c.name === m[4]));
        w.store.changed();
        sendJson(ctx, before === st(w).connections!.length ? 204 : 200, undefined);
      },
    ],
    [
      'POST',
      A(`/${SEG}/listsecrets`),
      (ctx, m) => {
        const ws = arm(ctx, m);
        requireConnectionWrite(w, ctx, ws, 'listsecrets/action');
        sendJson(ctx, 200, connectionBody(ws, findConnection(w, ws, m[4], 'arm'), true));
      },
    ],
    [
      'GET',
      F('/specs'),
      (ctx, m) => {
        reader(ctx, m);
        sendJson(ctx, 200, specsBody());
      },
    ],
    [
      'GET',
      F(`/${SEG}/AzureOpenAIDeployments`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        sendJson(ctx, 200, deploymentsBody(w, ctx, findConnection(w, ws, m[4], 'pfs')));
      },
    ],
  ];
}
