// Compute sessions (S3, S4, S7, S12): validation of CreateFlowSessionRequest, the operation worker
// that really builds venvs and runs pip, serverless computes shared per (user, VM size, identity),
// compute-instance placement, quota, idle deletion and recovery after a restart.
import { createHash, randomUUID } from 'node:crypto';
import { HttpError, badRequest } from './http';
import { DEFAULT_BASE_IMAGE } from './environments';
import { sessionKey, type OperationRecord, type SessionRecord, type WorkspaceRecord, type ServerlessRecord } from './state';
import { DELAYS, st, workspaceKeyOf, type World } from './world';
import { hostsSessions } from './vmCatalog';

const ACTIONS = ['Install', 'Reset', 'Update', 'Delete'] as const;
type Action = (typeof ACTIONS)[number];
export const DEFAULT_IDLE_SECONDS = 3600;
/** The service picks a size when none is given; D series is the smallest that sessions accept (S4). */
const DEFAULT_VM_SIZE = 'Standard_D4s_v3';
const MAX_REQUIREMENT_LINES = 1000;

export interface SessionUser {
  oid: string;
  tid: string;
  upn: string;
}

/** What a create/action request asks for, after validation. */
interface Wanted {
  action: Action;
  requirements?: string[];
  baseImage?: string;
  runtimeImage?: string;
  vmSize?: string;
  maxIdleTimeSeconds?: number;
  identity?: string | null;
  computeName?: string;
  enableMultiContainer?: boolean;
}

export class SessionEngine {
  /** Sessions with a running operation, to refuse a second conflicting one. */
  private readonly busy = new Map<string, OperationRecord>();
  private readonly waiters = new Map<string, ((op: OperationRecord) => void)[]>();

  constructor(private readonly w: World) {}

  get(ws: WorkspaceRecord, sessionId: string): SessionRecord | undefined {
    return st(this.w).sessions[sessionKey(workspaceKeyOf(ws), sessionId)];
  }

  operation(ws: WorkspaceRecord, sessionId: string, opId: string): OperationRecord | undefined {
    const op = st(this.w).operations[opId];
    return op && op.workspaceKey === workspaceKeyOf(ws) && op.sessionId === sessionId ? op : undefined;
  }

  /** Resolves when the operation ends (for runs waiting on their session). */
  waitFor(op: OperationRecord): Promise<OperationRecord> {
    if (op.status !== 'InProgress') return Promise.resolve(op);
    return new Promise((resolve) => {
      const list = this.waiters.get(op.id) ?? [];
      list.push(resolve);
      this.waiters.set(op.id, list);
    });
  }

  /** POST FlowSessions/{id}: validates synchronously (4xx now), then works in the background. */
  request(ws: WorkspaceRecord, user: SessionUser, sessionId: string, body: unknown): OperationRecord {
    validateSessionId(sessionId);
    const wanted = parseRequest(body);
    const key = sessionKey(workspaceKeyOf(ws), sessionId);
    const existing = st(this.w).sessions[key];
    if (existing && existing.userOid !== user.oid) {
      // Another user's session is not disclosed, whatever the method: it answers as absent.
      throw new HttpError(404, 'UserError', `Session ${sessionId} was not found.`, { innerCode: 'SessionNotFound' });
    }
    const running = this.busy.get(key);
    if (running) {
      // A retried identical request joins the operation in progress (the SDK retries on timeout).
      if (running.action === wanted.action && JSON.stringify(running.request) === JSON.stringify(wanted)) return running;
      throw new HttpError(
        409,
        'UserError',
        `Session ${sessionId} is busy with ${running.action} (operation ${running.id}); wait for it to finish.`,
        {
          innerCode: 'SessionOperationInProgress',
        },
      );
    }
    if (!existing && wanted.action !== 'Install') {
      throw new HttpError(404, 'UserError', `Session ${sessionId} does not exist; start it with action Install first.`, {
        innerCode: 'SessionNotFound',
      });
    }
    if (wanted.action === 'Install' || wanted.action === 'Update' || wanted.action === 'Reset')
      this.checkPlacement(ws, user, wanted, existing);
    return this.begin(ws, user, sessionId, wanted);
  }

