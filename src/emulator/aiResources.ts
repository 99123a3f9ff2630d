// The records behind workspace connections and Azure OpenAI accounts (kept in state.json), how a seed
// describes them, and the demo's. Pure data and helpers: seed.ts and state.ts use it, the routes live in
// connections.ts and cognitive.ts.
import { randomBytes } from 'node:crypto';
import { wsKey } from './state';

export interface ConnectionRecord {
  workspaceKey: string;
  name: string;
  category: string;
  authType: string;
  target: string;
  group: string;
  metadata: Record<string, string>;
  /** As stored: `{key}` for ApiKey, `{keys: {...}}` for CustomKeys, …; null when the auth type has none. */
  credentials: Record<string, unknown> | null;
  expiryTime: string | null;
  isSharedToAll: boolean;
  sharedUserList: string[];
  useWorkspaceManagedIdentity: boolean;
  createdBy: string;
  createdAt: string;
  lastModifiedBy: string;
  lastModifiedAt: string;
}

export interface DeploymentRecord {
  name: string;
  model: { format: string; name: string; version: string };
  sku: { name: string; capacity: number };
  /** As ARM reports them: strings, e.g. `{chatCompletion: 'true'}`. */
  capabilities: Record<string, string>;
  createdAt: string;
}

export interface CognitiveAccountRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kind: string;
  sku: string;
  customSubDomainName: string;
  endpoint: string;
  createdAt: string;
  deployments: DeploymentRecord[];
  /** The account's two keys (ARM `listKeys`); the data plane takes either in `api-key`. Absent in older state. */
  keys?: { key1: string; key2: string };
}

/** One connection of a seed; its credentials are made up when the state is built. */
export interface SeedConnection {
  /** Workspace name; default the first. */
  workspace?: string;
  name: string;
  category: string;
  authType?: string;
  target?: string;
  metadata?: Record<string, string>;
  /** A seeded Cognitive Services account: sets `metadata.ResourceId` and the target to its endpoint. */
  account?: string;
}

export interface SeedCognitiveAccount {
  name: string;
  /** Default: the first workspace's resource group and location. */
  resourceGroup?: string;
  location?: string;
  kind?: string;
  deployments?: { name: string; model: string; version?: string; capacity?: number }[];
}

/** Which credential fields each auth type carries (what `listsecrets` returns); null: none. */
export const CREDENTIAL_FIELDS: Record<string, string[] | null> = {
  ApiKey: ['key'],
  AccountKey: ['key'],
  CustomKeys: ['keys'],
  PAT: ['pat'],
  SAS: ['sas'],
  UsernamePassword: ['username', 'password'],
  ManagedIdentity: ['clientId', 'resourceId'],
  ServicePrincipal: ['clientId', 'clientSecret', 'tenantId'],
  AccessKey: ['accessKeyId', 'secretAccessKey'],
  OAuth2: ['clientId', 'clientSecret'],
  AAD: null,
  None: null,
};

/** Categories prompt flow reads. The recorded entries (AzureOpenAI, CustomKeys) carry `group: AzureAI`; others are unrecorded. */
const AI_CATEGORIES = new Set(['AzureOpenAI', 'CognitiveSearch', 'CognitiveService', 'CustomKeys', 'OpenAI', 'Serp', 'Serverless']);
export const groupOf = (category: string): string => (AI_CATEGORIES.has(category) ? 'AzureAI' : 'Azure');

export const accountArmId = (a: { subscriptionId: string; resourceGroup: string; name: string }): string =>
  `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${a.name}`;

/** `{subscriptionId, resourceGroup, name}` of a Cognitive Services account id, case-insensitively; else undefined. */
export function parseAccountId(id: string): { subscriptionId: string; resourceGroup: string; name: string } | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)\/?$/i.exec(id);
  return m ? { subscriptionId: m[1], resourceGroup: m[2], name: m[3] } : undefined;
}

/** What a deployment of a model can serve, as ARM reports it (a few well-known model families). */
export function capabilitiesFor(model: string): Record<string, string> {
  const m = model.toLowerCase();
  if (m.startsWith('text-embedding')) return { embeddings: 'true' };
  if (m.endsWith('-instruct') || /^(davinci|babbage)/.test(m)) return { completion: 'true' };
  if (m.startsWith('gpt-35-turbo')) return { chatCompletion: 'true', completion: 'true' };
  if (m.startsWith('gpt-4') || m.startsWith('o1') || m.startsWith('o3')) return { chatCompletion: 'true' };
  return {};
}

const secret = () => randomBytes(16).toString('hex');

/** Two made-up keys for a new account (the emulator never holds a real key). */
export const newAccountKeys = (): { key1: string; key2: string } => ({ key1: secret(), key2: secret() });

