// Runs submitted to BulkRuns/submit (S5): bound to the session the request names (or one derived from
// the user and flow when it names none), created on demand with a one-hour idle time, and moved
// through the run-history statuses NotStarted → Preparing → Running → Completed.
import { createHash, randomUUID } from 'node:crypto';
import { HttpError, badRequest } from './http';
import { sessionKey, type RunRecord, type WorkspaceRecord } from './state';
import type { SessionEngine, SessionUser } from './sessions';
import { DELAYS, st, workspaceKeyOf, type World } from './world';

const TERMINAL = new Set(['Completed', 'Failed', 'Canceled']);
/** S5: sessions created for CLI/SDK runs are deleted after one idle hour. */
const RUN_SESSION_IDLE_SECONDS = 3600;

export class RunEngine {
  constructor(
    private readonly w: World,
    private readonly sessions: SessionEngine,
  ) {}

  get(ws: WorkspaceRecord, runId: string): RunRecord | undefined {
    const r = st(this.w).runs[runId];
    return r && r.workspaceKey === workspaceKeyOf(ws) ? r : undefined;
  }

  list(ws: WorkspaceRecord): RunRecord[] {
    return Object.values(st(this.w).runs).filter((r) => r.workspaceKey === workspaceKeyOf(ws));
  }

  /** Session keys with a run that is not finished: those sessions are in use, never idle. */
  activeSessionKeys(): Set<string> {
    const out = new Set<string>();
    for (const r of Object.values(st(this.w).runs)) if (!TERMINAL.has(r.status)) out.add(sessionKey(r.workspaceKey, r.sessionId));
    return out;
  }