  /** DELETE FlowSessions/{id} and action Delete. */
  remove(ws: WorkspaceRecord, user: SessionUser, sessionId: string): OperationRecord {
    return this.request(ws, user, sessionId, { action: 'Delete' });
  }

  private begin(ws: WorkspaceRecord, user: SessionUser, sessionId: string, wanted: Wanted): OperationRecord {
    const key = sessionKey(workspaceKeyOf(ws), sessionId);
    const op: OperationRecord = {
      id: randomUUID(),
      workspaceKey: workspaceKeyOf(ws),
      sessionId,
      action: wanted.action,
      request: wanted as unknown as Record<string, unknown>,
      status: 'InProgress',
      createdAt: this.w.clock.iso(),
    };
    st(this.w).operations[op.id] = op;
    this.busy.set(key, op);
    this.w.store.changed();
    void this.work(ws, user, sessionId, wanted)
      .then(
        () => this.finish(op, 'Succeeded'),
        (err: unknown) => {
          // On shutdown the record stays InProgress on disk; recover() settles it at the next start.
          if (this.w.stopping) return;
          // A session that never became usable is not left behind half-made.
          if (st(this.w).sessions[key] && !st(this.w).sessions[key].ready) this.deleteSession(key);
          this.finish(op, 'Failed', err);
        },
      )
      .finally(() => this.busy.delete(key));
    return op;
  }

  private finish(op: OperationRecord, status: 'Succeeded' | 'Failed', err?: unknown): void {
    if (this.w.stopping) return;
    op.status = status;
    op.endedAt = this.w.clock.iso();
    if (err)
      op.error =
        err instanceof OperationError
          ? { code: err.code, message: err.message, ...(err.innerCode ? { innerError: { code: err.innerCode, innerError: null } } : {}) }
          : { code: 'ServiceError', message: err instanceof Error ? err.message : String(err) };
    this.w.store.changed();
    for (const resolve of this.waiters.get(op.id) ?? []) resolve(op);
    this.waiters.delete(op.id);
  }

