// The contract between every front end (tree, status bar, commands, codelens, CLI) and the one
// SessionService. Plain data only: no vscode, no SDK types, so it crosses process and bundle borders.
import type { CheckStatus, ComputeType, CredentialLike, ErrorInfo, SessionSettings, WorkspaceRef } from '../model';

export type { CheckStatus, ComputeType, CredentialLike, ErrorInfo, ErrorKind, SessionSettings, WorkspaceRef } from '../model';
import type { WorkspaceFacts } from '../flow/workspaceFacts';
export type { WorkspaceFacts } from '../flow/workspaceFacts';

/**
 * The state the product shows. Azure reports no status enum for a session (docs/azure-contract.md §6), so the
 * service derives it: a 404 is `notStarted`, an operation under way is `starting`/`installing`/…,
 * a finished create is `running`, a failed operation is `failed`.
 */
export type SessionState =
  'notStarted' | 'starting' | 'running' | 'installing' | 'resetting' | 'updating' | 'stopping' | 'failed' | 'unknown';

/** One long-running operation as the UI shows it ("Starting… 4 min"). */
export interface OperationProgress {
  kind: 'start' | 'install' | 'reset' | 'update' | 'stop' | 'computeStart';
  startedAt: number; // epoch ms
  /** A short phase text from the service, e.g. "Waiting for compute", "Installing packages". */
  phase?: string;
}

export interface SessionInfo {
  sessionId: string;
  /** Absolute path of the flow folder bound to this session, when this user started it here. */
  flowFolder?: string;
  /** Display name of the flow (its folder name). */
  flowName?: string;
  state: SessionState;
  settings: SessionSettings;
  /** Name of the compute the session lives on (serverless instance or compute instance). */
  computeName?: string;
  /** The VM size the service reports for the session (the settings say what was asked for). */
  vmSize?: string;
  /** The user-assigned identity the service reports on the session's compute; absent = the user's own. */
  identityResourceId?: string;
  baseImage?: string;
  runtimeImage?: string;
  pythonVersion?: string;
  /** Lines of requirements the session was last installed with. */
  requirements?: string[];
  lastAliveTime?: string;
  /** Epoch ms when an idle session will be deleted (or the instance shut down), if known. */
  idleDeadline?: number;
  operation?: OperationProgress;
  /** The last failure, shown on the item until the next action. */
  error?: ErrorInfo;
}

/** A serverless instance or a compute instance, with what runs on it (S11, S12). */
export interface InstanceInfo {
  name: string;
  computeType: ComputeType;
  vmSize?: string;
  /** Compute instances only: the ARM ComputeInstanceState (Running, Stopped, Starting, …). */
  state?: string;
  /** Serverless instances only: the state of its liveliest session (the compute lives as long as they do). */
  sessionsState?: SessionState;
  identityResourceId?: string;
  /** Epoch ms when the instance will be removed or shut down for idleness, if known. */
  idleDeadline?: number;
  sessions: SessionInfo[];
  runs: RunInfo[];
}

export interface RunInfo {
  runId: string;
  displayName?: string;
  status: string; // run history status: NotStarted, Preparing, Running, Completed, Failed, Canceled, …
  sessionId?: string;
  flowName?: string;
  createdAt?: string;
  studioUrl?: string;
  /** `automatic` (a compute session) or a named compute-instance runtime. */
  runtimeName?: string;
  startedAt?: string;
  endedAt?: string;
  /** Why a failed run failed, as run history says. */
  error?: string;
}

/** What one node did on one line: an entry of the line's `api_calls` tree, as childRuns gives it. */
export interface RunLineNode {
  /** The node's name in the flow (`node_name`); the tool's name when the service gives no node name. */
  node: string;
  /** The tool or function that ran (`name` / `function`). */
  tool?: string;
  /** `Function`, `LLM`, `Tool`, … as the service types the call. */
  type?: string;
  inputs?: unknown;
  output?: unknown;
  /** Why the node failed, as the service says. */
  error?: string;
  durationSeconds?: number;
  tokens?: RunTokens;
}

export interface RunTokens {
  prompt: number;
  completion: number;
  total: number;
}

