// The prompt flow service data plane (docs/azure-contract.md §5, §6, §9–§14): FlowSessions, BulkRuns, run history
// `rundata` and the run index `entities` query, all under the workspace's ARM path.
import { HttpError, sendJson, type Ctx } from './http';
import { sessionKey, type OperationRecord, type RunRecord, type SessionRecord, type WorkspaceRecord } from './state';
import type { SessionEngine, SessionUser } from './sessions';
import type { RunEngine } from './runs';
import { findWorkspace, requireRead, requireSessionRights, st, userByOid, workspaceArmId, workspaceKeyOf, type World } from './world';

const SEG = '([^/]+)';
const WS = `/subscriptions/${SEG}/resourceGroups/${SEG}/providers/Microsoft\\.MachineLearningServices/workspaces/${SEG}`;
type Handler = (ctx: Ctx, m: string[]) => Promise<void> | void;

/** Calls that act as the user need `aml-user-token` (ML audience) besides the ARM bearer. */
export type UserTokenCheck = (ctx: Ctx) => void;

export function flowRoutes(
  w: World,
  sessions: SessionEngine,
  runs: RunEngine,
  checkUserToken: UserTokenCheck,
): [string, RegExp, Handler][] {
  const user = (ctx: Ctx) => ctx.user as SessionUser;
  const reader = (ctx: Ctx, m: string[]): WorkspaceRecord => {
    const ws = findWorkspace(w, m[1], m[2], m[3]);
    requireRead(w, user(ctx).oid, user(ctx).upn, workspaceArmId(ws));
    return ws;
  };
  const writer = (ctx: Ctx, m: string[]): WorkspaceRecord => {
    const ws = findWorkspace(w, m[1], m[2], m[3]);
    requireSessionRights(w, user(ctx).oid, user(ctx).upn, ws);
    return ws;
  };
  const mine = (ctx: Ctx, ws: WorkspaceRecord, id: string): SessionRecord => {
    const s = sessions.get(ws, id);
    // Another user's session is not disclosed: it answers as absent.
    if (!s || s.userOid !== user(ctx).oid)
      throw new HttpError(404, 'UserError', `Session ${id} was not found.`, { innerCode: 'SessionNotFound' });
    return s;
  };
  const accepted = (ctx: Ctx, ws: WorkspaceRecord, op: OperationRecord) => {
    const url = `${w.endpoint}/flow/api${workspaceArmId(ws)}/FlowSessions/${op.sessionId}/SetupFlowSessionAction/locations/${ws.location}/operations/${op.id}`;
    // The official client reads only azure-asyncoperation; Retry-After is sent for clients that honour it.
    sendJson(ctx, 202, {}, { 'azure-asyncoperation': url, 'retry-after': String(Math.max(0, Math.round(5 * w.clock.timeScale))) });
  };
  const F = `^/flow/api${WS}`;
  return [
    [
      'GET',
      new RegExp(`${F}/FlowSessions/standbypools$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        // No standby pools are configured for the workspace; the shape is StandbyPoolProperties[].
        void ws;
        sendJson(ctx, 200, []);
      },
    ],
    [
      'POST',
      new RegExp(`${F}/FlowSessions/${SEG}$`),
      (ctx, m) => {
        const ws = writer(ctx, m);
        checkUserToken(ctx);
        accepted(ctx, ws, sessions.request(ws, user(ctx), m[4], ctx.body));
      },
    ],
    [
      'DELETE',
      new RegExp(`${F}/FlowSessions/${SEG}$`),
      (ctx, m) => {
        const ws = writer(ctx, m);
        mine(ctx, ws, m[4]);
        accepted(ctx, ws, sessions.remove(ws, user(ctx), m[4]));
      },
    ],
    [
      'GET',
      new RegExp(`${F}/FlowSessions/${SEG}$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        sendJson(ctx, 200, sessionDto(w, sessions, ws, mine(ctx, ws, m[4])));
      },
    ],
    [
      'GET',
      new RegExp(`${F}/FlowSessions/${SEG}/pipPackages$`),
      async (ctx, m) => {
        const ws = reader(ctx, m);
        const s = mine(ctx, ws, m[4]);
        if (!s.ready || !w.envs.sessionEnvExists(s.envDir)) {
          throw new HttpError(409, 'UserError', `Session ${s.sessionId} is not ready yet; list packages once its operation has finished.`, {
            innerCode: 'SessionNotReady',
          });
        }
        const r = await w.envs.pipFreeze(s.envDir);
        if (r.exitCode !== 0)
          throw new HttpError(500, 'ServiceError', `Listing packages failed: ${r.stdErr.trim().split('\n').slice(-3).join(' ')}`);
        // The swagger types this as a plain string; its content format is UNVERIFIED. We send the output
        // of `pip list --format=freeze` (name==version lines) as a JSON string, as generated clients expect.
        sendJson(ctx, 200, r.stdOut);
      },
    ],
    [
      'GET',
      new RegExp(`${F}/FlowSessions/${SEG}/${SEG}/locations/${SEG}/operations/${SEG}$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        const op = sessions.operation(ws, m[4], m[7]);
        if (!op || m[5] !== 'SetupFlowSessionAction')
          throw new HttpError(404, 'UserError', `Operation ${m[7]} was not found.`, { innerCode: 'OperationNotFound' });
        sendJson(ctx, 200, {
          status: op.status,
          ...(op.error ? { error: op.error } : {}),
          operationId: op.id,
          action: op.action,
          startTime: op.createdAt,
          ...(op.endedAt ? { endTime: op.endedAt } : {}),
        });
      },
    ],
    [
      'POST',
      new RegExp(`${F}/BulkRuns/submit$`),
      (ctx, m) => {
        const ws = writer(ctx, m);
        checkUserToken(ctx);
        sendJson(ctx, 200, runs.submit(ws, user(ctx), ctx.body).runId);
      },
    ],
    [
      'GET',
      new RegExp(`${F}/BulkRuns/${SEG}$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        sendJson(ctx, 200, flowRunInfo(w, ws, findRun(runs, ws, m[4])));
      },
    ],
    [
      'POST',
      new RegExp(`${F}/BulkRuns/${SEG}/cancel$`),
      (ctx, m) => {
        const ws = writer(ctx, m);
        runs.cancel(findRun(runs, ws, m[4]));
        sendJson(ctx, 200, undefined);
      },
    ],
    [
      'GET',
      new RegExp(`${F}/BulkRuns/${SEG}/logContent$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        sendJson(ctx, 200, findRun(runs, ws, m[4]).log.join('\n') + '\n');
      },
    ],
    [
      'POST',
      new RegExp(`^/history/v1\\.0${WS}/rundata$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        const runId = (ctx.body as { runId?: unknown } | undefined)?.runId;
        if (typeof runId !== 'string') throw new HttpError(400, 'UserError', 'runId is required.');
        const run = findRun(runs, ws, runId);
        sendJson(ctx, 200, { runMetadata: runMetadata(w, ws, run), runDefinition: null, jobSpecification: null, systemSettings: null });
      },
    ],
    ['POST', new RegExp(`^/index/v1\\.0${WS}/entities$`), (ctx, m) => indexEntities(w, ctx, reader(ctx, m), runs)],
  ];
}