  private async work(ws: WorkspaceRecord, user: SessionUser, sessionId: string, wanted: Wanted): Promise<void> {
    const key = sessionKey(workspaceKeyOf(ws), sessionId);
    let s = st(this.w).sessions[key];
    if (wanted.action === 'Delete') {
      await this.w.clock.delay(DELAYS.deleteSession);
      if (s && !this.w.faults.take(['keepSession'], `FlowSessions/${sessionId}`)) this.deleteSession(key);
      return;
    }
    const fail = this.w.faults.take(['failOperation'], `FlowSessions/${sessionId}`);
    if (!s) {
      s = this.newSession(ws, user, sessionId, wanted);
      st(this.w).sessions[key] = s;
      await this.provision(s, `FlowSessions/${sessionId}`);
      if (fail) throw new OperationError('ServiceError', fail.message ?? 'The session operation failed (injected fault).');
      await this.buildEnv(s, s.pythonPipRequirements);
      return;
    }
    if (fail) throw new OperationError('ServiceError', fail.message ?? 'The session operation failed (injected fault).');
    if (wanted.action === 'Install') {
      const lines = wanted.requirements ?? s.pythonPipRequirements;
      s.pythonPipRequirements = lines;
      // A new image means a new container: the environment is rebuilt (S10).
      if (wanted.baseImage && wanted.baseImage !== s.baseImage) {
        s.baseImage = wanted.baseImage;
        await this.buildEnv(s, lines);
      } else {
        await this.install(s, lines, false);
      }
      return;
    }
    if (wanted.action === 'Reset') {
      if (wanted.baseImage) s.baseImage = wanted.baseImage;
      if (wanted.requirements) s.pythonPipRequirements = wanted.requirements;
      await this.w.clock.delay(DELAYS.containerStart);
      await this.buildEnv(s, s.pythonPipRequirements);
      return;
    }
    if (this.w.faults.take(['ignoreUpdate'], `FlowSessions/${sessionId}`)) {
      s.lastAliveTime = this.w.clock.iso();
      return;
    }
    // Update: idle time applies at once; a new VM size, identity or compute instance moves the session
    // to another compute and so rebuilds it (S7: a VM size change resets the session).
    if (wanted.maxIdleTimeSeconds !== undefined) s.maxIdleTimeSeconds = wanted.maxIdleTimeSeconds;
    const moves =
      (wanted.vmSize !== undefined && wanted.vmSize.toLowerCase() !== s.vmSize.toLowerCase() && !wanted.computeName) ||
      (wanted.identity !== undefined && (wanted.identity ?? null) !== s.identity && !wanted.computeName) ||
      (wanted.computeName !== undefined && wanted.computeName !== s.computeInstanceName);
    if (moves) {
      const oldServerless = s.serverlessName;
      const next = this.newSession(ws, user, sessionId, {
        ...wanted,
        requirements: wanted.requirements ?? s.pythonPipRequirements,
        baseImage: wanted.baseImage ?? s.baseImage,
        identity: wanted.identity === undefined ? s.identity : wanted.identity,
        vmSize: wanted.vmSize ?? (wanted.computeName ? undefined : s.vmSize),
        maxIdleTimeSeconds: s.maxIdleTimeSeconds,
      });
      next.createdOn = s.createdOn;
      st(this.w).sessions[key] = next;
      if (oldServerless) this.releaseServerless(oldServerless, workspaceKeyOf(ws));
      await this.provision(next, `FlowSessions/${sessionId}`);
      await this.buildEnv(next, next.pythonPipRequirements);
    } else if (wanted.requirements) {
      s.pythonPipRequirements = wanted.requirements;
      await this.install(s, wanted.requirements, false);
    } else {
      s.lastAliveTime = this.w.clock.iso();
    }
  }

  private newSession(ws: WorkspaceRecord, user: SessionUser, sessionId: string, wanted: Wanted): SessionRecord {
    const now = this.w.clock.iso();
    const ci = wanted.computeName
      ? st(this.w).computeInstances.find((c) => c.workspaceKey === workspaceKeyOf(ws) && c.name === wanted.computeName)
      : undefined;
    const vmSize = ci ? ci.vmSize : this.resolveVmSize(wanted.vmSize);
    const identity = ci ? (ci.identityResourceId ?? null) : (wanted.identity ?? null);
    const s: SessionRecord = {
      workspaceKey: workspaceKeyOf(ws),
      sessionId,
      userOid: user.oid,
      userTenantId: user.tid,
      vmSize,
      maxIdleTimeSeconds: wanted.maxIdleTimeSeconds ?? DEFAULT_IDLE_SECONDS,
      identity,
      computeInstanceName: ci?.name,
      baseImage: wanted.baseImage ?? DEFAULT_BASE_IMAGE,
      runtimeImage: wanted.runtimeImage,
      enableMultiContainer: wanted.enableMultiContainer,
      pythonPipRequirements: wanted.requirements ?? [],
      setupResults: [],
      lastAliveTime: now,
      createdOn: now,
      ready: false,
      envDir: createHash('sha256')
        .update(`${workspaceKeyOf(ws)}/${sessionId}/${randomUUID()}`)
        .digest('hex')
        .slice(0, 24),
    };
    if (!ci) s.serverlessName = this.serverlessFor(ws, user.oid, vmSize, identity).name;
    return s;
  }

