// Run history, the run index and the metric service as they describe a run (docs/azure-contract.md §11, §14,
// §25): `rundata` → `runMetadata` (the same 61 keys in every recorded answer), `runs/{id}/modify`, index
// entities and `lastvalues`. Status, times, outputs and errors live here, not on `BulkRuns/{id}`.
import { HttpError, sendJson, type Ctx } from './http';
import type { NodeResult, RunRecord, WorkspaceRecord } from './state';
import { TERMINAL_RUN_STATUSES, durationText, runProperties, withHistoryFields } from './runModel';
import { st, userByOid, type World } from './world';

function person(w: World, oid: string) {
  const u = userByOid(w, oid);
  return {
    userObjectId: oid,
    userPuId: null,
    userIdp: null,
    userAltSecId: null,
    userIss: `https://sts.windows.net/${st(w).tenantId}/`,
    userTenantId: st(w).tenantId,
    userName: u?.displayName ?? oid,
    upn: u?.upn ?? null,
  };
}

/** A run's failure as run history nests it: a whole ErrorResponse under `error` (recorded once). */
function errorEnvelope(r: RunRecord) {
  if (!r.error) return null;
  const e = r.error;
  return {
    error: {
      code: e.code,
      severity: null,
      message: e.message,
      messageFormat: e.message,
      messageParameters: {},
      referenceCode: null,
      detailsUri: null,
      target: null,
      details: [],
      innerError: e.innerCode ? { code: e.innerCode, innerError: null } : null,
      debugInfo: null,
      additionalInfo: null,
    },
    correlation: null,
    environment: null,
    location: null,
    time: r.endTime ?? r.createdOn,
    componentName: 'PromptFlowOrchestrator',
  };
}

function outputsOf(ws: WorkspaceRecord, r: RunRecord) {
  if (r.status !== 'Completed') return null;
  const asset = (kind: string) => ({
    assetId: `azureml://locations/${ws.location}/workspaces/${ws.workspaceId}/data/azureml_${r.runId}_output_data_${kind}/versions/1`,
    type: 'UriFolder',
  });
  return { debug_info: asset('debug_info'), flow_outputs: asset('flow_outputs') };
}

export const historyDisplayName = (r: RunRecord): string => r.historyDisplayName ?? r.displayName;

export function runMetadata(w: World, ws: WorkspaceRecord, run: RunRecord) {
  const r = withHistoryFields(run);
  const by = person(w, r.userOid);
  const ended = TERMINAL_RUN_STATUSES.has(r.status);
  const duration = ended ? durationText(r.startTime ?? r.createdOn, r.endTime) : null;
  return {
    runNumber: r.runNumber,
    rootRunId: r.runId,
    createdUtc: r.createdOn,
    createdBy: by,
    userId: r.userOid,
    token: null,
    tokenExpiryTimeUtc: null,
    error: errorEnvelope(r),
    warnings: null,
    revision: r.revision,
    statusRevision: r.statusRevision,
    runUuid: r.runUuid,
    parentRunUuid: null,
    rootRunUuid: r.runUuid,
    lastStartTimeUtc: null,
    currentComputeTime: null,
    computeDuration: duration,
    effectiveStartTimeUtc: null,
    lastModifiedBy: by,
    lastModifiedUtc: r.lastModifiedOn ?? r.endTime ?? r.startTime ?? r.createdOn,
    duration,
    cancelationReason: null,
    currentAttemptId: 1,
    runId: r.runId,
    parentRunId: null,
    experimentId: r.experimentId ?? ws.workspaceId,
    status: r.status,
    startTimeUtc: r.startTime ?? null,
    endTimeUtc: ended ? (r.endTime ?? null) : null,
    scheduleId: null,
    displayName: historyDisplayName(r),
    name: null,
    dataContainerId: `dcid.${r.runId}`,
    description: r.description ?? null,
    hidden: r.hidden ?? false,
    runType: 'azureml.promptflow.FlowRun',
    runTypeV2: { orchestrator: null, traits: [], attribution: 'PromptFlow', computeType: null },
    properties: runProperties(r, ws.location, ws.workspaceId),
    parameters: {},
    actionUris: {},
    scriptName: null,
    target: null,
    uniqueChildRunComputeTargets: [],
    tags: r.tags ?? {},
    settings: {},
    services: {},
    inputDatasets: [],
    outputDatasets: [],
    runDefinition: null,
    jobSpecification: null,
    primaryMetricName: null,
    createdFrom: null,
    cancelUri: null,
    completeUri: null,
    diagnosticsUri: null,
    computeRequest: null,
    compute: null,
    retainForLifetimeOfWorkspace: false,
    queueingInfo: null,
    inputs: null,
    outputs: outputsOf(ws, r),
  };
}

