// The session service's session verbs (S3, S4, S7, S10): a flow's session started, read, installed into,
// reset, changed and stopped. It derives state (Azure reports none for a session, see sessionState.ts),
// runs every long operation through one OperationRunner, reads the session back after each operation
// before reporting it, emits change events, and keeps the flow → session records (bindings.ts) the
// workspace, instance and run verbs read through the small interfaces they declare.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ARM_SCOPE, userAliasFromToken } from '../azure/credential';
import { AzureMlError, fromSetupFailure, reframe, toAzureMlError } from '../azure/errors';
import { sleep } from '../azure/http';
import { watchOperation } from '../azure/lro';
import { fixFor } from '../azure/messages';
import { t } from '../i18n';
import type { CreateFlowSessionRequest, GetTrainingSessionDto } from '../azure/pfs';
import { readFlowEnvironment, type FlowEnvironment } from '../flow/environment';
import { nodeFileHost } from '../flow/fileHost';
import { mergedRequirementsPath } from '../flow/folder';
import { deriveSessionId, flowLineageId } from '../flow/sessionId';
import { redact, redactLines } from '../redact';
import { BindingStore, type Binding } from './bindings';
import type { ServiceContext } from './context';
import { computeFate, deleteSession } from './instanceDeletion';
import type { SessionRecords } from './instancesService';
import {
  incompleteSessionFix,
  instanceText,
  noSessionText,
  operationName,
  phaseText,
  sessionText,
  settingDifferencesText,
  type OperationKind,
} from './operationText';
import { FailedOnSession, NotAppliedError, OperationRunner, type PhaseFn } from './operations';
import { comparePackages } from './packages';
import { sessionRequest } from './requests';
import { preflightText } from './preflightText';
import type { SessionFinder } from './runsService';
import {
  failedSetup,
  idleDiffers,
  infoFromDto,
  placementDiffers,
  placementOf,
  settingDifferences,
  settingsOfPlacement,
} from './sessionState';
import {
  CI_COMING_UP,
  CI_RUNNING,
  CI_STOPPED,
  computeInstanceCheck,
  PreflightCache,
  prerequisiteError,
  settingsChecks,
  workspaceChecks,
} from './workspaceChecks';
import type { FlowLookup } from './workspaceService';
import type {
  OperationOptions,
  PackagesReport,
  SessionChangeEvent,
  SessionInfo,
  SessionOps,
  SessionResult,
  SessionSettings,
  SessionState,
  StopResult,
  WorkspaceRef,
} from './types';

const DEFAULT_SETTINGS: SessionSettings = { computeType: 'serverless' };

/** A flow's info once the service has confirmed its session gone: not started, nothing left of its compute. */
function sessionGone(sessionId: string): Partial<SessionInfo> {
  return {
    sessionId,
    state: 'notStarted',
    operation: undefined,
    computeName: undefined,
    vmSize: undefined,
    identityResourceId: undefined,
    idleDeadline: undefined,
    error: undefined,
  };
}

/** A flow's session as `locate` found it: the binding to act on, the read (absent: no session), this user's record. */
interface Located {
  binding: Binding;
  dto?: GetTrainingSessionDto;
  record?: Binding;
}

export class SessionsService implements SessionOps, FlowLookup, SessionRecords, SessionFinder {
  private readonly bindings: BindingStore;
  private readonly infos = new Map<string, SessionInfo>();
  private readonly listeners = new Set<(e: SessionChangeEvent) => void>();
  private readonly ops: OperationRunner;
  /** The phases operations report, in the service's language. */
  private readonly phases: ReturnType<typeof phaseText>;

