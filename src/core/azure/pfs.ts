// The prompt flow service (data plane): FlowSessions, BulkRuns, TraceSessions and FlowRuntimes, on the
// host taken from the workspace's discoveryUrl. Only paths the contract note records are called. Run
// history and the run index live beside it (runHistory.ts).
import { msg } from '../i18n';
import type { WorkspaceRef } from '../model';
import type { HttpResult, HttpSender } from './http';

/** The PFS host: the discoveryUrl cut before `discovery` (private-link workspaces carry an id in it). */
export function pfsHostFromDiscoveryUrl(discoveryUrl: string): string {
  const i = discoveryUrl.indexOf('discovery');
  const base = i >= 0 ? discoveryUrl.slice(0, i) : discoveryUrl;
  return base.replace(/\/+$/, '');
}

/** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}`, the path every plane builds on. */
export function workspaceArmPath(w: WorkspaceRef): string {
  return `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${w.workspace}`;
}

export interface CreateFlowSessionRequest {
  pythonPipRequirements?: string[];
  baseImage?: string;
  runtimeImage?: string;
  action?: 'Install' | 'Reset' | 'Update' | 'Delete';
  vmSize?: string;
  maxIdleTimeSeconds?: number;
  identity?: string;
  computeName?: string;
  enableMultiContainer?: boolean;
}

export interface SessionApplication {
  name?: string;
  image?: string;
  envVars?: Record<string, string>;
  pythonPipRequirements?: string[];
  setupResults?: { command?: string; arguments?: string[]; exitCode?: number; stdOut?: string; stdErr?: string }[];
}

export interface GetTrainingSessionDto {
  properties?: {
    sessionId?: string;
    existingUserComputeInstanceName?: string;
    userObjectId?: string;
    vmSize?: string;
    maxIdleTimeSeconds?: number;
    applications?: SessionApplication[];
    application?: SessionApplication;
    lastAliveTime?: string;
  };
  compute?: {
    name?: string;
    type?: string;
    identity?: { type?: string; userAssignedIdentities?: Record<string, { resourceId?: string; clientId?: string }> };
    properties?: { computeType?: string; provisioningState?: string; properties?: Record<string, unknown> };
  };
}

/** FlowRunInfo (`BulkRuns/{id}`): no status, times or error, which run history holds (docs/azure-contract.md §10). */
export interface FlowRunInfo {
  flowRunId?: string;
  flowRunDisplayName?: string;
  runtimeName?: string;
  /** Missing in 2 of 117 recorded answers; run history's properties then hold it. */
  sessionId?: string;
  studioPortalEndpoint?: string;
  [k: string]: unknown;
}

/** TraceSessions (§15): whether tracing's Cosmos DB is set up, which decides `disableTrace`. */
export interface TraceCosmosMeta {
  traceCosmosConfiguration?: string;
  traceCosmosStatus?: string;
  [k: string]: unknown;
}

/** FlowRuntimeDto (§16): a named runtime. Field names from the generated client; not recorded. */
export interface FlowRuntimeDto {
  runtimeName?: string;
  runtimeType?: string;
  status?: string;
  /** The runtime's environment image. */
  environment?: string;
  computeInstanceName?: string;
  [k: string]: unknown;
}

/**
 * One child run of `BulkRuns/{id}/childRuns` (docs/azure-contract.md §12): one per data line, 23 keys
 * recorded. Every field may be null or absent; the session service reads them defensively.
 */
export interface ChildRunDto {
  run_id?: string | null;
  status?: string | null;
  index?: number | null;
  inputs?: Record<string, unknown> | null;
  output?: Record<string, unknown> | null;
  /** A dict (`message`, `code`, …) when the line failed. */
  error?: unknown;
  start_time?: string | null;
  end_time?: string | null;
  /** `duration` (seconds) and, with LLM calls, `prompt_tokens`, `completion_tokens`, `total_tokens`. */
  system_metrics?: Record<string, unknown> | null;
  /** The call tree: a `Flow` entry whose `children` are the nodes (a flex flow: the entry function itself). */
  api_calls?: unknown[] | null;
  [k: string]: unknown;
}

export interface OperationStatus {
  status?: string | null;
  error?: { code?: string; message?: string } | null;
  [k: string]: unknown;
}

export class PfsClient {
  constructor(
    private readonly http: HttpSender,
    readonly host: string,
    private readonly ws: WorkspaceRef,
  ) {}

  private wsPath(prefix: string): string {
    return `${this.host}/${prefix}${workspaceArmPath(this.ws)}`;
  }
  private sessions(id = ''): string {
    return `${this.wsPath('flow/api')}/FlowSessions${id ? `/${encodeURIComponent(id)}` : ''}`;
  }

  /** POST FlowSessions/{id}: 200 = done, 202 = poll `azure-asyncoperation`. */
  async createSession(
    id: string,
    body: CreateFlowSessionRequest,
    requestId: string,
    abortSignal?: AbortSignal,
  ): Promise<{ status: number; asyncUrl?: string; retryAfter?: string }> {
    const op = msg(
      body.action === 'Reset' ? 'azure.op.resetSession' : body.action === 'Update' ? 'azure.op.updateSession' : 'azure.op.startSession',
    );
    const res = await this.http.send({
      method: 'POST',
      url: this.sessions(id),
      body,
      userToken: true,
      requestId,
      abortSignal,
      operation: op,
    });
    return {
      status: res.status,
      asyncUrl: res.headers.get('azure-asyncoperation') ?? undefined,
      retryAfter: res.headers.get('retry-after') ?? undefined,
    };
  }

