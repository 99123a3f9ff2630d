// Everything the emulator knows, as one JSON document persisted to `<dataDir>/state.json`. Writes are
// atomic (temp file + rename) and coalesced, so a kill at any moment leaves the last complete state.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CognitiveAccountRecord, ConnectionRecord } from './aiResources';

export interface UserRecord {
  alias: string;
  upn: string;
  oid: string;
  displayName: string;
}

export interface RoleAssignmentRecord {
  /** GUID name of the assignment. */
  name: string;
  scope: string;
  /** Role definition GUID, e.g. f6c7c914-… for AzureML Data Scientist. */
  roleDefinitionGuid: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
}

export interface IdentityRecord {
  resourceId: string;
  principalId: string;
  clientId: string;
}

export interface WorkspaceRecord {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  workspaceId: string;
  friendlyName: string;
  /** ARM identity type: None | SystemAssigned | UserAssigned | SystemAssigned,UserAssigned. */
  identityType: string;
  systemPrincipalId?: string;
  /** Resource ids of the user-assigned identities attached to the workspace. */
  userAssignedIdentities: string[];
  primaryUserAssignedIdentity?: string;
  tags: Record<string, string>;
  /** Seed can remove the file share to exercise the S2 prerequisite check. */
  hasWorkingDirectory: boolean;
  /** Seed can make the default store a non-blob store (S2). */
  defaultDatastoreType: 'AzureBlob' | 'AzureFile' | 'AzureDataLakeGen2';
  /** The key vault's permission model: Azure RBAC (true, absent) or access policies (S4). */
  keyVaultRbac?: boolean;
  /** Access policies of the key vault when it uses that model: object id → permissions per kind. */
  keyVaultAccessPolicies?: { objectId: string; keys: string[]; secrets: string[]; certificates: string[] }[];
}

export interface ComputeInstanceRecord {
  workspaceKey: string;
  name: string;
  vmSize: string;
  /** ComputeInstanceState (docs/azure-contract.md §22). */
  state: string;
  assignedUserOid: string;
  createdByUpn: string;
  identityResourceId?: string;
  idleTimeBeforeShutdown?: string;
  createdOn: string;
  modifiedOn: string;
  lastOperation?: { operationName: string; operationStatus: string; operationTime: string };
}

export interface VmSizeRecord {
  name: string;
  family: string;
  vCPUs: number;
  gpus: number;
  memoryGB: number;
  osVhdSizeMB: number;
  maxResourceVolumeMB: number;
  lowPriorityCapable: boolean;
  premiumIO: boolean;
}

export interface SetupResult {
  command: string;
  arguments: string[];
  exitCode: number;
  stdOut: string;
  stdErr: string;
}

export interface ServerlessRecord {
  workspaceKey: string;
  name: string;
  userOid: string;
  vmSize: string;
  identity: string | null;
  createdOn: string;
  /** Creating until its first session's environment is ready. */
  provisioningState: 'Creating' | 'Succeeded' | 'Deleting' | 'Failed';
}

export interface SessionRecord {
  workspaceKey: string;
  sessionId: string;
  userOid: string;
  userTenantId: string;
  vmSize: string;
  maxIdleTimeSeconds: number;
  identity: string | null;
  /** Compute instance name when the session lives on one. */
  computeInstanceName?: string;
  /** Serverless compute name otherwise. */
  serverlessName?: string;
  baseImage: string;
  runtimeImage?: string;
  enableMultiContainer?: boolean;
  pythonPipRequirements: string[];
  setupResults: SetupResult[];
  /** Emulated-clock ISO time of the last use. */
  lastAliveTime: string;
  createdOn: string;
  /** False until the first Install has finished (the session then answers GET). */
  ready: boolean;
  /** Folder name of its virtual environment under `<dataDir>/sessions`. */
  envDir: string;
}

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed';

export interface OperationRecord {
  id: string;
  workspaceKey: string;
  sessionId: string;
  action: 'Install' | 'Reset' | 'Update' | 'Delete';
  /** Request fields the worker needs (requirements, settings). */
  request: Record<string, unknown>;
  status: OperationStatus;
  /** The ErrorResponse shape: the specific code travels in the innerError chain (docs/azure-contract.md §3). */
  error?: { code: string; message: string; innerError?: { code: string; innerError: null } };
  createdAt: string;
  endedAt?: string;
}

export interface ArmOperationRecord {
  id: string;
  kind: 'computeStart' | 'computeStop' | 'computeRestart' | 'computeDelete' | 'workspaceUpdate';
  target: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  error?: { code: string; message: string };
  createdAt: string;
}

