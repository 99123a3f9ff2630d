// A small LSP client for tests: starts the built server (dist/server.js --stdio) as a child process and
// speaks JSON-RPC to it over stdio, the way an editor does. Waits are event-driven with bounded timeouts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, RequestType } from 'vscode-languageserver-protocol';
import { SessionStateRequest, type SessionStateParams, type SessionStateResult } from '../../src/shared/protocol';

export const repoRoot = resolve(__dirname, '..', '..');
export const serverPath = join(repoRoot, 'dist', 'server.js');
export const uriOf = (p: string) => pathToFileURL(p).href;

export interface ClientOptions {
  rootPath: string;
  locale?: string;
  /** Answers the server's session state request; absent = method not handled. */
  onSessionState?: (params: SessionStateParams) => SessionStateResult | null;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly stderr: string[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: {
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  private exited = false;
  codeLensRefreshes = 0;
  private readonly refreshWaiters: (() => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    child.on('exit', () => (this.exited = true));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.stderr.push(p.message));
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      for (const w of this.refreshWaiters.splice(0)) w();
      return null;
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  static async start(options: ClientOptions): Promise<LspTestClient> {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run "node esbuild.mjs" first`);
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspTestClient(child);
    if (options.onSessionState) client.connection.onRequest(SessionStateRequest, options.onSessionState);
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(options.rootPath),
      locale: options.locale ?? 'en',
      capabilities: {
        workspace: { codeLens: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: {} },
      },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `accept` (default: any), or rejects after `ms`. */
  diagnostics(uri: string, ms = 10_000, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no publishDiagnostics for ${uri} within ${ms} ms; server stderr:\n${this.stderr.join('').slice(-2000)}`));
      }, ms);
      const waiter = {
        uri,
        accept,
        resolve: (p: PublishDiagnosticsParams) => {
          clearTimeout(timer);
          resolvePromise(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves when the server next asks the client to refresh codelenses, or rejects after `ms`. */
  codeLensRefresh(ms = 10_000): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no workspace/codeLens/refresh within ${ms} ms`)), ms);
      this.refreshWaiters.push(() => {
        clearTimeout(timer);
        resolvePromise();
      });
    });
  }

  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri)?.diagnostics;
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string, languageId = 'yaml', ms = 10_000): Promise<PublishDiagnosticsParams> {
    const next = this.diagnostics(uri, ms);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return next;
  }

  async change(uri: string, version: number, text: string, ms = 10_000): Promise<PublishDiagnosticsParams> {
    const next = this.diagnostics(uri, ms, (p) => p.version === undefined || p.version === version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return next;
  }

  /** Writes several notifications in one write, as an editor flushing a burst of keystrokes does. */
  sendBurst(notifications: { method: string; params: unknown }[]): void {
    const frames = notifications.map((n) => {
      const body = JSON.stringify({ jsonrpc: '2.0', method: n.method, params: n.params });
      return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    });
    this.child.stdin!.write(frames.join(''));
  }

  /** A custom request by its object from src/shared/protocol.ts, or an LSP request by method name. */
  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  request<R>(method: string, params: unknown): Promise<R>;
  request(method: string | RequestType<unknown, unknown, void>, params: unknown): Promise<unknown> {
    return typeof method === 'string' ? this.connection.sendRequest(method, params) : this.connection.sendRequest(method, params);
  }

  async stop(): Promise<void> {
    try {
      if (!this.exited) {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await this.connection.sendNotification('exit');
      }
    } catch {
      // the process may already be gone
    } finally {
      this.connection.dispose();
      if (!this.exited) this.child.kill();
    }
  }
}
