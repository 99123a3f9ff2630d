// The extension's context: owns every disposable and runs long session actions with progress and errors.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type {
  ErrorInfo,
  ISessionService,
  OperationOptions,
  RunInfo,
  SessionChangeEvent,
  SessionInfo,
  SessionResult,
} from '../core/session/types';
import type { SessionStateParams, SessionStateResult } from '../shared/protocol';
import { flowFolderId } from '../shared/flowFolderId';
import { Commands } from '../shared/commands';
import { registerCommands } from './commands';
import { Connection, UserCancelled } from './connection';
import { ErrorReporter, type FixActions } from './errors';
import { flowFolderOf, flowUri } from './flows';
import { sessionDetail, stateLabel } from './format';
import { LanguageClientHost } from './languageClient';
import { Log } from './log';
import { SaveOffers, registerSaveOffers } from './saveOffers';
import { SessionStatusBar } from './statusBar';
import { SessionsTreeProvider } from './tree/provider';
import { OperationTracker } from './operationTracker';
import { RetirementNotice, showRetirementState } from './retirement';
import { RunOutputsPanels } from './runOutputsView';
import { VirtualDocuments } from './virtualDocuments';
import { ReportView } from './reportView';
import { WorkspaceDataStatus } from './workspaceData';
import { t } from './i18n';

export interface RunOptions<T> {
  flowFolder?: string;
  /** Progress notification title, e.g. "Starting session for web-classification". */
  title: string;
  /** Text on the tree item and status bar while it runs, e.g. "Starting…". */
  busyText: string;
  /** Start / install / submit: refused in an untrusted workspace. */
  requiresTrust: boolean;
  work: (service: ISessionService, opts: OperationOptions) => Promise<T>;
  /** A warning the result carries (the operation succeeded with trouble), shown like an error. */
  warning?: (result: T) => ErrorInfo | undefined;
  /** What the service read back once it succeeded, said briefly in the status bar (no warning then). */
  confirm?: (result: T) => string | undefined;
}

/** How long the status bar keeps an operation's confirmation. */
const CONFIRMATION_MS = 10_000;

/**
 * Owns every disposable of the extension: log, connection (and through it the session service),
 * language client, tree, status bar, listeners and commands. Created once in activate().
 */
