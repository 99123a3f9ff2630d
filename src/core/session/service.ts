// The one session service (S1–S13). It derives state (Azure reports none for a session), owns the
// long-running-operation watching, shares one operation between concurrent calls for the same flow,
// emits change events, and makes no request unless an operation runs or a caller asks.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ArmClient, DEFAULT_ARM_ENDPOINT } from '../azure/arm';
import { ARM_SCOPE, TokenCache, jwtClaims } from '../azure/credential';
import { AzureMlError, fromSetupFailure, redact, toAzureMlError } from '../azure/errors';
import { HttpSender, abortError, type LogFn } from '../azure/http';
import { isJapanese } from '../azure/messages';
import { DEFAULT_POLL_POLICY, watchOperation, type PollPolicy } from '../azure/lro';
import { PfsClient, pfsHostFromDiscoveryUrl, type CreateFlowSessionRequest, type GetTrainingSessionDto } from '../azure/pfs';
import { readFlowEnvironment, sessionRequest, type FlowEnvironment } from '../flow/environment';
import { mergedRequirementsPath } from '../flow/folder';
import { deriveSessionId, flowLineageId, userAliasFromToken } from '../flow/sessionId';
import { nodeFileHost } from '../flow/fileHost';
import { pySplitLines } from '../flow/environment';
import { BindingStore, type Binding } from './bindings';
import { comparePackages } from './packages';
import { runPreflight, attachIdentity as attach, listIdentities } from './workspaceChecks';
import { submitRunFromYaml, runInfoFrom } from './runs';
import { collectInstances } from './instances';
import type {
  CancelToken,
  ComputeInstanceOption,
  IdentityOption,
  ISessionService,
  InstanceImpact,
  InstanceInfo,
  OperationOptions,
  OperationProgress,
  PackagesReport,
  PreflightReport,
  RunInfo,
  SessionChangeEvent,
  SessionInfo,
  SessionServiceOptions,
  SessionSettings,
  SessionState,
  StopResult,
  SubmitRunResult,
  VmSizeOption,
  WorkspaceRef,
} from './types';

/** Options beyond the shared contract (compatible extension): how often to poll operations. */
export interface SessionServiceExtraOptions {
  pollPolicy?: PollPolicy;
}

export function toAbortSignal(cancel: CancelToken | AbortSignal | undefined): AbortSignal | undefined {
  if (!cancel) return undefined;
  if (typeof (cancel as AbortSignal).addEventListener === 'function' && 'aborted' in cancel) return cancel as AbortSignal;
  const token = cancel as CancelToken;
  const ac = new AbortController();
  if (token.cancelled) ac.abort();
  else token.onCancel(() => ac.abort());
  return ac.signal;
}

const DEFAULT_SETTINGS: SessionSettings = { computeType: 'serverless' };

/** Everything the sub-modules need to talk to Azure for one workspace. */
export interface ServiceContext {
  ws: WorkspaceRef;
  arm: ArmClient;
  tokens: TokenCache;
  sender: HttpSender;
  log: LogFn;
  pfs(): Promise<PfsClient>;
  workspace(): Promise<import('@azure/arm-machinelearning').Workspace>;
  myObjectId(): Promise<string | undefined>;
  pollPolicy: PollPolicy;
  caPem?: string;
  /** Language of user-facing text (preflight, error fixes); absent = the process's locale. */
  locale?: string;
}

export class SessionService implements ISessionService {
  readonly workspace: WorkspaceRef;
  private readonly ctx: ServiceContext;
  private readonly bindings: BindingStore;
  private readonly infos = new Map<string, SessionInfo>();
  private readonly inflight = new Map<string, { kind: OperationProgress['kind']; promise: Promise<unknown> }>();
  private readonly listeners = new Set<(e: SessionChangeEvent) => void>();
  private readonly controllers = new Set<AbortController>();
  private pfsClient?: Promise<PfsClient>;
  private ws?: Promise<import('@azure/arm-machinelearning').Workspace>;
  private disposed = false;