/** One node's execution in a line or in the aggregation step, as the flow executor reports it (§36). */
export interface NodeResult {
  node: string;
  tool?: string;
  type?: string;
  inputs?: Record<string, unknown>;
  output?: unknown;
  error?: unknown;
  start?: number;
  end?: number;
  tokens?: TokenCounts | null;
  bypassed?: boolean;
}

export interface TokenCounts {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** A run's input line and, once executed, its result (times in epoch seconds). */
export interface RunLine {
  inputs: Record<string, unknown>;
  status: string;
  output?: Record<string, unknown> | null;
  error?: unknown;
  start?: number;
  end?: number;
  nodes?: NodeResult[];
  tokens?: TokenCounts | null;
}

export interface RunRecord {
  workspaceKey: string;
  runId: string;
  /** Run history's GUID for the run (`runUuid`), distinct from the name the client chose. */
  runUuid?: string;
  runNumber?: number;
  /** As submitted: `BulkRuns/{id}` keeps this one; run history's display name can be changed. */
  displayName: string;
  /** Run history's display name, when a modify changed it. */
  historyDisplayName?: string;
  description?: string | null;
  tags?: Record<string, string>;
  /** Archived runs (`hidden` in run history). */
  hidden?: boolean;
  experimentName: string;
  experimentId?: string;
  sessionId: string;
  runtimeName: string | null;
  userOid: string;
  status: string;
  computeName?: string;
  request: Record<string, unknown>;
  createdOn: string;
  startTime?: string;
  endTime?: string;
  lastModifiedOn?: string;
  /** Changes to the run in run history (`revision`) and to its status (`statusRevision`). */
  revision?: number;
  statusRevision?: number;
  /** Properties stored with a run made before (a seed): kept as they are, over the derived ones. */
  properties?: Record<string, string>;
  /** One entry per input line, filled when the run reads its data and as its lines finish (child runs, metrics). */
  lines?: RunLine[];
  /** What the flow's aggregation nodes did, once every line has run (executed runs, §36). */
  aggregation?: { status: string; nodes: NodeResult[]; metrics: Record<string, number>; error: unknown };
  log: string[];
  error?: { code: string; message: string; innerCode?: string };
}

/** A named compute-instance runtime (`FlowRuntimes`) that runs can name in `runtimeName`. */
export interface FlowRuntimeRecord {
  workspaceKey: string;
  name: string;
  computeInstanceName: string;
  /** The runtime's environment image. */
  image: string;
  /** RuntimeStatusEnum-like: Running, Stopped, Failed, … */
  status: string;
  createdOn: string;
}

export interface EmulatorState {
  version: 1;
  tenantId: string;
  subscriptions: { subscriptionId: string; displayName: string }[];
  users: UserRecord[];
  roleAssignments: RoleAssignmentRecord[];
  identities: IdentityRecord[];
  workspaces: WorkspaceRecord[];
  computeInstances: ComputeInstanceRecord[];
  serverless: ServerlessRecord[];
  vmSizes: VmSizeRecord[];
  /** vCPU limit per VM family (usage `name.value`, e.g. standardDSv3Family) and per location. */
  quotas: { location: string; family: string; limit: number }[];
  sessions: Record<string, SessionRecord>;
  operations: Record<string, OperationRecord>;
  armOperations: Record<string, ArmOperationRecord>;
  runs: Record<string, RunRecord>;
  /** Workspace connections and Azure OpenAI accounts (aiResources.ts); absent in states written before they existed. */
  connections?: ConnectionRecord[];
  cognitiveAccounts?: CognitiveAccountRecord[];
  /** Missing in states written before runtimes existed. */
  flowRuntimes?: FlowRuntimeRecord[];
  /** Emulated clock offset (ms) added by the control API. */
  clockOffsetMs: number;
}

export const wsKey = (sub: string, rg: string, ws: string): string => `${sub}/${rg}/${ws}`.toLowerCase();
export const sessionKey = (workspaceKey: string, sessionId: string): string => `${workspaceKey}/${sessionId}`;

export class Store {
  private readonly file: string;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    dataDir: string,
    public state: EmulatorState,
  ) {
    this.file = join(dataDir, 'state.json');
  }

  static load(dataDir: string): EmulatorState | undefined {
    const file = join(dataDir, 'state.json');
    if (!existsSync(file)) return undefined;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as EmulatorState;
    if (parsed.version !== 1) throw new Error(`state.json in ${dataDir} has unknown version ${String(parsed.version)}`);
    return parsed;
  }

  /** Schedules a write soon; many changes in one tick cost one write. */
  changed(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, 20);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.file);
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
