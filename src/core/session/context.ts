// Client wiring for one workspace: one token cache, one HTTP pipeline, the ARM client and (found
// through the workspace's discoveryUrl) the prompt flow service client. Every session module reaches
// Azure through the ServiceContext made here; nothing else builds clients.
import type { Workspace } from '@azure/arm-machinelearning';
import { ArmClient, DEFAULT_ARM_ENDPOINT } from '../azure/arm';
import { ARM_SCOPE, TokenCache, jwtClaims } from '../azure/credential';
import { AzureMlError } from '../azure/errors';
import { HttpSender, type LogFn } from '../azure/http';
import { DEFAULT_POLL_POLICY, type PollPolicy } from '../azure/lro';
import { PfsClient, pfsHostFromDiscoveryUrl } from '../azure/pfs';
import { t, toLocale, type Locale } from '../i18n';
import type { WorkspaceRef } from '../model';
import { redact } from '../redact';
import type { ConnectionOptions } from './types';

/** Everything the session modules need to talk to Azure for one workspace. */
export interface ServiceContext {
  ws: WorkspaceRef;
  /** The ARM endpoint the clients call (no trailing slash). */
  armEndpoint: string;
  arm: ArmClient;
  tokens: TokenCache;
  sender: HttpSender;
  log: LogFn;
  pfs(): Promise<PfsClient>;
  workspace(): Promise<Workspace>;
  /** Forget the cached workspace (after it was changed, e.g. an identity attached). */
  forgetWorkspace(): void;
  myObjectId(): Promise<string | undefined>;
  pollPolicy: PollPolicy;
  /** Language of every text the service writes (messages, fixes, phases), chosen by the front end. */
  locale: Locale;
}

/** The ARM side alone (subscriptions and workspaces are listed before any workspace is chosen). */
export function createArm(options: ConnectionOptions): {
  armEndpoint: string;
  arm: ArmClient;
  tokens: TokenCache;
  sender: HttpSender;
  log: LogFn;
  trusted: Set<string>;
} {
  const armEndpoint = (options.armEndpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/$/, '');
  const log: LogFn = (level, message) => options.log?.(level, redact(message));
  const tokens = new TokenCache(options.credential);
  // The emulator's certificate is trusted for the ARM host and, once found, the discovery host only.
  const trusted = new Set<string>([new URL(armEndpoint).host]);
  const sender = new HttpSender(tokens, options.caPem, trusted, log);
  const arm = new ArmClient({ armEndpoint, tokens, caPem: options.caPem, trustedHosts: trusted, log, sender });
  return { armEndpoint, arm, tokens, sender, log, trusted };
}

export function createServiceContext(
  options: ConnectionOptions & { workspace: WorkspaceRef; locale?: string; pollPolicy?: PollPolicy },
): ServiceContext {
  const { armEndpoint, arm, tokens, sender, log, trusted } = createArm(options);
  // Errors raised below the service speak its language too (their framing is redone per operation).
  const locale = toLocale(options.locale);
  sender.locale = locale;
  tokens.locale = locale;
  const ws = options.workspace;
  let workspace: Promise<Workspace> | undefined;
  let pfsClient: Promise<PfsClient> | undefined;
  const ctx: ServiceContext = {
    ws,
    armEndpoint,
    arm,
    tokens,
    sender,
    log,
    pollPolicy: options.pollPolicy ?? DEFAULT_POLL_POLICY,
    locale,
    workspace: () => {
      // One read shared by every caller; a failed read is not kept, so the next caller asks again.
      workspace ??= arm.getWorkspace(ws).catch((e: unknown) => {
        workspace = undefined;
        throw e;
      });
      return workspace;
    },
    forgetWorkspace: () => {
      workspace = undefined;
    },
    pfs: () => {
      pfsClient ??= ctx
        .workspace()
        .then((w) => {
          const discovery = w.discoveryUrl;
          if (!discovery) {
            throw new AzureMlError({ kind: 'validation', message: t(locale, 'azure.noDiscoveryUrl', { workspace: ws.workspace }) });
          }
          const host = pfsHostFromDiscoveryUrl(discovery);
          if (options.caPem) trusted.add(new URL(host).host);
          return new PfsClient(sender, host, ws);
        })
        .catch((e: unknown) => {
          pfsClient = undefined;
          throw e;
        });
      return pfsClient;
    },
    myObjectId: async () => {
      const c = jwtClaims(await tokens.get(ARM_SCOPE));
      return typeof c.oid === 'string' ? c.oid : undefined;
    },
  };
  return ctx;
}