/** One line of a run, read from `BulkRuns/{id}/childRuns` (one child run per data line). */
export interface RunLine {
  /** The line's number in the data, 0-based, as the service numbers it. */
  index: number;
  /** The child run's status: Completed, Failed, Canceled, … */
  status: string;
  /** The line's flow inputs (the service's `line_number` is taken out: it is `index`). */
  inputs: Record<string, unknown>;
  /** The flow's outputs for the line; null when the line produced none (it failed). */
  outputs: Record<string, unknown> | null;
  /** Why the line failed, as the service says. */
  error?: { code?: string; message: string };
  startedAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  tokens?: RunTokens;
  /** The nodes that ran on the line, in the order the service lists them. */
  nodes: RunLineNode[];
}

/** A named compute-instance runtime of the workspace (what S13 migrates from). */
export interface RuntimeInfo {
  name: string;
  type?: string;
  status?: string;
  computeInstanceName?: string;
  /** The runtime's environment image. */
  image?: string;
}

export interface PackageDiffEntry {
  name: string;
  required?: string; // the requirement spec, e.g. "==1.2.0" or "" when unpinned
  installed?: string; // the installed version
}

/** Installed packages of a session compared with the flow's requirements.txt (S7). */
export interface PackagesReport {
  sessionId: string;
  installed: { name: string; version: string }[];
  missing: PackageDiffEntry[]; // required, not installed
  different: PackageDiffEntry[]; // installed at a version the requirement does not allow
  extra: PackageDiffEntry[]; // installed, not in requirements (base image or dependencies)
  /** The requirements file the session installs (`environment.python_requirements_txt`); absent = none is named. */
  requirementsFile?: string;
  /** A requirements file beside the flow that the flow does not name, so the session never installs it (S8). */
  unusedRequirementsFile?: string;
}

export interface PreflightCheck {
  id: 'role' | 'datastoreType' | 'workingDirectory' | 'networkIsolation' | 'quota' | 'identity' | 'vmSize' | 'computeInstance';
  status: CheckStatus;
  title: string;
  /** Why it failed (or why it could not be told). */
  cause?: string;
  fix?: string;
  who?: string;
}

export interface PreflightReport {
  workspace: WorkspaceRef;
  /** True when every check passed or only warns: a check that failed, or that could not be told, is not ok. */
  ok: boolean;
  checks: PreflightCheck[];
  /** The flow folder checked, when one was named; its session settings were checked too. */
  flowFolder?: string;
  settings?: SessionSettings;
}

export interface VmSizeOption {
  name: string;
  family: string;
  vCPUs: number;
  memoryGB: number;
  /** vCPUs still free in the family's quota at this location. */
  quotaAvailable: number;
  /** D series or larger, as the serverless start requires (the series alone, not the quota). */
  seriesEligible: boolean;
  /** The family's free quota covers one more VM of this size. */
  hasQuota: boolean;
}

export interface IdentityOption {
  resourceId: string;
  clientId?: string;
  principalId?: string;
  name: string;
  primary: boolean;
}

export interface ComputeInstanceOption {
  name: string;
  state: string;
  vmSize?: string;
  assignedToMe: boolean;
}

/** What deleting an instance will affect; shown before asking to confirm (S11). */
export interface InstanceImpact {
  instance: string;
  computeType?: ComputeType;
  /** Every session on it the service knows: those bound here and those named by runs. */
  sessions: SessionInfo[];
  /** Runs on it that have not finished. */
  runs: RunInfo[];
}

/** What became of a compute after an action, as read back from the service. */
export type ComputeFate = 'deleted' | 'deleting' | 'kept' | 'unknown';

/** What deleting an instance did, as read back afterwards (S11). */
export interface InstanceDeletion extends InstanceImpact {
  /** What was deleted: the compute itself, or (a compute instance) only its sessions. */
  deleted: 'compute' | 'sessions';
  /** Sessions the service no longer has. */
  sessionsGone: string[];
  /** Sessions the service still reports. */
  sessionsRemaining: string[];
  compute: ComputeFate;
}

/**
 * What a session operation leaves: the session as read back from the service afterwards, and a
 * warning when the operation succeeded with trouble (pip reported errors, the binding was not saved).
 */
export interface SessionResult {
  session: SessionInfo;
  warning?: ErrorInfo;
}

export interface StopResult {
  sessionId: string;
  /**
   * True only when the service, read after the stop, no longer has the serverless compute or reports it
   * deleting (S7: it goes when no session remains on it).
   */
  computeDeleted: boolean;
  computeName?: string;
  /** The compute as read back: kept means other sessions (another flow's, a run's) still use it. */
  compute?: ComputeFate;
  /** True when the service had no session for the flow (for this user): nothing was stopped. */
  noSession?: boolean;
}