  /** Background work stops at the next step once the emulator is stopping, or once its session was deleted (S11). */
  private checkAlive(s?: SessionRecord): void {
    if (this.w.stopping) throw new OperationError('ServiceError', 'The service is stopping.');
    if (s && st(this.w).sessions[sessionKey(s.workspaceKey, s.sessionId)] !== s)
      throw new OperationError('UserError', `Session ${s.sessionId} was deleted while its operation ran.`, 'SessionNotFound');
  }

  /** The operation in progress on a session, if any (runs wait for it). */
  busyOperation(key: string): OperationRecord | undefined {
    return this.busy.get(key);
  }

  /** Waits for the compute the session lands on; a new serverless compute takes longest. */
  private async provision(s: SessionRecord, faultPath: string): Promise<void> {
    const sl = s.serverlessName
      ? st(this.w).serverless.find((x) => x.name === s.serverlessName && x.workspaceKey === s.workspaceKey)
      : undefined;
    if (sl && sl.provisioningState === 'Creating') {
      await this.w.clock.delay(DELAYS.computeProvision);
      if (this.w.faults.take(['capacity'], faultPath)) {
        sl.provisioningState = 'Failed';
        this.deleteSession(sessionKey(s.workspaceKey, s.sessionId));
        throw new OperationError(
          'UserError',
          `Automatic runtime provision failed: AllocationFailed: Allocation failed. We do not have sufficient capacity for the requested VM size ${s.vmSize} in this region. Try another VM size or try again later.`,
          'AllocationFailed',
        );
      }
      sl.provisioningState = 'Succeeded';
    }
    await this.w.clock.delay(DELAYS.containerStart);
  }

  /** Creates the session venv from its image and installs its requirement lines. */
  private async buildEnv(s: SessionRecord, lines: string[]): Promise<void> {
    this.checkAlive(s);
    this.w.envs.removeSessionEnv(s.envDir);
    s.setupResults = [];
    await this.w.envs.createSessionEnv(s.envDir, s.baseImage);
    await this.install(s, lines, true);
  }

  private async install(s: SessionRecord, lines: string[], fresh: boolean): Promise<void> {
    this.checkAlive(s);
    if (!this.w.envs.sessionEnvExists(s.envDir)) await this.w.envs.createSessionEnv(s.envDir, s.baseImage);
    const { install, usesFeed } = splitRequirements(lines);
    s.lastAliveTime = this.w.clock.iso();
    s.ready = true;
    if (!fresh) s.setupResults = [];
    if (usesFeed && !s.identity) {
      // S9: a private feed is reached through a user-assigned identity chosen for the session.
      const msg =
        'The requirements use a private feed (-i https://{private}@...) but the session has no user-assigned identity to authenticate to it. Choose a user-assigned identity with access to the feed in the session settings.';
      s.setupResults.push({ command: 'pip', arguments: ['install', '-r', 'requirements.txt'], exitCode: 1, stdOut: '', stdErr: msg });
      throw new OperationError('UserError', msg, 'PrivateFeedIdentityMissing');
    }
    if (install.length === 0) return;
    const result = await this.w.envs.pipInstall(s.envDir, install);
    s.setupResults.push(result);
    s.lastAliveTime = this.w.clock.iso();
    this.w.store.changed();
    if (result.exitCode !== 0) {
      const tail = (result.stdErr.trim() || result.stdOut.trim()).split('\n').slice(-6).join('\n');
      throw new OperationError(
        'UserError',
        `Package installation failed: pip exited with code ${result.exitCode}.\n${tail}`,
        'PipInstallFailed',
      );
    }
  }