/**
 * PATCH runs/{id}/modify (`pfazure run update`, archive, restore): display name, description, tags
 * (merged: "updating tags overwrites a key but deletes none"), hidden. Answers the run as run history has it.
 */
export function modifyRun(w: World, ws: WorkspaceRecord, r: RunRecord, body: unknown) {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'UserError', 'The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  if (b.displayName !== undefined) {
    if (typeof b.displayName !== 'string') throw new HttpError(400, 'UserError', 'displayName must be a string.');
    r.historyDisplayName = b.displayName;
  }
  if (b.description !== undefined) {
    if (b.description !== null && typeof b.description !== 'string') throw new HttpError(400, 'UserError', 'description must be a string.');
    r.description = b.description as string | null;
  }
  if (b.tags !== undefined) {
    const tags = b.tags as Record<string, unknown>;
    if (!tags || typeof tags !== 'object' || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== 'string'))
      throw new HttpError(400, 'UserError', 'tags must map strings to strings.');
    r.tags = { ...(r.tags ?? {}), ...(tags as Record<string, string>) };
  }
  if (b.hidden !== undefined) {
    if (typeof b.hidden !== 'boolean') throw new HttpError(400, 'UserError', 'hidden must be true or false.');
    r.hidden = b.hidden;
  }
  r.revision = (r.revision ?? 1) + 1;
  r.lastModifiedOn = w.clock.iso();
  w.store.changed();
  return runMetadata(w, ws, r);
}

/**
 * The metrics a finished run logs, in the recorded order: each node's runs by status
 * (`__pf__.nodes.<node>.completed`, `.failed`, `.bypassed`, the aggregation nodes' too), lines completed and
 * failed (`__pf__.lines.*`), then what the aggregation nodes logged with `log_metric` (§36).
 */
function systemMetrics(r: RunRecord): Record<string, number> {
  if (!TERMINAL_RUN_STATUSES.has(r.status) || !r.lines) return {};
  const out: Record<string, number> = {};
  const count = (n: NodeResult) => {
    const status = n.bypassed ? 'bypassed' : n.error ? 'failed' : 'completed';
    const key = `__pf__.nodes.${n.node}.${status}`;
    out[key] = (out[key] ?? 0) + 1;
  };
  for (const l of r.lines) for (const n of l.nodes ?? []) count(n);
  for (const n of r.aggregation?.nodes ?? []) count(n);
  const done = r.lines.filter((l) => l.status === 'Completed').length;
  out['__pf__.lines.completed'] = done;
  out['__pf__.lines.failed'] = r.lines.length - done;
  return { ...out, ...(r.aggregation?.metrics ?? {}) };
}

/** POST metric/v2.0/…/runs/{id}/lastvalues: the last value of each metric the run logged. */
export function lastValues(w: World, r: RunRecord) {
  const at = r.endTime ?? w.clock.iso();
  return {
    value: Object.entries(systemMetrics(r)).map(([name, value], i) => ({
      dataContainerId: `dcid.${r.runId}`,
      name,
      columns: { [name]: 'Double' },
      properties: { uxMetricType: 'azureml.v1.scalar', dataLocation: null },
      namespace: null,
      standardSchemaId: null,
      value: [
        {
          metricId: `${withHistoryFields(r).runUuid!.slice(0, 24)}${String(i).padStart(12, '0')}`,
          createdUtc: at,
          step: 0,
          data: { [name]: value },
        },
      ],
    })),
  };
}

