// Preflight (S1, S2) and workspace identities (S4).
import { AzureMlError, toAzureMlError } from '../azure/errors';
import { failedText, fixFor } from '../azure/messages';
import { preflightText, type PreflightText } from './preflightText';
import type { ServiceContext } from './context';
import type { PreflightCheck, PreflightReport } from './types';

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
  const fix = fixFor(err.kind, ctx.locale);
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
    const has = list.some((a) => SUFFICIENT_ROLES.has(a.roleDefinitionId.split('/').pop()!.toLowerCase()));
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

export async function runPreflight(ctx: ServiceContext): Promise<PreflightReport> {
  const t = preflightText(ctx.locale);
  const [role, ds, net] = await Promise.all([roleCheck(ctx, t), datastoreChecks(ctx, t), networkCheck(ctx, t)]);
  const checks = [role, ...ds, net];
  return { workspace: ctx.ws, ok: checks.every((c) => c.status !== 'fail'), checks };
}

export async function attachIdentity(ctx: ServiceContext, resourceId: string, signal?: AbortSignal): Promise<void> {
  if (
    !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i.test(
      resourceId,
    )
  ) {
    throw new AzureMlError({ kind: 'validation', message: `${resourceId} is not the resource id of a user-assigned managed identity.` });
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
    const err = toAzureMlError(e, 'Attaching the identity to the workspace');
    if (err.kind === 'permission' || err.kind === 'identity') {
      throw new AzureMlError({
        ...err.info,
        kind: 'permission',
        message: `You may not attach ${resourceId.split('/').pop()} to workspace ${ctx.ws.workspace}.${err.info.requestId ? ` (request id ${err.info.requestId})` : ''}`,
        fix: 'Ask an Owner or Contributor of the workspace to attach it; they also need the Managed Identity Operator role on the identity.',
        who: 'workspace Owner',
      });
    }
    throw err;
  }
}
