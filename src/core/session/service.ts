// The one session service (S1–S13): the session verbs. It derives state (Azure reports none for a
// session, see sessionState.ts), runs every long operation through one OperationRunner, reads the
// session back after each operation before reporting it, emits change events, and makes no request
// unless an operation runs or a caller asks.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ARM_SCOPE, userAliasFromToken } from '../azure/credential';
import { AzureMlError, fromSetupFailure, toAzureMlError } from '../azure/errors';
import { watchOperation, type PollPolicy } from '../azure/lro';
import type { CreateFlowSessionRequest } from '../azure/pfs';
import { pySplitLines, readFlowEnvironment, type FlowEnvironment } from '../flow/environment';
import { nodeFileHost } from '../flow/fileHost';
import { mergedRequirementsPath } from '../flow/folder';
import { deriveSessionId, flowLineageId } from '../flow/sessionId';
import { redact, redactLines } from '../redact';
import { BindingStore, type Binding } from './bindings';
import { listComputeInstances, listIdentities, listVmSizes } from './computeOptions';
import { createServiceContext, type ServiceContext } from './context';
import { collectInstances } from './instances';
import { incompleteSessionFix, noSessionText, operationName, type OperationKind } from './operationText';
import { OperationRunner, toAbortSignal, type PhaseFn } from './operations';
import { comparePackages } from './packages';
import { sessionRequest } from './requests';
import { chooseRunSession, listMyRuns, listRuntimes, readRun, submitRunFromYaml } from './runs';
import { failedSetup, infoFromDto } from './sessionState';
import { attachIdentity as attach, runPreflight } from './workspaceChecks';
import { WorkspaceDataCache } from './workspaceData';
import type {
  ComputeInstanceOption,
  IdentityOption,
  ISessionService,
  InstanceImpact,
  InstanceInfo,
  OperationOptions,
  PackagesReport,
  PreflightReport,
  RunInfo,
  RuntimeInfo,
  SessionChangeEvent,
  SessionInfo,
  SessionResult,
  SessionServiceOptions,
  SessionSettings,
  SessionState,
  StopResult,
  SubmitRunResult,
  VmSizeOption,
  WorkspaceFacts,
  WorkspaceRef,
} from './types';

/** Options beyond the shared contract (compatible extension): how often to poll operations. */
export interface SessionServiceExtraOptions {
  pollPolicy?: PollPolicy;
}

const DEFAULT_SETTINGS: SessionSettings = { computeType: 'serverless' };

export class SessionService implements ISessionService {
  readonly workspace: WorkspaceRef;
  private readonly ctx: ServiceContext;
  private readonly bindings: BindingStore;
  private readonly infos = new Map<string, SessionInfo>();
  private readonly listeners = new Set<(e: SessionChangeEvent) => void>();
  private readonly ops: OperationRunner;
  private readonly workspaceData: WorkspaceDataCache;