  constructor(options: SessionServiceOptions & SessionServiceExtraOptions) {
    this.workspace = options.workspace;
    const armEndpoint = (options.armEndpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/$/, '');
    const log: LogFn = (level, message) => options.log?.(level, redact(message));
    const tokens = new TokenCache(options.credential);
    const trusted = new Set<string>([new URL(armEndpoint).host]);
    const sender = new HttpSender(tokens, options.caPem, trusted, log);
    const arm = new ArmClient({ armEndpoint, tokens, caPem: options.caPem, trustedHosts: trusted, log, sender });
    this.bindings = new BindingStore(options.stateDir, options.workspace, options.locale);
    this.ctx = {
      ws: options.workspace,
      arm,
      tokens,
      sender,
      log,
      pollPolicy: options.pollPolicy ?? DEFAULT_POLL_POLICY,
      caPem: options.caPem,
      locale: options.locale,
      workspace: () => {
        this.ws ??= arm.getWorkspace(options.workspace).catch((e: unknown) => {
          this.ws = undefined;
          throw e;
        });
        return this.ws;
      },
      pfs: () => {
        this.pfsClient ??= this.ctx
          .workspace()
          .then((w) => {
            const discovery = w.discoveryUrl;
            if (!discovery)
              throw new AzureMlError({
                kind: 'validation',
                message: `Workspace ${options.workspace.workspace} reports no discoveryUrl, so its prompt flow service cannot be found.`,
              });
            const host = pfsHostFromDiscoveryUrl(discovery);
            // The emulator's certificate is trusted for the ARM host and the discovery host only.
            if (options.caPem) trusted.add(new URL(host).host);
            return new PfsClient(sender, host, options.workspace);
          })
          .catch((e: unknown) => {
            this.pfsClient = undefined;
            throw e;
          });
        return this.pfsClient;
      },
      myObjectId: async () => {
        const c = jwtClaims(await tokens.get(ARM_SCOPE));
        return typeof c.oid === 'string' ? c.oid : undefined;
      },
    };
  }

  /** HTTP attempts made so far (benchmarks). */
  get requestCount(): number {
    return this.ctx.sender.requestCount;
  }

  onDidChange(listener: (e: SessionChangeEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(e: SessionChangeEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.ctx.log('warn', `change listener failed: ${(err as Error).message}`);
      }
    }
  }

  private update(folder: string, patch: Partial<SessionInfo>, extra: Partial<SessionChangeEvent> = {}): SessionInfo {
    const prev = this.infos.get(folder) ?? { sessionId: '', state: 'notStarted' as SessionState, settings: DEFAULT_SETTINGS };
    const next: SessionInfo = { ...prev, ...patch, flowFolder: folder };
    for (const k of Object.keys(patch) as (keyof SessionInfo)[]) if (patch[k] === undefined) delete next[k];
    this.infos.set(folder, next);
    this.emit({ sessionId: next.sessionId, flowFolder: folder, session: next, ...extra });
    return next;
  }

  peek(flowFolder: string): SessionInfo | undefined {
    return this.infos.get(resolve(flowFolder));
  }

  /**
   * The session a run of this flow goes to. The flow's own session when it is running with the flow's
   * current image and requirements: after a change of image or an install, the derived id (reference §5a)
   * names a session that does not exist yet, and a run would start a second one for nothing. Otherwise
   * the derived id, as the official CLI would send it, so that runs from either share a session.
   */
  private async runSessionIdFor(env: FlowEnvironment): Promise<string> {
    const binding = this.bindings.get(env.flowFolder);
    const s = binding && this.peek(env.flowFolder);
    const sameRequirements = !!s?.requirements && s.requirements.join('\n') === redactLines(env.requirements).join('\n');
    if (binding && s?.state === 'running' && binding.baseImage === env.baseImage && sameRequirements) return binding.sessionId;
    return this.sessionIdFor(env);
  }

  private async sessionIdFor(env: FlowEnvironment): Promise<string> {
    const token = await this.ctx.tokens.get(ARM_SCOPE);
    return deriveSessionId(userAliasFromToken(token), flowLineageId(env.flowFolder), env.environment);
  }