  private serverlessFor(ws: WorkspaceRecord, oid: string, vmSize: string, identity: string | null): ServerlessRecord {
    const wk = workspaceKeyOf(ws);
    const found = st(this.w).serverless.find(
      (x) => x.workspaceKey === wk && x.userOid === oid && x.vmSize === vmSize && x.identity === identity && usable(x),
    );
    if (found) return found;
    const rec: ServerlessRecord = {
      workspaceKey: wk,
      // A new compute gets a new name, also while an older one with the same settings is being deleted.
      name: `serverless-${createHash('sha256')
        .update(`${wk}|${oid}|${vmSize}|${identity ?? ''}|${randomUUID()}`)
        .digest('hex')
        .slice(0, 10)}`,
      userOid: oid,
      vmSize,
      identity,
      createdOn: this.w.clock.iso(),
      provisioningState: 'Creating',
    };
    st(this.w).serverless.push(rec);
    return rec;
  }

  deleteSession(key: string): void {
    const s = st(this.w).sessions[key];
    if (!s) return;
    delete st(this.w).sessions[key];
    this.w.envs.removeSessionEnv(s.envDir);
    if (s.serverlessName) this.releaseServerless(s.serverlessName, s.workspaceKey);
    this.w.store.changed();
  }

  /** S7: a serverless compute with no session left is deleted. */
  private releaseServerless(name: string, wk: string): void {
    const inUse = Object.values(st(this.w).sessions).some((x) => x.serverlessName === name && x.workspaceKey === wk);
    if (!inUse) st(this.w).serverless = st(this.w).serverless.filter((x) => !(x.name === name && x.workspaceKey === wk));
  }

  /**
   * S11: deleting a serverless compute (ARM DELETE) ends every session on it at once; the compute reports
   * Deleting until it is gone. Runs on those sessions fail, as their session no longer exists.
   */
  deleteServerless(rec: ServerlessRecord): string[] {
    rec.provisioningState = 'Deleting';
    const ended: string[] = [];
    for (const [key, s] of Object.entries(st(this.w).sessions)) {
      if (s.workspaceKey !== rec.workspaceKey || s.serverlessName !== rec.name) continue;
      ended.push(s.sessionId);
      delete st(this.w).sessions[key];
      this.w.envs.removeSessionEnv(s.envDir);
    }
    this.w.store.changed();
    return ended;
  }

  /** Removes a compute that finished deleting. */
  forgetServerless(rec: ServerlessRecord): void {
    st(this.w).serverless = st(this.w).serverless.filter((x) => x !== rec);
    this.w.store.changed();
  }

  /** Quota, VM size rules, identity and compute instance checks, answered synchronously as 4xx. */
  private checkPlacement(ws: WorkspaceRecord, user: SessionUser, wanted: Wanted, existing: SessionRecord | undefined): void {
    if (wanted.computeName) {
      const ci = st(this.w).computeInstances.find((c) => c.workspaceKey === workspaceKeyOf(ws) && c.name === wanted.computeName);
      if (!ci) throw badRequest(`Compute instance ${wanted.computeName} was not found in workspace ${ws.name}.`, 'ComputeNotFound');
      if (ci.assignedUserOid !== user.oid) {
        throw new HttpError(
          403,
          'UserError',
          `Compute instance ${ci.name} is assigned to another user; a session can only use a compute instance assigned to you.`,
          { innerCode: 'ComputeInstanceNotAssignedToUser' },
        );
      }
      if (ci.state !== 'Running') {
        throw badRequest(
          `Compute instance ${ci.name} is ${ci.state}; start it before starting a session on it.`,
          'ComputeInstanceNotRunning',
        );
      }
      return;
    }
    if (wanted.identity) {
      const ok = ws.userAssignedIdentities.some((id) => id.toLowerCase() === wanted.identity?.toLowerCase());
      if (!ok)
        throw badRequest(
          `The user-assigned identity ${wanted.identity} is not assigned to workspace ${ws.name}. Attach it to the workspace first.`,
          'IdentityNotFound',
        );
    }
    if (wanted.action === 'Reset' || (existing && wanted.action === 'Install')) return;
    if (existing && wanted.action === 'Update' && wanted.vmSize === undefined && wanted.identity === undefined) return;
    const vmSize = this.resolveVmSize(wanted.vmSize ?? existing?.vmSize);
    const identity = wanted.identity === undefined ? (existing?.identity ?? null) : wanted.identity;
    const sharing = st(this.w).serverless.some(
      (x) => x.workspaceKey === workspaceKeyOf(ws) && x.userOid === user.oid && x.vmSize === vmSize && x.identity === identity && usable(x),
    );
    if (!sharing) this.checkQuota(ws, vmSize);
  }