function findRun(runs: RunEngine, ws: WorkspaceRecord, id: string): RunRecord {
  const r = runs.get(ws, id);
  if (!r) throw new HttpError(404, 'UserError', `Run ${id} was not found.`, { innerCode: 'RunNotFound' });
  return r;
}

export function sessionDto(w: World, sessions: SessionEngine, ws: WorkspaceRecord, s: SessionRecord) {
  const key = sessionKey(workspaceKeyOf(ws), s.sessionId);
  const sl = s.serverlessName ? st(w).serverless.find((x) => x.name === s.serverlessName && x.workspaceKey === s.workspaceKey) : undefined;
  const provisioningState = !s.ready ? 'Creating' : sessions.isBusy(key) ? 'Updating' : (sl?.provisioningState ?? 'Succeeded');
  const identity = s.identity ? st(w).identities.find((i) => i.resourceId.toLowerCase() === s.identity?.toLowerCase()) : undefined;
  const application = {
    name: 'promptflow-runtime',
    type: 'Docker',
    image: s.baseImage,
    // The image's Python, as a session container reports it in its environment.
    envVars: w.envs.pythonVersion ? { PYTHON_VERSION: w.envs.pythonVersion } : {},
    pythonPipRequirements: s.pythonPipRequirements,
    volumes: [],
    networkMode: 'bridge',
    port: 8080,
    setupResults: s.setupResults,
  };
  const computeName = s.computeInstanceName ?? s.serverlessName ?? '';
  return {
    properties: {
      sessionId: s.sessionId,
      subscriptionId: ws.subscriptionId,
      resourceGroupName: ws.resourceGroup,
      workspaceName: ws.name,
      existingUserComputeInstanceName: s.computeInstanceName ?? null,
      userObjectId: s.userOid,
      userTenantId: s.userTenantId,
      vmSize: s.vmSize,
      maxIdleTimeSeconds: s.maxIdleTimeSeconds,
      applications: [application],
      application,
      lastAliveTime: s.lastAliveTime,
    },
    compute: {
      id: `${workspaceArmId(ws)}/computes/${computeName}`,
      name: computeName,
      type: 'Microsoft.MachineLearningServices/workspaces/computes',
      location: ws.location,
      tags: {},
      identity: identity
        ? {
            type: 'UserAssigned',
            principalId: null,
            tenantId: null,
            clientId: identity.clientId,
            userAssignedIdentities: {
              [identity.resourceId]: {
                principalId: identity.principalId,
                tenantId: st(w).tenantId,
                clientId: identity.clientId,
                resourceId: identity.resourceId,
              },
            },
          }
        : { type: 'None' },
      properties: {
        // The compute type reported for a serverless session compute is UNVERIFIED; AmlCompute is the
        // closest real ComputeType value, and existingUserComputeInstanceName marks instance-backed sessions.
        computeType: s.computeInstanceName ? 'ComputeInstance' : 'AmlCompute',
        computeLocation: ws.location,
        provisioningState,
        provisioningErrors: [],
        isAttachedCompute: false,
        properties: { vmSize: s.vmSize },
        status: { isStatusAvailable: true, detailedStatus: null, error: null },
        warnings: [],
        createdOn: sl?.createdOn ?? s.createdOn,
        modifiedOn: s.lastAliveTime,
        resourceId: null,
        description: null,
      },
    },
  };
}

