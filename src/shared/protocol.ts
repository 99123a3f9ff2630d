// The one typed protocol shared by the extension (language client) and the language server for
// messages beyond LSP. Both sides import these names; nothing else defines custom methods.
import type { SessionState } from '../core/session/types';
import type { WorkspaceFacts } from '../core/flow/workspaceFacts';
import type { WorkspaceRef } from '../core/model';

/** Server → client: the session state of the flow folders whose codelenses are being drawn. */
export const SessionStateRequest = 'promptflow/sessionState';
export interface SessionStateParams {
  /** file URIs of flow folders (no trailing slash). */
  flowFolders: string[];
}
export interface FlowSessionStateView {
  flowFolder: string;
  state: SessionState;
  /** Short text for the lens, e.g. "Running · Standard_D4s_v3". */
  detail?: string;
  /** When true, Azure actions are disabled (untrusted workspace or signed out). */
  actionsDisabled?: boolean;
}
export interface SessionStateResult {
  sessions: FlowSessionStateView[];
}

/** Client → server: session state changed; the server refreshes codelenses. */
export const SessionStateChangedNotification = 'promptflow/sessionStateChanged';
export interface SessionStateChangedParams {
  flowFolders: string[];
}

/**
 * Client → server: the workspace data the checks of flow files use, or null when there is none (no
 * workspace chosen, signed out, offline). The server never calls Azure; it keeps what it is sent and
 * answers with what it now holds, which is what the extension shows as the checks' workspace.
 */
export const WorkspaceFactsRequest = 'promptflow/workspaceFacts';
export interface WorkspaceFactsParams {
  facts: WorkspaceFacts | null;
}
export interface WorkspaceFactsResult {
  /** Absent when the server holds no workspace data (null was sent, or what was sent was not valid). */
  workspace?: WorkspaceRef;
  fetchedAt?: number;
}
