// Entry of dist/client.js: vscode-languageclient, kept out of dist/extension.js so that activation
// loads a small bundle; the language client is required after activate() has returned.
export { LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
// The custom messages are objects of the protocol library, so they travel in this bundle too.
export { SessionStateChangedNotification, SessionStateRequest, WorkspaceFactsRequest } from '../../shared/protocol';