  submit(ws: WorkspaceRecord, user: SessionUser, body: unknown): RunRecord {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('The request body must be a SubmitBulkRunRequest object.', 'InvalidRequestBody');
    const b = body as Record<string, unknown>;
    const flowRef = [
      b.flowDefinitionResourceId,
      b.flowDefinitionDataUri,
      b.flowDefinitionDataStoreName && b.flowDefinitionBlobPath
        ? `${String(b.flowDefinitionDataStoreName)}/${String(b.flowDefinitionBlobPath)}`
        : undefined,
    ].find((x) => typeof x === 'string' && x);
    if (typeof flowRef !== 'string') {
      throw badRequest(
        'The run names no flow: set flowDefinitionDataStoreName + flowDefinitionBlobPath, flowDefinitionResourceId or flowDefinitionDataUri.',
        'FlowDefinitionMissing',
      );
    }
    const data = (b.batchDataInput as Record<string, unknown> | undefined)?.dataUri;
    if (typeof data !== 'string' || !data) throw badRequest('batchDataInput.dataUri is required for a batch run.', 'DataInputMissing');
    const runtimeName = b.runtimeName === undefined || b.runtimeName === null ? null : String(b.runtimeName);
    if (runtimeName !== null && runtimeName !== 'automatic') {
      throw badRequest(`Runtime ${runtimeName} was not found. Use the compute session (runtime "automatic").`, 'RuntimeNotFound');
    }
    const runId = typeof b.runId === 'string' && b.runId ? b.runId : `run_${randomUUID().replace(/-/g, '_')}`;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(runId)) throw badRequest(`Run id ${runId.slice(0, 80)} is invalid.`, 'InvalidRunId');
    if (st(this.w).runs[runId]) throw new HttpError(409, 'UserError', `A run with id ${runId} already exists.`, { innerCode: 'RunExists' });
    const alias = user.upn.split('@')[0] || user.oid;
    // The service chooses a session when the client sends none; derive one per user and flow.
    const sessionId =
      typeof b.sessionId === 'string' && b.sessionId
        ? b.sessionId
        : createHash('sha256').update(`${alias}_${flowRef}`).digest('hex').slice(0, 48);
    const run: RunRecord = {
      workspaceKey: workspaceKeyOf(ws),
      runId,
      displayName: typeof b.runDisplayName === 'string' && b.runDisplayName ? b.runDisplayName : runId,
      experimentName:
        typeof b.runExperimentName === 'string' && b.runExperimentName
          ? b.runExperimentName
          : (flowRef.split('/').filter(Boolean).pop() ?? 'default'),
      sessionId,
      runtimeName: runtimeName ?? 'automatic',
      userOid: user.oid,
      status: 'NotStarted',
      request: b,
      createdOn: this.w.clock.iso(),
      log: [],
    };
    const existing = this.sessions.get(ws, sessionId);
    if (existing && existing.userOid !== user.oid)
      throw new HttpError(403, 'UserError', `Session ${sessionId} belongs to another user.`, { innerCode: 'SessionOwnedByAnotherUser' });
    // Validate placement now so a bad VM size or quota fails the submit, not the run later.
    // A run on a session that is busy (installing, resetting) waits for that operation, NotStarted.
    const op = existing
      ? this.sessions.busyOperation(sessionKey(workspaceKeyOf(ws), sessionId))
      : this.sessions.request(ws, user, sessionId, {
          action: 'Install',
          vmSize: b.vmSize ?? undefined,
          identity: b.identity ?? null,
          computeName: b.computeName ?? undefined,
          maxIdleTimeSeconds: RUN_SESSION_IDLE_SECONDS,
        });
    st(this.w).runs[runId] = run;
    this.log(run, `Run ${runId} submitted by ${user.upn} for flow ${flowRef}.`);
    this.log(run, existing ? `Using compute session ${sessionId}.` : `Creating compute session ${sessionId} (SystemWait).`);
    void this.drive(ws, run, op?.id).catch(() => undefined);
    return run;
  }

  cancel(run: RunRecord): void {
    if (TERMINAL.has(run.status)) return;
    run.status = 'CancelRequested';
    this.log(run, 'Cancel requested.');
  }

  private async drive(ws: WorkspaceRecord, run: RunRecord, opId: string | undefined): Promise<void> {
    const key = sessionKey(run.workspaceKey, run.sessionId);
    const op = opId ? st(this.w).operations[opId] : undefined;
    if (op) {
      const done = await this.sessions.waitFor(op);
      if (done.status !== 'Succeeded')
        return this.end(run, 'Failed', {
          code: 'UserError',
          message: `Automatic runtime provision failed: ${done.error?.message ?? 'unknown error'}`,
        });
    }
    const steps: [string, number][] = [
      ['Preparing', DELAYS.runPreparing],
      ['Running', DELAYS.runRunning],
    ];
    for (const [status, ms] of steps) {
      if (this.w.stopping) return;
      if (run.status === 'CancelRequested') return this.end(run, 'Canceled');
      const s = this.sessions.get(ws, run.sessionId);
      if (!s)
        return this.end(run, 'Failed', {
          code: 'UserError',
          message: `Compute session ${run.sessionId} was deleted while the run was active.`,
        });
      run.status = status;
      run.computeName = s.serverlessName ?? s.computeInstanceName;
      if (status === 'Running') run.startTime = this.w.clock.iso();
      this.sessions.touch(key);
      this.log(run, `${status} on compute ${run.computeName ?? ''} (session ${run.sessionId}).`);
      this.w.store.changed();
      await this.w.clock.delay(ms);
    }
    if (this.w.stopping) return;
    if (run.status === 'CancelRequested') return this.end(run, 'Canceled');
    this.sessions.touch(key);
    this.end(run, 'Completed');
  }

  private end(run: RunRecord, status: string, error?: { code: string; message: string }): void {
    run.status = status;
    run.endTime = this.w.clock.iso();
    if (error) run.error = error;
    this.log(run, error ? `${status}: ${error.message}` : `${status}.`);
    this.w.store.changed();
  }

  private log(run: RunRecord, line: string): void {
    run.log.push(`[${this.w.clock.iso()}] ${line}`);
    this.w.store.changed();
  }

  /** After a restart, unfinished runs fail (or finish cancelling) with a clear reason. */
  recover(): void {
    for (const run of Object.values(st(this.w).runs)) {
      if (TERMINAL.has(run.status)) continue;
      if (run.status === 'CancelRequested') this.end(run, 'Canceled');
      else
        this.end(run, 'Failed', { code: 'ServiceError', message: 'The service restarted while the run was active; submit the run again.' });
    }
  }
}
