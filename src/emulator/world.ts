// The shared context every route and worker sees: state, clock, faults, environments, endpoint.
import type { Clock } from './clock';
import type { Faults } from './faults';
import type { Environments } from './environments';
import type { Store, EmulatorState, WorkspaceRecord, UserRecord } from './state';
import { wsKey } from './state';
import { HttpError } from './http';
import { CONTRIBUTOR_ROLE, DATA_SCIENTIST_ROLE, OWNER_ROLE } from './seed';
import type { AzuriteHandle } from './azurite';

/** Simulated service durations in ms at timeScale 1 (short enough for a demo, long enough to watch). */
export const DELAYS = {
  computeProvision: 6000,
  containerStart: 1500,
  computeStartStop: 4000,
  workspaceUpdate: 1000,
  runPreparing: 1500,
  runRunning: 4000,
  deleteSession: 500,
};

export interface World {
  store: Store;
  clock: Clock;
  faults: Faults;
  envs: Environments;
  /** https://127.0.0.1:PORT */
  endpoint: string;
  azurite?: AzuriteHandle;
  /** Set while shutting down: background work stops touching state. */
  stopping: boolean;
}

export const st = (w: World): EmulatorState => w.store.state;

export function findWorkspace(w: World, sub: string, rg: string, ws: string): WorkspaceRecord {
  const key = wsKey(sub, rg, ws);
  const rec = st(w).workspaces.find((x) => wsKey(x.subscriptionId, x.resourceGroup, x.name) === key);
  if (!rec) {
    throw new HttpError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.MachineLearningServices/workspaces/${ws}' under resource group '${rg}' was not found.`,
    );
  }
  return rec;
}

export const workspaceKeyOf = (ws: WorkspaceRecord): string => wsKey(ws.subscriptionId, ws.resourceGroup, ws.name);
export const workspaceArmId = (ws: WorkspaceRecord): string =>
  `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${ws.name}`;

export function userByOid(w: World, oid: string): UserRecord | undefined {
  return st(w).users.find((u) => u.oid === oid);
}

/** Role GUIDs the user holds at `scope` or any scope above it. */
export function rolesAt(w: World, oid: string, scope: string): string[] {
  const s = scope.toLowerCase();
  return st(w)
    .roleAssignments.filter((r) => r.principalId === oid && (s === r.scope.toLowerCase() || s.startsWith(`${r.scope.toLowerCase()}/`)))
    .map((r) => r.roleDefinitionGuid);
}

/** Any role at or above the scope grants read (Reader, Contributor, Owner, AzureML Data Scientist all read). */
export function requireRead(w: World, oid: string, upn: string, scope: string): void {
  if (rolesAt(w, oid, scope).length === 0) throw authorizationFailed(oid, upn, 'read', scope);
}

/** Session and run actions need AzureML Data Scientist, Contributor or Owner (S1). */
export function requireSessionRights(w: World, oid: string, upn: string, ws: WorkspaceRecord): void {
  const roles = rolesAt(w, oid, workspaceArmId(ws));
  if (!roles.some((r) => r === DATA_SCIENTIST_ROLE || r === CONTRIBUTOR_ROLE || r === OWNER_ROLE)) {
    throw authorizationFailed(oid, upn, 'Microsoft.MachineLearningServices/workspaces/computes/write', workspaceArmId(ws));
  }
}

export function requireWrite(w: World, oid: string, upn: string, scope: string, action: string): void {
  const roles = rolesAt(w, oid, scope);
  if (!roles.some((r) => r === CONTRIBUTOR_ROLE || r === OWNER_ROLE)) throw authorizationFailed(oid, upn, action, scope);
}

function authorizationFailed(oid: string, upn: string, action: string, scope: string): HttpError {
  return new HttpError(
    403,
    'AuthorizationFailed',
    `The client '${upn}' with object id '${oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}
