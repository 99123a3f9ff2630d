// Wires the language features to a connection. Kept free of transport details so the entry point
// decides stdio / node-ipc, and every handler is guarded (see guard.ts).
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createValidator } from '../core/validation';
import { VALIDATED_FILES_GLOB } from '../core/flow/files';
import {
  SessionStateChangedNotification,
  WorkspaceFactsRequest,
  type SessionStateChangedParams,
  type WorkspaceFactsParams,
  type WorkspaceFactsResult,
} from '../shared/protocol';
import { actionsFor } from './codeActions';
import { flowLenses, requirementsLenses, SessionStates } from './codeLens';
import { completeAt } from './completion';
import { DiagnosticsScheduler, RecordingHost } from './diagnostics';
import { DocModels, isRequirementsDoc } from './docModel';
import { uriToPath, WorkspaceFiles } from './files';
import { guarded, guardedVoid } from './guard';
import { hoverAt } from './hover';
import { toLocale, type Locale } from '../core/i18n';
import { linksOf } from './links';
import { WorkspaceFactsStore } from './workspaceFacts';

/** What a validation may read: the files validated by name, and the sources, prompts and data they name. */
const WATCHED = [VALIDATED_FILES_GLOB, '**/*.{py,jinja2,prompty,jsonl,csv}'];

export function startServer(connection: Connection): void {
  const log = (m: string) => connection.console.error(m);
  const documents = new TextDocuments(TextDocument);
  const openByPath = new Map<string, string>(); // absolute path → uri
  const files = new WorkspaceFiles(
    (p) => {
      const uri = openByPath.get(p);
      return uri === undefined ? undefined : documents.get(uri)?.getText();
    },
    () => openByPath.keys(),
  );
  const host = new RecordingHost(files);
  const validator = createValidator(host);
  const scheduler = new DiagnosticsScheduler(connection, documents, validator, host, log);
  const models = new DocModels();
  const states = new SessionStates(connection);
  const workspaceFacts = new WorkspaceFactsStore();
  scheduler.facts = () => workspaceFacts.current;
  workspaceFacts.onDidChange(() => scheduler.revalidateAll());
  let locale: Locale = 'en';
  let canRefreshLenses = false;
  let canWatch = false;

  const model = (uri: string) => {
    const doc = documents.get(uri);
    return doc && models.get(doc);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    // LSP 3.16 clients send `locale`; some pass it in initializationOptions instead.
    locale = toLocale(params.locale ?? (params.initializationOptions as { locale?: string } | undefined)?.locale);
    scheduler.locale = locale;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    scheduler.workspaceRoot = root?.startsWith('file:') ? fileURLToPath(root) : undefined;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['{', '.', ':', ' '], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'promptflow-language-server' },
    };
  });

  connection.onInitialized(
    guardedVoid('initialized', log, async () => {
      // After the initialize answer, so the client is not kept waiting; documents opened meanwhile queue behind it.
      setImmediate(() => scheduler.warmUp());
      if (canWatch)
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED.map((globPattern) => ({ globPattern })),
        });
    }),
  );

  documents.onDidOpen(
    guardedVoid('didOpen', log, (e) => {
      const path = uriToPath(e.document.uri);
      openByPath.set(path, e.document.uri);
      scheduler.schedule(e.document.uri);
      scheduler.fileChanged(path, e.document.uri);
    }),
  );
  documents.onDidChangeContent(
    guardedVoid('didChange', log, (e) => {
      scheduler.schedule(e.document.uri);
      scheduler.fileChanged(uriToPath(e.document.uri), e.document.uri);
    }),
  );
  documents.onDidClose(
    guardedVoid('didClose', log, (e) => {
      const path = uriToPath(e.document.uri);
      openByPath.delete(path);
      models.drop(e.document.uri);
      scheduler.closed(e.document.uri);
      // Dependents now read the file from disk again.
      scheduler.fileChanged(path);
    }),
  );
  connection.onDidChangeWatchedFiles(
    guardedVoid('didChangeWatchedFiles', log, (p) => {
      for (const change of p.changes) scheduler.fileChanged(uriToPath(change.uri));
    }),
  );

  connection.onNotification(
    SessionStateChangedNotification,
    guardedVoid('sessionStateChanged', log, async (p: SessionStateChangedParams) => {
      states.invalidate(p?.flowFolders);
      if (canRefreshLenses) await connection.sendRequest(CodeLensRefreshRequest.type);
    }),
  );

  connection.onRequest(
    WorkspaceFactsRequest,
    guarded('workspaceFacts', log, {} as WorkspaceFactsResult, (p: WorkspaceFactsParams) => workspaceFacts.set(p?.facts)),
  );

  connection.onCodeLens(
    guarded('codeLens', log, [], async (p) => {
      const m = model(p.textDocument.uri);
      if (!m) return [];
      if (isRequirementsDoc(m)) return requirementsLenses(m, locale);
      return flowLenses(m, states, locale);
    }),
  );
  connection.onHover(
    guarded('hover', log, null, (p) => {
      const m = model(p.textDocument.uri);
      return m ? hoverAt(m, p.position, locale, workspaceFacts.current) : null;
    }),
  );
  connection.onCompletion(
    guarded('completion', log, [], (p) => {
      const m = model(p.textDocument.uri);
      return m ? completeAt({ model: m, pos: p.position, locale, files, models, facts: workspaceFacts.current }) : [];
    }),
  );
  connection.onDocumentLinks(
    guarded('documentLinks', log, [], (p) => {
      const m = model(p.textDocument.uri);
      return m ? linksOf(m, files) : [];
    }),
  );
  connection.onCodeAction(
    guarded('codeAction', log, [], (p) => {
      const m = model(p.textDocument.uri);
      return m ? actionsFor(m, p.context.diagnostics, locale) : [];
    }),
  );

  documents.listen(connection);
  connection.listen();
}
