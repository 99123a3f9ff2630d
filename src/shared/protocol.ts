// The one typed protocol shared by the extension (language client) and the language server for
// messages beyond LSP. Each message is a typed object here, with its parameters and result; both sides
// send and handle these objects, and no method name is spelled anywhere else.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { SessionState } from '../core/session/types';
import type { WorkspaceFacts } from '../core/flow/workspaceFacts';
import type { WorkspaceRef } from '../core/model';
import type { FlowFolderId } from './flowFolderId';

export type { FlowFolderId } from './flowFolderId';

/** Server → client: the session state of the flow folders whose codelenses are being drawn. */
export interface SessionStateParams {
  flowFolders: FlowFolderId[];
}
export interface FlowSessionStateView {
  flowFolder: FlowFolderId;
  state: SessionState;
  /** Short text for the lens, e.g. "Running · Standard_D4s_v3". */
  detail?: string;
  /** When true, Azure actions are disabled (untrusted workspace or signed out). */
  actionsDisabled?: boolean;
}
export interface SessionStateResult {
  sessions: FlowSessionStateView[];
}
export const SessionStateRequest = new RequestType<SessionStateParams, SessionStateResult | null, void>('promptflow/sessionState');

/** Client → server: session state changed; the server refreshes codelenses. An empty list: every folder. */
export interface SessionStateChangedParams {
  flowFolders: FlowFolderId[];
}
export const SessionStateChangedNotification = new NotificationType<SessionStateChangedParams>('promptflow/sessionStateChanged');

/**
 * Client → server: the workspace data the checks of flow files use, or null when there is none (no
 * workspace chosen, signed out, offline). The server never calls Azure; it keeps what it is sent and
 * answers with what it now holds, which is what the extension shows as the checks' workspace.
 */
export interface WorkspaceFactsParams {
  facts: WorkspaceFacts | null;
}
export interface WorkspaceFactsResult {
  /** Absent when the server holds no workspace data (null was sent, or what was sent was not valid). */
  workspace?: WorkspaceRef;
  fetchedAt?: number;
}
export const WorkspaceFactsRequest = new RequestType<WorkspaceFactsParams, WorkspaceFactsResult, void>('promptflow/workspaceFacts');
