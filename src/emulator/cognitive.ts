// Azure OpenAI accounts and their deployments the way ARM models them:
// `Microsoft.CognitiveServices/accounts/{name}` and `…/deployments/{name}` (PUT, GET, list). A workspace
// connection's `metadata.ResourceId` names its account; `Connections/{name}/AzureOpenAIDeployments`
// (connections.ts) lists that account's deployments. docs/azure-contract.md §31.
import { HttpError, sendJson, type Ctx } from './http';
import { accountArmId, capabilitiesFor, newAccountKeys, type CognitiveAccountRecord, type DeploymentRecord } from './aiResources';
import { requireRead, requireWrite, rolesAt, st, type World } from './world';

const SEG = '([^/]+)';
const CS = 'providers/Microsoft\\.CognitiveServices/accounts';
type Handler = (ctx: Ctx, m: string[]) => Promise<void> | void;

const accounts = (w: World): CognitiveAccountRecord[] => (st(w).cognitiveAccounts ??= []);

export function findAccount(w: World, ref: { subscriptionId: string; resourceGroup: string; name: string }) {
  const key = accountArmId(ref).toLowerCase();
  return accounts(w).find((a) => accountArmId(a).toLowerCase() === key);
}

/**
 * The account's keys. An account of an older state has none: it gets new ones, key1 being the key its
 * connection already holds (if one names it), so that connection keeps working.
 */
export function accountKeys(w: World, a: CognitiveAccountRecord): { key1: string; key2: string } {
  if (!a.keys) {
    const id = accountArmId(a).toLowerCase();
    const held = (st(w).connections ?? []).find(
      (c) =>
        Object.entries(c.metadata).some(([k, v]) => k.toLowerCase() === 'resourceid' && v.toLowerCase() === id) &&
        typeof c.credentials?.key === 'string',
    )?.credentials?.key as string | undefined;
    a.keys = { ...newAccountKeys(), ...(held ? { key1: held } : {}) };
    w.store.changed();
  }
  return a.keys;
}

function notFound(type: string, name: string, rg: string): HttpError {
  return new HttpError(404, 'ResourceNotFound', `The Resource '${type}/${name}' under resource group '${rg}' was not found.`);
}

function etag(at: string): string {
  return `"${Buffer.from(at).toString('hex').slice(0, 32)}"`;
}

function systemData(at: string) {
  return {
    createdBy: 'admin@contoso.com',
    createdByType: 'User',
    createdAt: at,
    lastModifiedBy: 'admin@contoso.com',
    lastModifiedByType: 'User',
    lastModifiedAt: at,
  };
}

export function accountBody(a: CognitiveAccountRecord) {
  return {
    id: accountArmId(a),
    name: a.name,
    type: 'Microsoft.CognitiveServices/accounts',
    etag: etag(a.createdAt),
    location: a.location,
    kind: a.kind,
    sku: { name: a.sku },
    tags: {},
    systemData: systemData(a.createdAt),
    properties: {
      endpoint: a.endpoint,
      endpoints: { 'OpenAI Language Model Instance API': a.endpoint },
      provisioningState: 'Succeeded',
      customSubDomainName: a.customSubDomainName,
      internalId: Buffer.from(accountArmId(a)).toString('hex').slice(0, 32),
      dateCreated: a.createdAt,
      publicNetworkAccess: 'Enabled',
      disableLocalAuth: false,
      isMigrated: false,
    },
  };
}

export function deploymentBody(a: CognitiveAccountRecord, d: DeploymentRecord) {
  return {
    id: `${accountArmId(a)}/deployments/${d.name}`,
    type: 'Microsoft.CognitiveServices/accounts/deployments',
    name: d.name,
    sku: d.sku,
    etag: etag(d.createdAt),
    systemData: systemData(d.createdAt),
    properties: {
      model: d.model,
      versionUpgradeOption: 'OnceNewDefaultVersionAvailable',
      capabilities: d.capabilities,
      provisioningState: 'Succeeded',
      rateLimits: [{ key: 'request', renewalPeriod: 10, count: Math.max(1, Math.round(d.sku.capacity / 6)) }],
      raiPolicyName: 'Microsoft.Default',
    },
  };
}

function putAccount(w: World, ctx: Ctx, sub: string, rg: string, name: string): void {
  const u = ctx.user as { oid: string; upn: string };
  requireWrite(w, u.oid, u.upn, `/subscriptions/${sub}/resourceGroups/${rg}`, 'Microsoft.CognitiveServices/accounts/write');
  const body = (ctx.body ?? {}) as { location?: unknown; kind?: unknown; sku?: { name?: unknown }; properties?: Record<string, unknown> };
  if (typeof body.location !== 'string' || !body.location)
    throw new HttpError(400, 'LocationRequired', 'The location property is required for this definition.');
  if (typeof body.kind !== 'string' || !body.kind) throw new HttpError(400, 'KindRequired', 'The kind property is required.');
  const prev = findAccount(w, { subscriptionId: sub, resourceGroup: rg, name });
  const sub0 = typeof body.properties?.customSubDomainName === 'string' ? body.properties.customSubDomainName : name;
  const rec: CognitiveAccountRecord = {
    subscriptionId: sub,
    resourceGroup: prev?.resourceGroup ?? rg,
    name: prev?.name ?? name,
    location: body.location,
    kind: body.kind,
    sku: typeof body.sku?.name === 'string' ? body.sku.name : (prev?.sku ?? 'S0'),
    customSubDomainName: sub0,
    endpoint: `https://${sub0}.openai.azure.com/`,
    createdAt: prev?.createdAt ?? w.clock.iso(),
    deployments: prev?.deployments ?? [],
    keys: prev?.keys ?? newAccountKeys(),
  };
  st(w).cognitiveAccounts = [...accounts(w).filter((a) => a !== prev), rec];
  w.store.changed();
  sendJson(ctx, prev ? 200 : 201, accountBody(rec));
}

