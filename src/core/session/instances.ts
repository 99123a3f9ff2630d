// Instances (S11, S12): there is no API that lists sessions or serverless instances (reference §2),
// so they are gathered from this user's bound sessions and from runs' session ids, grouped by compute.
import { toAzureMlError } from '../azure/errors';
import type { Binding } from './bindings';
import { infoFromDto, type ServiceContext } from './service';
import { runInfoFrom } from './runs';
import type { InstanceInfo, RunInfo, SessionInfo } from './types';

const MAX_RUN_SESSIONS = 20;

export async function collectInstances(ctx: ServiceContext, bindings: Binding[], known: (b: Binding) => SessionInfo | undefined): Promise<InstanceInfo[]> {
  const pfs = await ctx.pfs();
  const oid = await ctx.myObjectId();
  const byName = new Map<string, InstanceInfo>();
  const sessionCompute = new Map<string, string>();
  const instance = (name: string, computeType: InstanceInfo['computeType']): InstanceInfo => {
    let i = byName.get(name);
    if (!i) byName.set(name, (i = { name, computeType, sessions: [], runs: [] }));
    return i;
  };

  for (const b of bindings) {
    const dto = await pfs.getSession(b.sessionId);
    if (!dto) continue;
    const info = { ...infoFromDto(dto, b), operation: known(b)?.operation };
    const name = info.computeName;
    if (!name) continue;
    const type = b.settings.computeType === 'computeInstance' || dto.compute?.properties?.computeType === 'ComputeInstance' ? 'computeInstance' : 'serverless';
    const inst = instance(name, type);
    inst.sessions.push(info);
    inst.vmSize ??= dto.properties?.vmSize;
    const uai = Object.values(dto.compute?.identity?.userAssignedIdentities ?? {})[0];
    inst.identityResourceId ??= uai?.resourceId ?? b.settings.identityResourceId;
    if (info.idleDeadline) inst.idleDeadline = Math.max(inst.idleDeadline ?? 0, info.idleDeadline);
    sessionCompute.set(b.sessionId, name);
  }

  let runs: RunInfo[] = [];
  try {
    const entities = await pfs.queryRuns();
    runs = entities
      .filter((e) => {
        // Only this user's runs: an instance serves exactly one user (S12).
        const by = (e.createdBy ?? (e.properties as { creationContext?: { createdBy?: unknown } } | undefined)?.creationContext?.createdBy) as { userObjectId?: string } | undefined;
        return !oid || !by?.userObjectId || by.userObjectId === oid;
      })
      .map((e) => runInfoFrom(e));
  } catch (e) {
    ctx.log('warn', `Runs could not be listed: ${toAzureMlError(e, 'Listing runs').message}`);
  }
  let lookups = 0;
  for (const r of runs) {
    if (!r.sessionId) continue;
    let name = sessionCompute.get(r.sessionId);
    if (!name && lookups < MAX_RUN_SESSIONS) {
      lookups++;
      const dto = await pfs.getSession(r.sessionId).catch(() => undefined);
      name = dto?.compute?.name ?? dto?.properties?.existingUserComputeInstanceName;
      if (name) {
        sessionCompute.set(r.sessionId, name);
        const inst = instance(name, dto?.compute?.properties?.computeType === 'ComputeInstance' ? 'computeInstance' : 'serverless');
        inst.vmSize ??= dto?.properties?.vmSize;
      }
    }
    if (name) byName.get(name)?.runs.push(r);
  }

  for (const inst of byName.values()) {
    if (inst.computeType !== 'computeInstance') continue;
    try {
      const c = await ctx.arm.getCompute(ctx.ws, inst.name);
      const p = (c.properties as { properties?: { state?: string; vmSize?: string } } | undefined)?.properties;
      inst.state = p?.state;
      inst.vmSize ??= p?.vmSize;
    } catch (e) {
      ctx.log('warn', toAzureMlError(e, `Reading compute ${inst.name}`).message);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