  private resolveVmSize(requested: string | undefined): string {
    const name = requested?.trim() || DEFAULT_VM_SIZE;
    const size = st(this.w).vmSizes.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!size)
      throw badRequest(
        `VM size ${name} is not available in this region. Pick one of the sizes listed for the workspace location.`,
        'InvalidVmSize',
      );
    if (!hostsSessions(size)) {
      throw badRequest(`VM size ${size.name} is too small for a compute session; choose a D series size or larger.`, 'UnsupportedVmSize');
    }
    return size.name;
  }

  /** vCPUs in use per family: serverless computes plus compute instances that are not stopped. */
  usage(location: string): Map<string, number> {
    const used = new Map<string, number>();
    const add = (vmSize: string) => {
      const v = st(this.w).vmSizes.find((x) => x.name.toLowerCase() === vmSize.toLowerCase());
      if (v) used.set(v.family, (used.get(v.family) ?? 0) + v.vCPUs);
    };
    for (const ws of st(this.w).workspaces.filter((x) => x.location === location)) {
      const wk = workspaceKeyOf(ws);
      for (const s of st(this.w).serverless) if (s.workspaceKey === wk) add(s.vmSize);
      for (const c of st(this.w).computeInstances) if (c.workspaceKey === wk && !/^Stopp/.test(c.state)) add(c.vmSize);
    }
    return used;
  }

  private checkQuota(ws: WorkspaceRecord, vmSize: string): void {
    const v = st(this.w).vmSizes.find((x) => x.name === vmSize);
    if (!v) return;
    const limit = st(this.w).quotas.find((q) => q.family === v.family && q.location === ws.location)?.limit ?? 0;
    const used = this.usage(ws.location).get(v.family) ?? 0;
    if (used + v.vCPUs > limit) {
      throw badRequest(
        `Not enough quota for ${vmSize}: the ${v.family} vCPU quota in ${ws.location} is ${limit}, ${used} in use, ${v.vCPUs} requested. Choose a VM size in a family with free quota or request a quota increase.`,
        'QuotaExceeded',
      );
    }
  }

  /** S4: a session unused for maxIdleTimeSeconds (emulated clock) is deleted. */
  sweepIdle(activeSessions: Set<string>): void {
    const now = this.w.clock.now();
    for (const [key, s] of Object.entries(st(this.w).sessions)) {
      if (!s.ready || this.busy.has(key) || activeSessions.has(key)) continue;
      if (now - Date.parse(s.lastAliveTime) >= s.maxIdleTimeSeconds * 1000) this.deleteSession(key);
    }
  }

  touch(key: string): void {
    const s = st(this.w).sessions[key];
    if (s) s.lastAliveTime = this.w.clock.iso();
  }

  /** After a restart nothing stays InProgress: deletes finish, the rest fail with a clear reason. */
  recover(): void {
    for (const op of Object.values(st(this.w).operations)) {
      if (op.status !== 'InProgress') continue;
      const key = sessionKey(op.workspaceKey, op.sessionId);
      op.endedAt = this.w.clock.iso();
      if (op.action === 'Delete') {
        this.deleteSession(key);
        op.status = 'Succeeded';
        continue;
      }
      op.status = 'Failed';
      op.error = {
        code: 'ServiceError',
        message: `The service restarted while the ${op.action} operation was in progress; the session environment may be incomplete. Reset the session to rebuild it.`,
      };
      const s = st(this.w).sessions[key];
      if (s && !s.ready) this.deleteSession(key);
    }
    for (const sl of st(this.w).serverless) if (sl.provisioningState === 'Creating') sl.provisioningState = 'Succeeded';
    // Environments whose session no longer exists (a crash between the two writes) are removed.
    const live = new Set(Object.values(st(this.w).sessions).map((s) => s.envDir));
    for (const dir of this.w.envs.listSessionEnvs()) if (!live.has(dir)) this.w.envs.removeSessionEnv(dir);
    this.w.store.changed();
  }

  isBusy(key: string): boolean {
    return this.busy.has(key);
  }
}