export class Ctx implements vscode.Disposable {
  readonly subscriptions: vscode.Disposable[] = [];
  readonly log = new Log();
  readonly errors = new ErrorReporter(this.log);
  readonly connection: Connection;
  readonly tree: SessionsTreeProvider;
  readonly statusBar = new SessionStatusBar();
  readonly client: LanguageClientHost;
  /** The workspace data the checks of flow files use, and its language status item. */
  readonly workspaceData: WorkspaceDataStatus;
  readonly documents = new VirtualDocuments();
  /** Reports shown rendered (packages, prerequisites, the migration plan). */
  readonly reports = new ReportView(this.documents);
  /** The run outputs panels, one per run. */
  readonly runOutputs: RunOutputsPanels;
  readonly offers = new SaveOffers(this);
  /** Runs submitted from this window, newest first (the service has no "my runs" list). */
  readonly recentRuns: RunInfo[] = [];
  private readonly sessionChanged = new vscode.EventEmitter<SessionChangeEvent>();
  private readonly confirmed = new vscode.EventEmitter<string>();
  /** Each confirmation shown in the status bar (tests wait on this). */
  readonly onDidConfirm = this.confirmed.event;
  private confirmation?: vscode.Disposable;
  /** Every state change the UI reacted to (tests wait on this). */
  readonly onDidChangeSession = this.sessionChanged.event;
  private serviceListener?: { dispose(): void };
  /** What this window is doing to each flow's session, and the clock of moving times (tree and status bar). */
  readonly operations = new OperationTracker();
  /** Prompt flow's retirement: the notice, and the Sessions view whose header states the days left. */
  readonly retirementNotice: RetirementNotice;
  sessionsView?: vscode.TreeView<unknown>;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.connection = new Connection(extension, this.log);
    this.tree = new SessionsTreeProvider(this.connection, vscode.Uri.joinPath(extension.extensionUri, 'media'), this.operations);
    this.client = new LanguageClientHost(extension, this.log, (p) => this.answerSessionState(p));
    this.workspaceData = new WorkspaceDataStatus(this.connection, this.client, this.log, this.errors.onDidReport);
    this.retirementNotice = new RetirementNotice(extension.workspaceState);
    this.runOutputs = new RunOutputsPanels(extension.extensionUri);
    this.subscriptions.push(
      this.runOutputs,
      this.log,
      this.errors,
      this.connection,
      this.tree,
      this.statusBar,
      this.sessionChanged,
      this.confirmed,
      this.documents,
      this.reports,
      this.operations,
      this.workspaceData,
      this.retirementNotice,
    );
  }

  /** Cheap wiring only: no Azure, no network, no file scan. */
  start(): void {
    const s = this.subscriptions;
    this.sessionsView = vscode.window.createTreeView('promptflow.sessions', { treeDataProvider: this.tree, showCollapseAll: true });
    s.push(this.sessionsView);
    s.push(vscode.workspace.registerTextDocumentContentProvider(VirtualDocuments.scheme, this.documents));
    registerCommands(this);
    registerSaveOffers(this);
    this.workspaceData.start();
    this.connection.onDidChangeService((service) => this.watch(service), null, s);
    // Busy text and the clock: the status bar redraws for its flow and on every tick.
    s.push(this.operations.onDidChange((folder) => (!folder || folder === this.statusBar.visibleFlow) && this.updateStatusBar(false)));
    s.push(
      this.operations.addSource(() => {
        const folder = this.statusBar.visibleFlow;
        const shown = folder ? this.connection.current?.peek(folder) : undefined;
        return !!(shown?.operation || (shown?.state === 'running' && shown.idleDeadline));
      }),
    );
    vscode.window.onDidChangeActiveTextEditor(() => this.updateStatusBar(true), null, s);
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration('promptflow.emulator') || e.affectsConfiguration('promptflow.cloud')) {
          this.connection.reset();
          this.tree.refresh();
        }
      },
      null,
      s,
    );
    vscode.workspace.onDidGrantWorkspaceTrust(() => this.client.notifyStateChanged([]), null, s);
    void vscode.commands.executeCommand('setContext', 'promptflow.emulatorMode', this.connection.isEmulator());
    this.updateStatusBar(false);
    void this.retirementNotice.maybeShow();
    this.client.start();
  }

  private watch(service: ISessionService | undefined): void {
    this.serviceListener?.dispose();
    this.serviceListener = service?.onDidChange((e) => this.onServiceChange(e));
    this.tree.refresh();
    this.updateStatusBar(false);
  }

  private onServiceChange(e: SessionChangeEvent): void {
    this.tree.onServiceChange(e);
    const folder = e.flowFolder ?? e.session?.flowFolder;
    if (folder && folder === this.statusBar.visibleFlow) this.updateStatusBar(false);
    this.client.notifyStateChanged(folder ? [flowFolderId(folder)] : []);
    this.sessionChanged.fire(e);
  }

  /** The flow folder of the active editor, if any. */
  activeFlowFolder(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === 'file' ? flowFolderOf(uri.fsPath) : undefined;
  }

  /** Shows the active flow's session from memory; with `fetch`, asks the service once when it knows nothing. */
  updateStatusBar(fetch: boolean): void {
    const folder = this.activeFlowFolder() ?? (vscode.window.activeTextEditor ? undefined : this.statusBar.visibleFlow);
    const service = this.connection.current;
    const session = folder ? service?.peek(folder) : undefined;
    this.statusBar.update(folder, session, folder ? this.operations.get(folder)?.text : undefined);
    if (this.sessionsView) showRetirementState(this.sessionsView);
    this.operations.update();
    if (fetch && folder && service && !session) {
      service.status(folder).then(
        () => this.updateStatusBar(false),
        (e) => this.log.debug(`status of ${folder}: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  }

  /** The language server asks this when it draws codelenses: memory only, so it is instant. */
  answerSessionState(params: SessionStateParams): SessionStateResult {
    const service = this.connection.current;
    const untrusted = !vscode.workspace.isTrusted;
    return {
      sessions: params.flowFolders.map((folder) => {
        const s = service?.peek(folder);
        const busy = this.operations.get(folder)?.text;
        return {
          flowFolder: folder,
          state: s?.state ?? 'notStarted',
          detail: busy ?? (s ? sessionDetail(s) : undefined),
          // Signed out is not disabled: the Start lens is how a user signs in.
          actionsDisabled: untrusted,
        };
      }),
    };
  }

  /** Refuses Azure actions that run code in an untrusted workspace (start, install, submit). */
  checkTrust(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(t('extension.untrusted'));
    return false;
  }

  /**
   * Runs one long session action: trust check, sign-in, a cancellable progress notification, the
   * text on the tree item and status bar, and errors shown with the button that fixes them.
   */
  async run<T>(o: RunOptions<T>): Promise<T | undefined> {
    if (o.requiresTrust && !this.checkTrust()) return undefined;
    let service: ISessionService | undefined;
    try {
      service = await this.connection.getService(true);
    } catch (e) {
      if (!(e instanceof UserCancelled)) void this.errors.show('signin', e);
      return undefined;
    }
    if (!service) return undefined;
    const folder = o.flowFolder;
    const key = folder ?? o.title;
    const begun = folder ? this.operations.begin(folder, o.busyText) : undefined;
    if (folder) this.client.notifyStateChanged([flowFolderId(folder)]);
    let ended = false;
    /** The busy text goes, and the language server redraws the lenses: once, as soon as the work ends. */
    const end = () => {
      if (ended) return;
      ended = true;
      begun?.();
      if (folder) this.client.notifyStateChanged([flowFolderId(folder)]);
    };
    const svc = service;
    const started = Date.now();
    try {
      const work = async () =>
        vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: o.title, cancellable: true },
          async (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return o.work(svc, {
              cancel: abort.signal,
              onProgress: (p) => progress.report({ message: p.phase }),
            });
          },
        );
      const result = await work();
      // A warning on an operation that did succeed (pip had trouble, the binding was not saved to disk)
      // is shown like an error: the user must see it.
      const warning = o.warning?.(result);
      if (warning) void this.errors.show(key, warning, this.fixActions(svc, o, folder));
      this.log.info(`${o.title}: done in ${Math.round((Date.now() - started) / 1000)} s`);
      // The lenses and the status bar leave the busy text now, before anything else is shown.
      end();
      const confirmation = warning ? undefined : o.confirm?.(result);
      if (confirmation) this.confirm(confirmation);
      return result;
    } catch (e) {
      void this.errors.show(key, e, this.fixActions(svc, o, folder));
      return undefined;
    } finally {
      end();
    }
  }

  /** A short "done" with what the service read back, in the status bar for a few seconds. */
  confirm(text: string): void {
    // One at a time: a newer confirmation replaces the last.
    this.confirmation?.dispose();
    this.confirmation = vscode.window.setStatusBarMessage(`$(check) ${text}`, CONFIRMATION_MS);
    this.confirmed.fire(text);
  }

  /** A session operation: its warning is shown, and the session as read back afterwards returned. */
  async runSession(o: RunOptions<SessionResult>): Promise<SessionInfo | undefined> {
    const confirm = o.confirm ?? ((r: SessionResult) => this.sessionNow(r.session));
    return (await this.run({ ...o, warning: (r) => r.warning, confirm }))?.session;
  }

  /** The session as the service read it after an operation: its flow, state and where it runs. */
  sessionNow(s: SessionInfo): string {
    const flow = s.flowFolder ? this.flowName(s.flowFolder) : s.sessionId;
    const detail = sessionDetail(s);
    return t('extension.confirm.session', { flow, state: stateLabel(s.state), detail: detail ? ` (${detail})` : '' });
  }

  private fixActions<T>(svc: ISessionService, o: RunOptions<T>, folder: string | undefined): FixActions {
    return {
      workspace: svc.workspace,
      retry: () => this.run(o),
      reset: folder ? () => vscode.commands.executeCommand(Commands.reset, flowUri(folder)) : undefined,
      changeSettings: folder ? () => vscode.commands.executeCommand(Commands.startWithSettings, flowUri(folder)) : undefined,
      preflight: () => vscode.commands.executeCommand(Commands.preflight, folder ? flowUri(folder) : undefined),
      planMigration: () => vscode.commands.executeCommand(Commands.planMigration, folder ? flowUri(folder) : undefined),
    };
  }

  flowName(folder: string): string {
    return path.basename(folder);
  }

  /** The service, signing in and choosing a workspace when needed; undefined when the user backed out. */
  async service(): Promise<ISessionService | undefined> {
    try {
      return await this.connection.getService(true);
    } catch (e) {
      if (!(e instanceof UserCancelled)) void this.errors.show('signin', e);
      return undefined;
    }
  }

  peek(folder: string): SessionInfo | undefined {
    return this.connection.current?.peek(folder);
  }

  dispose(): void {
    this.serviceListener?.dispose();
    this.confirmation?.dispose();
    void this.client.dispose();
    for (const d of this.subscriptions.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (e) {
        console.error(e);
      }
    }
  }
}
