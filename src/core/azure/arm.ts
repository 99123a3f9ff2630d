// ARM calls: workspaces, computes, datastores, VM sizes and usages through @azure/arm-machinelearning;
// role assignments and subscriptions (which that SDK does not cover) through our own pipeline.
import { AzureMachineLearningWorkspaces, type ComputeResource, type Datastore, type Workspace } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelineRequest, PipelineResponse, SendRequest } from '@azure/core-rest-pipeline';
import { msg } from '../i18n';
import type { WorkspaceRef } from '../model';
import { ARM_SCOPE, TokenCache } from './credential';
import { toAzureMlError, type Operation } from './errors';
import { HttpSender, trustPolicy, type LogFn } from './http';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

/** The token scope for an ARM endpoint: sovereign clouds use their own; a loopback stand-in uses the public one. */
export function armScope(armEndpoint: string): string {
  const host = new URL(armEndpoint).hostname;
  if (host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]') return ARM_SCOPE;
  return `${armEndpoint.replace(/\/$/, '')}/.default`;
}

export interface ArmContext {
  armEndpoint: string;
  tokens: TokenCache;
  caPem?: string;
  trustedHosts: Set<string>;
  log: LogFn;
  sender: HttpSender;
}

/** Counts requests made by the SDK client too (benchmarks). */
function countingPolicy(counter: { requestCount: number }) {
  return {
    name: 'countRequests',
    sendRequest(req: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      counter.requestCount++;
      return next(req);
    },
  };
}

export class ArmClient {
  private readonly clients = new Map<string, AzureMachineLearningWorkspaces>();
  constructor(private readonly ctx: ArmContext) {}

  private credential(): TokenCredential {
    const tokens = this.ctx.tokens;
    // The SDK asks per request; the cache answers from memory until 5 min before expiry.
    return {
      async getToken(_scopes, options) {
        const token = await tokens.get(ARM_SCOPE, options?.abortSignal as AbortSignal | undefined);
        // A short expiry makes the SDK's own bearer policy ask again on every request, so a token
        // dropped from our cache after a 401 is never reused from the SDK's cache.
        return { token, expiresOnTimestamp: Date.now() + 1000 };
      },
    };
  }

  sdk(subscriptionId: string): AzureMachineLearningWorkspaces {
    let c = this.clients.get(subscriptionId);
    if (!c) {
      c = new AzureMachineLearningWorkspaces(this.credential(), subscriptionId, {
        endpoint: this.ctx.armEndpoint,
        credentialScopes: [armScope(this.ctx.armEndpoint)],
        additionalPolicies: [
          { policy: trustPolicy(this.ctx.caPem, () => this.ctx.trustedHosts), position: 'perCall' },
          { policy: countingPolicy(this.ctx.sender), position: 'perRetry' },
        ],
      });
      this.clients.set(subscriptionId, c);
    }
    return c;
  }