  /** `prerequisites`: what a start checks first, kept briefly (S2) and shared with the workspace verbs. */
  constructor(
    private readonly ctx: ServiceContext,
    private readonly workspace: WorkspaceRef,
    stateDir: string | undefined,
    private readonly prerequisites: PreflightCache,
  ) {
    this.phases = phaseText(this.ctx.locale);
    this.bindings = new BindingStore(stateDir, workspace, this.ctx.locale);
    this.ops = new OperationRunner((folder, patch) => this.update(folder, patch), this.ctx.locale);
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

  /** The signed-in user's alias, as the SDK puts it into session ids (the token is cached). */
  private async alias(): Promise<string> {
    return userAliasFromToken(await this.ctx.tokens.get(ARM_SCOPE));
  }

  /**
   * A flow's session as the service has it, found the same way by every front end and by run
   * submission: the id derived for this user and this environment (sessionId.ts) is asked of the
   * service; only when it has none there and this user's record names another session (the flow's
   * environment changed since it started) is that one asked too. The settings are the ones the session
   * runs with; without a session, the record's (a session gone idle) or the defaults. One read, two
   * when only the record finds the session.
   */
  async locate(env: FlowEnvironment, signal?: AbortSignal): Promise<Located> {
    const user = await this.alias();
    const derived = deriveSessionId(user, flowLineageId(env.flowFolder), env.environment);
    const record = this.bindings.find(env.flowFolder, user);
    const pfs = await this.ctx.pfs();
    let sessionId = derived;
    let dto = await pfs.getSession(derived, signal);
    if (!dto && record && record.sessionId !== derived) {
      const other = await pfs.getSession(record.sessionId, signal);
      if (other) [sessionId, dto] = [record.sessionId, other];
    }
    const fromRecord = record?.sessionId === sessionId ? record : undefined;
    // The recorded settings while the session runs as they say (an unset VM size stays "the service's
    // default"); the ones it runs with as soon as they differ (changed from another front end).
    const placement = dto && placementOf(dto);
    const recorded =
      fromRecord && placement && !settingDifferences(fromRecord.settings, placement).length ? fromRecord.settings : undefined;
    const binding: Binding = {
      sessionId,
      flowFolder: env.flowFolder,
      flowName: env.flowName,
      settings: placement ? (recorded ?? settingsOfPlacement(placement)) : (record?.settings ?? DEFAULT_SETTINGS),
      baseImage: sessionId === derived ? env.baseImage : fromRecord?.baseImage,
      computeName: dto?.compute?.name ?? dto?.properties?.existingUserComputeInstanceName ?? fromRecord?.computeName,
      user,
    };
    return { binding, dto, record };
  }

  /** The binding for an operation on an existing session; a flow with none says so plainly. */
  private async requireSession(env: FlowEnvironment, signal?: AbortSignal): Promise<Binding> {
    return (await this.requireFound(env, signal, false)).binding;
  }

  /**
   * The flow's session for an operation that needs one: found on the service, or (`orRecord`) named by
   * this user's record although gone (idle), which a reset or a settings change creates again.
   */
  private async requireFound(env: FlowEnvironment, signal: AbortSignal | undefined, orRecord: boolean): Promise<Located> {
    const found = await this.locate(env, signal);
    if (!found.dto && !(orRecord && found.record))
      throw new AzureMlError({ kind: 'validation', ...noSessionText(this.ctx.locale) }, undefined, true);
    await this.remember(found);
    return found;
  }

  /** Records a session found on the service that the record does not name as it is (found from another front end, or changed there). */
  private async remember(found: Located): Promise<void> {
    const { binding, record, dto } = found;
    if (!dto) return;
    if (
      !this.bindings.unsavedError(binding.flowFolder, binding.user ?? '') &&
      record?.sessionId === binding.sessionId &&
      record.user === binding.user &&
      record.computeName === binding.computeName &&
      JSON.stringify(record.settings) === JSON.stringify(binding.settings)
    )
      return;
    await this.bind(binding);
  }

  /** The flow folder's environment; a flow the service could not use is a validation error. */
  environment(folder: string): FlowEnvironment {
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
    onAccepted?: () => Promise<void>,
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
    await onAccepted?.();
    if (r.status !== 202) return undefined;
    if (!r.asyncUrl) {
      throw new AzureMlError({
        kind: 'unknown',
        message: t(this.ctx.locale, 'session.noOperationToWatch'),
        requestId,
      });
    }
    const retryAfter = r.retryAfter !== undefined && !Number.isNaN(Number(r.retryAfter)) ? Number(r.retryAfter) * 1000 : undefined;
    const done = await watchOperation(
      pfs,
      r.asyncUrl,
      operationName(actionKind(body.action), this.ctx.locale),
      requestId,
      signal,
      this.ctx.pollPolicy,
      { onPhase: (p) => phase(p), log: this.ctx.log, locale: this.ctx.locale },
      retryAfter,
    );
    // Succeeded with an error message: the session is up but package installation had trouble.
    const msg = done.error && typeof done.error === 'object' ? done.error.message : undefined;
    return typeof msg === 'string' && msg ? redact(msg) : undefined;
  }

  /**
   * An install (or a start's install step) that failed: when the session read afterwards shows pip's
   * failure, the error is framed as the install it is, with pip's last lines as its reason (a start that
   * provisioned fine but could not install must not read "Starting the session failed").
   */
  private async installFailure(sessionId: string, e: unknown, signal: AbortSignal): Promise<never> {
    if (signal.aborted) throw e;
    const err = toAzureMlError(e, operationName('install', this.ctx.locale), this.ctx.locale);
    const dto = await (await this.ctx.pfs()).getSession(sessionId, signal).catch(() => undefined);
    const setup = dto && failedSetup(dto);
    if (!setup) throw err;
    const pip = fromSetupFailure(operationName('install', this.ctx.locale), setup.stdErr, setup.exitCode, this.ctx.locale);
    // The operation's code may name the cause better than pip's exit does (a private feed without an identity).
    const kind = err.kind === 'identity' ? 'identity' : pip.kind;
    const fix = kind === pip.kind ? pip.info : { ...fixFor(kind, this.ctx.locale, err.info.code) };
    throw new AzureMlError({ ...pip.info, kind, code: err.info.code ?? pip.info.code, fix: fix.fix, who: fix.who }, pip.detail, true);
  }

  /**
   * Reads the session back after an operation and turns it into what the UI shows. After an operation
   * that asked for settings (`settingsAsked`), settings the read does not show are an error: the flow
   * keeps the state that was read, and nothing reports them applied.
   */
  private async refresh(
    folder: string,
    binding: Binding,
    warning?: string,
    signal?: AbortSignal,
    settingsAsked = false,
  ): Promise<SessionResult> {
    const pfs = await this.ctx.pfs();
    return this.report(folder, binding, await pfs.getSession(binding.sessionId, signal), warning, settingsAsked);
  }

  /** A session read (or its absence) turned into what the UI shows; see `refresh`. */
  private async report(
    folder: string,
    binding: Binding,
    dto: GetTrainingSessionDto | undefined,
    warning?: string,
    settingsAsked = false,
  ): Promise<SessionResult> {
    if (!dto) {
      return {
        session: this.update(folder, {
          sessionId: binding.sessionId,
          state: 'notStarted',
          operation: undefined,
          settings: binding.settings,
          vmSize: undefined,
          identityResourceId: undefined,
          idleDeadline: undefined,
        }),
      };
    }
    const info = infoFromDto(dto, binding, this.ctx.sender.clockSkewMs);
    const setupFailure = failedSetup(dto);
    if (info.computeName && info.computeName !== binding.computeName) await this.bind({ ...binding, computeName: info.computeName });
    // One error slot: a failed pip setup matters most; then a binding kept in memory only (the user
    // must learn that another window or the CLI will not find this session); then the operation's warning.
    const unsaved = this.bindings.unsavedError(folder, binding.user ?? '');
    const install = operationName('install', this.ctx.locale);
    if (setupFailure) info.error = fromSetupFailure(install, setupFailure.stdErr, setupFailure.exitCode, this.ctx.locale).info;
    else if (unsaved) info.error = unsaved.info;
    else if (warning) info.error = fromSetupFailure(install, warning, 1, this.ctx.locale).info;
    const differences = settingsAsked ? settingDifferences(binding.settings, placementOf(dto)) : [];
    if (differences.length) {
      const t = sessionText(this.ctx.locale);
      throw new NotAppliedError(
        {
          kind: 'unknown',
          message: t.settingsNotApplied(settingDifferencesText(differences, this.ctx.locale)),
          fix: t.settingsNotAppliedFix,
        },
        info,
      );
    }
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
    run: (onAccepted: () => Promise<void>) => Promise<string | undefined>,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    let accepted = false;
    try {
      return await run(async () => {
        accepted = true;
        await this.bind(binding);
      });
    } catch (e) {
      if (!accepted) throw e;
      const err = toAzureMlError(e, operationName(kind, this.ctx.locale), this.ctx.locale);
      // Kinds with their own remedy (quota, packages, …) keep it; a generic failure gets the session's.
      if (!['unknown', 'transient', 'network', 'timeout'].includes(err.kind)) return this.installFailure(binding.sessionId, err, signal);
      const unsaved = this.bindings.unsavedError(binding.flowFolder, binding.user ?? '');
      const fix = incompleteSessionFix(this.ctx.locale) + (unsaved ? ` ${unsaved.message} ${unsaved.info.fix ?? ''}`.trimEnd() : '');
      // Framed here, in the service's language, with the fix that reaches the session: kept as it is above.
      const framed = reframe(err, operationName(kind, this.ctx.locale), this.ctx.locale);
      throw new AzureMlError({ ...framed.info, fix }, framed.detail, true);
    }
  }

  /** Saves a binding; a failed write is logged and kept as the flow's warning, never thrown. */
  private async bind(binding: Binding): Promise<void> {
    const err = await this.bindings.set({ ...binding, user: binding.user ?? (await this.alias()) });
    if (err) this.ctx.log('warn', `${err.message} ${err.info.details ?? ''}`.trim());
  }

  /** Drops this user's record of a session the service confirmed gone; another user's is never touched. */
  private async unbind(binding: Binding): Promise<void> {
    const user = binding.user ?? (await this.alias());
    const err = await this.bindings.delete(binding.flowFolder, user, binding.sessionId);
    if (err) this.ctx.log('warn', `Removing the binding of ${binding.flowFolder}: ${err.message} ${err.info.details ?? ''}`.trim());
  }

  /**
   * S2, S4 before a start or a settings change: the workspace's prerequisites and those of the settings
   * (cached briefly per workspace). A failed one stops the operation before anything is created, with
   * that check's cause, fix and who can apply it; "cannot tell" does not stop it (the service decides).
   */
  private async requirePrerequisites(settings: SessionSettings, phase: PhaseFn): Promise<void> {
    phase(this.phases.checkingPrerequisites);
    const key =
      settings.computeType === 'computeInstance'
        ? undefined
        : `settings:${(settings.vmSize ?? '').toLowerCase()}|${(settings.identityResourceId ?? '').toLowerCase()}`;
    const [ws, own] = await Promise.all([
      this.prerequisites.get('workspace', () => workspaceChecks(this.ctx)),
      key ? this.prerequisites.get(key, () => settingsChecks(this.ctx, settings)) : settingsChecks(this.ctx, settings),
    ]);
    const checks = [...ws, ...own];
    for (const c of checks.filter((x) => x.status === 'unknown' || x.status === 'warn'))
      this.ctx.log('info', `prerequisite ${c.status}: ${c.title}${c.cause ? `: ${c.cause}` : ''}`);
    const err = prerequisiteError(checks, this.ctx.locale);
    if (err) throw err;
  }

  /** S3: starts the flow's session, or reuses the one the service has, with the settings it runs with. */
  start(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    return this.startAs(resolve(flowFolder), undefined, opts);
  }

  /**
   * S3, S4: reads first. A running session with the same placement is reused; one that runs with other
   * settings gets them (S7: another VM size, identity or compute resets it onto a matching compute), so
   * a start never reports settings the service does not have.
   */
  startWithSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult> {
    return this.startAs(resolve(flowFolder), settings, opts);
  }

  private startAs(folder: string, asked: SessionSettings | undefined, opts?: OperationOptions): Promise<SessionResult> {
    return this.ops.exclusive(folder, 'start', async () => {
      const env = this.environment(folder);
      const user = await this.alias();
      const derived = deriveSessionId(user, flowLineageId(env.flowFolder), env.environment);
      return this.ops.operate(env.flowFolder, derived, 'start', 'starting', opts, async (signal, phase) => {
        // Checked before the read with the settings known so far (the read itself needs the rights they check).
        let settings = asked ?? this.bindings.find(env.flowFolder, user)?.settings ?? DEFAULT_SETTINGS;
        this.update(env.flowFolder, { flowName: env.flowName, settings, baseImage: env.baseImage });
        if (settings.computeType === 'computeInstance' && !settings.computeInstanceName)
          throw new AzureMlError({ kind: 'validation', message: sessionText(this.ctx.locale).chooseComputeInstance }, undefined, true);
        await this.requirePrerequisites(settings, phase);
        // Read before acting: a session that already exists is reused, not created again.
        phase(this.phases.checkingExisting);
        const found = await this.locate(env, signal);
        const existing = found.dto;
        // Without settings asked for, a session keeps the ones it runs with: a start from another front
        // end, which holds no record of them, never moves it. One still being built is asked for again
        // with the settings it was asked for (the record's), so the service joins that request.
        if (!asked && existing) {
          const recorded = found.record?.sessionId === found.binding.sessionId ? found.record.settings : undefined;
          const built = infoFromDto(existing, found.binding).state === 'running';
          settings = built ? found.binding.settings : (recorded ?? found.binding.settings);
        }
        const binding: Binding = {
          ...found.binding,
          settings,
          baseImage: env.baseImage,
          computeName: settings.computeInstanceName ?? found.binding.computeName,
        };
        if (binding.sessionId !== derived) this.update(env.flowFolder, { sessionId: binding.sessionId });
        if (existing && infoFromDto(existing, binding).state === 'running') {
          const placement = placementOf(existing);
          if (placementDiffers(settings, placement) || idleDiffers(settings, placement)) {
            this.ctx.log('info', sessionText('en').settingsChanged(env.flowName));
            return this.applySettings(env, binding, existing, signal, phase, opts);
          }
          // The same placement and packages that installed: reused as it is, as just read. A failed
          // install is asked again.
          if (!failedSetup(existing)) {
            await this.remember({ ...found, binding });
            return this.report(env.flowFolder, binding, existing);
          }
        }
        // A session still being built (e.g. a watch was cancelled) is asked for again: the service
        // keeps building the same id, and the new request gives an operation to watch.
        const result = await this.create(env, binding, signal, phase, opts, 'start');
        this.emit({ instancesChanged: true });
        return result;
      });
    });
  }

  /** POST Install for the binding's settings (a compute instance made ready first), then the read back. */
  private async create(
    env: FlowEnvironment,
    binding: Binding,
    signal: AbortSignal,
    phase: PhaseFn,
    opts: OperationOptions | undefined,
    kind: OperationKind,
  ): Promise<SessionResult> {
    const settings = binding.settings;
    if (settings.computeType === 'computeInstance' && settings.computeInstanceName)
      await this.ensureComputeReady(settings.computeInstanceName, signal, phase, opts?.confirmComputeStart);
    phase(this.phases.requesting);
    // Bound as soon as the service accepts: if the watch is then interrupted (service restart,
    // cancel, dropped connection), status, reset and stop still reach the session.
    const warning = await this.requestSession(
      binding,
      kind,
      (accepted) => this.postAndWatch(binding.sessionId, sessionRequest(env, settings, 'Install'), signal, phase, accepted),
      signal,
    );
    return this.refresh(env.flowFolder, binding, warning, signal, true);
  }

  /**
   * Gives a running session the binding's settings (S7): another VM size, identity or compute means
   * another placement, so the session is deleted and created again on a matching compute; another idle
   * time alone is an `Update` (docs/azure-contract.md §6, §29: its other semantics are not settled).
   */
  private async applySettings(
    env: FlowEnvironment,
    binding: Binding,
    existing: GetTrainingSessionDto,
    signal: AbortSignal,
    phase: PhaseFn,
    opts: OperationOptions | undefined,
  ): Promise<SessionResult> {
    const placement = placementOf(existing);
    if (placementDiffers(binding.settings, placement)) {
      phase(this.phases.recreatingNew);
      await deleteSession(this.ctx, binding.sessionId, operationName('stop', this.ctx.locale), signal);
      this.update(binding.flowFolder, { state: 'resetting' });
      const rebound = { ...binding, computeName: binding.settings.computeInstanceName };
      const result = await this.create(env, rebound, signal, phase, opts, 'update');
      this.emit({ instancesChanged: true });
      return result;
    }
    phase(this.phases.updating);
    const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Update'), signal, phase);
    await this.bind(binding);
    return this.refresh(binding.flowFolder, binding, warning, signal, true);
  }

  /**
   * A compute instance ready for a session (S4, S12): assigned to this user (checked before anything is
   * asked of it), running, or waited for while it comes up; a stopped one is started, after the caller
   * agreed, and waited for.
   */
  private async ensureComputeReady(
    name: string,
    signal: AbortSignal,
    phase: PhaseFn,
    confirm: ((name: string) => Promise<boolean>) | undefined,
  ): Promise<void> {
    const text = sessionText(this.ctx.locale);
    const read = async () => {
      const c = await this.ctx.arm.getCompute(this.workspace, name);
      return c.properties as
        | {
            computeType?: string;
            properties?: { state?: string; personalComputeInstanceSettings?: { assignedUser?: { objectId?: string } } };
          }
        | undefined;
    };
    let props = await read();
    if (props?.computeType && props.computeType !== 'ComputeInstance')
      throw new AzureMlError({ kind: 'validation', message: text.notComputeInstance(name, props.computeType) }, undefined, true);
    const check = await computeInstanceCheck(this.ctx, name, preflightText(this.ctx.locale));
    if (check.status === 'fail') throw prerequisiteError([check], this.ctx.locale)!;
    let state = props?.properties?.state ?? 'Unknown';
    if (CI_STOPPED.includes(state)) {
      if (confirm && !(await confirm(name)))
        throw new AzureMlError(
          { kind: 'cancelled', message: text.computeStartDeclined(name), fix: text.computeStartDeclinedFix },
          undefined,
          true,
        );
      while (state === 'Stopping') {
        phase(this.phases.computeStopping(name));
        await sleep(this.ctx.pollPolicy.initialMs, signal);
        state = (await read())?.properties?.state ?? 'Unknown';
      }
      phase(this.phases.computeStarting(name));
      try {
        await this.ctx.arm.startCompute(this.workspace, name, signal);
      } catch (e) {
        throw reframe(
          toAzureMlError(e, operationName('computeStart', this.ctx.locale), this.ctx.locale),
          operationName('computeStart', this.ctx.locale),
          this.ctx.locale,
        );
      }
      state = (await read())?.properties?.state ?? 'Unknown';
    }
    // Starting (ours or someone's): waited for until it runs, read back each time.
    while (CI_COMING_UP.includes(state)) {
      phase(this.phases.computeWaiting(name, state));
      await sleep(this.ctx.pollPolicy.initialMs, signal);
      props = await read();
      state = props?.properties?.state ?? 'Unknown';
    }
    if (!CI_RUNNING.includes(state))
      throw new AzureMlError(
        { kind: 'conflict', message: text.computeUnusable(name, state), fix: text.computeUnusableFix, code: 'ComputeInstanceNotRunning' },
        undefined,
        true,
      );
  }

  /**
   * The flow's session as the service reports it (found by `locate`, whatever this process recorded):
   * one read, and a write of the record only when the read shows something it does not say.
   */
  async status(flowFolder: string): Promise<SessionInfo> {
    const folder = resolve(flowFolder);
    const current = this.infos.get(folder);
    if (this.ops.busy(folder) && current) return current;
    let env: FlowEnvironment;
    try {
      env = readFlowEnvironment(folder);
    } catch {
      // A flow file that cannot be read derives no id; what this user recorded for it is asked instead.
      const record = this.bindings.find(folder, await this.alias());
      if (!record) return current ?? { sessionId: '', flowFolder: folder, state: 'notStarted', settings: DEFAULT_SETTINGS };
      return (await this.refresh(folder, record)).session;
    }
    let found: Located | undefined;
    try {
      found = await this.locate(env);
      await this.remember(found);
      return (await this.report(folder, found.binding, found.dto)).session;
    } catch (e) {
      const reading = sessionText(this.ctx.locale).reading;
      const err = reframe(toAzureMlError(e, reading, this.ctx.locale), reading, this.ctx.locale);
      this.update(folder, {
        sessionId: found?.binding.sessionId ?? current?.sessionId ?? '',
        state: 'unknown',
        error: err.info,
        settings: found?.binding.settings ?? current?.settings ?? DEFAULT_SETTINGS,
      });
      throw err;
    }
  }

  /**
   * An operation on an existing session that failed (an install whose pip step failed): the session is
   * read again, and the flow keeps the state the service reports, with the failed operation as its error.
   */
  private async asRead(binding: Binding, e: unknown, signal: AbortSignal): Promise<never> {
    if (signal.aborted || !(e instanceof AzureMlError)) throw e;
    const dto = await (await this.ctx.pfs()).getSession(binding.sessionId).catch(() => undefined);
    if (!dto) throw e;
    throw new FailedOnSession(e, { ...infoFromDto(dto, binding, this.ctx.sender.clockSkewMs), error: e.info });
  }

  /** A flow that names no requirements file has nothing to install (S8): said plainly, with no request. */
  private requireRequirementsFile(env: FlowEnvironment): void {
    if (env.requirementsPath) return;
    const text = sessionText(this.ctx.locale);
    const unused = mergedRequirementsPath(env.flowFolder);
    throw new AzureMlError(
      {
        kind: 'validation',
        message: `${text.noRequirementsFile(env.flowName)}${unused ? ` ${text.unusedRequirementsFile(unused)}` : ''}`,
        fix: text.noRequirementsFileFix,
        code: 'NoRequirementsFile',
      },
      undefined,
      true,
    );
  }

  installRequirements(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    const folder = resolve(flowFolder);
    return this.ops.exclusive(folder, 'install', async () => {
      const env = this.environment(folder);
      this.requireRequirementsFile(env);
      const binding = await this.requireSession(env);
      return this.ops.operate(folder, binding.sessionId, 'install', 'installing', opts, async (signal, phase) => {
        phase(this.phases.installing);
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Install'), signal, phase).catch(
          (e: unknown) => this.installFailure(binding.sessionId, e, signal).catch((err: unknown) => this.asRead(binding, err, signal)),
        );
        return this.refresh(folder, binding, warning, signal);
      });
    });
  }