  constructor(options: SessionServiceOptions & SessionServiceExtraOptions) {
    this.workspace = options.workspace;
    this.ctx = createServiceContext(options);
    this.bindings = new BindingStore(options.stateDir, options.workspace, options.locale);
    this.ops = new OperationRunner((folder, patch) => this.update(folder, patch), options.locale);
    this.workspaceData = new WorkspaceDataCache(this.ctx);
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

  private async sessionIdFor(env: FlowEnvironment): Promise<string> {
    const token = await this.ctx.tokens.get(ARM_SCOPE);
    return deriveSessionId(userAliasFromToken(token), flowLineageId(env.flowFolder), env.environment);
  }

  /** The flow folder's environment; a flow the service could not use is a validation error. */
  private environment(folder: string): FlowEnvironment {
    try {
      return readFlowEnvironment(folder);
    } catch (e) {
      throw toAzureMlError(e, operationName('start', this.ctx.locale), this.ctx.locale);
    }
  }

  /**
   * POST FlowSessions/{id} and, on 202, watch the operation to its end. `onAccepted` runs once the
   * service has taken the request (200/202): from then on a session exists to be reached, whatever
   * becomes of the watch. Returns the warning of an operation that succeeded with an error message.
   */
  private async postAndWatch(
    sessionId: string,
    body: CreateFlowSessionRequest,
    signal: AbortSignal,
    phase: PhaseFn,
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
    if (r.status !== 202) return undefined;
    if (!r.asyncUrl) {
      throw new AzureMlError({
        kind: 'unknown',
        message: 'The service accepted the request but named no operation to watch (no azure-asyncoperation header).',
        requestId,
      });
    }
    const retryAfter = r.retryAfter !== undefined && !Number.isNaN(Number(r.retryAfter)) ? Number(r.retryAfter) * 1000 : undefined;
    const done = await watchOperation(
      pfs,
      r.asyncUrl,
      operationName(actionKind(body.action)),
      requestId,
      signal,
      this.ctx.pollPolicy,
      { onPhase: (p) => phase(p), log: this.ctx.log },
      retryAfter,
    );
    // Succeeded with an error message: the session is up but package installation had trouble.
    const msg = done.error && typeof done.error === 'object' ? done.error.message : undefined;
    return typeof msg === 'string' && msg ? redact(msg) : undefined;
  }

  /** Reads the session back after an operation and turns it into what the UI shows. */
  private async refresh(folder: string, binding: Binding, warning?: string, signal?: AbortSignal): Promise<SessionResult> {
    const pfs = await this.ctx.pfs();
    const dto = await pfs.getSession(binding.sessionId, signal);
    if (!dto) {
      return {
        session: this.update(folder, {
          sessionId: binding.sessionId,
          state: 'notStarted',
          operation: undefined,
          settings: binding.settings,
        }),
      };
    }
    const info = infoFromDto(dto, binding);
    const setupFailure = failedSetup(dto);
    if (info.computeName && info.computeName !== binding.computeName) this.bind({ ...binding, computeName: info.computeName });
    // One error slot: a failed pip setup matters most; then a binding kept in memory only (the user
    // must learn that another window or the CLI will not find this session); then the operation's warning.
    const unsaved = this.bindings.unsavedError(folder);
    const install = operationName('install', this.ctx.locale);
    if (setupFailure) info.error = fromSetupFailure(install, setupFailure.stdErr, setupFailure.exitCode).info;
    else if (unsaved) info.error = unsaved.info;
    else if (warning) info.error = fromSetupFailure(install, warning, 1).info;
    const session = this.update(folder, { ...info, operation: undefined, error: info.error });
    return { session, warning: session.error };
  }

  /**
   * Creates a session and binds the flow once the service accepts the request. A failure after that
   * leaves a session on the service, so its fix names what reaches it: reset or stop.
   */
  private async requestSession(
    binding: Binding,
    kind: OperationKind,
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
      const err = toAzureMlError(e, operationName(kind, this.ctx.locale), this.ctx.locale);
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

  private requireBinding(folder: string): Binding {
    const b = this.bindings.get(folder);
    if (!b) throw new AzureMlError({ kind: 'validation', ...noSessionText(this.ctx.locale) });
    return b;
  }

  start(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    const folder = resolve(flowFolder);
    const settings = this.bindings.get(folder)?.settings ?? DEFAULT_SETTINGS;
    return this.startWithSettings(folder, settings, opts);
  }

  startWithSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult> {
    const folder = resolve(flowFolder);
    return this.ops.exclusive(folder, 'start', async () => {
      const env = this.environment(folder);
      const sessionId = this.bindings.get(env.flowFolder)?.sessionId ?? (await this.sessionIdFor(env));
      return this.ops.operate(env.flowFolder, sessionId, 'start', 'starting', opts, async (signal, phase) => {
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
        // keeps building the same id, and the new request gives an operation to watch.
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
        const result = await this.refresh(env.flowFolder, binding, warning, signal);
        this.emit({ instancesChanged: true });
        return result;
      });
    });
  }

  private async ensureComputeRunning(name: string, signal: AbortSignal, phase: PhaseFn): Promise<void> {
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
    if (this.ops.busy(folder) && current) return current;
    const binding = this.bindings.get(folder);
    if (!binding) return this.infos.get(folder) ?? { sessionId: '', flowFolder: folder, state: 'notStarted', settings: DEFAULT_SETTINGS };
    try {
      return (await this.refresh(folder, binding)).session;
    } catch (e) {
      const err = toAzureMlError(e, 'Reading the session');
      this.update(folder, { sessionId: binding.sessionId, state: 'unknown', error: err.info, settings: binding.settings });
      throw err;
    }
  }

  installRequirements(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    const folder = resolve(flowFolder);
    return this.ops.exclusive(folder, 'install', async () => {
      const env = this.environment(folder);
      const binding = this.requireBinding(folder);
      return this.ops.operate(folder, binding.sessionId, 'install', 'installing', opts, async (signal, phase) => {
        phase('Installing packages');
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Install'), signal, phase);
        return this.refresh(folder, binding, warning, signal);
      });
    });
  }

  async packages(flowFolder: string): Promise<PackagesReport> {
    const folder = resolve(flowFolder);
    const env = this.environment(folder);
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

  reset(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    return this.resetWith(resolve(flowFolder), undefined, opts);
  }

  changeBaseImage(flowFolder: string, image: string, opts?: OperationOptions): Promise<SessionResult> {
    return this.resetWith(resolve(flowFolder), image, opts);
  }

  private resetWith(folder: string, image: string | undefined, opts?: OperationOptions): Promise<SessionResult> {
    return this.ops.exclusive(folder, 'reset', async () => {
      const env = this.environment(folder);
      const binding = this.requireBinding(folder);
      if (image !== undefined) env.baseImage = image || undefined;
      return this.ops.operate(folder, binding.sessionId, 'reset', 'resetting', opts, async (signal, phase) => {
        phase('Resetting the session');
        await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Reset'), signal, phase);
        // The SDK's reset sends Reset and then Install, so the packages come back.
        phase('Installing packages');
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Install'), signal, phase);
        const next = { ...binding, baseImage: env.baseImage };
        this.bind(next);
        return this.refresh(folder, next, warning, signal);
      });
    });
  }

  stop(flowFolder: string, opts?: OperationOptions): Promise<StopResult> {
    const folder = resolve(flowFolder);
    return this.ops.exclusive(
      folder,
      'stop',
      async () => {
        const binding = this.bindings.get(folder) ?? (await this.derivedBinding(folder));
        return this.ops.operate(folder, binding.sessionId, 'stop', 'stopping', opts, (signal, phase) =>
          this.stopBinding(binding, signal, phase),
        );
      },
      // A stop while this window watches a start ends that watch first: the user gave up on the start.
      ['start'],
    );
  }

  private async derivedBinding(folder: string): Promise<Binding> {
    const env = this.environment(folder);
    return { sessionId: await this.sessionIdFor(env), flowFolder: env.flowFolder, flowName: env.flowName, settings: DEFAULT_SETTINGS };
  }

  private async stopBinding(binding: Binding, signal: AbortSignal, phase: PhaseFn): Promise<StopResult> {
    const pfs = await this.ctx.pfs();
    // The compute name is needed afterwards to tell whether the serverless compute went too.
    const before = await pfs.getSession(binding.sessionId, signal);
    const computeName = before?.compute?.name ?? before?.properties?.existingUserComputeInstanceName ?? binding.computeName;
    phase('Deleting the session');
    // DELETE rather than `action: Delete`: which one the service prefers is not settled
    // (docs/azure-contract.md §29); the verb is the documented REST operation for removal.
    const requestId = randomUUID();
    const r = await pfs.deleteSession(binding.sessionId, requestId, signal);
    if (r.status === 202 && r.asyncUrl) {
      await watchOperation(pfs, r.asyncUrl, operationName('stop'), requestId, signal, this.ctx.pollPolicy, {
        onPhase: phase,
        log: this.ctx.log,
      });
    }
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

  changeSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult> {
    const folder = resolve(flowFolder);
    const resets = this.willSettingsReset(folder, settings);
    return this.ops.exclusive(folder, 'update', async () => {
      const env = this.environment(folder);
      const binding = this.requireBinding(folder);
      return this.ops.operate(folder, binding.sessionId, 'update', resets ? 'resetting' : 'updating', opts, async (signal, phase) => {
        const next: Binding = {
          ...binding,
          settings,
          computeName: settings.computeType === 'computeInstance' ? settings.computeInstanceName : binding.computeName,
        };
        if (resets) {
          // A new VM size or another compute means a new placement: delete, then create again.
          await this.stopBinding(binding, signal, phase);
          if (settings.computeType === 'computeInstance' && settings.computeInstanceName) {
            await this.ensureComputeRunning(settings.computeInstanceName, signal, phase);
          }
          phase('Requesting the session');
          this.update(folder, { state: 'resetting', operation: { kind: 'update', startedAt: Date.now() } });
          const rebound = { ...next, computeName: undefined };
          const warning = await this.requestSession(rebound, 'update', (accepted) =>
            this.postAndWatch(binding.sessionId, sessionRequest(env, settings, 'Install'), signal, phase, accepted),
          );
          return this.refresh(folder, rebound, warning, signal);
        }
        phase('Updating the session');
        // What `Update` changes on the service is not settled (docs/azure-contract.md §29);
        // it is used only for changes that keep the placement.
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, settings, 'Update'), signal, phase);
        this.bind(next);
        return this.refresh(folder, next, warning, signal);
      });
    });
  }

  vmSizes(): Promise<VmSizeOption[]> {
    return listVmSizes(this.ctx);
  }

  identities(): Promise<IdentityOption[]> {
    return listIdentities(this.ctx);
  }

  computeInstances(): Promise<ComputeInstanceOption[]> {
    return listComputeInstances(this.ctx);
  }

  async attachIdentity(resourceId: string, opts?: OperationOptions): Promise<IdentityOption[]> {
    await attach(this.ctx, resourceId, toAbortSignal(opts?.cancel));
    this.ctx.forgetWorkspace();
    return this.identities();
  }

  workspaceFacts(options: { refresh?: boolean; cancel?: OperationOptions['cancel'] } = {}): Promise<WorkspaceFacts> {
    return this.workspaceData.facts({ refresh: options.refresh, signal: options.cancel ? toAbortSignal(options.cancel) : undefined });
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
      (env, wanted) => chooseRunSession(this.ctx, env, wanted, this.bindings.get(env.flowFolder)),
      signal,
      (phase) => opts?.onProgress?.({ kind: 'start', startedAt: Date.now(), phase }),
    );
    this.emit({ instancesChanged: true });
    return result;
  }

  runStatus(runId: string): Promise<RunInfo> {
    return readRun(this.ctx, runId);
  }

  async runLogs(runId: string): Promise<string> {
    return (await this.ctx.pfs()).runLogs(runId);
  }

  async cancelRun(runId: string): Promise<void> {
    await (await this.ctx.pfs()).cancelRun(runId);
    this.emit({ instancesChanged: true });
  }

  listRuns(): Promise<RunInfo[]> {
    return listMyRuns(this.ctx);
  }

  runtimes(): Promise<RuntimeInfo[]> {
    return listRuntimes(this.ctx);
  }

  dispose(): void {
    this.ops.dispose();
    this.listeners.clear();
  }
}

function actionKind(action: CreateFlowSessionRequest['action']): OperationKind {
  return action === 'Reset' ? 'reset' : action === 'Update' ? 'update' : 'start';
}