export class OperationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The specific code, sent in the error's innerError chain. */
    readonly innerCode?: string,
  ) {
    super(message);
  }
}

/** A serverless compute a new session may join: neither failed nor on its way out. */
const usable = (x: ServerlessRecord): boolean => x.provisioningState !== 'Failed' && x.provisioningState !== 'Deleting';

function validateSessionId(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
    throw badRequest(`Session id "${id.slice(0, 80)}" is invalid: use at most 64 letters, digits, '-' or '_'.`, 'InvalidSessionId');
}

function parseRequest(body: unknown): Wanted {
  if (body === undefined || body === null) return { action: 'Install' };
  if (typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The request body must be a CreateFlowSessionRequest object.', 'InvalidRequestBody');
  const b = body as Record<string, unknown>;
  const action = b.action ?? 'Install';
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw badRequest(`action must be one of ${ACTIONS.join(', ')}.`, 'InvalidAction');
  }
  const str = (k: string): string | undefined => {
    const v = b[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || v.length > 2048) throw badRequest(`${k} must be a string.`, 'InvalidRequestBody');
    return v;
  };
  const out: Wanted = { action: action as Action };
  if (b.pythonPipRequirements !== undefined && b.pythonPipRequirements !== null) {
    const reqs = b.pythonPipRequirements;
    if (!Array.isArray(reqs) || reqs.some((x) => typeof x !== 'string' || x.length > 4096) || reqs.length > MAX_REQUIREMENT_LINES) {
      throw badRequest(`pythonPipRequirements must be a list of at most ${MAX_REQUIREMENT_LINES} strings.`, 'InvalidRequestBody');
    }
    out.requirements = reqs as string[];
  }
  if (b.maxIdleTimeSeconds !== undefined && b.maxIdleTimeSeconds !== null) {
    const n = b.maxIdleTimeSeconds;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 60 || n > 30 * 86400)
      throw badRequest('maxIdleTimeSeconds must be a whole number of seconds between 60 and 2592000.', 'InvalidRequestBody');
    out.maxIdleTimeSeconds = n;
  }
  if (b.enableMultiContainer !== undefined && b.enableMultiContainer !== null) out.enableMultiContainer = b.enableMultiContainer === true;
  const set = (k: keyof Wanted, v: string | undefined) => {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  };
  set('baseImage', str('baseImage'));
  set('runtimeImage', str('runtimeImage'));
  set('vmSize', str('vmSize'));
  set('computeName', str('computeName'));
  // identity: absent = unchanged (Update) / user identity (Install); explicit null or "" = user identity.
  if ('identity' in b) out.identity = str('identity') ?? null;
  return out;
}

/**
 * Drops `-i/--index-url/--extra-index-url` lines (installs stay offline) and reports whether a private
 * feed was named: only `https://{private}@…` is read through the session's identity (S9); any other
 * index is reached as it is.
 */
export function splitRequirements(lines: string[]): { install: string[]; usesFeed: boolean } {
  let usesFeed = false;
  const install: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (/^(-i|--index-url|--extra-index-url)(\s|=)/.test(line)) {
      if (/:\/\/\{private\}@/.test(line)) usesFeed = true;
      continue;
    }
    install.push(line);
  }
  return { install, usesFeed };
}
