// The one session service (S1–S13), composed of its parts by what they serve: a flow's session
// (sessionsService.ts), the workspace (workspaceService.ts), instances (instancesService.ts) and runs
// (runsService.ts). They share one ServiceContext, one prerequisite cache and the session side's records;
// this class only wires them and answers the whole `ISessionService` by handing each verb to its part.
import type { PollPolicy } from '../azure/lro';
import { createServiceContext, type ServiceContext } from './context';
import { InstancesService } from './instancesService';
import { RunsService } from './runsService';
import { SessionsService } from './sessionsService';
import { PreflightCache } from './workspaceChecks';
import { WorkspaceService } from './workspaceService';
import type {
  ComputeInstanceOption,
  IdentityOption,
  InstanceDeletion,
  InstanceImpact,
  InstanceInfo,
  InstanceOps,
  ISessionService,
  OperationOptions,
  RunLine,
  PackagesReport,
  PreflightReport,
  RunInfo,
  RunOps,
  RuntimeInfo,
  SessionChangeEvent,
  SessionInfo,
  SessionResult,
  SessionServiceOptions,
  SessionSettings,
  StopResult,
  SubmitRunResult,
  VmSizeOption,
  WorkspaceFacts,
  WorkspaceOps,
  WorkspaceRef,
} from './types';

/** Options beyond the shared contract (compatible extension): how often to poll operations. */
export interface SessionServiceExtraOptions {
  pollPolicy?: PollPolicy;
}

export class SessionService implements ISessionService {
  readonly workspace: WorkspaceRef;
  private readonly ctx: ServiceContext;
  private readonly sessions: SessionsService;
  private readonly workspaceOps: WorkspaceOps;
  private readonly instanceOps: InstanceOps;
  private readonly runOps: RunOps;

  constructor(options: SessionServiceOptions & SessionServiceExtraOptions) {
    this.workspace = options.workspace;
    this.ctx = createServiceContext(options);
    const prerequisites = new PreflightCache();
    this.sessions = new SessionsService(this.ctx, options.workspace, options.stateDir, prerequisites);
    this.workspaceOps = new WorkspaceService(options.workspace, this.ctx, prerequisites, this.sessions);
    this.instanceOps = new InstancesService(this.ctx, this.sessions);
    this.runOps = new RunsService(this.ctx, this.sessions);
  }

  /** HTTP attempts made so far (benchmarks). */
  get requestCount(): number {
    return this.ctx.sender.requestCount;
  }

  onDidChange(listener: (e: SessionChangeEvent) => void): { dispose(): void } {
    return this.sessions.onDidChange(listener);
  }

  start(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    return this.sessions.start(flowFolder, opts);
  }

  startWithSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult> {
    return this.sessions.startWithSettings(flowFolder, settings, opts);
  }

  status(flowFolder: string): Promise<SessionInfo> {
    return this.sessions.status(flowFolder);
  }

  peek(flowFolder: string): SessionInfo | undefined {
    return this.sessions.peek(flowFolder);
  }

  installRequirements(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    return this.sessions.installRequirements(flowFolder, opts);
  }

  packages(flowFolder: string): Promise<PackagesReport> {
    return this.sessions.packages(flowFolder);
  }

  reset(flowFolder: string, opts?: OperationOptions): Promise<SessionResult> {
    return this.sessions.reset(flowFolder, opts);
  }

  stop(flowFolder: string, opts?: OperationOptions): Promise<StopResult> {
    return this.sessions.stop(flowFolder, opts);
  }

  changeSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult> {
    return this.sessions.changeSettings(flowFolder, settings, opts);
  }

  willSettingsReset(flowFolder: string, settings: SessionSettings): boolean {
    return this.sessions.willSettingsReset(flowFolder, settings);
  }

  changeBaseImage(flowFolder: string, image: string, opts?: OperationOptions): Promise<SessionResult> {
    return this.sessions.changeBaseImage(flowFolder, image, opts);
  }

  preflight(flowFolder?: string, settings?: SessionSettings): Promise<PreflightReport> {
    return this.workspaceOps.preflight(flowFolder, settings);
  }

  workspaceFacts(options?: { refresh?: boolean; cancel?: OperationOptions['cancel'] }): Promise<WorkspaceFacts> {
    return this.workspaceOps.workspaceFacts(options);
  }

  vmSizes(): Promise<VmSizeOption[]> {
    return this.workspaceOps.vmSizes();
  }

  identities(): Promise<IdentityOption[]> {
    return this.workspaceOps.identities();
  }

  computeInstances(): Promise<ComputeInstanceOption[]> {
    return this.workspaceOps.computeInstances();
  }

  attachIdentity(resourceId: string, opts?: OperationOptions): Promise<IdentityOption[]> {
    return this.workspaceOps.attachIdentity(resourceId, opts);
  }

  instances(): Promise<InstanceInfo[]> {
    return this.instanceOps.instances();
  }

  instanceImpact(instanceName: string): Promise<InstanceImpact> {
    return this.instanceOps.instanceImpact(instanceName);
  }

  deleteInstance(instanceName: string, opts?: OperationOptions & { what?: 'compute' | 'sessions' }): Promise<InstanceDeletion> {
    return this.instanceOps.deleteInstance(instanceName, opts);
  }

  submitRun(runYamlPath: string, opts?: OperationOptions): Promise<SubmitRunResult> {
    return this.runOps.submitRun(runYamlPath, opts);
  }

  submitFlowRun(flowFolder: string, dataPath: string, opts?: OperationOptions): Promise<SubmitRunResult> {
    return this.runOps.submitFlowRun(flowFolder, dataPath, opts);
  }

  runStatus(runId: string): Promise<RunInfo> {
    return this.runOps.runStatus(runId);
  }

  runLogs(runId: string): Promise<string> {
    return this.runOps.runLogs(runId);
  }

  cancelRun(runId: string): Promise<RunInfo> {
    return this.runOps.cancelRun(runId);
  }

  listRuns(): Promise<RunInfo[]> {
    return this.runOps.listRuns();
  }

  runtimes(): Promise<RuntimeInfo[]> {
    return this.runOps.runtimes();
  }

  runOutputs(runId: string, opts?: Pick<OperationOptions, 'cancel'>): Promise<RunLine[]> {
    return this.runOps.runOutputs(runId, opts);
  }

  runMetrics(runId: string): Promise<Record<string, number>> {
    return this.runOps.runMetrics(runId);
  }

  waitForRun(runId: string, opts?: OperationOptions): Promise<RunInfo> {
    return this.runOps.waitForRun(runId, opts);
  }

  dispose(): void {
    this.sessions.dispose();
  }
}
