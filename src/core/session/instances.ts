// Instances (S11, S12): there is no API that lists sessions or serverless instances (docs/azure-contract.md §6),
// so they are gathered from this user's bound sessions and from runs' session ids, grouped by compute.
// This one read is what `instances`, the tree and a deletion's impact all show.
import { toAzureMlError } from '../azure/errors';
import type { Binding } from './bindings';
import type { ServiceContext } from './context';
import { infoFromDto } from './sessionState';
import { listMyRuns } from './runs';
import type { InstanceInfo, RunInfo, SessionInfo, SessionState } from './types';

const MAX_RUN_SESSIONS = 20;
/** The session ids the SDK derives: 48 hex characters. */
const SESSION_ID = /^[0-9a-f]{48}$/;
/** Reads in flight at once while gathering instances. */
const READ_CONCURRENCY = 16;

/** `fn` over `items` with at most `limit` calls pending; results in input order; the first error rejects. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function collectInstances(
  ctx: ServiceContext,
  bindings: Binding[],
  known: (b: Binding) => SessionInfo | undefined,
): Promise<InstanceInfo[]> {
  const pfs = await ctx.pfs();
  const byName = new Map<string, InstanceInfo>();
  const sessionCompute = new Map<string, string>();
  const instance = (name: string, computeType: InstanceInfo['computeType']): InstanceInfo => {
    let i = byName.get(name);
    if (!i) byName.set(name, (i = { name, computeType, sessions: [], runs: [] }));
    return i;
  };

  // One GET per bound session, a few at a time: sequential reads made a tree of 1,000 sessions wait for
  // 1,000 round trips, and all at once would be throttled by the service.
  const dtos = await mapLimited(bindings, READ_CONCURRENCY, (b) => pfs.getSession(b.sessionId));
  for (const [i, b] of bindings.entries()) {
    const dto = dtos[i];
    if (!dto) continue;
    const info = { ...infoFromDto(dto, b), operation: known(b)?.operation };
    const name = info.computeName;
    if (!name) continue;
    const type =
      b.settings.computeType === 'computeInstance' || dto.compute?.properties?.computeType === 'ComputeInstance'
        ? 'computeInstance'
        : 'serverless';
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
    runs = await listMyRuns(ctx);
  } catch (e) {
    ctx.log('warn', `Runs could not be listed: ${toAzureMlError(e, 'Listing runs').message}`);
  }
  // Sessions that only runs name (started by the CLI or another window): looked up once each, bounded.
  // A run's `session_id` is not always a session: runs on named runtimes and older runs may hold a flow's
  // name or GUID there (docs/azure-contract.md §8), so only the SDK's 48-hex ids are looked up.
  const unknown = [
    ...new Set(runs.map((r) => r.sessionId).filter((id): id is string => !!id && SESSION_ID.test(id) && !sessionCompute.has(id))),
  ].slice(0, MAX_RUN_SESSIONS);
  const runDtos = await mapLimited(unknown, READ_CONCURRENCY, (id) => pfs.getSession(id).catch(() => undefined));
  for (const [i, id] of unknown.entries()) {
    const dto = runDtos[i];
    const name = dto?.compute?.name ?? dto?.properties?.existingUserComputeInstanceName;
    if (!dto || !name) continue;
    sessionCompute.set(id, name);
    const inst = instance(name, dto.compute?.properties?.computeType === 'ComputeInstance' ? 'computeInstance' : 'serverless');
    inst.vmSize ??= dto.properties?.vmSize;
    // Counted with the instance's sessions, so the listing, the tree and a deletion's impact (which
    // is made from this listing) name the same sessions.
    const run = runs.find((r) => r.sessionId === id);
    const info = infoFromDto(dto, {
      sessionId: id,
      flowFolder: '',
      flowName: run?.flowName ?? run?.displayName ?? id,
      settings: { computeType: inst.computeType },
    });
    delete info.flowFolder;
    inst.sessions.push(info);
    if (info.idleDeadline) inst.idleDeadline = Math.max(inst.idleDeadline ?? 0, info.idleDeadline);
  }
  for (const r of runs) {
    const name = r.sessionId && sessionCompute.get(r.sessionId);
    if (name) byName.get(name)?.runs.push(r);
  }

  const computeInstances = [...byName.values()].filter((i) => i.computeType === 'computeInstance');
  await mapLimited(computeInstances, READ_CONCURRENCY, async (inst) => {
    try {
      const c = await ctx.arm.getCompute(ctx.ws, inst.name);
      const p = (c.properties as { properties?: { state?: string; vmSize?: string } } | undefined)?.properties;
      inst.state = p?.state;
      inst.vmSize ??= p?.vmSize;
    } catch (e) {
      ctx.log('warn', toAzureMlError(e, `Reading compute ${inst.name}`).message);
    }
  });
  for (const inst of byName.values()) if (inst.computeType === 'serverless') inst.sessionsState = serverlessState(inst.sessions);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The state a serverless instance shows: its liveliest session's, since the compute lives as long as they do. */
const LIVELIEST: SessionState[] = [
  'running',
  'installing',
  'resetting',
  'updating',
  'starting',
  'stopping',
  'failed',
  'unknown',
  'notStarted',
];

function serverlessState(sessions: SessionInfo[]): SessionState | undefined {
  return LIVELIEST.find((state) => sessions.some((s) => s.state === state));
}
