// The model types every core layer shares (flow, validation, azure, session) and every front end
// reads: which workspace, what a session's settings are, and how a failure is described. A leaf:
// it imports nothing, so any layer may import it without creating a cycle.

/** Where a session runs (S4). */
export type ComputeType = 'serverless' | 'computeInstance';

/** Which Azure ML workspace the service works against. */
export interface WorkspaceRef {
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
}

/** The settings of a session (S4). Absent fields mean "the service default". */
export interface SessionSettings {
  computeType: ComputeType;
  /** Serverless only, e.g. `Standard_D4s_v3`. */
  vmSize?: string;
  /** Serverless: idle time before the session is deleted. Compute instance: the idle shutdown time. */
  idleMinutes?: number;
  /** Serverless only: ARM resource id of a user-assigned identity; absent = the user's identity. */
  identityResourceId?: string;
  /** Compute instance only: its name. */
  computeInstanceName?: string;
}

/** The error taxonomy every failure is mapped to (one error type, `AzureMlError`, carries it). */
export type ErrorKind =
  | 'quota'
  | 'capacity'
  | 'permission'
  | 'auth'
  | 'storage'
  | 'image'
  | 'packageConflict'
  | 'identity'
  | 'network'
  | 'throttled'
  | 'transient'
  | 'notFound'
  | 'conflict'
  | 'validation'
  | 'timeout'
  | 'cancelled'
  /** Prompt flow is retired: the service is read-only and refuses to create anything (core/retirement.ts). */
  | 'retired'
  | 'unknown';

/** Serializable view of an error: what happened, why, what to do, and who can do it. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  /** What the user should do next, e.g. "Ask an Owner of the workspace to assign …". */
  fix?: string;
  /** Who can do it when it is not the user: "workspace Owner", "subscription admin", … */
  who?: string;
  requestId?: string;
  statusCode?: number;
  /** The service's own error code, most specific one found. */
  code?: string;
  /** Raw details for the log (never containing a token). */
  details?: string;
}

/** A token source, structurally the same as @azure/core-auth's TokenCredential. */
export interface CredentialLike {
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal },
  ): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** The name of an Azure resource: the last segment of its ARM resource id (a name passes through). */
export function resourceName(resourceId: string): string {
  return resourceId.split('/').filter(Boolean).pop() ?? resourceId;
}

/** The ARM resource id of a user-assigned managed identity. */
export const USER_ASSIGNED_IDENTITY_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;

/** The outcome of one check in a report (prerequisites, a parity check). */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'unknown';

/** The mark of a check's outcome in a report: text characters any font draws, never emoji. */
export const REPORT_MARKS: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', unknown: '?' };
