// Deleting an instance (S11) and what becomes of a compute after a stop (S7), both read back from the
// service before they are reported. There is no API that lists a compute's sessions (docs/azure-contract.md
// §6), so the sessions on an instance are the ones bound here and the ones runs name; the compute itself
// is read through ARM (§22), which says when it is gone or going.
import { randomUUID } from 'node:crypto';
import { AzureMlError, toAzureMlError } from '../azure/errors';
import { watchOperation } from '../azure/lro';
import { msg } from '../i18n';
import type { Binding } from './bindings';
import type { ServiceContext } from './context';
import { mapLimited } from './instances';
import { instanceText } from './operationText';
import type { ComputeFate, InstanceDeletion, InstanceImpact, InstanceInfo } from './types';

const TERMINAL = new Set(['Completed', 'Failed', 'Canceled']);

/**
 * What deleting the instance affects, from the listing's own read (instances.ts): every session on it
 * (bound here or named by a run) and its runs that have not finished.
 */
export function impactOf(inst: InstanceInfo): InstanceImpact {
  return {
    instance: inst.name,
    computeType: inst.computeType,
    sessions: inst.sessions,
    runs: inst.runs.filter((r) => !TERMINAL.has(r.status)),
  };
}

/** Deletes a session (DELETE FlowSessions/{id}) and waits for the service to finish. */
export async function deleteSession(ctx: ServiceContext, sessionId: string, operation: string, signal?: AbortSignal): Promise<void> {
  const pfs = await ctx.pfs();
  const requestId = randomUUID();
  const r = await pfs.deleteSession(sessionId, requestId, signal);
  if (r.status === 202 && r.asyncUrl)
    await watchOperation(pfs, r.asyncUrl, operation, requestId, signal, ctx.pollPolicy, { log: ctx.log, locale: ctx.locale });
}

/**
 * What the service says of a compute now: gone (404) or deleting is "deleted"; anything else "kept".
 * A 404 is checked against the sessions bound here too, for a service that does not list its
 * serverless computes through ARM: one of them still on it means the compute is kept.
 */
export async function computeFate(
  ctx: ServiceContext,
  name: string,
  others: readonly Binding[],
  signal?: AbortSignal,
): Promise<ComputeFate> {
  try {
    const c = await ctx.arm.getCompute(ctx.ws, name);
    return c.properties?.provisioningState === 'Deleting' ? 'deleting' : 'kept';
  } catch (e) {
    if (toAzureMlError(e, msg('azure.op.readCompute', { name })).kind !== 'notFound') {
      ctx.log('warn', `what became of compute ${name} could not be read: ${(e as Error).message}`);
      return 'unknown';
    }
  }
  const pfs = await ctx.pfs();
  const candidates = others.filter((b) => b.computeName === name);
  const dtos = await mapLimited(candidates, 16, (b) => pfs.getSession(b.sessionId, signal).catch(() => undefined));
  return dtos.some((d) => d && (d.compute?.name ?? d.properties?.existingUserComputeInstanceName) === name) ? 'kept' : 'deleted';
}

/**
 * Deletes what the user chose (S11): a serverless instance is deleted itself, and its sessions go with it
 * (where its compute cannot be deleted, every session on it is deleted, which removes it, S7); of a
 * compute instance, its sessions, or the instance. Then reads back which sessions and whether the compute
 * are gone.
 */
export async function deleteInstanceAndConfirm(
  ctx: ServiceContext,
  impact: InstanceImpact,
  what: 'compute' | 'sessions',
  bindings: readonly Binding[],
  signal?: AbortSignal,
): Promise<InstanceDeletion> {
  const t = instanceText(ctx.locale);
  const ids = impact.sessions.map((s) => s.sessionId);
  let deleted: 'compute' | 'sessions' = what;
  if (what === 'compute') {
    try {
      await ctx.arm.deleteCompute(ctx.ws, impact.instance, signal);
    } catch (e) {
      const err = toAzureMlError(e, t.deletingCompute(impact.instance), ctx.locale);
      // A serverless instance ARM does not expose (or may not be deleted by this user) goes when its last
      // session does.
      if (impact.computeType !== 'serverless' || !['notFound', 'permission'].includes(err.kind)) throw err;
      ctx.log('info', `compute ${impact.instance} could not be deleted through ARM (${err.kind}); deleting its sessions instead`);
      deleted = 'sessions';
    }
  }
  if (deleted === 'sessions') {
    for (const id of ids) {
      try {
        await deleteSession(ctx, id, t.deletingSession(id), signal);
      } catch (e) {
        if (toAzureMlError(e, t.deletingSession(id)).kind !== 'notFound') throw e;
      }
    }
  }
  // Read back: which sessions the service still has, and the compute.
  const pfs = await ctx.pfs();
  const after = await mapLimited(ids, 16, (id) => pfs.getSession(id, signal));
  const sessionsGone = ids.filter((_, i) => !after[i]);
  const sessionsRemaining = ids.filter((_, i) => !!after[i]);
  const compute =
    impact.computeType === 'computeInstance' && deleted === 'sessions'
      ? 'kept'
      : await computeFate(
          ctx,
          impact.instance,
          bindings.filter((b) => !ids.includes(b.sessionId)),
          signal,
        );
  if (deleted === 'compute' && compute === 'kept')
    throw new AzureMlError(
      { kind: 'unknown', message: t.computeStillThere(impact.instance), fix: t.computeStillThereFix },
      undefined,
      true,
    );
  return { ...impact, deleted, sessionsGone, sessionsRemaining, compute };
}