  /** Runs an SDK call; a 401 (token revoked or expired early) refreshes the token and retries once. */
  async call<T>(operation: Operation, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 401) {
        this.ctx.tokens.invalidate();
        try {
          return await fn();
        } catch (e2) {
          throw toAzureMlError(e2, operation, this.ctx.sender.locale);
        }
      }
      throw toAzureMlError(e, operation, this.ctx.sender.locale);
    }
  }

  private url(path: string, apiVersion: string, query = ''): string {
    return `${this.ctx.armEndpoint.replace(/\/$/, '')}${path}?api-version=${apiVersion}${query}`;
  }

  getWorkspace(ws: WorkspaceRef): Promise<Workspace> {
    return this.call(msg('azure.op.readWorkspace', { workspace: ws.workspace }), () =>
      this.sdk(ws.subscriptionId).workspaces.get(ws.resourceGroup, ws.workspace),
    );
  }

  async listWorkspaces(subscriptionId: string): Promise<Workspace[]> {
    return this.call(msg('azure.op.listWorkspaces'), async () => {
      const out: Workspace[] = [];
      for await (const w of this.sdk(subscriptionId).workspaces.listBySubscription()) out.push(w);
      return out;
    });
  }

  async listSubscriptions(): Promise<{ subscriptionId: string; displayName: string }[]> {
    const out: { subscriptionId: string; displayName: string }[] = [];
    let next: string | undefined = this.url('/subscriptions', '2022-12-01');
    for (let page = 0; next && page < 50; page++) {
      const res: { body: { value?: { subscriptionId: string; displayName: string }[]; nextLink?: string } } = await this.ctx.sender.send({
        method: 'GET',
        url: next,
        operation: msg('azure.op.listSubscriptions'),
      });
      for (const s of res.body.value ?? []) out.push({ subscriptionId: s.subscriptionId, displayName: s.displayName });
      next = res.body.nextLink;
    }
    return out;
  }

  async listComputes(ws: WorkspaceRef): Promise<ComputeResource[]> {
    return this.call(msg('azure.op.listComputes'), async () => {
      const out: ComputeResource[] = [];
      for await (const c of this.sdk(ws.subscriptionId).computeOperations.list(ws.resourceGroup, ws.workspace)) out.push(c);
      return out;
    });
  }

  getCompute(ws: WorkspaceRef, name: string): Promise<ComputeResource> {
    return this.call(msg('azure.op.readCompute', { name }), () =>
      this.sdk(ws.subscriptionId).computeOperations.get(ws.resourceGroup, ws.workspace, name),
    );
  }

  startCompute(ws: WorkspaceRef, name: string, abortSignal?: AbortSignal): Promise<void> {
    return this.call(msg('azure.op.startComputeInstance', { name }), () =>
      this.sdk(ws.subscriptionId).computeOperations.beginStartAndWait(ws.resourceGroup, ws.workspace, name, {
        abortSignal,
        updateIntervalInMs: 5000,
      }),
    );
  }

  stopCompute(ws: WorkspaceRef, name: string, abortSignal?: AbortSignal): Promise<void> {
    return this.call(msg('azure.op.stopComputeInstance', { name }), () =>
      this.sdk(ws.subscriptionId).computeOperations.beginStopAndWait(ws.resourceGroup, ws.workspace, name, {
        abortSignal,
        updateIntervalInMs: 5000,
      }),
    );
  }

  /**
   * Deletes a compute (a serverless instance, or a compute instance and its disk) and waits until ARM
   * says it is done (docs/azure-contract.md §22).
   */
  deleteCompute(ws: WorkspaceRef, name: string, abortSignal?: AbortSignal): Promise<void> {
    return this.call(msg('azure.op.deleteCompute', { name }), () =>
      this.sdk(ws.subscriptionId).computeOperations.beginDeleteAndWait(ws.resourceGroup, ws.workspace, name, 'Delete', {
        abortSignal,
        updateIntervalInMs: 2000,
      }),
    );
  }

  /** Any ARM resource by its id (a key vault, a user-assigned identity: docs/azure-contract.md §33). */
  async getResource<T = Record<string, unknown>>(resourceId: string, apiVersion: string, operation: Operation): Promise<T> {
    const res = await this.ctx.sender.send<T>({ method: 'GET', url: this.url(resourceId, apiVersion), operation });
    return res.body;
  }

  async defaultDatastore(ws: WorkspaceRef): Promise<Datastore | undefined> {
    return this.call(msg('azure.op.findDefaultDatastore'), async () => {
      // The same query the Azure ML SDK makes to find the default store.
      for await (const d of this.sdk(ws.subscriptionId).datastores.list(ws.resourceGroup, ws.workspace, {
        count: 30,
        isDefault: true,
        orderByAsc: false,
      })) {
        if (d.properties?.isDefault) return d;
      }
      return undefined;
    });
  }

  getDatastore(ws: WorkspaceRef, name: string): Promise<Datastore> {
    return this.call(msg('azure.op.readDatastore', { name }), () =>
      this.sdk(ws.subscriptionId).datastores.get(ws.resourceGroup, ws.workspace, name),
    );
  }

  datastoreSecrets(ws: WorkspaceRef, name: string): Promise<{ secretsType?: string; key?: string; sasToken?: string }> {
    return this.call(msg('azure.op.readDatastoreCredentials', { name }), async () => {
      const s = await this.sdk(ws.subscriptionId).datastores.listSecrets(ws.resourceGroup, ws.workspace, name);
      return s as { secretsType?: string; key?: string; sasToken?: string };
    });
  }

  vmSizes(location: string, subscriptionId: string) {
    return this.call(
      msg('azure.op.listVmSizes'),
      async () => (await this.sdk(subscriptionId).virtualMachineSizes.list(location)).value ?? [],
    );
  }

  usages(location: string, subscriptionId: string) {
    return this.call(msg('azure.op.readQuota'), async () => {
      const out = [];
      for await (const u of this.sdk(subscriptionId).usages.list(location)) out.push(u);
      return out;
    });
  }

  updateWorkspaceIdentity(
    ws: WorkspaceRef,
    identity: { type: string; userAssignedIdentities: Record<string, object> },
    primary?: string,
    abortSignal?: AbortSignal,
  ): Promise<Workspace> {
    return this.call(msg('azure.op.attachIdentity'), () =>
      this.sdk(ws.subscriptionId).workspaces.beginUpdateAndWait(
        ws.resourceGroup,
        ws.workspace,
        { identity: identity as Workspace['identity'], primaryUserAssignedIdentity: primary },
        { abortSignal, updateIntervalInMs: 2000 },
      ),
    );
  }

  /** Role assignments of a principal at a scope, including groups it belongs to. */
  async roleAssignments(
    scope: string,
    principalId: string,
    operation: Operation = msg('azure.op.readRoles'),
  ): Promise<{ roleDefinitionId: string; scope?: string }[]> {
    const filter = encodeURIComponent(`assignedTo('${principalId}')`);
    const out: { roleDefinitionId: string; scope?: string }[] = [];
    let next: string | undefined = this.url(
      `${scope}/providers/Microsoft.Authorization/roleAssignments`,
      '2022-04-01',
      `&$filter=${filter}`,
    );
    for (let page = 0; next && page < 50; page++) {
      const res: { body: { value?: { properties?: { roleDefinitionId?: string; scope?: string } }[]; nextLink?: string } } =
        await this.ctx.sender.send({
          method: 'GET',
          url: next,
          operation,
        });
      for (const a of res.body.value ?? [])
        if (a.properties?.roleDefinitionId) out.push({ roleDefinitionId: a.properties.roleDefinitionId, scope: a.properties.scope });
      next = res.body.nextLink;
    }
    return out;
  }
}
