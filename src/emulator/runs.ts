// Runs submitted to BulkRuns/submit or BulkRuns/resume (S5). A run on runtime `automatic` is bound to the
// session the request names (or one derived from the user and flow when it names none), created on demand
// with a one-hour idle time; a run naming a compute-instance runtime (FlowRuntimes) runs on that instance.
// Runs move through the run-history statuses NotStarted → Preparing → Running → Completed, read their data
// lines from the blob datastore when Azurite serves it, and fail when the session they run on goes away.
// A DAG flow uploaded to the blob datastore is executed on its session's Python, or a named runtime's image
// environment (executeRun.ts, §36); other runs (no Azurite, flex flows, remote flows) pass through their
// statuses without executing.
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { HttpError, badRequest } from './http';
import { executeRun } from './executeRun';
import { findRuntime, runtimeReady } from './flowRuntimes';
import {
  AUTOMATIC_RUNTIME,
  TERMINAL_RUN_STATUSES,
  definitionFileName,
  expandDisplayName,
  lineInputs,
  remoteFlowId,
  withHistoryFields,
} from './runModel';
import { runWorkDir, runsRoot, workspaceContainer } from './snapshot';
import { sessionKey, type RunRecord, type WorkspaceRecord } from './state';
import type { SessionEngine, SessionUser } from './sessions';
import { DELAYS, st, workspaceKeyOf, type World } from './world';

