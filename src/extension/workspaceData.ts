// The workspace data the checks of flow files use: read, handed to the language server, and shown in a
// language status item.
import * as vscode from 'vscode';
import { FLOW_FILES_GLOB, isFlowFileName } from '../core/flow/files';
import type { ErrorInfo, ISessionService, WorkspaceFacts } from '../core/session/types';
import type { WorkspaceFactsResult } from '../shared/protocol';
import { Commands } from '../shared/commands';
import { VsCodeCredential, publicArmEndpoint } from './auth';
import { settings, type Connection } from './connection';
import type { LanguageClientHost } from './languageClient';
import type { Log } from './log';
import { t } from './i18n';

/** After a failed read, opening another flow file tries again once this much time has passed. */
const RETRY_AFTER_MS = 60_000;

type State =
  | { kind: 'none' }
  | { kind: 'idle'; service: ISessionService }
  | { kind: 'fetching'; service: ISessionService }
  | { kind: 'ready'; service: ISessionService; facts: WorkspaceFacts }
  | { kind: 'failed'; service: ISessionService; error: ErrorInfo; at: number };

/** What the status item shows, for the host tests (development builds only). */
export interface WorkspaceDataView {
  text: string;
  detail: string;
  busy: boolean;
  severity: 'information' | 'warning';
  /** What the language server said it holds after the last hand-over (undefined: it did not answer). */
  held?: WorkspaceFactsResult;
  facts?: WorkspaceFacts;
}

/**
 * The workspace data the checks of flow files use: read through the session service once a workspace is
 * chosen and a flow file is shown, handed to the language server, and cleared when the service goes
 * (sign-out, another workspace, the emulator settings changed) or the data cannot be read (offline).
 * A language status item on flow files says which workspace the checks use and when its data was read.
 */