export interface SubmitRunResult {
  runId: string;
  sessionId?: string;
  studioUrl?: string;
  /** The run as the service reports it right after the submit. */
  run?: RunInfo;
  /** Why the run went to this session when it is not the flow's own (run.yml asked for other resources). */
  notice?: string;
  /** What was uploaded: the flow's snapshot (with its includes), checked against Azure ML's limits first. */
  uploaded?: { files: number; bytes: number };
}

/** Emitted whenever anything the UI shows may have changed. */
export interface SessionChangeEvent {
  sessionId?: string;
  flowFolder?: string;
  session?: SessionInfo;
  /** Instances list changed (created, deleted, runs moved). */
  instancesChanged?: boolean;
}

export interface CancelToken {
  readonly cancelled: boolean;
  onCancel(listener: () => void): void;
}

/** Options common to long operations. */
export interface OperationOptions {
  cancel?: CancelToken | AbortSignal;
  /** Called with phase changes and elapsed time while the operation runs. */
  onProgress?: (progress: OperationProgress) => void;
  /**
   * Asked before a stopped compute instance is started for a session (it bills by the hour); false ends
   * the start. Absent: the instance the caller named is started.
   */
  confirmComputeStart?: (instanceName: string) => Promise<boolean>;
}

/**
 * The one session service; every verb works headless against Azure or the emulator. It is split by what it serves: a flow's session (`SessionOps`), the workspace it runs in
 * (`WorkspaceOps`), the compute instances holding sessions (`InstanceOps`) and runs (`RunOps`). A front end
 * that needs one concern may take its interface alone; `ISessionService` is all of them.
 */
export interface ISessionService extends SessionOps, WorkspaceOps, InstanceOps, RunOps {
  readonly workspace: WorkspaceRef;

  onDidChange(listener: (e: SessionChangeEvent) => void): { dispose(): void };

  /** Stop watching and release timers; no request is made afterwards. */
  dispose(): void;
}

/** A flow's session: its lifecycle, packages and settings (S3, S4, S7, S10). */
export interface SessionOps {
  /** S3: start the flow's session with the environment of its flow file (additional_includes merged). */
  start(flowFolder: string, opts?: OperationOptions): Promise<SessionResult>;
  /** S4: start with advanced settings. */
  startWithSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult>;
  /** Current state of the flow's bound session (one GET, or none when nothing is bound). */
  status(flowFolder: string): Promise<SessionInfo>;
  /** The bound session of a flow, from memory only (no request). */
  peek(flowFolder: string): SessionInfo | undefined;
  /** S7: install requirements.txt into the bound session. */
  installRequirements(flowFolder: string, opts?: OperationOptions): Promise<SessionResult>;
  /** S7: installed packages compared with requirements.txt. */
  packages(flowFolder: string): Promise<PackagesReport>;
  /** S7: delete and recreate with the same environment. */
  reset(flowFolder: string, opts?: OperationOptions): Promise<SessionResult>;
  /** S7: delete the session; says whether the serverless compute went with it. */
  stop(flowFolder: string, opts?: OperationOptions): Promise<StopResult>;
  /** S7: change settings; a VM size change resets the session (`resets` tells the UI beforehand). */
  changeSettings(flowFolder: string, settings: SessionSettings, opts?: OperationOptions): Promise<SessionResult>;
  willSettingsReset(flowFolder: string, settings: SessionSettings): boolean;
  /** S10: change the base image (writes nothing; the caller edits flow.dag.yaml) and reset. */
  changeBaseImage(flowFolder: string, image: string, opts?: OperationOptions): Promise<SessionResult>;
}

/** The workspace a session runs in: its checks, what flow files are checked against, the wizard's data. */
export interface WorkspaceOps {
  /**
   * S1, S2: role, datastore type, working directory, network isolation; with a flow folder (or settings)
   * also the session settings (S4): VM size, quota, compute instance, and a user-assigned identity's roles.
   */
  preflight(flowFolder?: string, settings?: SessionSettings): Promise<PreflightReport>;

  /**
   * What flow files are checked against: the workspace's connections (with their Azure OpenAI deployments),
   * connection types and package tools. Fetched once and cached; `refresh` reads them again. A part that
   * cannot be read is absent (and named in `unavailable`); rejects only when nothing could be read.
   */
  workspaceFacts(options?: { refresh?: boolean; cancel?: CancelToken | AbortSignal }): Promise<WorkspaceFacts>;

