// The language client: starts the language server after activation and hands it session state and
// workspace data.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { VALIDATED_FILES_GLOB } from '../core/flow/files';
import type { WorkspaceFacts } from '../core/session/types';
import type { FlowFolderId } from '../shared/flowFolderId';
import type { SessionStateParams, SessionStateResult, WorkspaceFactsResult } from '../shared/protocol';
import type { Log } from './log';
import { locale, t } from './i18n';

/**
 * Starts the language server after activation returns (never blocking it) and answers its
 * session-state request. vscode-languageclient lives in dist/client.js, loaded only then.
 */
export class LanguageClientHost implements vscode.Disposable {
  private client?: LanguageClient;
  /** dist/client.js once loaded: the language client and the protocol's message objects. */
  private lc?: typeof import('./lsp/clientBundle');
  private readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (e: unknown) => void;
  /** The workspace data last sent, sent again when the server restarts (it keeps no state across a restart). */
  private workspaceFacts: WorkspaceFacts | null = null;

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly answer: (params: SessionStateParams) => SessionStateResult,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => undefined); // observed by whenReady(); never an unhandled rejection
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  start(): void {
    setTimeout(() => void this.startNow(), 0);
  }

  /** performance.now() when dist/client.js began loading (the activation bench checks it is after activate()). */
  readonly loadMarks: { start?: number } = {};

  private async startNow(): Promise<void> {
    try {
      // A bundle of its own (dist/client.js): loading it is the bulk of the extension's code.
      this.loadMarks.start = performance.now();
      const lc = require(path.join(__dirname, 'client.js')) as typeof import('./lsp/clientBundle');
      this.lc = lc;
      const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
      const serverOptions = {
        run: { module, transport: lc.TransportKind.ipc },
        debug: { module, transport: lc.TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
      };
      this.client = new lc.LanguageClient('promptflow', t('extension.languageServer.name'), serverOptions, {
        // Patterns, not language ids: the flow files are plain YAML to every other extension. The
        // files `pfsession validate` checks by name, from the one list of them.
        documentSelector: [{ scheme: 'file', pattern: VALIDATED_FILES_GLOB }],
        outputChannelName: t('extension.languageServer.name'),
        initializationOptions: { locale: locale() },
      });
      this.client.onRequest(lc.SessionStateRequest, (params) => this.answer(params));
      const client = this.client;
      let started = false;
      client.onDidChangeState((e) => {
        if (e.newState === lc.State.Running && started && this.workspaceFacts) void this.sendFacts(client, this.workspaceFacts);
      });
      await client.start();
      started = true;
      this.log.info('language server started');
      this.resolveReady();
    } catch (e) {
      this.log.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      this.rejectReady(e);
    }
  }

  /**
   * Hands the workspace data the checks use to the server (null: none) once it runs; resolves with what
   * the server holds afterwards, undefined when it did not answer (not started, or stopped).
   */
  async sendWorkspaceFacts(facts: WorkspaceFacts | null): Promise<WorkspaceFactsResult | undefined> {
    this.workspaceFacts = facts;
    try {
      await this.ready;
    } catch {
      return undefined;
    }
    return this.client ? this.sendFacts(this.client, facts) : undefined;
  }

  private async sendFacts(client: LanguageClient, facts: WorkspaceFacts | null): Promise<WorkspaceFactsResult | undefined> {
    if (!client.isRunning() || !this.lc) return undefined;
    return client.sendRequest(this.lc.WorkspaceFactsRequest, { facts }).catch((e: unknown) => {
      this.log.warn(`the language server did not take the workspace data: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
  }

  notifyStateChanged(flowFolders: FlowFolderId[]): void {
    if (!this.client?.isRunning() || !this.lc) return;
    void this.client.sendNotification(this.lc.SessionStateChangedNotification, { flowFolders }).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await this.client?.stop().catch(() => undefined);
  }
}
