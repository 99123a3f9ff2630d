// The demo world the emulator starts with, and the seed-file format that replaces it (`--seed FILE`).
// A seed file is JSON shaped like `SeedDocument`; every list is optional and falls back to the demo's.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { EmulatorState, RunRecord, VmSizeRecord } from './state';
import { withHistoryFields } from './runModel';
import { wsKey } from './state';
import * as ai from './aiResources';
import { DEFAULT_QUOTAS, VM_CATALOG } from './vmCatalog';
import { linkedResources, ROLES } from './resources';

export const DATA_SCIENTIST_ROLE = 'f6c7c914-8db3-469d-8ca1-694a8f32e121';
export const READER_ROLE = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
export const CONTRIBUTOR_ROLE = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
export const OWNER_ROLE = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

export interface SeedDocument {
  tenantId?: string;
  subscriptionId?: string;
  users?: { alias: string; upn?: string; oid?: string; displayName?: string }[];
  /**
   * The principal is a user (`user`) or a user-assigned identity (`identity`, by name). `scope`:
   * `subscription` | `resourceGroup` | `workspace` | `storageAccount` | `keyVault` | `containerRegistry` |
   * `applicationInsights` (of the first workspace), `identity:<name>`, or a full ARM scope.
   */
  roleAssignments?: { user?: string; identity?: string; role: string; scope?: string }[];
  identities?: { name: string; resourceGroup?: string; attached?: boolean; primary?: boolean }[];
  workspaces?: {
    name: string;
    resourceGroup: string;
    location: string;
    hasWorkingDirectory?: boolean;
    defaultDatastoreType?: 'AzureBlob' | 'AzureFile' | 'AzureDataLakeGen2';
    /** How its key vault grants data access (S4): Azure RBAC (default) or access policies. */
    keyVaultPermissionModel?: 'rbac' | 'accessPolicy';
  }[];
  computeInstances?: { workspace?: string; name: string; vmSize: string; state?: string; assignedUser: string; identity?: string }[];
  /** The region's VM sizes; default: the catalog of a real region (vmCatalog.ts). */
  vmSizes?: VmSizeRecord[];
  /** vCPU limits; families not named keep the catalog's default. */
  quotas?: { family: string; limit: number; location?: string }[];
  connections?: ai.SeedConnection[];
  cognitiveAccounts?: ai.SeedCognitiveAccount[];
  /** Compute-instance runtimes (FlowRuntimes) that runs can name; `computeInstance` defaults to the first instance. */
  flowRuntimes?: { name: string; workspace?: string; computeInstance?: string; image?: string; status?: string }[];
  /** Runs that exist before the emulator starts, with the SubmitBulkRunRequest they were made from. */
  runs?: SeedRun[];
}

export interface SeedRun {
  runId: string;
  workspace?: string;
  /** alias or upn; default: the first user. */
  user?: string;
  status?: string;
  displayName?: string;
  createdOn?: string;
  startTime?: string;
  endTime?: string;
  description?: string;
  tags?: Record<string, string>;
  /** Run-history properties the run was stored with (`azureml.promptflow.*`), kept as they are. */
  properties?: Record<string, string>;
  /** SubmitBulkRunRequest fields (flow, data, runtimeName, sessionId, inputsMapping, …). */
  request?: Record<string, unknown>;
}

/**
 * The roles a user-assigned identity needs for compute sessions (S4), as seed scopes: Contributor on the
 * workspace; Contributor, Storage Blob Data Contributor and Storage File Data Privileged Contributor on
 * its storage; Contributor and Key Vault Administrator (RBAC model) on its key vault; Contributor on its
 * registry and on Application Insights.
 */
export const IDENTITY_ROLE_TABLE: readonly [string, string][] = [
  ['workspace', CONTRIBUTOR_ROLE],
  ['storageAccount', CONTRIBUTOR_ROLE],
  ['storageAccount', ROLES.storageBlobDataContributor],
  ['storageAccount', ROLES.storageFileDataPrivilegedContributor],
  ['keyVault', CONTRIBUTOR_ROLE],
  ['keyVault', ROLES.keyVaultAdministrator],
  ['containerRegistry', CONTRIBUTOR_ROLE],
  ['applicationInsights', CONTRIBUTOR_ROLE],
];