function putDeployment(w: World, ctx: Ctx, a: CognitiveAccountRecord, name: string): void {
  const u = ctx.user as { oid: string; upn: string };
  requireWrite(w, u.oid, u.upn, accountArmId(a), 'Microsoft.CognitiveServices/accounts/deployments/write');
  const body = (ctx.body ?? {}) as { sku?: { name?: unknown; capacity?: unknown }; properties?: { model?: Record<string, unknown> } };
  const model = body.properties?.model;
  if (!model || typeof model.name !== 'string' || !model.name)
    throw new HttpError(400, 'InvalidResourceProperties', 'properties.model.name is required.');
  const prev = a.deployments.find((d) => d.name === name);
  const rec: DeploymentRecord = {
    name,
    model: {
      format: typeof model.format === 'string' ? model.format : 'OpenAI',
      name: model.name,
      version: typeof model.version === 'string' ? model.version : '1',
    },
    sku: {
      name: typeof body.sku?.name === 'string' ? body.sku.name : 'Standard',
      capacity: typeof body.sku?.capacity === 'number' && body.sku.capacity > 0 ? body.sku.capacity : 10,
    },
    capabilities: capabilitiesFor(model.name),
    createdAt: prev?.createdAt ?? w.clock.iso(),
  };
  a.deployments = [...a.deployments.filter((d) => d !== prev), rec];
  w.store.changed();
  sendJson(ctx, prev ? 200 : 201, deploymentBody(a, rec));
}

export function cognitiveRoutes(w: World): [string, RegExp, Handler][] {
  const user = (ctx: Ctx) => ctx.user as { oid: string; upn: string };
  const account = (ctx: Ctx, m: string[]): CognitiveAccountRecord => {
    const a = findAccount(w, { subscriptionId: m[1], resourceGroup: m[2], name: m[3] });
    if (!a) throw notFound('Microsoft.CognitiveServices/accounts', m[3], m[2]);
    requireRead(w, user(ctx).oid, user(ctx).upn, accountArmId(a));
    return a;
  };
  const visible = (ctx: Ctx, pick: (a: CognitiveAccountRecord) => boolean) =>
    accounts(w).filter((a) => pick(a) && rolesAt(w, user(ctx).oid, accountArmId(a)).length > 0);
  // ARM paths are case-insensitive.
  const R = (path: string) => new RegExp(`^${path}$`, 'i');
  const A = `/subscriptions/${SEG}/resourceGroups/${SEG}/${CS}/${SEG}`;
  return [
    [
      'GET',
      R(`/subscriptions/${SEG}/${CS}`),
      (ctx, m) => sendJson(ctx, 200, { value: visible(ctx, (a) => a.subscriptionId === m[1]).map(accountBody) }),
    ],
    [
      'GET',
      R(`/subscriptions/${SEG}/resourceGroups/${SEG}/${CS}`),
      (ctx, m) =>
        sendJson(ctx, 200, {
          value: visible(ctx, (a) => a.subscriptionId === m[1] && a.resourceGroup.toLowerCase() === m[2].toLowerCase()).map(accountBody),
        }),
    ],
    ['GET', R(A), (ctx, m) => sendJson(ctx, 200, accountBody(account(ctx, m)))],
    ['PUT', R(A), (ctx, m) => putAccount(w, ctx, m[1], m[2], m[3])],
    [
      'POST',
      R(`${A}/listKeys`),
      (ctx, m) => {
        const a = account(ctx, m);
        requireWrite(w, user(ctx).oid, user(ctx).upn, accountArmId(a), 'Microsoft.CognitiveServices/accounts/listKeys/action');
        sendJson(ctx, 200, accountKeys(w, a));
      },
    ],
    [
      'GET',
      R(`${A}/deployments`),
      (ctx, m) => {
        const a = account(ctx, m);
        sendJson(ctx, 200, { value: a.deployments.map((d) => deploymentBody(a, d)) });
      },
    ],
    [
      'GET',
      R(`${A}/deployments/${SEG}`),
      (ctx, m) => {
        const a = account(ctx, m);
        const d = a.deployments.find((x) => x.name === m[4]);
        if (!d) throw notFound('Microsoft.CognitiveServices/accounts/deployments', `${a.name}/${m[4]}`, a.resourceGroup);
        sendJson(ctx, 200, deploymentBody(a, d));
      },
    ],
    ['PUT', R(`${A}/deployments/${SEG}`), (ctx, m) => putDeployment(w, ctx, account(ctx, m), m[4])],
  ];
}
