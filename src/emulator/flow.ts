// The prompt flow service data plane (docs/azure-contract.md §5, §6, §9–§16): FlowSessions, BulkRuns (submit,
// resume, FlowRunInfo, logs, cancel, child runs), TraceSessions, FlowRuntimes, and beside it on the same
// host run history (`rundata`, `runs/{id}/modify`), the run index (`entities`) and the metric service.
import { HttpError, sendJson, type Ctx } from './http';
import { sessionKey, type OperationRecord, type RunRecord, type SessionRecord, type WorkspaceRecord } from './state';
import type { SessionEngine, SessionUser } from './sessions';
import type { RunEngine } from './runs';
import { findRuntime, runtimeDto, runtimesOf } from './flowRuntimes';
import { indexEntities, lastValues, modifyRun, runMetadata } from './runHistory';
import { childRun, definitionFileName, snapshotIdOf } from './runModel';
import { refuseWhenRetired } from './retirement';
import { findWorkspace, requireRead, requireSessionRights, st, workspaceArmId, workspaceKeyOf, type World } from './world';

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
        refuseWhenRetired(w, 'a compute session');
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
      new RegExp(`${F}/Flows$`),
      (ctx, m) => {
        writer(ctx, m);
        // Only the refusal after the read-only date is emulated: before it, flows are not created here.
        refuseWhenRetired(w, 'a flow');
        throw new HttpError(404, 'NotFound', 'The emulator does not create flows; the product does not call this.');
      },
    ],
    [
      'GET',
      new RegExp(`${F}/TraceSessions$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        // Tracing's Cosmos DB is not set up for the workspace: the answer all 29 recordings show.
        sendJson(ctx, 200, {
          entityId: ws.workspaceId,
          traceCosmosConfiguration: 'None',
          traceCosmosStatus: 'Initialized',
          accountEndpoint: '',
          databaseName: 'PromptFlowTraceSession',
          resourceArmId: '',
          resourceType: 1,
        });
      },
    ],
    [
      'GET',
      new RegExp(`${F}/FlowRuntimes$`),
      (ctx, m) =>
        sendJson(
          ctx,
          200,
          runtimesOf(w, reader(ctx, m)).map((rt) => runtimeDto(w, reader(ctx, m), rt)),
        ),
    ],
    [
      'GET',
      new RegExp(`${F}/FlowRuntimes/${SEG}$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        const rt = findRuntime(w, ws, decodeURIComponent(m[4]));
        if (!rt) throw new HttpError(404, 'UserError', `Runtime ${m[4]} was not found.`, { innerCode: 'RuntimeNotFound' });
        sendJson(ctx, 200, runtimeDto(w, ws, rt));
      },
    ],
    [
      'POST',
      new RegExp(`${F}/BulkRuns/submit$`),
      async (ctx, m) => {
        const ws = writer(ctx, m);
        checkUserToken(ctx);
        refuseWhenRetired(w, 'a run');
        sendJson(ctx, 200, (await runs.submit(ws, user(ctx), ctx.body)).runId);
      },
    ],
    [
      'POST',
      new RegExp(`${F}/BulkRuns/resume$`),
      async (ctx, m) => {
        const ws = writer(ctx, m);
        checkUserToken(ctx);
        refuseWhenRetired(w, 'a run');
        sendJson(ctx, 200, (await runs.resume(ws, user(ctx), ctx.body)).runId);
      },
    ],
    [
      'GET',
      new RegExp(`${F}/BulkRuns/${SEG}$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        sendJson(ctx, 200, flowRunInfo(ws, findRun(runs, ws, m[4])));
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
      'GET',
      new RegExp(`${F}/BulkRuns/${SEG}/childRuns$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        const run = findRun(runs, ws, m[4]);
        const index = (name: string, fallback: number) => {
          const v = ctx.url.searchParams.get(name);
          const n = v === null ? fallback : Number(v);
          if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'UserError', `${name} must be a whole number >= 0.`);
          return n;
        };
        const start = index('startIndex', 0);
        const endIndex = index('endIndex', start + 24);
        sendJson(
          ctx,
          200,
          runs.childRuns(run, start, endIndex).map((i) => childRun(run, i)),
        );
      },
    ],
    [
      'POST',
      new RegExp(`^/history/v1\\.0${WS}/rundata$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        const runId = (ctx.body as { runId?: unknown } | undefined)?.runId;
        if (typeof runId !== 'string') throw new HttpError(400, 'UserError', 'runId is required.');
        const run = runs.get(ws, runId);
        if (!run) throw historyNotFound(runId);
        sendJson(ctx, 200, { runMetadata: runMetadata(w, ws, run), runDefinition: null, jobSpecification: null, systemSettings: null });
      },
    ],
    [
      'PATCH',
      new RegExp(`^/history/v1\\.0${WS}/runs/${SEG}/modify$`),
      (ctx, m) => {
        const ws = writer(ctx, m);
        const run = runs.get(ws, decodeURIComponent(m[4]));
        if (!run) throw historyNotFound(decodeURIComponent(m[4]));
        sendJson(ctx, 200, modifyRun(w, ws, run, ctx.body));
      },
    ],
    [
      'POST',
      new RegExp(`^/metric/v2\\.0${WS}/runs/${SEG}/lastvalues$`),
      (ctx, m) => {
        const ws = reader(ctx, m);
        const run = runs.get(ws, decodeURIComponent(m[4]));
        if (!run) throw historyNotFound(decodeURIComponent(m[4]));
        sendJson(ctx, 200, lastValues(w, run));
      },
    ],
    ['POST', new RegExp(`^/index/v1\\.0${WS}/entities$`), (ctx, m) => indexEntities(w, ctx, reader(ctx, m), runs.list(reader(ctx, m)))],
  ];
}

/** Run history's 404, as recorded: `UserError` → `NotFoundError`, the run id as a message parameter. */
function historyNotFound(runId: string): HttpError {
  return new HttpError(404, 'UserError', `Run runId=${runId} was not found`, {
    innerCode: 'NotFoundError',
    messageFormat: 'Run {runId} was not found',
    messageParameters: { runId: `runId=${runId}` },
    componentName: 'run-history',
  });
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

/**
 * FlowRunInfo as `BulkRuns/{id}` answers it (the keys of 117 recorded answers): no status, times, compute or
 * error (run history has those, §11); the display name as submitted, even after run history renamed it.
 */
function flowRunInfo(ws: WorkspaceRecord, r: RunRecord) {
  const b = r.request;
  const wsid = `/subscriptions/${ws.subscriptionId}/resourcegroups/${ws.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${ws.name}`;
  const blobPath = typeof b.flowDefinitionBlobPath === 'string' ? b.flowDefinitionBlobPath : undefined;
  return {
    flowRunResourceId: `azureml://locations/${ws.location}/workspaces/${ws.workspaceId}/flows/${r.runId}/flowRuns/${r.runId}`,
    flowRunId: r.runId,
    flowRunDisplayName: r.displayName,
    batchDataInput: b.batchDataInput ?? {},
    flowRunType: 'FlowRun',
    flowType: 'Default',
    runtimeName: r.runtimeName,
    inputsMapping: b.inputsMapping ?? {},
    outputDatastoreName: 'workspaceblobstore',
    childRunBasePath: `promptflow/PromptFlowArtifacts/${r.runId}/flow_artifacts`,
    ...(blobPath ? { flowDagFileRelativePath: definitionFileName(r), flowSnapshotId: snapshotIdOf(r) } : {}),
    sessionId: r.sessionId,
    studioPortalEndpoint: `https://ml.azure.com/runs/${encodeURIComponent(r.runId)}?wsid=${wsid}`,
    studioPortalTraceEndpoint: `https://ml.azure.com/prompts/trace/run/${encodeURIComponent(r.runId)}?wsid=${wsid}`,
  };
}