  /**
   * Runs one operation per flow at a time. A second call of the same kind while one runs gets the
   * same promise (a double click starts one session); another kind is refused with a clear message.
   */
  private exclusive<T>(folder: string, kind: OperationProgress['kind'], run: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new AzureMlError({ kind: 'cancelled', message: 'The session service was closed.' }));
    const current = this.inflight.get(folder);
    if (current) {
      if (current.kind === kind) return current.promise as Promise<T>;
      return Promise.reject(
        new AzureMlError({
          kind: 'conflict',
          message: `Another operation (${current.kind}) is under way for this flow's session.`,
          fix: 'Wait for it to finish, then try again.',
        }),
      );
    }
    const promise = run().finally(() => this.inflight.delete(folder));
    this.inflight.set(folder, { kind, promise });
    return promise;
  }

  /** Wraps a long operation: state + progress events, cancellation, failure recorded on the item. */
  private async operate<T>(
    folder: string,
    sessionId: string,
    kind: OperationProgress['kind'],
    state: SessionState,
    opts: OperationOptions | undefined,
    work: (signal: AbortSignal, phase: (p: string) => void) => Promise<T>,
  ): Promise<T> {
    const ac = new AbortController();
    this.controllers.add(ac);
    const external = toAbortSignal(opts?.cancel);
    const onAbort = () => ac.abort();
    if (external?.aborted) ac.abort();
    external?.addEventListener('abort', onAbort, { once: true });
    const operation: OperationProgress = { kind, startedAt: Date.now() };
    this.update(folder, { sessionId, state, operation, error: undefined });
    opts?.onProgress?.(operation);
    const phase = (p: string) => {
      if (operation.phase === p) return opts?.onProgress?.({ ...operation });
      operation.phase = p;
      this.update(folder, { operation: { ...operation } });
      opts?.onProgress?.({ ...operation });
    };
    try {
      if (ac.signal.aborted) throw abortError();
      return await work(ac.signal, phase);
    } catch (e) {
      const err = ac.signal.aborted ? cancelledError(kind) : toAzureMlError(e, describe(kind), this.ctx.locale);
      // After a cancel the service may still finish the operation (it keeps building the same id),
      // so the state is unknown until the next status check, and the item says so.
      this.update(folder, { state: err.kind === 'cancelled' ? 'unknown' : 'failed', operation: undefined, error: err.info });
      throw err;
    } finally {
      external?.removeEventListener('abort', onAbort);
      this.controllers.delete(ac);
    }
  }

  /**
   * POST FlowSessions/{id} and, on 202, watch the operation to its end. `onAccepted` runs once the
   * service has taken the request (200/202): from then on a session exists to be reached, whatever
   * becomes of the watch.
   */
  private async postAndWatch(
    sessionId: string,
    body: CreateFlowSessionRequest,
    signal: AbortSignal,
    phase: (p: string) => void,
    onAccepted?: () => void,
  ): Promise<string | undefined> {
    const pfs = await this.ctx.pfs();
    const requestId = randomUUID();
    // What was asked for, for whoever reads the log at trace; feed credentials are masked here already.
    const reqs = body.pythonPipRequirements;
    this.ctx.log(
      'trace',
      `session ${sessionId}: ${body.action ?? 'Create'}${body.baseImage ? ` on ${body.baseImage}` : ''}${reqs ? `, requirements: ${redactLines(reqs).join(' | ') || '(none)'}` : ''}`,
    );
    const r = await pfs.createSession(sessionId, body, requestId, signal);
    onAccepted?.();
    if (r.status === 202) {
      if (!r.asyncUrl)
        throw new AzureMlError({
          kind: 'unknown',
          message: 'The service accepted the request but named no operation to watch (no azure-asyncoperation header).',
          requestId,
        });
      const retryAfter = r.retryAfter !== undefined && !Number.isNaN(Number(r.retryAfter)) ? Number(r.retryAfter) * 1000 : undefined;
      const done = await watchOperation(
        pfs,
        r.asyncUrl,
        describe(actionKind(body.action)),
        requestId,
        signal,
        this.ctx.pollPolicy,
        { onPhase: (p) => phase(p), log: this.ctx.log },
        retryAfter,
      );
      // Succeeded with an error message: the session is up but package installation had trouble (reference §4).
      const msg = done.error && typeof done.error === 'object' ? done.error.message : undefined;
      return typeof msg === 'string' && msg ? redact(msg) : undefined;
    }
    return undefined;
  }

  /** Reads the session after an operation and turns it into what the UI shows. */
  private async refresh(folder: string, binding: Binding, warning?: string, signal?: AbortSignal): Promise<SessionInfo> {
    const pfs = await this.ctx.pfs();
    const dto = await pfs.getSession(binding.sessionId, signal);
    if (!dto)
      return this.update(folder, { sessionId: binding.sessionId, state: 'notStarted', operation: undefined, settings: binding.settings });
    const info = infoFromDto(dto, binding);
    const setupFailure = failedSetup(dto);
    if (info.computeName && info.computeName !== binding.computeName) this.bind({ ...binding, computeName: info.computeName });
    // One error slot: a failed pip setup matters most; then a binding kept in memory only (the user
    // must learn that another window or the CLI will not find this session); then the operation's warning.
    const unsaved = this.bindings.unsavedError(folder);
    if (setupFailure) info.error = fromSetupFailure('Installing requirements', setupFailure.stdErr, setupFailure.exitCode).info;
    else if (unsaved) info.error = unsaved.info;
    else if (warning) info.error = fromSetupFailure('Installing requirements', warning, 1).info;
    return this.update(folder, { ...info, operation: undefined, error: info.error });
  }

  /**
   * Creates a session and binds the flow once the service accepts the request. A failure after that
   * leaves a session on the service, so its fix names what reaches it: reset or stop.
   */
  private async requestSession(
    binding: Binding,
    kind: OperationProgress['kind'],
    run: (onAccepted: () => void) => Promise<string | undefined>,
  ): Promise<string | undefined> {
    let accepted = false;
    try {
      return await run(() => {
        accepted = true;
        this.bind(binding);
      });
    } catch (e) {
      if (!accepted) throw e;
      const err = toAzureMlError(e, describe(kind), this.ctx.locale);
      // Kinds with their own remedy (quota, packages, …) keep it; a generic failure gets the session's.
      if (!['unknown', 'transient', 'network', 'timeout'].includes(err.kind)) throw err;
      const unsaved = this.bindings.unsavedError(binding.flowFolder);
      const fix = incompleteSessionFix(this.ctx.locale) + (unsaved ? ` ${unsaved.message} ${unsaved.info.fix ?? ''}`.trimEnd() : '');
      throw new AzureMlError({ ...err.info, fix });
    }
  }

  /** Saves a binding; a failed write is logged and kept as the flow's warning, never thrown. */
  private bind(binding: Binding): void {
    const err = this.bindings.set(binding);
    if (err) this.ctx.log('warn', `${err.message} ${err.info.details ?? ''}`.trim());
  }

  private unbind(flowFolder: string): void {
    const err = this.bindings.delete(flowFolder);
    if (err) this.ctx.log('warn', `Removing the binding of ${flowFolder}: ${err.message} ${err.info.details ?? ''}`.trim());
  }

  start(flowFolder: string, opts?: OperationOptions): Promise<SessionInfo> {
    const folder = resolve(flowFolder);
    const settings = this.bindings.get(folder)?.settings ?? DEFAULT_SETTINGS;
    return this.startWithSettings(folder, settings, opts);
  }

  startWithSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionInfo> {
    const folder = resolve(flowFolder);
    return this.exclusive(folder, 'start', async () => {
      const env = readFlowEnvironment(folder);
      const sessionId = this.bindings.get(env.flowFolder)?.sessionId ?? (await this.sessionIdFor(env));
      return this.operate(env.flowFolder, sessionId, 'start', 'starting', opts, async (signal, phase) => {
        const binding: Binding = {
          sessionId,
          flowFolder: env.flowFolder,
          flowName: env.flowName,
          settings,
          baseImage: env.baseImage,
          computeName: settings.computeInstanceName,
        };
        this.update(env.flowFolder, { flowName: env.flowName, settings, baseImage: env.baseImage });
        const pfs = await this.ctx.pfs();
        // Read before acting: a session that already exists is reused, not created again.
        phase('Checking for an existing session');
        const existing = await pfs.getSession(sessionId, signal);
        if (existing && infoFromDto(existing, binding).state === 'running') {
          this.bind(binding);
          return this.refresh(env.flowFolder, binding, undefined, signal);
        }
        // A session still being built (e.g. a watch was cancelled) is asked for again: the service
        // keeps building the same id, and the new request gives an operation to watch (reference §4).
        if (settings.computeType === 'computeInstance') {
          if (!settings.computeInstanceName)
            throw new AzureMlError({ kind: 'validation', message: 'Choose the compute instance to start the session on.' });
          await this.ensureComputeRunning(settings.computeInstanceName, signal, phase);
        }
        phase('Requesting the session');
        // Bound as soon as the service accepts: if the watch is then interrupted (service restart,
        // cancel, dropped connection), status, reset and stop still reach the session.
        const warning = await this.requestSession(binding, 'start', (accepted) =>
          this.postAndWatch(sessionId, sessionRequest(env, settings, 'Install'), signal, phase, accepted),
        );
        const info = await this.refresh(env.flowFolder, binding, warning, signal);
        this.emit({ instancesChanged: true });
        return { ...info, requirements: redactLines(env.requirements) };
      });
    });
  }

  private async ensureComputeRunning(name: string, signal: AbortSignal, phase: (p: string) => void): Promise<void> {
    const compute = await this.ctx.arm.getCompute(this.workspace, name);
    const props = compute.properties as { computeType?: string; properties?: { state?: string } } | undefined;
    if (props?.computeType && props.computeType !== 'ComputeInstance') {
      throw new AzureMlError({ kind: 'validation', message: `${name} is a ${props.computeType}, not a compute instance.` });
    }
    const state = props?.properties?.state;
    if (state === 'Stopped' || state === 'Stopping') {
      phase(`Starting compute instance ${name}`);
      await this.ctx.arm.startCompute(this.workspace, name, signal);
    }
  }

  async status(flowFolder: string): Promise<SessionInfo> {
    const folder = resolve(flowFolder);
    const current = this.infos.get(folder);
    if (this.inflight.has(folder) && current) return current;
    const binding = this.bindings.get(folder);
    if (!binding) return this.infos.get(folder) ?? { sessionId: '', flowFolder: folder, state: 'notStarted', settings: DEFAULT_SETTINGS };
    try {
      return await this.refresh(folder, binding);
    } catch (e) {
      const err = toAzureMlError(e, 'Reading the session');
      this.update(folder, { sessionId: binding.sessionId, state: 'unknown', error: err.info, settings: binding.settings });
      throw err;
    }
  }

  private requireBinding(folder: string): Binding {
    const b = this.bindings.get(folder);
    if (!b) {
      throw new AzureMlError({ kind: 'validation', message: 'No session is bound to this flow yet.', fix: 'Start the session first.' });
    }
    return b;
  }

  installRequirements(flowFolder: string, opts?: OperationOptions): Promise<SessionInfo> {
    const folder = resolve(flowFolder);
    return this.exclusive(folder, 'install', async () => {
      const env = readFlowEnvironment(folder);
      const binding = this.requireBinding(folder);
      return this.operate(folder, binding.sessionId, 'install', 'installing', opts, async (signal, phase) => {
        phase('Installing packages');
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Install'), signal, phase);
        const info = await this.refresh(folder, binding, warning, signal);
        return { ...info, requirements: redactLines(env.requirements) };
      });
    });
  }

  async packages(flowFolder: string): Promise<PackagesReport> {
    const folder = resolve(flowFolder);
    const env = readFlowEnvironment(folder);
    const binding = this.requireBinding(folder);
    let lines = env.requirements;
    if (!env.requirementsPath) {
      const p = mergedRequirementsPath(folder);
      const text = p ? nodeFileHost.readFile(p) : undefined;
      lines = text ? pySplitLines(text) : [];
    }
    const pfs = await this.ctx.pfs();
    return comparePackages(binding.sessionId, lines, await pfs.pipPackages(binding.sessionId));
  }

  reset(flowFolder: string, opts?: OperationOptions): Promise<SessionInfo> {
    return this.resetWith(resolve(flowFolder), undefined, opts);
  }

  changeBaseImage(flowFolder: string, image: string, opts?: OperationOptions): Promise<SessionInfo> {
    return this.resetWith(resolve(flowFolder), image, opts);
  }

  private resetWith(folder: string, image: string | undefined, opts?: OperationOptions): Promise<SessionInfo> {
    return this.exclusive(folder, 'reset', async () => {
      const env = readFlowEnvironment(folder);
      const binding = this.requireBinding(folder);
      if (image !== undefined) env.baseImage = image || undefined;
      return this.operate(folder, binding.sessionId, 'reset', 'resetting', opts, async (signal, phase) => {
        phase('Resetting the session');
        await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Reset'), signal, phase);
        // The SDK's reset sent Reset and then Install (reference §2), so the packages come back.
        phase('Installing packages');
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Install'), signal, phase);
        const next = { ...binding, baseImage: env.baseImage };
        this.bind(next);
        const info = await this.refresh(folder, next, warning, signal);
        return { ...info, requirements: redactLines(env.requirements) };
      });
    });
  }

  stop(flowFolder: string, opts?: OperationOptions): Promise<StopResult> {
    const folder = resolve(flowFolder);
    return this.exclusive(folder, 'stop', async () => {
      const binding = this.bindings.get(folder) ?? (await this.derivedBinding(folder));
      return this.operate(folder, binding.sessionId, 'stop', 'stopping', opts, (signal, phase) => this.stopBinding(binding, signal, phase));
    });
  }

  private async derivedBinding(folder: string): Promise<Binding> {
    const env = readFlowEnvironment(folder);
    return { sessionId: await this.sessionIdFor(env), flowFolder: env.flowFolder, flowName: env.flowName, settings: DEFAULT_SETTINGS };
  }

  private async stopBinding(binding: Binding, signal: AbortSignal, phase: (p: string) => void): Promise<StopResult> {
    const pfs = await this.ctx.pfs();
    // The compute name is needed afterwards to tell whether the serverless compute went too.
    const before = await pfs.getSession(binding.sessionId, signal);
    const computeName = before?.compute?.name ?? before?.properties?.existingUserComputeInstanceName ?? binding.computeName;
    phase('Deleting the session');
    // DELETE rather than `action: Delete`: which one the service prefers is UNVERIFIED (reference §2);
    // the verb is the documented REST operation for removal.
    const requestId = randomUUID();
    const r = await pfs.deleteSession(binding.sessionId, requestId, signal);
    if (r.status === 202 && r.asyncUrl)
      await watchOperation(pfs, r.asyncUrl, 'Stopping the session', requestId, signal, this.ctx.pollPolicy, {
        onPhase: phase,
        log: this.ctx.log,
      });
    this.unbind(binding.flowFolder);
    // S7: the serverless compute is removed when no session remains on it. No API lists sessions, so
    // this is judged from the sessions this user has bound here.
    const serverless = binding.settings.computeType !== 'computeInstance';
    const others = this.bindings.all().some((b) => b.computeName && b.computeName === computeName);
    const result: StopResult = { sessionId: binding.sessionId, computeDeleted: serverless && !!before && !others, computeName };
    this.update(
      binding.flowFolder,
      { sessionId: binding.sessionId, state: 'notStarted', operation: undefined, computeName: undefined, error: undefined },
      { instancesChanged: true },
    );
    return result;
  }

  willSettingsReset(flowFolder: string, settings: SessionSettings): boolean {
    const current = this.bindings.get(resolve(flowFolder))?.settings;
    if (!current) return false;
    return (
      current.computeType !== settings.computeType ||
      (settings.computeType === 'serverless' && (current.vmSize ?? '') !== (settings.vmSize ?? '')) ||
      (settings.computeType === 'computeInstance' && current.computeInstanceName !== settings.computeInstanceName)
    );
  }

  changeSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionInfo> {
    const folder = resolve(flowFolder);
    const resets = this.willSettingsReset(folder, settings);
    return this.exclusive(folder, 'update', async () => {
      const env = readFlowEnvironment(folder);
      const binding = this.requireBinding(folder);
      return this.operate(folder, binding.sessionId, 'update', resets ? 'resetting' : 'updating', opts, async (signal, phase) => {
        const next: Binding = {
          ...binding,
          settings,
          computeName: settings.computeType === 'computeInstance' ? settings.computeInstanceName : binding.computeName,
        };
        if (resets) {
          // A new VM size or another compute means a new placement: delete, then create again.
          await this.stopBinding(binding, signal, phase);
          if (settings.computeType === 'computeInstance' && settings.computeInstanceName)
            await this.ensureComputeRunning(settings.computeInstanceName, signal, phase);
          phase('Requesting the session');
          this.update(folder, { state: 'resetting', operation: { kind: 'update', startedAt: Date.now() } });
          const rebound = { ...next, computeName: undefined };
          const warning = await this.requestSession(rebound, 'update', (accepted) =>
            this.postAndWatch(binding.sessionId, sessionRequest(env, settings, 'Install'), signal, phase, accepted),
          );
          return this.refresh(folder, rebound, warning, signal);
        }
        phase('Updating the session');
        // `Update` semantics are UNVERIFIED (reference §2); it is used only for changes that keep the placement.
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, settings, 'Update'), signal, phase);
        this.bind(next);
        return this.refresh(folder, next, warning, signal);
      });
    });
  }

  async vmSizes(): Promise<VmSizeOption[]> {
    const w = await this.ctx.workspace();
    const location = w.location ?? '';
    const [sizes, usages] = await Promise.all([
      this.ctx.arm.vmSizes(location, this.workspace.subscriptionId),
      this.ctx.arm.usages(location, this.workspace.subscriptionId),
    ]);
    const free = new Map<string, number>();
    for (const u of usages) {
      const key = (u.name?.value ?? '').toLowerCase();
      if (key) free.set(key, Math.max(0, (u.limit ?? 0) - (u.currentValue ?? 0)));
    }
    return sizes
      .map((s) => {
        const name = s.name ?? '';
        const vCPUs = s.vCPUs ?? 0;
        const quotaAvailable = free.get((s.family ?? '').toLowerCase()) ?? 0;
        // "D series or larger" (S4): anything but the A and B series, with at least 2 vCPUs.
        const series = /^standard_([a-z]+)/i.exec(name)?.[1]?.toUpperCase() ?? '';
        const eligible = vCPUs >= 2 && !/^(A|B)$/.test(series) && quotaAvailable >= vCPUs;
        return { name, family: s.family ?? '', vCPUs, memoryGB: s.memoryGB ?? 0, quotaAvailable, eligible };
      })
      .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.vCPUs - b.vCPUs || a.name.localeCompare(b.name));
  }

  identities(): Promise<IdentityOption[]> {
    return listIdentities(this.ctx);
  }

  async computeInstances(): Promise<ComputeInstanceOption[]> {
    const [computes, oid] = await Promise.all([this.ctx.arm.listComputes(this.workspace), this.ctx.myObjectId()]);
    return computes
      .filter((c) => c.properties?.computeType === 'ComputeInstance')
      .map((c) => {
        const p = (
          c.properties as {
            properties?: {
              state?: string;
              vmSize?: string;
              personalComputeInstanceSettings?: { assignedUser?: { objectId?: string } };
              createdBy?: { userId?: string };
            };
          }
        ).properties;
        const owner = p?.personalComputeInstanceSettings?.assignedUser?.objectId ?? p?.createdBy?.userId;
        return { name: c.name ?? '', state: p?.state ?? 'Unknown', vmSize: p?.vmSize, assignedToMe: !!oid && owner === oid };
      });
  }

  async attachIdentity(resourceId: string, opts?: OperationOptions): Promise<IdentityOption[]> {
    await attach(this.ctx, resourceId, toAbortSignal(opts?.cancel));
    this.ws = undefined;
    return this.identities();
  }

  preflight(): Promise<PreflightReport> {
    return runPreflight(this.ctx);
  }

  async instances(): Promise<InstanceInfo[]> {
    return collectInstances(this.ctx, this.bindings.all(), (b) => this.infos.get(b.flowFolder));
  }

  async instanceImpact(instanceName: string): Promise<InstanceImpact> {
    const inst = (await this.instances()).find((i) => i.name === instanceName);
    if (!inst)
      throw new AzureMlError({ kind: 'notFound', message: `No instance named ${instanceName} is known from your sessions or runs.` });
    const active = inst.runs.filter((r) => !['Completed', 'Failed', 'Canceled'].includes(r.status));
    return { instance: inst.name, sessions: inst.sessions, runs: active };
  }

  async deleteInstance(instanceName: string, opts?: OperationOptions): Promise<InstanceImpact> {
    const impact = await this.instanceImpact(instanceName);
    const inst = (await this.instances()).find((i) => i.name === instanceName);
    for (const s of impact.sessions) {
      if (!s.flowFolder) continue;
      await this.stop(s.flowFolder, opts);
    }
    if (inst?.computeType === 'computeInstance') {
      // Deleting a compute instance itself is out of scope; stopping it ends every session on it.
      await this.ctx.arm.stopCompute(this.workspace, instanceName, toAbortSignal(opts?.cancel));
    }
    this.emit({ instancesChanged: true });
    return impact;
  }

  async submitRun(runYamlPath: string, opts?: OperationOptions): Promise<SubmitRunResult> {
    const signal = toAbortSignal(opts?.cancel);
    const result = await submitRunFromYaml(
      this.ctx,
      runYamlPath,
      (env) => this.runSessionIdFor(env),
      signal,
      (phase) => opts?.onProgress?.({ kind: 'start', startedAt: Date.now(), phase }),
    );
    this.emit({ instancesChanged: true });
    return result;
  }

  async runStatus(runId: string): Promise<RunInfo> {
    const pfs = await this.ctx.pfs();
    return runInfoFrom(await pfs.getRun(runId), runId);
  }

  async runLogs(runId: string): Promise<string> {
    return (await this.ctx.pfs()).runLogs(runId);
  }

  async cancelRun(runId: string): Promise<void> {
    await (await this.ctx.pfs()).cancelRun(runId);
    this.emit({ instancesChanged: true });
  }

  dispose(): void {
    this.disposed = true;
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
    this.listeners.clear();
  }
}

