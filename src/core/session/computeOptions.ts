// What a session can be placed on (S4): serverless VM sizes of the workspace's region with the quota
// left for each, the workspace's user-assigned identities, and the compute instances. Series and quota
// are separate facts: a D-series size with no quota left is eligible but cannot start now.
import { resourceName } from '../model';
import type { ServiceContext } from './context';
import type { ComputeInstanceOption, IdentityOption, VmSizeOption } from './types';
import { isSeriesEligible, vmSizeRank } from './vmSizeRules';

export async function listVmSizes(ctx: ServiceContext): Promise<VmSizeOption[]> {
  const w = await ctx.workspace();
  const location = w.location ?? '';
  const [sizes, usages] = await Promise.all([
    ctx.arm.vmSizes(location, ctx.ws.subscriptionId),
    ctx.arm.usages(location, ctx.ws.subscriptionId),
  ]);
  const free = new Map<string, number>();
  for (const u of usages) {
    const key = (u.name?.value ?? '').toLowerCase();
    if (key) free.set(key, Math.max(0, (u.limit ?? 0) - (u.currentValue ?? 0)));
  }
  return sizes
    .map((s): VmSizeOption => {
      const name = s.name ?? '';
      const vCPUs = s.vCPUs ?? 0;
      const quotaAvailable = free.get((s.family ?? '').toLowerCase()) ?? 0;
      return {
        name,
        family: s.family ?? '',
        vCPUs,
        memoryGB: s.memoryGB ?? 0,
        quotaAvailable,
        seriesEligible: isSeriesEligible(name, vCPUs),
        hasQuota: quotaAvailable >= vCPUs,
      };
    })
    .sort((a, b) => vmSizeRank(a) - vmSizeRank(b) || a.vCPUs - b.vCPUs || a.name.localeCompare(b.name));
}

export async function listIdentities(ctx: ServiceContext): Promise<IdentityOption[]> {
  const w = await ctx.workspace();
  const primary = (w.primaryUserAssignedIdentity ?? '').toLowerCase();
  return Object.entries(w.identity?.userAssignedIdentities ?? {}).map(([resourceId, v]) => ({
    resourceId,
    clientId: v.clientId,
    principalId: v.principalId,
    name: resourceName(resourceId),
    primary: resourceId.toLowerCase() === primary,
  }));
}

interface ComputeInstanceProperties {
  state?: string;
  vmSize?: string;
  personalComputeInstanceSettings?: { assignedUser?: { objectId?: string } };
  createdBy?: { userId?: string };
}

export async function listComputeInstances(ctx: ServiceContext): Promise<ComputeInstanceOption[]> {
  const [computes, oid] = await Promise.all([ctx.arm.listComputes(ctx.ws), ctx.myObjectId()]);
  return computes
    .filter((c) => c.properties?.computeType === 'ComputeInstance')
    .map((c) => {
      const p = (c.properties as { properties?: ComputeInstanceProperties }).properties;
      const owner = p?.personalComputeInstanceSettings?.assignedUser?.objectId ?? p?.createdBy?.userId;
      return { name: c.name ?? '', state: p?.state ?? 'Unknown', vmSize: p?.vmSize, assignedToMe: !!oid && owner === oid };
    });
}