function indexEntity(w: World, ws: WorkspaceRecord, run: RunRecord) {
  const r = withHistoryFields(run);
  const by = person(w, r.userOid);
  const ended = TERMINAL_RUN_STATUSES.has(r.status);
  const duration = ended ? durationText(r.startTime ?? r.createdOn, r.endTime) : null;
  const ms = duration && r.endTime ? Date.parse(r.endTime) - Date.parse(r.startTime ?? r.createdOn) : null;
  const metrics = Object.fromEntries(
    Object.entries(systemMetrics(r)).map(([k, v]) => [
      k,
      { count: 1, lastValue: v, minimumValue: v, maximumValue: v, metricType: 'azureml.v1.scalar' },
    ]),
  );
  const outputs = outputsOf(ws, r);
  return {
    relevancyScore: 1,
    entityResourceName: ws.name,
    highlights: {},
    usage: { totalCount: 0 },
    schemaId: '974ab09e-bfc2-56a6-9be4-97bcfe3d33ca',
    entityId: `azureml://location/${ws.location}/workspaceId/${ws.workspaceId}/type/runs/objectId/${r.runUuid}`,
    kind: 'Unversioned',
    annotations: {
      archived: r.hidden ?? false,
      tags: r.tags ?? {},
      displayName: historyDisplayName(r),
      status: r.status,
      primaryMetricName: null,
      estimatedCost: null,
      primaryMetricSummary: null,
      metrics,
      parameters: {},
      settings: {},
      modifiedTime: r.lastModifiedOn ?? r.endTime ?? r.createdOn,
      retainForLifetimeOfWorkspace: false,
      error: {
        code: r.error?.code ?? null,
        errorCodeHierarchy: r.error ? [r.error.code, r.error.innerCode].filter(Boolean).join('/') : null,
        message: r.error?.message ?? null,
        time: r.error ? (r.endTime ?? null) : null,
        componentName: r.error ? 'PromptFlowOrchestrator' : null,
        severity: null,
        detailsUri: null,
        referenceCode: null,
      },
      resourceMetricSummary: {
        gpuUtilizationPercentLastHour: null,
        gpuMemoryUtilizationPercentLastHour: null,
        gpuEnergyJoules: null,
        resourceMetricNames: null,
      },
      jobCost: {
        chargedCpuCoreSeconds: null,
        chargedCpuMemoryMegabyteSeconds: null,
        chargedGpuSeconds: null,
        chargedNodeUtilizationSeconds: null,
      },
      computeDuration: duration,
      computeDurationMilliseconds: ms,
      effectiveStartTimeUtc: null,
      name: null,
      description: r.description ?? null,
    },
    properties: {
      updatedTime: r.lastModifiedOn ?? '0001-01-01T00:00:00+00:00',
      creationContext: {
        createdTime: r.createdOn,
        createdBy: { userObjectId: by.userObjectId, userTenantId: by.userTenantId, userName: by.userName },
        creationSource: null,
      },
      dataContainerId: `dcid.${r.runId}`,
      targetName: null,
      runName: null,
      experimentName: r.experimentName,
      runId: r.runId,
      parentRunId: null,
      rootRunId: r.runId,
      runType: 'azureml.promptflow.FlowRun',
      runTypeV2: { orchestrator: null, traits: {}, attribution: 'PromptFlow', computeType: null },
      scriptName: null,
      experimentId: r.experimentId ?? ws.workspaceId,
      runUuid: r.runUuid,
      parentRunUuid: null,
      runNumber: r.runNumber,
      startTime: r.startTime ?? null,
      endTime: ended ? (r.endTime ?? null) : null,
      computeRequest: null,
      compute: null,
      userProperties: runProperties(r, ws.location, ws.workspaceId),
      actionUris: {},
      duration,
      durationMilliseconds: ms,
    },
    internal: {},
    updateSequence: r.revision,
    type: 'runs',
    version: null,
    entityContainerId: ws.workspaceId,
    entityObjectId: r.runUuid,
    resourceType: 'Workspace',
    relationships: outputs
      ? Object.values(outputs).map((o) => ({
          relationType: 'CreatedBy',
          targetEntityId: null,
          assetId: o.assetId,
          entityType: 'data',
          direction: 'Output',
          entityContainerId: ws.workspaceId,
        }))
      : [],
  };
}

interface IndexFilter {
  field: string;
  operator: string;
  values: unknown[];
}

