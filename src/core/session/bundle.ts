// Entry of dist/session.js: everything that talks to Azure, loaded by the extension on first use.
import { emulatorCredential } from '../azure/credential';
import { createArm } from './context';
import { SessionService, type SessionServiceExtraOptions } from './service';
import type { ConnectionOptions, ISessionService, SessionServiceOptions, SubscriptionOption, WorkspaceOption } from './types';

export * from './types';
export { AzureMlError } from '../azure/errors';
export { emulatorCredential };

export function createSessionService(options: SessionServiceOptions & SessionServiceExtraOptions): ISessionService {
  return new SessionService(options);
}

export function listSubscriptions(options: ConnectionOptions): Promise<SubscriptionOption[]> {
  return createArm(options).arm.listSubscriptions();
}

export async function listWorkspaces(options: ConnectionOptions, subscriptionId: string): Promise<WorkspaceOption[]> {
  const list = await createArm(options).arm.listWorkspaces(subscriptionId);
  return list.map((w) => ({
    subscriptionId,
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(w.id ?? '')?.[1] ?? '',
    workspace: w.name ?? '',
    location: w.location ?? '',
  }));
}