function flowRunInfo(w: World, ws: WorkspaceRecord, r: RunRecord) {
  const u = userByOid(w, r.userOid);
  const b = r.request;
  return {
    flowRunId: r.runId,
    flowRunDisplayName: r.displayName,
    flowRunResourceId: `azureml://locations/${ws.location}/workspaces/${ws.workspaceId}/flows/${r.runId}/flowRuns/${r.runId}`,
    flowRunType: 'FlowRun',
    flowType: 'Default',
    runtimeName: r.runtimeName,
    sessionId: r.sessionId,
    status: r.status,
    computeName: r.computeName ?? null,
    vmSize: b.vmSize ?? null,
    identity: b.identity ?? null,
    batchDataInput: b.batchDataInput ?? null,
    inputsMapping: b.inputsMapping ?? {},
    experimentName: r.experimentName,
    createdBy: { userObjectId: r.userOid, userTenantId: st(w).tenantId, userName: u?.displayName ?? r.userOid },
    createdOn: r.createdOn,
    startTime: r.startTime ?? null,
    endTime: r.endTime ?? null,
    error: r.error ?? null,
    studioPortalEndpoint: `https://ml.azure.com/runs/${encodeURIComponent(r.runId)}?wsid=${workspaceArmId(ws)}`,
  };
}

function runProperties(r: RunRecord): Record<string, string> {
  return {
    'azureml.promptflow.session_id': r.sessionId,
    'azureml.promptflow.runtime_name': r.runtimeName ?? 'automatic',
    'azureml.promptflow.snapshot_id': r.runId,
    'azureml.promptflow.total_tokens': '0',
  };
}