/** S5: sessions created for CLI/SDK runs are deleted after one idle hour. */
const RUN_SESSION_IDLE_SECONDS = 3600;
/** Data read for one run at most (lines and bytes): enough for any test, bounded against hostile input. */
const MAX_LINES = 10_000;
const MAX_DATA_BYTES = 16 * 1024 * 1024;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Where a run executes: a session's compute, or a named runtime's compute instance. */
interface Placement {
  computeName?: string;
  sessionKey?: string;
}

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
    for (const r of Object.values(st(this.w).runs))
      if (!TERMINAL_RUN_STATUSES.has(r.status) && r.sessionId) out.add(sessionKey(r.workspaceKey, r.sessionId));
    return out;
  }

  submit(ws: WorkspaceRecord, user: SessionUser, body: unknown): RunRecord {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('The request body must be a SubmitBulkRunRequest object.', 'InvalidRequestBody');
    return this.create(ws, user, body as Record<string, unknown>);
  }

  /**
   * POST BulkRuns/resume: a new run with the source run's flow, data and settings; the request may rename
   * it and change its runtime, VM size, compute or identity (ResumeBulkRunRequest).
   */
  resume(ws: WorkspaceRecord, user: SessionUser, body: unknown): RunRecord {
    const b = obj(body);
    if (!b) throw badRequest('The request body must be a ResumeBulkRunRequest object.', 'InvalidRequestBody');
    const fromId = str(b.resumeFromRunId);
    if (!fromId) throw badRequest('resumeFromRunId names the run to resume.', 'ResumeFromRunMissing');
    const from = this.get(ws, fromId);
    if (!from) throw new HttpError(404, 'UserError', `Run ${fromId} was not found.`, { innerCode: 'RunNotFound' });
    const request: Record<string, unknown> = { ...from.request, runId: str(b.runId) ?? `${fromId}_resume_${randomUUID().slice(0, 8)}` };
    for (const key of ['runDisplayName', 'description', 'tags', 'runtimeName', 'vmSize', 'identity', 'computeName'] as const) {
      if (b[key] !== undefined && b[key] !== null) request[key] = b[key];
    }
    if (!str(b.runDisplayName)) request.runDisplayName = request.runId;
    const run = this.create(ws, user, request);
    this.log(run, `Resumed from run ${fromId}.`);
    return run;
  }

  private create(ws: WorkspaceRecord, user: SessionUser, b: Record<string, unknown>): RunRecord {
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
    const input = b.batchDataInput;
    if (input !== undefined && input !== null && !obj(input)) throw badRequest('batchDataInput must be an object.', 'InvalidRequestBody');
    const data = str(obj(input)?.dataUri);
    // An evaluation run may take its inputs from the run it evaluates alone (`batchDataInput: {}`).
    const parentId = str(b.variantRunId);
    if (parentId && !this.get(ws, parentId))
      throw new HttpError(400, 'UserError', `variantRunId names run ${parentId}, which does not exist in this workspace.`, {
        innerCode: 'RunNotFound',
      });
    if (!data && !parentId)
      throw badRequest('batchDataInput.dataUri is required unless variantRunId names the run to evaluate.', 'DataInputMissing');
    const runtimeName = b.runtimeName === undefined || b.runtimeName === null ? AUTOMATIC_RUNTIME : String(b.runtimeName);
    const runtime = runtimeName === AUTOMATIC_RUNTIME ? undefined : findRuntime(this.w, ws, runtimeName);
    if (runtimeName !== AUTOMATIC_RUNTIME && !runtime) {
      throw badRequest(
        `Runtime ${runtimeName} was not found in this workspace. Use runtime "automatic" (a compute session) or a runtime FlowRuntimes lists.`,
        'RuntimeNotFound',
      );
    }
    const runId = typeof b.runId === 'string' && b.runId ? b.runId : `run_${randomUUID().replace(/-/g, '_')}`;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(runId)) throw badRequest(`Run id ${runId.slice(0, 80)} is invalid.`, 'InvalidRunId');
    if (st(this.w).runs[runId]) throw new HttpError(409, 'UserError', `A run with id ${runId} already exists.`, { innerCode: 'RunExists' });
    const alias = user.upn.split('@')[0] || user.oid;
    // The service chooses a session when the client sends none (remote flows): one per user and flow.
    const sessionId =
      str(b.sessionId) ??
      (runtime && remoteFlowId({ request: b })) ??
      createHash('sha256').update(`${alias}_${flowRef}`).digest('hex').slice(0, 48);
    const now = this.w.clock.iso();
    const path = str(b.flowDefinitionBlobPath)?.split('/').filter(Boolean);
    const run: RunRecord = withHistoryFields({
      workspaceKey: workspaceKeyOf(ws),
      runId,
      displayName: expandDisplayName(b, runId, new Date(this.w.clock.now())),
      description: str(b.description) ?? null,
      tags: obj(b.tags) ? (Object.fromEntries(Object.entries(obj(b.tags)!).map(([k, v]) => [k, String(v)])) as Record<string, string>) : {},
      // The service names the experiment after the flow folder (index `experimentName`), whatever the client sends.
      experimentName:
        str(b.runExperimentName) ?? (path && path.length > 1 ? path[path.length - 2] : (remoteFlowId({ request: b }) ?? 'default')),
      sessionId,
      runtimeName,
      userOid: user.oid,
      status: 'NotStarted',
      request: b,
      createdOn: now,
      log: [],
    });
    let opId: string | undefined;
    if (!runtime) {
      const existing = this.sessions.get(ws, sessionId);
      if (existing && existing.userOid !== user.oid)
        // Another user's session is not disclosed: it answers as absent.
        throw new HttpError(404, 'UserError', `Session ${sessionId} was not found.`, { innerCode: 'SessionNotFound' });
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
      opId = op?.id;
      st(this.w).runs[runId] = run;
      this.log(run, `Run ${runId} submitted by ${user.upn} for flow ${flowRef}.`);
      if (existing) {
        this.log(run, `Using compute session ${sessionId}.`);
        const asked = [
          str(b.vmSize) && str(b.vmSize) !== existing.vmSize ? `VM size ${String(b.vmSize)}` : '',
          str(b.computeName) && str(b.computeName) !== existing.computeInstanceName ? `compute ${String(b.computeName)}` : '',
        ].filter(Boolean);
        // The session exists with its own placement; what the request asked for does not move it.
        if (asked.length) this.log(run, `The session keeps its compute; the request's ${asked.join(' and ')} was not applied.`);
      } else this.log(run, `Creating compute session ${sessionId} (SystemWait).`);
    } else {
      st(this.w).runs[runId] = run;
      this.log(run, `Run ${runId} submitted by ${user.upn} for flow ${flowRef} on runtime ${runtimeName}.`);
    }
    void this.drive(ws, run, opId).catch(() => undefined);
    return run;
  }

  cancel(run: RunRecord): void {
    if (TERMINAL_RUN_STATUSES.has(run.status)) return;
    run.status = 'CancelRequested';
    this.changed(run);
    this.log(run, 'Cancel requested.');
  }

  /**
   * BulkRuns/{id}/childRuns: one child per line, `startIndex`…`endIndex` inclusive: the lines finished so far
   * while the run executes, every line once it has ended; past the end, an empty page.
   */
  childRuns(run: RunRecord, startIndex: number, endIndex: number): number[] {
    const lines = run.lines ?? [];
    const ended = TERMINAL_RUN_STATUSES.has(run.status);
    const out: number[] = [];
    for (let i = Math.max(0, startIndex); i <= Math.min(endIndex, lines.length - 1); i++)
      if (ended || TERMINAL_RUN_STATUSES.has(lines[i].status)) out.push(i);
    return out;
  }

  /** Where the run can execute now, or undefined when its session or runtime is gone (or going). */
  private placement(ws: WorkspaceRecord, run: RunRecord): Placement | undefined {
    if (run.runtimeName && run.runtimeName !== AUTOMATIC_RUNTIME) {
      const rt = findRuntime(this.w, ws, run.runtimeName);
      return rt && runtimeReady(this.w, ws, rt) ? { computeName: rt.computeInstanceName } : undefined;
    }
    const key = sessionKey(run.workspaceKey, run.sessionId);
    const s = this.sessions.get(ws, run.sessionId);
    if (!s || this.sessions.busyOperation(key)?.action === 'Delete') return undefined;
    return { computeName: s.serverlessName ?? s.computeInstanceName, sessionKey: key };
  }

  private gone(run: RunRecord) {
    return run.runtimeName && run.runtimeName !== AUTOMATIC_RUNTIME
      ? {
          code: 'UserError',
          message: `Runtime ${run.runtimeName} is not available: its compute instance is not running.`,
          innerCode: 'RuntimeUnavailable',
        }
      : {
          code: 'UserError',
          message: `Compute session ${run.sessionId} was deleted while the run was active.`,
          innerCode: 'SessionNotFound',
        };
  }

  private async drive(ws: WorkspaceRecord, run: RunRecord, opId: string | undefined): Promise<void> {
    const op = opId ? st(this.w).operations[opId] : undefined;
    if (op) {
      const done = await this.sessions.waitFor(op);
      if (done.status !== 'Succeeded')
        return this.end(run, 'Failed', {
          code: 'UserError',
          message: `Failed to submit bulk run due to Automatic runtime provision failed: ${done.error?.message ?? 'unknown error'}`,
          innerCode: 'AutomaticRuntimeFailed',
        });
    }
    const steps: [string, number][] = [
      ['Preparing', DELAYS.runPreparing],
      ['Running', DELAYS.runRunning],
    ];
    for (const [status, ms] of steps) {
      if (this.w.stopping) return;
      if (run.status === 'CancelRequested') return this.end(run, 'Canceled');
      const at = this.placement(ws, run);
      if (!at) return this.end(run, 'Failed', this.gone(run));
      run.status = status;
      this.changed(run);
      run.computeName = at.computeName;
      if (status === 'Running') {
        run.startTime = this.w.clock.iso();
        const problem = await this.readLines(ws, run);
        if (problem) return this.end(run, 'Failed', problem);
      }
      if (at.sessionKey) this.sessions.touch(at.sessionKey);
      this.log(
        run,
        `${status} on compute ${run.computeName ?? ''} (${at.sessionKey ? `session ${run.sessionId}` : `runtime ${run.runtimeName}`}).`,
      );
      this.w.store.changed();
      if (status === 'Running' && this.executes(ws, run)) return this.execute(ws, run, at);
      await this.w.clock.delay(ms);
    }
    if (this.w.stopping) return;
    if (run.status === 'CancelRequested') return this.end(run, 'Canceled');
    // A session deleted while the run was running takes the run with it: never Completed without it.
    const at = this.placement(ws, run);
    if (!at) return this.end(run, 'Failed', this.gone(run));
    if (at.sessionKey) this.sessions.touch(at.sessionKey);
    for (const l of run.lines ?? []) l.status = 'Completed';
    this.end(run, 'Completed');
  }

  /** A DAG flow in the blob store with known lines: executed (§36). */
  private executes(ws: WorkspaceRecord, run: RunRecord): boolean {
    return (
      !!workspaceContainer(this.w, ws) &&
      !!run.lines &&
      !!str(run.request.flowDefinitionBlobPath) &&
      definitionFileName(run) === 'flow.dag.yaml'
    );
  }

  /** The interpreter that runs the flow: the session venv's, or a named runtime's image environment. */
  private async pythonFor(ws: WorkspaceRecord, run: RunRecord, at: Placement): Promise<string | undefined> {
    if (!at.sessionKey) {
      const rt = findRuntime(this.w, ws, run.runtimeName ?? '');
      return rt && this.w.envs.imagePython(rt.image);
    }
    const s = this.sessions.get(ws, run.sessionId);
    return s && this.w.envs.sessionEnvExists(s.envDir) ? this.w.envs.sessionPython(s.envDir) : undefined;
  }

  private async execute(ws: WorkspaceRecord, run: RunRecord, at: Placement): Promise<void> {
    let python: string | undefined;
    try {
      python = await this.pythonFor(ws, run, at);
    } catch (err) {
      const message = `The runtime's environment could not be prepared: ${err instanceof Error ? err.message : String(err)}`;
      return this.end(run, 'Failed', { code: 'SystemError', message, innerCode: 'ExecutorFailed' });
    }
    if (!python) return this.end(run, 'Failed', this.gone(run));
    const deps = {
      w: this.w,
      log: (r: RunRecord, line: string) => this.log(r, line),
      interrupted: (r: RunRecord) =>
        r.status === 'CancelRequested'
          ? 'cancel requested'
          : this.w.stopping
            ? 'the emulator is stopping'
            : this.placement(ws, r)
              ? undefined
              : 'its session or runtime went away',
    };
    const outcome = await executeRun(deps, ws, run, python).catch((err: unknown) => ({
      status: 'Failed' as const,
      error: { code: 'SystemError', message: `The run could not be executed: ${err instanceof Error ? err.message : String(err)}` },
    }));
    rmSync(runWorkDir(this.w, run.runId), { recursive: true, force: true });
    if (this.w.stopping) return;
    if (outcome.status === 'Interrupted')
      return run.status === 'CancelRequested' ? this.end(run, 'Canceled') : this.end(run, 'Failed', this.gone(run));
    if (outcome.status === 'Failed') return this.end(run, 'Failed', outcome.error);
    if (at.sessionKey) this.sessions.touch(at.sessionKey);
    // A line the executor never reported did not run: it fails alone, as a line that raised does.
    for (const l of run.lines ?? [])
      if (!TERMINAL_RUN_STATUSES.has(l.status)) {
        l.status = 'Failed';
        l.error = { code: 'SystemError', message: 'The line was not executed.' };
      }
    const failedLines = (run.lines ?? []).filter((l) => l.status === 'Failed').length;
    if (failedLines) this.log(run, `${failedLines} out of ${run.lines?.length ?? 0} lines failed in the run.`);
    this.end(run, 'Completed');
  }

  /**
   * The run's input lines: its data (JSON lines in the workspace blob store, when Azurite serves it) through
   * `inputsMapping`, and the evaluated run's lines for `${run.inputs.*}`. Data that cannot be seen here
   * (no blob store, a data asset, a URL) leaves the lines unknown; data named in the blob store but absent
   * fails the run, as the service does.
   */
  private async readLines(ws: WorkspaceRecord, run: RunRecord): Promise<{ code: string; message: string; innerCode?: string } | undefined> {
    const b = run.request;
    const mapping = obj(b.inputsMapping);
    const parent = str(b.variantRunId) ? this.get(ws, String(b.variantRunId)) : undefined;
    const dataUri = str(obj(b.batchDataInput)?.dataUri);
    let rows: Record<string, unknown>[] | undefined;
    if (dataUri) {
      const read = await this.readData(ws, dataUri);
      if (typeof read === 'string') return { code: 'UserError', message: read, innerCode: 'DataNotFound' };
      rows = read;
    } else if (parent?.lines) rows = parent.lines.map(() => ({}));
    if (!rows) return undefined;
    run.lines = rows.map((row, i) => ({ inputs: lineInputs(mapping, row, parent?.lines?.[i]), status: 'Running' }));
    return undefined;
  }

  /** Rows of `azureml://datastores/<store>/paths/<path>` from Azurite; a message when it holds none. */
  private async readData(ws: WorkspaceRecord, dataUri: string): Promise<Record<string, unknown>[] | string | undefined> {
    const m = /^azureml:\/\/datastores\/([^/]+)\/paths\/(.+)$/.exec(dataUri);
    if (!m || !this.w.azurite || m[1] !== 'workspaceblobstore') return undefined;
    const container = workspaceContainer(this.w, ws)!;
    const prefix = decodeURIComponent(m[2]);
    const rows: Record<string, unknown>[] = [];
    let bytes = 0;
    let found = 0;
    try {
      for await (const blob of container.listBlobsFlat({ prefix })) {
        if (blob.name !== prefix && !blob.name.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) continue;
        found++;
        if (!/\.(jsonl|json)$/i.test(blob.name)) continue;
        const buf = await container.getBlobClient(blob.name).downloadToBuffer();
        bytes += buf.length;
        if (bytes > MAX_DATA_BYTES) break;
        for (const line of buf.toString('utf8').split(/\r?\n/)) {
          if (!line.trim() || rows.length >= MAX_LINES) continue;
          try {
            const v = JSON.parse(line) as unknown;
            rows.push(obj(v) ?? { value: v });
          } catch {
            return `The data file ${blob.name} is not JSON lines: line ${rows.length + 1} does not parse.`;
          }
        }
      }
    } catch (err) {
      return `The data ${dataUri} could not be read: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (!found) return `The data ${dataUri} was not found: the datastore holds nothing at ${prefix}.`;
    return rows;
  }

  private changed(run: RunRecord): void {
    run.statusRevision = (run.statusRevision ?? 0) + 1;
    run.lastModifiedOn = this.w.clock.iso();
  }

  private end(run: RunRecord, status: string, error?: { code: string; message: string; innerCode?: string }): void {
    run.status = status;
    run.endTime = this.w.clock.iso();
    this.changed(run);
    if (error) run.error = error;
    for (const l of run.lines ?? []) if (l.status === 'Running') l.status = status === 'Completed' ? 'Completed' : 'Failed';
    this.log(run, error ? `${status}: ${error.message}` : `${status}.`);
    this.w.store.changed();
  }

  private log(run: RunRecord, line: string): void {
    run.log.push(`[${this.w.clock.iso()}] ${line}`);
    this.w.store.changed();
  }

  /** After a restart, unfinished runs fail (or finish cancelling) with a clear reason; their work folders go. */
  recover(): void {
    rmSync(runsRoot(this.w), { recursive: true, force: true });
    for (const run of Object.values(st(this.w).runs)) {
      if (TERMINAL_RUN_STATUSES.has(run.status)) continue;
      if (run.status === 'CancelRequested') this.end(run, 'Canceled');
      else
        this.end(run, 'Failed', { code: 'ServiceError', message: 'The service restarted while the run was active; submit the run again.' });
    }
  }
}