  /**
   * S7: what the session has installed against what it was asked to install: the flow's named
   * requirements file, or nothing when it names none (then a requirements.txt beside it is reported as
   * unused rather than as packages missing forever).
   */
  async packages(flowFolder: string): Promise<PackagesReport> {
    const folder = resolve(flowFolder);
    const env = this.environment(folder);
    const binding = await this.requireSession(env);
    const pfs = await this.ctx.pfs();
    const report = comparePackages(
      binding.sessionId,
      env.requirementsPath ? env.requirements : [],
      await pfs.pipPackages(binding.sessionId),
    );
    if (env.requirementsPath) report.requirementsFile = env.requirementsPath;
    else {
      const unused = mergedRequirementsPath(folder);
      if (unused && nodeFileHost.exists(unused)) report.unusedRequirementsFile = unused;
    }
    return report;
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
      const found = await this.requireFound(env, undefined, true);
      const existing = found.dto;
      // A reset means "the same environment with its settings": the ones this user asked for, where the
      // record names this session, else the ones it runs with.
      const asked = found.record?.sessionId === found.binding.sessionId ? found.record.settings : undefined;
      const binding: Binding = { ...found.binding, settings: asked ?? found.binding.settings };
      if (image !== undefined) env.baseImage = image || undefined;
      return this.ops.operate(folder, binding.sessionId, 'reset', 'resetting', opts, async (signal, phase) => {
        const next = { ...binding, baseImage: env.baseImage };
        // A session placed otherwise than its settings say (a start failed before they applied) is
        // recreated with them: a reset means "the same environment", and the settings belong to it.
        if (!existing || placementDiffers(binding.settings, placementOf(existing))) {
          await this.requirePrerequisites(binding.settings, phase);
          if (existing) {
            phase(this.phases.recreatingOwn);
            await deleteSession(this.ctx, binding.sessionId, operationName('stop', this.ctx.locale), signal);
          }
          const result = await this.create(env, next, signal, phase, opts, 'reset');
          await this.bind(next);
          this.emit({ instancesChanged: true });
          return result;
        }
        phase(this.phases.resetting);
        await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Reset'), signal, phase).catch((e: unknown) =>
          this.installFailure(binding.sessionId, e, signal),
        );
        // The SDK's reset sends Reset and then Install, so the packages come back.
        phase(this.phases.installing);
        const warning = await this.postAndWatch(binding.sessionId, sessionRequest(env, binding.settings, 'Install'), signal, phase).catch(
          (e: unknown) => this.installFailure(binding.sessionId, e, signal),
        );
        await this.bind(next);
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
        // Found as every front end finds it, whatever this process recorded; none found is said so.
        const found = await this.locate(this.environment(folder));
        const before = found.dto;
        if (!before) {
          const none: StopResult = { sessionId: found.binding.sessionId, computeDeleted: false, noSession: true };
          this.update(folder, sessionGone(found.binding.sessionId));
          return none;
        }
        const binding = found.binding;
        return this.ops.operate(folder, binding.sessionId, 'stop', 'stopping', opts, (signal, phase) =>
          this.stopBinding(binding, signal, phase, before),
        );
      },
      // A stop while this window watches a start ends that watch first: the user gave up on the start.
      ['start'],
    );
  }

  private async stopBinding(binding: Binding, signal: AbortSignal, phase: PhaseFn, before: GetTrainingSessionDto): Promise<StopResult> {
    const pfs = await this.ctx.pfs();
    // The compute name is needed afterwards to tell whether the serverless compute went too.
    const computeName = before?.compute?.name ?? before?.properties?.existingUserComputeInstanceName ?? binding.computeName;
    const serverless = before ? placementOf(before).computeType === 'serverless' : binding.settings.computeType !== 'computeInstance';
    phase(this.phases.deleting);
    // DELETE rather than `action: Delete`: which one the service prefers is not settled
    // (docs/azure-contract.md §29); the verb is the documented REST operation for removal.
    await deleteSession(this.ctx, binding.sessionId, operationName('stop', this.ctx.locale), signal);
    // The delete's operation succeeding is not the session gone: only a read that finds no session is.
    phase(this.phases.checkingSession);
    const left = await pfs.getSession(binding.sessionId, signal);
    if (left) {
      const t = instanceText(this.ctx.locale);
      throw new NotAppliedError(
        { kind: 'unknown', message: t.sessionStillThere(binding.sessionId), fix: t.sessionStillThereFix },
        infoFromDto(left, binding, this.ctx.sender.clockSkewMs),
      );
    }
    await this.unbind(binding);
    // S7: the serverless compute goes when no session remains on it. Whether it did is read back from
    // the service, never judged from the sessions bound here: another flow's session or a run's may
    // still be on it.
    let compute: StopResult['compute'];
    if (serverless && before && computeName) {
      phase(this.phases.checkingCompute);
      compute = await computeFate(this.ctx, computeName, await this.records(), signal);
    }
    const result: StopResult = {
      sessionId: binding.sessionId,
      computeDeleted: compute === 'deleted' || compute === 'deleting',
      computeName,
      ...(compute ? { compute } : {}),
    };
    this.update(binding.flowFolder, sessionGone(binding.sessionId), { instancesChanged: true });
    return result;
  }

  /** True when these settings place the session elsewhere (S7: VM size, identity, compute), so applying them resets it. */
  willSettingsReset(flowFolder: string, settings: SessionSettings): boolean {
    // The settings the session was last read with (status, or the last operation's read).
    const known = this.peek(flowFolder);
    const current = known?.sessionId && known.state !== 'notStarted' ? known.settings : undefined;
    if (!current) return false;
    return placementDiffers(settings, {
      computeType: current.computeType,
      computeInstanceName: current.computeInstanceName,
      vmSize: current.vmSize ?? this.peek(flowFolder)?.vmSize,
      identity: current.identityResourceId ?? '',
    });
  }

  /**
   * S7: new settings for the flow's session, applied and read back: another VM size, identity or compute
   * resets it onto a matching compute; another idle time updates it. The settings are checked first
   * (S4), so a session is not deleted for settings that cannot start.
   */
  changeSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult> {
    const folder = resolve(flowFolder);
    const resets = this.willSettingsReset(folder, settings);
    return this.ops.exclusive(folder, 'update', async () => {
      const env = this.environment(folder);
      if (settings.computeType === 'computeInstance' && !settings.computeInstanceName)
        throw new AzureMlError({ kind: 'validation', message: sessionText(this.ctx.locale).chooseComputeInstance }, undefined, true);
      const { binding, dto: existing } = await this.requireFound(env, undefined, true);
      return this.ops.operate(folder, binding.sessionId, 'update', resets ? 'resetting' : 'updating', opts, async (signal, phase) => {
        const next: Binding = {
          ...binding,
          settings,
          computeName: settings.computeType === 'computeInstance' ? settings.computeInstanceName : binding.computeName,
        };
        await this.requirePrerequisites(settings, phase);
        if (!existing) {
          // Gone meanwhile (idle, another window): created with the new settings.
          const result = await this.create(env, { ...next, computeName: settings.computeInstanceName }, signal, phase, opts, 'update');
          this.emit({ instancesChanged: true });
          return result;
        }
        const placement = placementOf(existing);
        if (!placementDiffers(settings, placement) && !idleDiffers(settings, placement)) {
          await this.bind(next);
          return this.refresh(folder, next, undefined, signal);
        }
        return this.applySettings(env, next, existing, signal, phase, opts);
      });
    });
  }

  /** This user's records (and records that name no user), as on disk now. */
  async records(): Promise<Binding[]> {
    const user = await this.alias();
    return this.bindings.all().filter((b) => !b.user || b.user === user);
  }

  /** The settings this user's record keeps for the flow, or the defaults. */
  async recordedSettings(folder: string): Promise<SessionSettings> {
    return this.bindings.find(folder, await this.alias())?.settings ?? DEFAULT_SETTINGS;
  }

  /** A flow's session as last read, from memory. */
  info(folder: string): SessionInfo | undefined {
    return this.infos.get(folder);
  }

  /** A session confirmed gone: this user's record dropped, its flow not started any more. */
  async gone(binding: Binding): Promise<void> {
    await this.unbind(binding);
    this.update(binding.flowFolder, sessionGone(binding.sessionId));
  }

  instancesChanged(): void {
    this.emit({ instancesChanged: true });
  }

  dispose(): void {
    this.ops.dispose();
    this.listeners.clear();
  }
}

function actionKind(action: CreateFlowSessionRequest['action']): OperationKind {
  return action === 'Reset' ? 'reset' : action === 'Update' ? 'update' : 'start';
}