export class WorkspaceDataStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('promptflow.workspaceData', [
    { scheme: 'file', pattern: FLOW_FILES_GLOB },
  ]);
  private state: State = { kind: 'none' };
  /** The language server's answer to the last hand-over: what the checks really use. */
  private serverHolds: WorkspaceFactsResult | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every change of what the status item shows. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.item, this.changed];

  constructor(
    private readonly connection: Connection,
    private readonly client: LanguageClientHost,
    private readonly log: Log,
    private readonly onDidReportError: vscode.Event<{ info: ErrorInfo }>,
  ) {
    this.item.name = t('extension.workspaceData.name');
    this.render();
  }

  /** Cheap wiring only: nothing is read until a workspace is chosen and a flow file shown. */
  start(): void {
    const s = this.subscriptions;
    this.connection.onDidChangeService((service) => this.onService(service), null, s);
    vscode.window.onDidChangeActiveTextEditor(() => this.maybeFetch(), null, s);
    vscode.authentication.onDidChangeSessions((e) => void this.onSessionsChanged(e.provider.id), null, s);
    // Any Azure action that finds the network gone: the data may be stale, so the checks stop using it.
    this.onDidReportError(({ info }) => info.kind === 'network' && void this.offline(info), null, s);
  }

  get view(): WorkspaceDataView {
    const st = this.state;
    return {
      text: this.item.text,
      detail: this.item.detail ?? '',
      busy: this.item.busy,
      severity: this.item.severity === vscode.LanguageStatusSeverity.Warning ? 'warning' : 'information',
      held: this.serverHolds,
      facts: st.kind === 'ready' ? st.facts : undefined,
    };
  }

  /** The refresh command: reads the workspace data again (signing in and choosing a workspace first if needed). */
  async refresh(service: ISessionService | undefined): Promise<WorkspaceDataView> {
    if (service && service !== this.current()) this.onService(service, false);
    if (service) await this.fetch(service, true);
    return this.view;
  }

  private current(): ISessionService | undefined {
    return this.state.kind === 'none' ? undefined : this.state.service;
  }

  private onService(service: ISessionService | undefined, fetch = true): void {
    if (service === this.current()) return;
    if (!service) {
      this.set({ kind: 'none' });
      void this.handOver(null);
      return;
    }
    // Data of another workspace must not check these files for a moment longer.
    if (this.state.kind === 'ready') void this.handOver(null);
    this.set({ kind: 'idle', service });
    if (fetch) this.maybeFetch();
  }

  private maybeFetch(): void {
    const st = this.state;
    if (st.kind !== 'idle' && !(st.kind === 'failed' && Date.now() - st.at > RETRY_AFTER_MS)) return;
    if (!vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'file' && isFlowFileName(e.document.uri.fsPath))) return;
    void this.fetch(st.service, false);
  }

  private async fetch(service: ISessionService, refresh: boolean): Promise<void> {
    this.set({ kind: 'fetching', service });
    let facts: WorkspaceFacts;
    try {
      facts = await service.workspaceFacts({ refresh });
    } catch (e) {
      if (this.current() !== service) return;
      const error: ErrorInfo = (e as { info?: ErrorInfo }).info ?? { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
      this.log.warn(`workspace data of ${service.workspace.workspace} could not be read: ${error.message}`);
      // Offline or refused: no data means no workspace checks, rather than checks against stale data.
      await this.handOver(null);
      if (this.current() === service) this.set({ kind: 'failed', service, error, at: Date.now() });
      return;
    }
    if (this.current() !== service) return;
    const held = await this.client.sendWorkspaceFacts(facts);
    if (this.current() !== service) return;
    this.serverHolds = held;
    this.set({ kind: 'ready', service, facts });
  }

  private async offline(error: ErrorInfo): Promise<void> {
    const st = this.state;
    if (st.kind !== 'ready') return;
    this.log.info('the network is unreachable: the workspace data is cleared');
    this.set({ kind: 'failed', service: st.service, error, at: Date.now() });
    await this.handOver(null);
  }

  /** Takes the data away from the server (no checks against a workspace the user left or cannot reach). */
  private async handOver(facts: null): Promise<void> {
    this.serverHolds = await this.client.sendWorkspaceFacts(facts);
    this.render();
    this.changed.fire();
  }

  /** A Microsoft account signed out: the service goes (and with it the data); the emulator has no accounts. */
  private async onSessionsChanged(provider: string): Promise<void> {
    if (!/^microsoft/.test(provider) || this.connection.isEmulator() || !this.connection.current) return;
    const armEndpoint = settings().get<string>('cloud.armEndpoint') || publicArmEndpoint;
    let signedIn = true;
    try {
      signedIn = await new VsCodeCredential(armEndpoint).signIn(false);
    } catch (e) {
      this.log.debug(`checking the sign-in failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!signedIn) {
      this.log.info('signed out of Azure: the workspace data is cleared');
      this.connection.reset();
    }
  }

  private set(state: State): void {
    this.state = state;
    this.render();
    this.changed.fire();
  }

  private render(): void {
    const st = this.state;
    const item = this.item;
    item.busy = st.kind === 'fetching';
    item.severity = vscode.LanguageStatusSeverity.Information;
    if (st.kind === 'none') {
      item.text = t('extension.workspaceData.noWorkspace');
      item.detail = t('extension.workspaceData.signInToCheck');
      item.command = { command: Commands.signIn, title: t('extension.workspaceData.signIn') };
      return;
    }
    const ws = st.service.workspace;
    item.text = t('extension.workspaceData.workspace', { workspace: ws.workspace });
    item.command = { command: Commands.refreshWorkspaceData, title: t('extension.workspaceData.refresh') };
    if (st.kind === 'idle' || st.kind === 'fetching') {
      item.detail = t('extension.workspaceData.reading', { workspace: `${ws.resourceGroup}/${ws.workspace}` });
      return;
    }
    if (st.kind === 'failed') {
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.detail =
        st.error.kind === 'network' || st.error.kind === 'timeout'
          ? t('extension.workspaceData.offline', { error: st.error.message })
          : t('extension.workspaceData.unreadable', { error: st.error.message });
      return;
    }
    if (!this.serverHolds?.workspace) {
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.detail = t('extension.workspaceData.notTaken');
      return;
    }
    const when = new Date(st.facts.fetchedAt).toLocaleString(vscode.env.language, { dateStyle: 'short', timeStyle: 'short' });
    const missing = st.facts.unavailable.map((u) => u.connection ?? u.part);
    item.detail = missing.length
      ? t('extension.workspaceData.readPartly', { workspace: `${ws.resourceGroup}/${ws.workspace}`, when, missing: missing.join(', ') })
      : t('extension.workspaceData.read', { workspace: `${ws.resourceGroup}/${ws.workspace}`, when });
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0).reverse()) d.dispose();
  }
}