export function accountsFromSeed(
  seed: SeedCognitiveAccount[],
  sub: string,
  first: { resourceGroup: string; location: string },
  now: string,
): CognitiveAccountRecord[] {
  return seed.map((a) => ({
    subscriptionId: sub,
    resourceGroup: a.resourceGroup ?? first.resourceGroup,
    name: a.name,
    location: a.location ?? first.location,
    kind: a.kind ?? 'OpenAI',
    sku: 'S0',
    customSubDomainName: a.name,
    endpoint: `https://${a.name}.openai.azure.com/`,
    createdAt: now,
    keys: newAccountKeys(),
    deployments: (a.deployments ?? []).map((d) => ({
      name: d.name,
      model: { format: 'OpenAI', name: d.model, version: d.version ?? '1' },
      sku: { name: 'Standard', capacity: d.capacity ?? 10 },
      capabilities: capabilitiesFor(d.model),
      createdAt: now,
    })),
  }));
}

/** Connections of a seed, with made-up credentials (the emulator never holds a real key). */
export function connectionsFromSeed(
  seed: SeedConnection[],
  sub: string,
  workspaces: { name: string; resourceGroup: string }[],
  accounts: CognitiveAccountRecord[],
  createdBy: string,
  now: string,
): ConnectionRecord[] {
  return seed.map((s) => {
    const ws = workspaces.find((x) => x.name === (s.workspace ?? workspaces[0].name));
    if (!ws) throw new Error(`seed connection ${s.name} names unknown workspace "${s.workspace}"`);
    const account = s.account ? accounts.find((a) => a.name === s.account) : undefined;
    if (s.account && !account) throw new Error(`seed connection ${s.name} names unknown Cognitive Services account "${s.account}"`);
    const authType = s.authType ?? (s.category === 'CustomKeys' ? 'CustomKeys' : 'ApiKey');
    return {
      workspaceKey: wsKey(sub, ws.resourceGroup, ws.name),
      name: s.name,
      category: s.category,
      authType,
      target: s.target ?? account?.endpoint ?? '_',
      group: groupOf(s.category),
      metadata: { ...(s.metadata ?? {}), ...(account ? { ResourceId: accountArmId(account) } : {}) },
      // A connection to a seeded account holds that account's key, as one made in the portal does.
      credentials:
        authType === 'CustomKeys'
          ? { keys: { api_key: secret() } }
          : CREDENTIAL_FIELDS[authType]
            ? { key: account?.keys?.key1 ?? secret() }
            : null,
      expiryTime: null,
      isSharedToAll: false,
      sharedUserList: [],
      useWorkspaceManagedIdentity: false,
      createdBy,
      createdAt: now,
      lastModifiedBy: createdBy,
      lastModifiedAt: now,
    };
  });
}

const FLOW_META = { 'azureml.flow.module': 'promptflow.connections' };

/** The demo's Azure OpenAI account, which its `azure_open_ai_connection` names. */
export const DEMO_COGNITIVE_ACCOUNTS: SeedCognitiveAccount[] = [
  {
    name: 'pf-demo-aoai',
    deployments: [
      { name: 'gpt-35-turbo', model: 'gpt-35-turbo', version: '0613', capacity: 120 },
      { name: 'gpt-4o', model: 'gpt-4o', version: '2024-05-13', capacity: 30 },
      { name: 'gpt-35-turbo-instruct', model: 'gpt-35-turbo-instruct', version: '0914', capacity: 60 },
      { name: 'text-embedding-ada-002', model: 'text-embedding-ada-002', version: '2', capacity: 120 },
    ],
  },
];

/**
 * The demo's connections, stored the way prompt flow stores them: Azure OpenAI under its own category,
 * OpenAI, Serp and custom connections as `CustomKeys` with `azureml.flow.connection_type` naming the type.
 * The names are the ones the public prompt flow examples use.
 */
export const DEMO_CONNECTIONS: SeedConnection[] = [
  {
    name: 'azure_open_ai_connection',
    category: 'AzureOpenAI',
    account: 'pf-demo-aoai',
    metadata: {
      'azureml.flow.connection_type': 'AzureOpenAI',
      ...FLOW_META,
      ApiType: 'azure',
      ApiVersion: '2024-02-01',
      DeploymentApiVersion: '2023-10-01-preview',
    },
  },
  { name: 'open_ai_connection', category: 'CustomKeys', metadata: { 'azureml.flow.connection_type': 'OpenAI', ...FLOW_META } },
  { name: 'serp_connection', category: 'CustomKeys', metadata: { 'azureml.flow.connection_type': 'Serp', ...FLOW_META } },
  {
    name: 'custom_connection',
    category: 'CustomKeys',
    metadata: { 'azureml.flow.connection_type': 'Custom', ...FLOW_META, api_base: 'https://example.com/api' },
  },
];