/** The value an index field path has for a run (the ones clients filter and order on). */
function fieldValue(ws: WorkspaceRecord, r: RunRecord, field: string): unknown {
  if (field === 'type') return 'runs';
  if (field === 'annotations/archived') return r.hidden ?? false;
  if (field === 'annotations/status') return r.status;
  if (field === 'properties/runType') return 'azureml.promptflow.FlowRun';
  if (field === 'properties/runId') return r.runId;
  if (field === 'properties/experimentName') return r.experimentName;
  if (field === 'properties/creationContext/createdTime') return r.createdOn;
  if (field === 'properties/creationContext/createdBy/userObjectId') return r.userOid;
  if (field === 'properties/startTime') return r.startTime ?? '';
  // Filtering on a run property is UNVERIFIED on the real index; supported here for convenience.
  const m = /^properties\/userProperties\/(.+)$/.exec(field);
  if (m) return runProperties(r, ws.location, ws.workspaceId)[m[1]];
  return undefined;
}

/**
 * POST index/v1.0/<ws>/entities: the workspace's runs (every user's), filtered, ordered, one page of at most
 * 100. Pages go on with `skip` = the answer's `nextSkip`; a `continuationToken` is answered too (the
 * recorder dropped the real one, so which one Azure prefers is unsettled, §29).
 */
export function indexEntities(w: World, ctx: Ctx, ws: WorkspaceRecord, all: RunRecord[]): void {
  const body = (ctx.body ?? {}) as {
    filters?: IndexFilter[];
    order?: { direction?: string; field?: string }[];
    pageSize?: number;
    skip?: number;
    continuationToken?: string | null;
    includeTotalResultCount?: boolean;
  };
  if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'UserError', 'The request body must be a JSON object.');
  const pageSize = Math.min(100, Math.max(1, Number(body.pageSize ?? 100) || 100));
  let list = [...all];
  for (const f of body.filters ?? []) {
    if (!f || typeof f.field !== 'string' || !Array.isArray(f.values))
      throw new HttpError(400, 'UserError', 'Each filter needs field, operator and values.');
    const op = String(f.operator).toLowerCase();
    const wanted = f.values.map(String);
    list = list.filter((r) => {
      const v = fieldValue(ws, r, f.field);
      if (v === undefined) return true;
      if (op === 'eq') return wanted.includes(String(v));
      if (op === 'ne') return !wanted.includes(String(v));
      if (op === 'contains') return wanted.some((x) => String(v).includes(x));
      return true;
    });
  }
  const order = body.order?.[0];
  const field = order?.field ?? 'properties/creationContext/createdTime';
  const desc = (order?.direction ?? 'Desc').toLowerCase() !== 'asc';
  list.sort((a, b) => String(fieldValue(ws, a, field) ?? '').localeCompare(String(fieldValue(ws, b, field) ?? '')) * (desc ? -1 : 1));
  const start = Math.max(0, Number(body.skip ?? body.continuationToken ?? 0) || 0);
  const page = list.slice(start, start + pageSize);
  const next = start + pageSize < list.length ? start + pageSize : null;
  const shard = { nextSkip: next, totalCount: list.length, resourceIdsOnShardThisPage: [ws.workspaceId] };
  sendJson(ctx, 200, {
    totalCount: list.length,
    value: page.map((r) => indexEntity(w, ws, r)),
    nextSkip: next,
    continuationToken: next === null ? null : String(next),
    entityContainerIdsToEntityContainerMetadata: {
      [ws.workspaceId]: {
        resourceId: ws.workspaceId,
        subscriptionId: ws.subscriptionId,
        resourceGroup: ws.resourceGroup,
        resourceName: ws.name,
        entityContainerType: 'Workspace',
        regions: [{ regionName: ws.location, isPrimaryRegion: true }],
        tenantId: st(w).tenantId,
        immutableResourceId: ws.workspaceId,
        isPublicResource: false,
      },
    },
    resourcesNotQueriedReasons: {},
    numberOfEntityContainersNotQueried: 0,
    fanoutData: { Multitenant: { ...shard, isShardDone: next === null, didShardFail: false } },
    regionalFanoutState: {
      shardFanoutStates: [{ shardId: 'Multitenant', ...shard, isPlanExecutionDone: next === null, didPlanExecutionFail: false }],
      firstPageStartTime: null,
    },
    shardErrors: {},
    canSupportSkip: true,
  });
}