function runMetadata(w: World, ws: WorkspaceRecord, r: RunRecord) {
  const u = userByOid(w, r.userOid);
  return {
    runId: r.runId,
    runUuid: r.runId,
    displayName: r.displayName,
    status: r.status,
    runType: 'azureml.promptflow.FlowRun',
    experimentId: r.experimentName,
    properties: runProperties(r),
    tags: (r.request.tags as Record<string, string> | undefined) ?? {},
    createdUtc: r.createdOn,
    startTimeUtc: r.startTime ?? null,
    endTimeUtc: r.endTime ?? null,
    computeTarget: r.computeName ?? null,
    createdBy: { userObjectId: r.userOid, userTenantId: st(w).tenantId, userName: u?.displayName ?? r.userOid },
    error: r.error ? { error: r.error } : null,
    portalUrl: `https://ml.azure.com/runs/${r.runId}?wsid=${workspaceArmId(ws)}`,
  };
}

interface IndexFilter {
  field: string;
  operator: string;
  values: unknown[];
}

/** POST index/v1.0/<ws>/entities: the run list with each run's session id in its properties. */
function indexEntities(w: World, ctx: Ctx, ws: WorkspaceRecord, runs: RunEngine): void {
  const body = (ctx.body ?? {}) as { filters?: IndexFilter[]; pageSize?: number; continuationToken?: string | null };
  const pageSize = Math.min(100, Math.max(1, Number(body.pageSize ?? 100) || 100));
  let list = runs.list(ws).sort((a, b) => b.createdOn.localeCompare(a.createdOn));
  const value = (r: RunRecord, field: string): unknown => {
    const props = runProperties(r);
    if (field === 'type') return 'runs';
    if (field === 'annotations/archived') return false;
    if (field === 'annotations/status') return r.status;
    if (field === 'properties/runType') return 'azureml.promptflow.FlowRun';
    if (field === 'properties/runId') return r.runId;
    // Filtering by a run property is UNVERIFIED on the real index; supported here for convenience.
    const m = /^properties\/userProperties\/(.+)$/.exec(field);
    if (m) return props[m[1]];
    return undefined;
  };
  for (const f of body.filters ?? []) {
    if (!f || typeof f.field !== 'string' || !Array.isArray(f.values))
      throw new HttpError(400, 'UserError', 'Each filter needs field, operator and values.');
    const op = String(f.operator).toLowerCase();
    list = list.filter((r) => {
      const v = value(r, f.field);
      if (v === undefined) return true;
      if (op === 'eq') return f.values.map(String).includes(String(v));
      if (op === 'ne') return !f.values.map(String).includes(String(v));
      if (op === 'contains') return f.values.some((x) => String(v).includes(String(x)));
      return true;
    });
  }
  const start = Number(body.continuationToken ?? 0) || 0;
  const page = list.slice(start, start + pageSize);
  sendJson(ctx, 200, {
    value: page.map((r) => {
      const u = userByOid(w, r.userOid);
      return {
        schemaId: 'eb6a3bca-e6f5-4ee7-8a28-2b5c7d8b5a36',
        entityId: `azureml://location/${ws.location}/workspaceId/${ws.workspaceId}/type/runs/objectId/${r.runId}`,
        kind: 'Unversioned',
        annotations: {
          archived: false,
          tags: (r.request.tags as Record<string, string> | undefined) ?? {},
          displayName: r.displayName,
          status: r.status,
          name: r.runId,
          description: r.request.description ?? null,
        },
        properties: {
          runId: r.runId,
          runUuid: r.runId,
          experimentName: r.experimentName,
          runType: 'azureml.promptflow.FlowRun',
          userProperties: runProperties(r),
          creationContext: {
            createdTime: r.createdOn,
            createdBy: { userObjectId: r.userOid, userTenantId: st(w).tenantId, userName: u?.displayName ?? r.userOid },
          },
          computeTarget: r.computeName ?? null,
          startTime: r.startTime ?? null,
          endTime: r.endTime ?? null,
        },
        relationships: [],
      };
    }),
    continuationToken: start + pageSize < list.length ? String(start + pageSize) : null,
    nextSkip: null,
  });
}
