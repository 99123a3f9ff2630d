// Preflight (S1, S2, S4) and workspace identities (S4).
import { AzureMlError, reframe, toAzureMlError } from '../azure/errors';
import { failedText, fixFor, withRequestId } from '../azure/messages';
import type { Locale } from '../i18n';
import { resourceName, USER_ASSIGNED_IDENTITY_ID, type ErrorKind, type SessionSettings } from '../model';
import { listVmSizes } from './computeOptions';
import { identityChecks } from './identityChecks';
import { preflightText, type PreflightText } from './preflightText';
import type { ServiceContext } from './context';
import type { PreflightCheck, PreflightReport, VmSizeOption } from './types';

export const DATA_SCIENTIST_ROLE = 'f6c7c914-8db3-469d-8ca1-694a8f32e121';
// Owner and Contributor hold `*` actions, so they also suffice.
const SUFFICIENT_ROLES = new Set([DATA_SCIENTIST_ROLE, '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'b24988ac-6180-42a0-ab88-20f7382dd24c']);

function wsScope(ctx: ServiceContext): string {
  const w = ctx.ws;
  return `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${w.workspace}`;
}

/**
 * A check that could not be made: the failure as its cause. Lower layers framed the error in the
 * process's language with their own operation name, so it is reframed here in the service's language.
 */
function cannotCheck(ctx: ServiceContext, id: PreflightCheck['id'], title: string, operation: string, e: unknown): PreflightCheck {
  const err = toAzureMlError(e, operation, ctx.locale);
  const fix = fixFor(err.kind, ctx.locale, err.info.code);
  return {
    id,
    status: 'unknown',
    title,
    cause: failedText(operation, err.detail ?? err.message, err.info.requestId, ctx.locale),
    fix: fix.fix,
    who: fix.who,
  };
}

async function roleCheck(ctx: ServiceContext, t: PreflightText): Promise<PreflightCheck> {
  const title = t.roleTitle;
  const oid = await ctx.myObjectId();
  if (!oid) return { id: 'role', status: 'unknown', title, cause: t.roleNoOid };
  try {
    const list = await ctx.arm.roleAssignments(wsScope(ctx), oid);
    const has = list.some((a) => SUFFICIENT_ROLES.has(resourceName(a.roleDefinitionId).toLowerCase()));
    if (has) return { id: 'role', status: 'pass', title };
    return { id: 'role', status: 'fail', title, cause: t.roleMissing, fix: t.roleMissingFix, who: t.workspaceOwner };
  } catch (e) {
    if (toAzureMlError(e, t.readingRoles).kind === 'permission') {
      return { id: 'role', status: 'unknown', title, cause: t.roleCannotTell, fix: t.roleCannotTellFix, who: t.workspaceOwner };
    }
    return cannotCheck(ctx, 'role', title, t.readingRoles, e);
  }
}

async function datastoreChecks(ctx: ServiceContext, t: PreflightText): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  const dsTitle = t.datastoreTitle;
  try {
    const d = await ctx.arm.defaultDatastore(ctx.ws);
    const type = d?.properties?.datastoreType;
    if (!d)
      out.push({
        id: 'datastoreType',
        status: 'fail',
        title: dsTitle,
        cause: t.datastoreNone,
        fix: t.datastoreNoneFix,
        who: t.workspaceOwner,
      });
    else if (type === 'AzureBlob') out.push({ id: 'datastoreType', status: 'pass', title: dsTitle });
    else
      out.push({
        id: 'datastoreType',
        status: 'fail',
        title: dsTitle,
        cause: t.datastoreWrongType(d.name ?? '', String(type)),
        fix: t.datastoreWrongTypeFix,
        who: t.workspaceOwner,
      });
  } catch (e) {
    out.push(cannotCheck(ctx, 'datastoreType', dsTitle, t.readingDatastore, e));
  }
  const wdTitle = t.workingDirTitle;
  try {
    await ctx.arm.getDatastore(ctx.ws, 'workspaceworkingdirectory');
    out.push({ id: 'workingDirectory', status: 'pass', title: wdTitle });
  } catch (e) {
    if (toAzureMlError(e, t.readingWorkingDir).kind === 'notFound') {
      out.push({
        id: 'workingDirectory',
        status: 'fail',
        title: wdTitle,
        cause: t.workingDirMissing,
        fix: t.workingDirMissingFix,
        who: t.workspaceOwner,
      });
    } else {
      out.push(cannotCheck(ctx, 'workingDirectory', wdTitle, t.readingWorkingDir, e));
    }
  }
  return out;
}

async function networkCheck(ctx: ServiceContext, t: PreflightText): Promise<PreflightCheck> {
  const title = t.networkTitle;
  try {
    const w = await ctx.workspace();
    const isolated = w.publicNetworkAccess === 'Disabled' || (w.privateEndpointConnections?.length ?? 0) > 0;
    if (!isolated) return { id: 'networkIsolation', status: 'pass', title };
    return { id: 'networkIsolation', status: 'warn', title, cause: t.networkIsolated, fix: t.networkIsolatedFix, who: t.networkAdmin };
  } catch (e) {
    return cannotCheck(ctx, 'networkIsolation', title, t.readingWorkspace, e);
  }
}

export interface PreflightTarget {
  flowFolder?: string;
  /** Session settings to check beside the workspace (S4); absent = the workspace alone. */
  settings?: SessionSettings;
}

/** S1, S2 for the workspace, and the checks of the session settings (S4) when they are given. */
export async function runPreflight(ctx: ServiceContext, target: PreflightTarget = {}): Promise<PreflightReport> {
  const t = preflightText(ctx.locale);
  const [ws, settings] = await Promise.all([workspaceChecks(ctx, t), target.settings ? settingsChecks(ctx, target.settings) : []]);
  return report(ctx, [...ws, ...settings], target);
}

export function report(ctx: ServiceContext, checks: PreflightCheck[], target: PreflightTarget = {}): PreflightReport {
  // "Cannot tell" is not "pass": only checks that pass or merely warn make the report ok.
  const ok = checks.every((c) => c.status === 'pass' || c.status === 'warn');
  return {
    workspace: ctx.ws,
    ok,
    checks,
    ...(target.flowFolder ? { flowFolder: target.flowFolder } : {}),
    ...(target.settings ? { settings: target.settings } : {}),
  };
}

export async function workspaceChecks(ctx: ServiceContext, t = preflightText(ctx.locale)): Promise<PreflightCheck[]> {
  const [role, ds, net] = await Promise.all([roleCheck(ctx, t), datastoreChecks(ctx, t), networkCheck(ctx, t)]);
  return [role, ...ds, net];
}

/** The checks of what a start with these settings needs (S4): VM size and quota, compute instance, identity. */
export async function settingsChecks(ctx: ServiceContext, settings: SessionSettings): Promise<PreflightCheck[]> {
  const t = preflightText(ctx.locale);
  const cannot = (id: PreflightCheck['id'], title: string, operation: string, e: unknown) => cannotCheck(ctx, id, title, operation, e);
  if (settings.computeType === 'computeInstance') {
    return settings.computeInstanceName ? [await computeInstanceCheck(ctx, settings.computeInstanceName, t)] : [];
  }
  const out: PreflightCheck[] = [];
  if (settings.vmSize) out.push(...(await vmSizeChecks(ctx, settings.vmSize, t)));
  if (settings.identityResourceId) out.push(...(await identityChecks(ctx, settings.identityResourceId, t, cannot)));
  return out;
}

async function vmSizeChecks(ctx: ServiceContext, size: string, t: PreflightText): Promise<PreflightCheck[]> {
  const title = t.vmSizeTitle(size);
  let sizes: VmSizeOption[];
  try {
    sizes = await listVmSizes(ctx);
  } catch (e) {
    return [cannotCheck(ctx, 'vmSize', title, t.readingVmSizes, e)];
  }
  const v = sizes.find((x) => x.name.toLowerCase() === size.toLowerCase());
  if (!v) {
    const location = (await ctx.workspace().catch(() => undefined))?.location ?? '?';
    return [{ id: 'vmSize', status: 'fail', title, cause: t.vmSizeNotOffered(size, location), fix: t.vmSizeNotOfferedFix }];
  }
  if (!v.seriesEligible) return [{ id: 'vmSize', status: 'fail', title, cause: t.vmSizeTooSmall(v.name), fix: t.vmSizeTooSmallFix }];
  const quotaTitle = t.quotaTitle(v.family);
  // A warning only: the service places a session on an existing compute of the same size and identity
  // without new quota, and no API tells whether one exists.
  const quota: PreflightCheck = v.hasQuota
    ? { id: 'quota', status: 'pass', title: quotaTitle }
    : {
        id: 'quota',
        status: 'warn',
        title: quotaTitle,
        cause: t.quotaShort(v.name, v.vCPUs, v.quotaAvailable, v.family),
        fix: t.quotaShortFix,
        who: t.subscriptionAdmin,
      };
  return [{ id: 'vmSize', status: 'pass', title }, quota];
}

/** Compute instance states in which a session can be placed, or will be after a wait. */
export const CI_RUNNING = ['Running', 'JobRunning'];
export const CI_COMING_UP = ['Starting', 'Restarting', 'Creating', 'SettingUp', 'UserSettingUp'];
export const CI_STOPPED = ['Stopped', 'Stopping'];

interface ComputeInstanceProps {
  computeType?: string;
  properties?: {
    state?: string;
    personalComputeInstanceSettings?: { assignedUser?: { objectId?: string } };
    createdBy?: { userId?: string; userName?: string };
  };
}

export async function computeInstanceCheck(ctx: ServiceContext, name: string, t: PreflightText): Promise<PreflightCheck> {
  const title = t.computeInstanceTitle(name);
  let props: ComputeInstanceProps | undefined;
  try {
    props = (await ctx.arm.getCompute(ctx.ws, name)).properties as ComputeInstanceProps | undefined;
  } catch (e) {
    if (toAzureMlError(e, t.readingComputeInstance(name)).kind === 'notFound')
      return { id: 'computeInstance', status: 'fail', title, cause: t.computeInstanceMissing(name), fix: t.computeInstanceMissingFix };
    return cannotCheck(ctx, 'computeInstance', title, t.readingComputeInstance(name), e);
  }
  if (props?.computeType && props.computeType !== 'ComputeInstance')
    return { id: 'computeInstance', status: 'fail', title, cause: t.computeInstanceMissing(name), fix: t.computeInstanceMissingFix };
  const p = props?.properties;
  const owner = p?.personalComputeInstanceSettings?.assignedUser?.objectId ?? p?.createdBy?.userId;
  const me = await ctx.myObjectId();
  if (owner && me && owner !== me) {
    return {
      id: 'computeInstance',
      status: 'fail',
      title,
      cause: t.computeInstanceNotYours(name, p?.createdBy?.userName ?? owner),
      fix: t.computeInstanceNotYoursFix,
      who: t.computeInstanceOwner,
    };
  }
  const state = p?.state ?? 'Unknown';
  if (CI_RUNNING.includes(state)) return { id: 'computeInstance', status: 'pass', title };
  if (CI_COMING_UP.includes(state)) return { id: 'computeInstance', status: 'warn', title, cause: t.computeInstanceStarting(name, state) };
  if (CI_STOPPED.includes(state)) return { id: 'computeInstance', status: 'warn', title, cause: t.computeInstanceStopped(name, state) };
  return { id: 'computeInstance', status: 'fail', title, cause: t.computeInstanceUnusable(name, state), fix: t.computeInstanceUnusableFix };
}

/** How long a start trusts the workspace checks it made before (S2: "cached briefly per workspace"). */
export const PREFLIGHT_TTL_MS = 2 * 60_000;

/**
 * The checks a start runs first, kept briefly: the workspace's for every start, the settings' per
 * identity, compute instance and VM size. A check that failed is asked again next time.
 */
export class PreflightCache {
  private readonly entries = new Map<string, { at: number; checks: Promise<PreflightCheck[]> }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, run: () => Promise<PreflightCheck[]>): Promise<PreflightCheck[]> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < PREFLIGHT_TTL_MS) return hit.checks;
    const checks = run().then((list) => {
      if (list.some((c) => c.status === 'fail' || c.status === 'unknown')) this.entries.delete(key);
      return list;
    });
    checks.catch(() => this.entries.delete(key));
    this.entries.set(key, { at: this.now(), checks });
    return checks;
  }

  /** What an explicit check just found replaces what a start would reuse; anything but a pass is asked again. */
  put(key: string, checks: PreflightCheck[]): void {
    if (checks.every((c) => c.status === 'pass' || c.status === 'warn'))
      this.entries.set(key, { at: this.now(), checks: Promise.resolve(checks) });
    else this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Which error kind a failed prerequisite is, so the fix buttons and the CLI's codes follow it. */
const KIND_OF_CHECK: Record<PreflightCheck['id'], ErrorKind> = {
  role: 'permission',
  datastoreType: 'storage',
  workingDirectory: 'storage',
  networkIsolation: 'network',
  quota: 'quota',
  identity: 'identity',
  vmSize: 'validation',
  computeInstance: 'permission',
};

/** The first failed check as the error a start stops with, before anything is created. */
export function prerequisiteError(checks: PreflightCheck[], locale: Locale): AzureMlError | undefined {
  const failed = checks.find((c) => c.status === 'fail');
  if (!failed) return undefined;
  const t = preflightText(locale);
  const kind = failed.id === 'computeInstance' && !failed.who ? 'validation' : KIND_OF_CHECK[failed.id];
  return new AzureMlError(
    {
      kind,
      message: t.prerequisiteFailed(failed.title, failed.cause ?? ''),
      fix: failed.fix,
      who: failed.who,
      code: `Preflight.${failed.id}`,
    },
    failed.cause,
    true,
  );
}

export async function attachIdentity(ctx: ServiceContext, resourceId: string, signal?: AbortSignal): Promise<void> {
  const t = preflightText(ctx.locale);
  if (!USER_ASSIGNED_IDENTITY_ID.test(resourceId)) {
    throw new AzureMlError({ kind: 'validation', message: t.attachNotAnId(resourceId) }, undefined, true);
  }
  const w = await ctx.workspace();
  const existing = w.identity?.userAssignedIdentities ?? {};
  if (Object.keys(existing).some((k) => k.toLowerCase() === resourceId.toLowerCase())) return;
  const system = /SystemAssigned/i.test(w.identity?.type ?? '');
  const map: Record<string, object> = {};
  for (const k of Object.keys(existing)) map[k] = {};
  map[resourceId] = {};
  try {
    await ctx.arm.updateWorkspaceIdentity(
      ctx.ws,
      { type: system ? 'SystemAssigned,UserAssigned' : 'UserAssigned', userAssignedIdentities: map },
      w.primaryUserAssignedIdentity ?? resourceId,
      signal,
    );
  } catch (e) {
    const err = reframe(toAzureMlError(e, t.attaching, ctx.locale), t.attaching, ctx.locale);
    if (err.kind === 'permission' || err.kind === 'identity') {
      throw new AzureMlError(
        {
          ...err.info,
          kind: 'permission',
          message: withRequestId(ctx.locale, t.attachRefused(resourceName(resourceId), ctx.ws.workspace), err.info.requestId),
          fix: t.attachRefusedFix,
          who: t.workspaceOwner,
        },
        err.detail,
        true,
      );
    }
    throw err;
  }
}
