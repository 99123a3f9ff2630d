// The prompt flow service (data plane): FlowSessions, BulkRuns and the run index, on the host taken
// from the workspace's discoveryUrl. Only paths the reference records are called.
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
    const op =
      body.action === 'Reset' ? 'Resetting the session' : body.action === 'Update' ? 'Updating the session' : 'Starting the session';
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
      operation: 'Reading the session',
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
      operation: 'Stopping the session',
    });
    return { status: res.status, asyncUrl: res.headers.get('azure-asyncoperation') ?? undefined };
  }

  async pipPackages(id: string): Promise<string> {
    const res = await this.http.send<unknown>({
      method: 'GET',
      url: `${this.sessions(id)}/pipPackages`,
      operation: 'Listing installed packages',
    });
    return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  }

  /** One GET of an operation status URL (absolute, from `azure-asyncoperation`). */
  pollOperation(url: string, requestId: string, abortSignal?: AbortSignal): Promise<HttpResult<OperationStatus>> {
    return this.http.send<OperationStatus>({ method: 'GET', url, requestId, abortSignal, operation: 'Watching the operation' });
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
      operation: 'Submitting the run',
    });
    if (res.status === 409) return String(body.runId);
    const text = typeof res.body === 'string' ? res.body : res.text;
    return text.replace(/^"|"$/g, '') || String(body.runId);
  }

  async getRun(runId: string): Promise<Record<string, unknown>> {
    const res = await this.http.send<Record<string, unknown>>({
      method: 'GET',
      url: `${this.wsPath('flow/api')}/BulkRuns/${encodeURIComponent(runId)}`,
      operation: `Reading run ${runId}`,
    });
    return res.body;
  }

  async runLogs(runId: string): Promise<string> {
    const res = await this.http.send<unknown>({
      method: 'GET',
      url: `${this.wsPath('flow/api')}/BulkRuns/${encodeURIComponent(runId)}/logContent`,
      operation: `Reading the log of run ${runId}`,
    });
    return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  }

  async cancelRun(runId: string): Promise<void> {
    await this.http.send({
      method: 'POST',
      url: `${this.wsPath('flow/api')}/BulkRuns/${encodeURIComponent(runId)}/cancel`,
      operation: `Cancelling run ${runId}`,
    });
  }

  /** Prompt flow runs from the run index, newest first (at most 100, the index's page limit). */
  async queryRuns(): Promise<Record<string, unknown>[]> {
    const body = {
      filters: [
        { field: 'type', operator: 'eq', values: ['runs'] },
        { field: 'annotations/archived', operator: 'eq', values: ['false'] },
        {
          field: 'properties/runType',
          operator: 'contains',
          values: ['azureml.promptflow.FlowRun', 'azureml.promptflow.EvaluationRun', 'azureml.promptflow.PairwiseEvaluationRun'],
        },
      ],
      freeTextSearch: '',
      order: [{ direction: 'Desc', field: 'properties/creationContext/createdTime' }],
      pageSize: 100,
      includeTotalResultCount: false,
      searchBuilder: 'AppendPrefix',
    };
    const res = await this.http.send<{ value?: Record<string, unknown>[] }>({
      method: 'POST',
      url: `${this.wsPath('index/v1.0')}/entities`,
      body,
      operation: 'Listing runs',
    });
    return res.body?.value ?? [];
  }
}