export const DEMO_SEED: Required<SeedDocument> = {
  tenantId: '72f988bf-0000-4000-8000-00000000e5e5',
  subscriptionId: '5f4a3b2c-1d0e-4f9a-8b7c-6d5e4f3a2b1c',
  users: [
    { alias: 'demo', upn: 'demo@contoso.com', oid: '0d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6', displayName: 'Demo User' },
    { alias: 'viewer', upn: 'viewer@contoso.com', oid: '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b', displayName: 'Viewer User' },
    { alias: 'admin', upn: 'admin@contoso.com', oid: '4c3b2a19-0817-4f6e-9d5c-4b3a29180716', displayName: 'Workspace Admin' },
  ],
  roleAssignments: [
    { user: 'demo', role: DATA_SCIENTIST_ROLE, scope: 'workspace' },
    // Reader lets the demo user list role assignments, as it does in many organisations.
    { user: 'demo', role: READER_ROLE, scope: 'resourceGroup' },
    { user: 'viewer', role: READER_ROLE, scope: 'resourceGroup' },
    { user: 'admin', role: OWNER_ROLE, scope: 'resourceGroup' },
    // S4: what a user-assigned identity needs for sessions, held in full by pf-demo-uai.
    ...IDENTITY_ROLE_TABLE.map(([scope, role]) => ({ identity: 'pf-demo-uai', role, scope })),
    // pf-spare-uai holds only the workspace role; the demo user may assign pf-demo-uai only.
    { identity: 'pf-spare-uai', role: CONTRIBUTOR_ROLE, scope: 'workspace' },
    { user: 'demo', role: ROLES.managedIdentityOperator, scope: 'identity:pf-demo-uai' },
  ],
  identities: [
    { name: 'pf-demo-uai', attached: true, primary: true },
    { name: 'pf-spare-uai', attached: false },
  ],
  workspaces: [{ name: 'pf-demo-ws', resourceGroup: 'pf-demo-rg', location: 'eastus' }],
  computeInstances: [
    { name: 'demo-ci', vmSize: 'Standard_DS3_v2', state: 'Running', assignedUser: 'demo' },
    { name: 'viewer-ci', vmSize: 'Standard_DS11_v2', state: 'Stopped', assignedUser: 'viewer' },
  ],
  vmSizes: VM_CATALOG,
  quotas: DEFAULT_QUOTAS,
  flowRuntimes: [],
  runs: [],
  connections: ai.DEMO_CONNECTIONS,
  cognitiveAccounts: ai.DEMO_COGNITIVE_ACCOUNTS,
};

export function readSeedFile(file: string): SeedDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read seed file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`seed file ${file} must hold a JSON object`);
  return parsed as SeedDocument;
}

