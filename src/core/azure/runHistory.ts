// Run history and the run index, on the prompt flow service's host (docs/azure-contract.md §2, §11, §14):
// where Azure keeps a run's status, times, outputs, error and properties (`rundata` → `runMetadata`), and the
// workspace's list of runs (`entities`), and the metric service's last values of a run (`lastvalues`).
// `BulkRuns/{id}` carries none of these (§10).
import { msg } from '../i18n';
import type { WorkspaceRef } from '../model';
import type { HttpSender } from './http';

/** The run-history fields the product reads; run history sends 61 keys (§11), values may be null. */
export interface RunMetadata {
  runId?: string;
  status?: string | null;
  displayName?: string | null;
  description?: string | null;
  createdUtc?: string | null;
  startTimeUtc?: string | null;
  endTimeUtc?: string | null;
  experimentId?: string | null;
  /** `azureml.promptflow.*` properties; all values are strings. */
  properties?: Record<string, string> | null;
  tags?: Record<string, string> | null;
  outputs?: Record<string, { assetId?: string; type?: string }> | null;
  /** A whole ErrorResponse nested once: `error.error.code`, `error.error.message`, `error.error.innerError`. */
  error?: { error?: { code?: string; message?: string; innerError?: unknown } | null } | null;
  createdBy?: { userObjectId?: string; userName?: string } | null;
  [k: string]: unknown;
}

/** One metric of `lastvalues` (§25): its name and its values, each a `data` map of column → value. */
export interface MetricDto {
  name?: string | null;
  value?: { data?: Record<string, unknown> | null; step?: number | null; createdUtc?: string | null }[] | null;
  [k: string]: unknown;
}

/** One run of the index (§14): annotations (status, display name) and properties (userProperties). */
export type IndexEntity = Record<string, unknown>;

export interface IndexPage {
  value: IndexEntity[];
  totalCount?: number;
  nextSkip?: number | null;
}

export class RunHistoryClient {
  constructor(
    private readonly http: HttpSender,
    readonly host: string,
    private readonly ws: WorkspaceRef,
  ) {}

  private wsPath(prefix: string): string {
    const w = this.ws;
    return `${this.host}/${prefix}/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${w.workspace}`;
  }

  /** POST rundata with the body pfazure sends (identical in all 35 recorded); a 404 is an unknown run. */
  async runMetadata(runId: string, abortSignal?: AbortSignal): Promise<RunMetadata> {
    const res = await this.http.send<{ runMetadata?: RunMetadata | null }>({
      method: 'POST',
      url: `${this.wsPath('history/v1.0')}/rundata`,
      body: { runId, selectRunMetadata: true, selectRunDefinition: true, selectJobSpecification: true },
      abortSignal,
      operation: msg('azure.op.readRun', { runId }),
    });
    return res.body?.runMetadata ?? {};
  }

  /** POST metric/v2.0/…/runs/{id}/lastvalues with the SDK's empty body: the last value of each metric (§25). */
  async lastValues(runId: string, abortSignal?: AbortSignal): Promise<MetricDto[]> {
    const res = await this.http.send<{ value?: unknown }>({
      method: 'POST',
      url: `${this.wsPath('metric/v2.0')}/runs/${encodeURIComponent(runId)}/lastvalues`,
      body: {},
      abortSignal,
      operation: msg('azure.op.readRunMetrics', { runId }),
    });
    const list = res.body?.value;
    return Array.isArray(list) ? (list.filter((m) => m && typeof m === 'object') as MetricDto[]) : [];
  }

  /**
   * Prompt flow runs from the run index, newest first: one page of at most 100 (the index's limit), from
   * `skip`. The index lists every user's runs of the workspace (§14).
   */
  async queryRuns(skip = 0, pageSize = 100): Promise<IndexPage> {
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
      pageSize,
      skip,
      includeTotalResultCount: true,
      searchBuilder: 'AppendPrefix',
    };
    const res = await this.http.send<{ value?: IndexEntity[]; totalCount?: number; nextSkip?: number | null }>({
      method: 'POST',
      url: `${this.wsPath('index/v1.0')}/entities`,
      body,
      operation: msg('azure.op.listRuns'),
    });
    return { value: res.body?.value ?? [], totalCount: res.body?.totalCount, nextSkip: res.body?.nextSkip };
  }
}