  /** Wizard data (S4). */
  vmSizes(): Promise<VmSizeOption[]>;
  identities(): Promise<IdentityOption[]>;
  computeInstances(): Promise<ComputeInstanceOption[]>;
  /** S4: attach a user-assigned identity to the workspace. */
  attachIdentity(resourceId: string, opts?: OperationOptions): Promise<IdentityOption[]>;
}

/** The instances sessions run on (S11, S12). */
export interface InstanceOps {
  /** S11, S12: instances known from this user's sessions and from runs' session ids. */
  instances(): Promise<InstanceInfo[]>;
  instanceImpact(instanceName: string): Promise<InstanceImpact>;
  /**
   * S11: deletes a serverless instance (its sessions go with it) or, for a compute instance, its sessions
   * (`what: 'sessions'`, the default) or the instance itself; then reads back what is gone.
   */
  deleteInstance(instanceName: string, opts?: OperationOptions & { what?: 'compute' | 'sessions' }): Promise<InstanceDeletion>;
}

/** Runs bound to a session (S5) and the workspace's runtimes (S13). */
export interface RunOps {
  /** S5: submit a run from run.yml, bound to a session. */
  submitRun(runYamlPath: string, opts?: OperationOptions): Promise<SubmitRunResult>;
  /**
   * S5 without a run file: a run of the flow folder over a local JSON Lines file, each flow input the data
   * has mapped from its column (`${data.<input>}`); the same steps as `submitRun`.
   */
  submitFlowRun(flowFolder: string, dataPath: string, opts?: OperationOptions): Promise<SubmitRunResult>;
  /** A run's state where Azure keeps it (run history), with what FlowRunInfo adds. */
  runStatus(runId: string): Promise<RunInfo>;
  runLogs(runId: string): Promise<string>;
  /** Asks for the cancel and answers with the run as run history has it afterwards. */
  cancelRun(runId: string): Promise<RunInfo>;
  /** This user's newest runs in the workspace (from the run index). */
  listRuns(): Promise<RunInfo[]>;
  /** S13: the workspace's named compute-instance runtimes. */
  runtimes(): Promise<RuntimeInfo[]>;
  /**
   * Every line of a run from `BulkRuns/{id}/childRuns`, paged as Azure pages (`startIndex`/`endIndex`, 25
   * lines a page, until a page comes back empty), sorted by line number.
   */
  runOutputs(runId: string, opts?: Pick<OperationOptions, 'cancel'>): Promise<RunLine[]>;
  /** The run's metrics as the metric service reads them back (name → last value). */
  runMetrics(runId: string): Promise<Record<string, number>>;
  /** Waits until the run reaches a terminal status, reading run history with backoff; cancellable. */
  waitForRun(runId: string, opts?: OperationOptions): Promise<RunInfo>;
}

/** Where and how to reach Azure ML (or the emulator, which is the same thing at another address). */
export interface ConnectionOptions {
  credential: CredentialLike;
  /** ARM endpoint; default https://management.azure.com (sovereign clouds: their own). */
  armEndpoint?: string;
  /** PEM text of a CA to trust for armEndpoint and the discovery host only (the emulator's self-signed cert). */
  caPem?: string;
  /**
   * Folder where the service keeps its flow → session records per workspace (survives restarts); the
   * extension and the CLI use the same one (`defaultStateDir` in core/session/stateDir.ts).
   */
  stateDir?: string;
  /** Log sink; receives redacted lines only. */
  log?: (level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

export interface SessionServiceOptions extends ConnectionOptions {
  workspace: WorkspaceRef;
  /** Language of every text the service writes, as a tag (`ja`, `ja-JP`, `en`); absent = English. Each front end passes its own. */
  locale?: string;
}

export interface SubscriptionOption {
  subscriptionId: string;
  displayName: string;
}
export interface WorkspaceOption extends WorkspaceRef {
  location: string;
}

/** What dist/session.js exports (see bundle.ts); the extension loads it on the first Azure action. */
export interface SessionBundle {
  createSessionService(options: SessionServiceOptions): ISessionService;
  listSubscriptions(options: ConnectionOptions): Promise<SubscriptionOption[]>;
  listWorkspaces(options: ConnectionOptions, subscriptionId: string): Promise<WorkspaceOption[]>;
  /** The credential for the local emulator: tokens from its Entra stand-in (`POST {endpoint}/_identity/token`). */
  emulatorCredential(endpoint: string, caPem: string, user?: string, key?: string): CredentialLike;
}