function describe(kind: OperationProgress['kind']): string {
  switch (kind) {
    case 'install':
      return 'Installing requirements';
    case 'reset':
      return 'Resetting the session';
    case 'update':
      return 'Changing the session settings';
    case 'stop':
      return 'Stopping the session';
    case 'computeStart':
      return 'Starting the compute instance';
    default:
      return 'Starting the session';
  }
}

function incompleteSessionFix(locale: string | undefined): string {
  return isJapanese(locale)
    ? 'セッションはサービス上に作成されましたが、不完全な可能性があります。リセットして再構築するか、停止して削除してください。現在の状態は「状態」で確認できます。'
    : 'The session was created on the service but may be incomplete: reset it to rebuild it, or stop it to remove it. Status shows what the service has now.';
}

function actionKind(action: CreateFlowSessionRequest['action']): OperationProgress['kind'] {
  return action === 'Reset' ? 'reset' : action === 'Update' ? 'update' : 'start';
}

function cancelledError(kind: OperationProgress['kind']): AzureMlError {
  return new AzureMlError({
    kind: 'cancelled',
    message: `${describe(kind)}: stopped watching. The service may still finish it; check the status, or stop the session.`,
    fix: 'Check the session status, or stop the session if you do not want it.',
  });
}

/** Feed credentials in `-i https://user:token@feed` lines must not reach the UI or logs. */
function redactLines(lines: string[]): string[] {
  return lines.map((l) => redact(l));
}

