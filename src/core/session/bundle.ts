// Entry of dist/session.js: everything that talks to Azure, loaded by the extension on first use.
import { ArmClient, DEFAULT_ARM_ENDPOINT } from '../azure/arm';
import { TokenCache, emulatorCredential } from '../azure/credential';
import { redact } from '../azure/errors';
import { HttpSender, type LogFn } from '../azure/http';
import { SessionService, type SessionServiceExtraOptions } from './service';
import type { ConnectionOptions, ISessionService, SessionServiceOptions, SubscriptionOption, WorkspaceOption } from './types';

export * from './types';
export { AzureMlError } from '../azure/errors';
export { emulatorCredential };

export function createSessionService(options: SessionServiceOptions & SessionServiceExtraOptions): ISessionService {
  return new SessionService(options);
}

function armFor(options: ConnectionOptions): ArmClient {
  const armEndpoint = (options.armEndpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/$/, '');
  const log: LogFn = (level, message) => options.log?.(level, redact(message));
  const tokens = new TokenCache(options.credential);
  const trusted = new Set([new URL(armEndpoint).host]);
  const sender = new HttpSender(tokens, options.caPem, trusted, log);
  return new ArmClient({ armEndpoint, tokens, caPem: options.caPem, trustedHosts: trusted, log, sender });
}

export function listSubscriptions(options: ConnectionOptions): Promise<SubscriptionOption[]> {
  return armFor(options).listSubscriptions();
}

export async function listWorkspaces(options: ConnectionOptions, subscriptionId: string): Promise<WorkspaceOption[]> {
  const list = await armFor(options).listWorkspaces(subscriptionId);
  return list.map((w) => ({
    subscriptionId,
    resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(w.id ?? '')?.[1] ?? '',
    workspace: w.name ?? '',
    location: w.location ?? '',
  }));
}
