// Sign-in, the choice of workspace and the one session service of the window (loading the Azure SDK bundle
// on the first Azure action).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type {
  ConnectionOptions,
  CredentialLike,
  ISessionService,
  SessionBundle,
  WorkspaceOption,
  WorkspaceRef,
} from '../core/session/types';
import { emulatorKeyBeside } from '../core/session/emulatorKey';
import { defaultStateDir } from '../core/session/stateDir';
import { ProviderMissingError, VsCodeCredential, publicArmEndpoint } from './auth';
import { configuredWorkspace } from './workspaceConfig';
import type { Log } from './log';
import { locale, t } from './i18n';

/** Optional exports a session bundle may add; the fallback credential when VS Code has no Microsoft provider. */
type BundleWithFallback = SessionBundle & { defaultCredential?: () => CredentialLike };

/** Thrown when the user dismissed a pick or sign-in: callers stop quietly. */
export class UserCancelled extends Error {}

/**
 * Sign-in, workspace choice and the one session service. The Azure SDK bundle (dist/session.js) is
 * required here on the first Azure action only, never at activation.
 */
export class Connection implements vscode.Disposable {
  private bundle?: SessionBundle;
  private service?: ISessionService;
  private pending?: Promise<ISessionService | undefined>;
  private readonly changed = new vscode.EventEmitter<ISessionService | undefined>();
  /** Fires when the service is created, replaced or dropped (sign-out, workspace change). */
  readonly onDidChangeService = this.changed.event;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly log: Log,
  ) {}

  get current(): ISessionService | undefined {
    return this.service;
  }

  /** The workspace is remembered per folder, separately for Azure and for the emulator. */
  private workspaceKey(): string {
    return this.isEmulator() ? 'promptflow.workspace.emulator' : 'promptflow.workspace.azure';
  }

  /** Drops the service (settings changed, sign-out); the next Azure action creates a new one. */
  reset(): void {
    this.replace(undefined);
  }

  isEmulator(): boolean {
    return !!settings().get<string>('emulator.endpoint');
  }

  isBundleLoaded(): boolean {
    return !!this.bundle;
  }

  /** Loads dist/session.js; tests and the bench rely on this being the only place that does. */
  loadBundle(): SessionBundle {
    if (!this.bundle) {
      const started = Date.now();
      this.bundle = require(path.join(__dirname, 'session.js')) as SessionBundle;
      this.log.debug(`session bundle loaded in ${Date.now() - started} ms`);
    }
    return this.bundle;
  }

  /**
   * The service for this folder's workspace. `interactive` allows sign-in prompts and pickers;
   * otherwise it resolves only what needs no question (a remembered workspace, the emulator).
   */
  getService(interactive: boolean): Promise<ISessionService | undefined> {
    if (this.service) return Promise.resolve(this.service);
    if (!this.pending) {
      this.pending = this.create(interactive).finally(() => (this.pending = undefined));
    }
    return this.pending;
  }

  /** Forgets the remembered workspace and asks again (command "Select workspace"). */
  async selectWorkspace(): Promise<ISessionService | undefined> {
    const connection = await this.connectionOptions(true);
    if (!connection) return undefined;
    const picked = await this.pickWorkspace(connection, true);
    if (!picked) return undefined;
    await this.extension.workspaceState.update(this.workspaceKey(), picked);
    this.replace(this.loadBundle().createSessionService({ ...connection, workspace: picked, locale: locale() }));
    return this.service;
  }

  private async create(interactive: boolean): Promise<ISessionService | undefined> {
    const connection = await this.connectionOptions(interactive);
    if (!connection) return undefined;
    let workspace = this.extension.workspaceState.get<WorkspaceRef>(this.workspaceKey());
    if (!workspace) {
      workspace = await this.pickWorkspace(connection, interactive);
      if (!workspace) return undefined;
      await this.extension.workspaceState.update(this.workspaceKey(), workspace);
    }
    this.replace(this.loadBundle().createSessionService({ ...connection, workspace, locale: locale() }));
    return this.service;
  }

  private replace(service: ISessionService | undefined): void {
    this.service?.dispose();
    this.service = service;
    if (service)
      this.log.info(`workspace ${service.workspace.subscriptionId}/${service.workspace.resourceGroup}/${service.workspace.workspace}`);
    void vscode.commands.executeCommand('setContext', 'promptflow.hasWorkspace', !!service);
    this.changed.fire(service);
  }

  /** Credential and endpoint: the emulator when its setting is present, else the VS Code account. */
  private async connectionOptions(interactive: boolean): Promise<ConnectionOptions | undefined> {
    const cfg = settings();
    // The same records as the CLI's, so both front ends find and keep one list.
    const stateDir = defaultStateDir();
    const log: ConnectionOptions['log'] = (level, message) => this.log.write(level, message);
    const emulatorEndpoint = cfg.get<string>('emulator.endpoint');
    if (emulatorEndpoint) {
      const caFile = cfg.get<string>('emulator.caFile');
      const caPem = caFile ? await fs.readFile(caFile, 'utf8') : '';
      const key = caFile ? emulatorKeyBeside(caFile) : undefined;
      const credential = this.loadBundle().emulatorCredential(emulatorEndpoint, caPem, undefined, key);
      await vscode.commands.executeCommand('setContext', 'promptflow.signedIn', true);
      return { credential, armEndpoint: emulatorEndpoint, caPem: caPem || undefined, stateDir, log };
    }
    const armEndpoint = cfg.get<string>('cloud.armEndpoint') || publicArmEndpoint;
    const vsCredential = new VsCodeCredential(armEndpoint);
    let credential: CredentialLike = vsCredential;
    try {
      if (!(await vsCredential.signIn(interactive))) {
        if (interactive) throw new UserCancelled();
        return undefined;
      }
    } catch (e) {
      if (!(e instanceof ProviderMissingError)) throw e;
      const fallback = (this.loadBundle() as BundleWithFallback).defaultCredential;
      if (!fallback) throw e;
      this.log.info('No Microsoft account provider in this VS Code; using the Azure Identity chain instead.');
      credential = fallback();
    }
    await vscode.commands.executeCommand('setContext', 'promptflow.signedIn', true);
    return { credential, armEndpoint, stateDir, log };
  }

  private async pickWorkspace(connection: ConnectionOptions, interactive: boolean): Promise<WorkspaceRef | undefined> {
    // Azure ML's convention first: a config.json beside the flow or in a parent names the workspace.
    const configured = configuredWorkspace(this.log);
    if (configured && !interactive) return configured.workspace;
    if (configured) {
      const fromConfig = {
        label: configured.workspace.workspace,
        description: `${configured.workspace.resourceGroup} · ${t('extension.workspace.fromConfig', { file: vscode.workspace.asRelativePath(configured.file) })}`,
        workspace: configured.workspace,
      };
      const other = { label: t('extension.workspace.chooseAnother'), workspace: undefined };
      const picked = await vscode.window.showQuickPick([fromConfig, other], {
        title: t('extension.workspace.select'),
        ignoreFocusOut: true,
      });
      if (!picked) throw new UserCancelled();
      if (picked.workspace) return picked.workspace;
    }
    const bundle = this.loadBundle();
    const subscriptions = await bundle.listSubscriptions(connection);
    const all: WorkspaceOption[] = [];
    const emulator = this.isEmulator();
    if (!interactive || (emulator && subscriptions.length === 1)) {
      // No question may be asked: the first workspace of the first subscription that has one.
      for (const s of subscriptions) {
        all.push(...(await bundle.listWorkspaces(connection, s.subscriptionId)));
        if (all.length) break;
      }
      return interactive && all.length > 1 ? this.quickPickWorkspace(all) : strip(all[0]);
    }
    const sub =
      subscriptions.length === 1
        ? subscriptions[0]
        : (
            await vscode.window.showQuickPick(
              subscriptions.map((s) => ({ label: s.displayName, description: s.subscriptionId, s })),
              { title: t('extension.workspace.selectSubscription'), ignoreFocusOut: true },
            )
          )?.s;
    if (!sub) throw new UserCancelled();
    const workspaces = await bundle.listWorkspaces(connection, sub.subscriptionId);
    if (!workspaces.length) {
      void vscode.window.showWarningMessage(t('extension.workspace.noneInSubscription', { subscription: sub.displayName }));
      return undefined;
    }
    return workspaces.length === 1 ? strip(workspaces[0]) : this.quickPickWorkspace(workspaces);
  }

  private async quickPickWorkspace(workspaces: WorkspaceOption[]): Promise<WorkspaceRef> {
    const picked = await vscode.window.showQuickPick(
      workspaces.map((w) => ({ label: w.workspace, description: `${w.resourceGroup} · ${w.location}`, w })),
      { title: t('extension.workspace.select'), ignoreFocusOut: true },
    );
    if (!picked) throw new UserCancelled();
    return strip(picked.w)!;
  }

  dispose(): void {
    this.service?.dispose();
    this.changed.dispose();
  }
}

function strip(w: WorkspaceOption | undefined): WorkspaceRef | undefined {
  return w && { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup, workspace: w.workspace };
}

export function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('promptflow');
}