  /** GET FlowSessions/{id}; undefined when the session does not exist (404). */
  async getSession(id: string, abortSignal?: AbortSignal): Promise<GetTrainingSessionDto | undefined> {
    const res = await this.http.send<GetTrainingSessionDto>({
      method: 'GET',
      url: this.sessions(id),
      accept: [404],
      abortSignal,
      operation: msg('azure.op.readSession'),
    });
    return res.status === 404 ? undefined : res.body;
  }

  async deleteSession(id: string, requestId: string, abortSignal?: AbortSignal): Promise<{ status: number; asyncUrl?: string }> {
    const res = await this.http.send({
      method: 'DELETE',
      url: this.sessions(id),
      requestId,
      abortSignal,
      accept: [404],
      operation: msg('azure.op.stopSession'),
    });
    return { status: res.status, asyncUrl: res.headers.get('azure-asyncoperation') ?? undefined };
  }

  async pipPackages(id: string): Promise<string> {
    const res = await this.http.send<unknown>({
      method: 'GET',
      url: `${this.sessions(id)}/pipPackages`,
      operation: msg('azure.op.listPackages'),
    });
    return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  }

  /** One GET of an operation status URL (absolute, from `azure-asyncoperation`). */
  pollOperation(url: string, requestId: string, abortSignal?: AbortSignal): Promise<HttpResult<OperationStatus>> {
    return this.http.send<OperationStatus>({ method: 'GET', url, requestId, abortSignal, operation: msg('azure.op.watch') });
  }

  async submitRun(body: Record<string, unknown>, requestId: string): Promise<string> {
    const res = await this.http.send<unknown>({
      method: 'POST',
      url: `${this.wsPath('flow/api')}/BulkRuns/submit`,
      body,
      userToken: true,
      requestId,
      // A retried submit after a dropped connection finds the run already created under our id.
      accept: [409],
      operation: msg('azure.op.submitRun'),
    });
    if (res.status === 409) return String(body.runId);
    const text = typeof res.body === 'string' ? res.body : res.text;
    return text.replace(/^"|"$/g, '') || String(body.runId);
  }

  async getRun(runId: string, abortSignal?: AbortSignal): Promise<FlowRunInfo> {
    const res = await this.http.send<FlowRunInfo>({
      method: 'GET',
      url: `${this.wsPath('flow/api')}/BulkRuns/${encodeURIComponent(runId)}`,
      abortSignal,
      operation: msg('azure.op.readRun', { runId }),
    });
    return res.body && typeof res.body === 'object' ? res.body : {};
  }

  /** GET TraceSessions, which the SDK reads before every submit (§15). */
  async traceSessions(): Promise<TraceCosmosMeta> {
    const res = await this.http.send<TraceCosmosMeta>({
      method: 'GET',
      url: `${this.wsPath('flow/api')}/TraceSessions`,
      operation: msg('azure.op.readTraceSettings'),
    });
    return res.body && typeof res.body === 'object' ? res.body : {};
  }

  /** GET FlowRuntimes: the workspace's named runtimes (§16). */
  async flowRuntimes(): Promise<FlowRuntimeDto[]> {
    const res = await this.http.send<unknown>({
      method: 'GET',
      url: `${this.wsPath('flow/api')}/FlowRuntimes`,
      operation: msg('azure.op.listRuntimes'),
    });
    return Array.isArray(res.body) ? (res.body as FlowRuntimeDto[]) : [];
  }

  async runLogs(runId: string): Promise<string> {
    const res = await this.http.send<unknown>({
      method: 'GET',
      url: `${this.wsPath('flow/api')}/BulkRuns/${encodeURIComponent(runId)}/logContent`,
      operation: msg('azure.op.readRunLog', { runId }),
    });
    return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  }

  /**
   * GET BulkRuns/{id}/childRuns: the lines `startIndex`…`endIndex` (inclusive) of a run, in any order
   * (§12). Anything but an array reads as an empty page.
   */
  async childRuns(runId: string, startIndex: number, endIndex: number, abortSignal?: AbortSignal): Promise<ChildRunDto[]> {
    const res = await this.http.send<unknown>({
      method: 'GET',
      url: `${this.wsPath('flow/api')}/BulkRuns/${encodeURIComponent(runId)}/childRuns?endIndex=${endIndex}&startIndex=${startIndex}`,
      abortSignal,
      operation: msg('azure.op.readRunLines', { runId }),
    });
    return Array.isArray(res.body) ? (res.body.filter((c) => c && typeof c === 'object') as ChildRunDto[]) : [];
  }

  async cancelRun(runId: string): Promise<void> {
    await this.http.send({
      method: 'POST',
      url: `${this.wsPath('flow/api')}/BulkRuns/${encodeURIComponent(runId)}/cancel`,
      operation: msg('azure.op.cancelRun', { runId }),
    });
  }
}