function failedSetup(dto: GetTrainingSessionDto): { stdErr: string; exitCode: number } | undefined {
  const apps = [dto.properties?.application, ...(dto.properties?.applications ?? [])];
  for (const app of apps) {
    for (const r of app?.setupResults ?? []) {
      if (typeof r.exitCode === 'number' && r.exitCode !== 0) return { stdErr: r.stdErr ?? r.stdOut ?? '', exitCode: r.exitCode };
    }
  }
  return undefined;
}

/** State from a session read. The DTO has no status (reference §3): existing means running, unless the compute says otherwise. */
export function infoFromDto(dto: GetTrainingSessionDto, binding: Binding): SessionInfo {
  const p = dto.properties ?? {};
  const app = p.application ?? p.applications?.[0];
  const prov = dto.compute?.properties?.provisioningState;
  const state: SessionState =
    prov === 'Failed'
      ? 'failed'
      : prov === 'Creating' || prov === 'Updating' || prov === 'Accepted'
        ? 'starting'
        : prov === 'Deleting'
          ? 'stopping'
          : 'running';
  const idle = p.maxIdleTimeSeconds;
  const alive = p.lastAliveTime ? Date.parse(p.lastAliveTime) : NaN;
  const env = app?.envVars ?? {};
  return {
    sessionId: binding.sessionId,
    flowFolder: binding.flowFolder,
    flowName: binding.flowName,
    state,
    settings: binding.settings,
    computeName: dto.compute?.name ?? p.existingUserComputeInstanceName ?? binding.computeName,
    baseImage: binding.baseImage,
    runtimeImage: app?.image,
    pythonVersion: env.PYTHON_VERSION ?? env.python_version,
    requirements: app?.pythonPipRequirements ? redactLines(app.pythonPipRequirements) : undefined,
    lastAliveTime: p.lastAliveTime,
    idleDeadline: idle && Number.isFinite(alive) ? alive + idle * 1000 : undefined,
  };
}