/** Turns a seed (demo or file) into a fresh state. Unknown user aliases are reported, not ignored. */
export function stateFromSeed(doc: SeedDocument): EmulatorState {
  const seed = { ...DEMO_SEED, ...doc } as Required<SeedDocument>;
  const sub = seed.subscriptionId;
  const users = seed.users.map((u) => ({
    alias: u.alias,
    upn: u.upn ?? `${u.alias}@contoso.com`,
    oid: u.oid ?? randomUUID(),
    displayName: u.displayName ?? u.alias,
  }));
  const wsKeyOf = (name: string | undefined): string => {
    const ws = seed.workspaces.find((w) => w.name === name) ?? first;
    return wsKey(sub, ws.resourceGroup, ws.name);
  };
  const userOid = (alias: string): string => {
    const u = users.find((x) => x.alias === alias || x.upn === alias);
    if (!u) throw new Error(`seed names unknown user "${alias}"`);
    return u.oid;
  };
  const first = seed.workspaces[0];
  if (!first) throw new Error('seed needs at least one workspace');
  const identities = seed.identities.map((i) => ({
    name: i.name,
    attached: i.attached !== false,
    primary: i.primary === true,
    resourceId: `/subscriptions/${sub}/resourceGroups/${i.resourceGroup ?? first.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${i.name}`,
    principalId: randomUUID(),
    clientId: randomUUID(),
  }));
  const attached = identities.filter((i) => i.attached).map((i) => i.resourceId);
  const now = new Date().toISOString();
  const cognitiveAccounts = ai.accountsFromSeed(seed.cognitiveAccounts, sub, first, now);
  const workspaces = seed.workspaces.map((w) => ({
    subscriptionId: sub,
    resourceGroup: w.resourceGroup,
    name: w.name,
    location: w.location,
    workspaceId: randomUUID(),
    friendlyName: w.name,
    identityType: attached.length ? 'SystemAssigned,UserAssigned' : 'SystemAssigned',
    systemPrincipalId: randomUUID(),
    userAssignedIdentities: attached,
    primaryUserAssignedIdentity: identities.find((i) => i.primary && i.attached)?.resourceId,
    tags: {},
    hasWorkingDirectory: w.hasWorkingDirectory !== false,
    defaultDatastoreType: w.defaultDatastoreType ?? 'AzureBlob',
    keyVaultRbac: w.keyVaultPermissionModel !== 'accessPolicy',
  }));
  const linked = linkedResources(workspaces[0]);
  const scopeOf = (s: string | undefined): string => {
    if (!s || s === 'workspace')
      return `/subscriptions/${sub}/resourceGroups/${first.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${first.name}`;
    if (s === 'resourceGroup') return `/subscriptions/${sub}/resourceGroups/${first.resourceGroup}`;
    if (s === 'subscription') return `/subscriptions/${sub}`;
    if (s in linked) return linked[s as keyof typeof linked];
    if (s.startsWith('identity:')) return identityOf(s.slice('identity:'.length)).resourceId;
    return s;
  };
  const identityOf = (name: string) => {
    const i = identities.find((x) => x.name === name);
    if (!i) throw new Error(`seed names unknown identity "${name}"`);
    return i;
  };
  // Identities are principals too (their roles on the linked resources, S4); anything else is a user.
  const principalOf = (r: { user?: string; identity?: string }) =>
    r.identity
      ? { principalId: identityOf(r.identity).principalId, principalType: 'ServicePrincipal' as const }
      : { principalId: userOid(r.user ?? ''), principalType: 'User' as const };
  const quotas = new Map(DEFAULT_QUOTAS.map((q) => [q.family, { ...q, location: first.location }]));
  for (const q of seed.quotas) quotas.set(q.family, { family: q.family, limit: q.limit, location: q.location ?? first.location });
  return {
    version: 1,
    tenantId: seed.tenantId,
    subscriptions: [{ subscriptionId: sub, displayName: 'Prompt flow demo subscription' }],
    users,
    roleAssignments: seed.roleAssignments.map((r) => ({
      name: randomUUID(),
      scope: scopeOf(r.scope),
      roleDefinitionGuid: r.role,
      ...principalOf(r),
    })),
    identities: identities.map(({ resourceId, principalId, clientId }) => ({ resourceId, principalId, clientId })),
    workspaces,
    computeInstances: seed.computeInstances.map((c) => {
      const ws = seed.workspaces.find((w) => w.name === (c.workspace ?? first.name)) ?? first;
      const upn = users.find((u) => u.oid === userOid(c.assignedUser))?.upn ?? c.assignedUser;
      return {
        workspaceKey: wsKey(sub, ws.resourceGroup, ws.name),
        name: c.name,
        vmSize: c.vmSize,
        state: c.state ?? 'Running',
        assignedUserOid: userOid(c.assignedUser),
        createdByUpn: upn,
        identityResourceId: c.identity ? identities.find((i) => i.name === c.identity)?.resourceId : undefined,
        createdOn: now,
        modifiedOn: now,
        lastOperation: { operationName: 'Create', operationStatus: 'Succeeded', operationTime: now },
      };
    }),
    serverless: [],
    vmSizes: seed.vmSizes,
    quotas: [...quotas.values()],
    sessions: {},
    operations: {},
    armOperations: {},
    runs: Object.fromEntries(seed.runs.map((r) => [r.runId, seededRun(r, wsKeyOf(r.workspace), userOid(r.user ?? users[0].alias), now)])),
    flowRuntimes: seed.flowRuntimes.map((rt) => ({
      workspaceKey: wsKeyOf(rt.workspace),
      name: rt.name,
      computeInstanceName: rt.computeInstance ?? seed.computeInstances[0]?.name ?? 'runtime-ci',
      image: rt.image ?? 'mcr.microsoft.com/azureml/promptflow/promptflow-runtime:latest',
      status: rt.status ?? 'Running',
      createdOn: now,
    })),
    connections: ai.connectionsFromSeed(seed.connections, sub, seed.workspaces, cognitiveAccounts, 'admin@contoso.com', now),
    cognitiveAccounts,
    clockOffsetMs: 0,
  };
}

/** A run that existed before: shaped as the run engine makes them, keeping the status it is given. */
function seededRun(r: SeedRun, workspaceKey: string, userOid: string, now: string): RunRecord {
  const request = r.request ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const path = str(request.flowDefinitionBlobPath)?.split('/').filter(Boolean) ?? [];
  const status = r.status ?? 'Completed';
  const ended = ['Completed', 'Failed', 'Canceled'].includes(status);
  return withHistoryFields({
    workspaceKey,
    runId: r.runId,
    displayName: r.displayName ?? str(request.runDisplayName) ?? r.runId,
    description: r.description ?? null,
    tags: r.tags ?? {},
    properties: r.properties,
    experimentName: path.length > 1 ? path[path.length - 2] : 'default',
    sessionId: str(request.sessionId) ?? '',
    runtimeName: str(request.runtimeName) ?? 'automatic',
    userOid,
    status,
    request,
    createdOn: r.createdOn ?? now,
    startTime: r.startTime ?? (ended || status === 'Running' ? (r.createdOn ?? now) : undefined),
    endTime: r.endTime ?? (ended ? (r.createdOn ?? now) : undefined),
    log: [`[${r.createdOn ?? now}] Run ${r.runId} (seeded, ${status}).`],
  });
}
