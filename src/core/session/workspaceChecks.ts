// Preflight (S1, S2) and workspace identities (S4).
import { AzureMlError, toAzureMlError } from '../azure/errors';
import { locale } from '../azure/messages';
import type { ServiceContext } from './service';
import type { IdentityOption, PreflightCheck, PreflightReport } from './types';

export const DATA_SCIENTIST_ROLE = 'f6c7c914-8db3-469d-8ca1-694a8f32e121';
// Owner and Contributor hold `*` actions, so they also suffice.
const SUFFICIENT_ROLES = new Set([DATA_SCIENTIST_ROLE, '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'b24988ac-6180-42a0-ab88-20f7382dd24c']);
const ja = () => locale().toLowerCase().startsWith('ja');

function wsScope(ctx: ServiceContext): string {
  const w = ctx.ws;
  return `/subscriptions/${w.subscriptionId}/resourceGroups/${w.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${w.workspace}`;
}

async function roleCheck(ctx: ServiceContext): Promise<PreflightCheck> {
  const title = ja() ? 'AzureML データ サイエンティスト ロール' : 'AzureML Data Scientist role';
  const oid = await ctx.myObjectId();
  if (!oid) return { id: 'role', status: 'unknown', title, cause: 'Your sign-in carries no object id, so your role assignments cannot be read.' };
  try {
    const list = await ctx.arm.roleAssignments(wsScope(ctx), oid);
    const has = list.some((a) => SUFFICIENT_ROLES.has(a.roleDefinitionId.split('/').pop()!.toLowerCase()));
    if (has) return { id: 'role', status: 'pass', title };
    return {
      id: 'role',
      status: 'fail',
      title,
      // The check looks for known roles by id; a custom role could also grant the needed actions.
      cause: 'None of your role assignments on this workspace is AzureML Data Scientist, Contributor or Owner (custom roles are not evaluated).',
      fix: 'Ask an Owner of the workspace (or anyone with Microsoft.Authorization/roleAssignments/write) to assign you "AzureML Data Scientist"; it can take a few minutes to apply.',
      who: 'workspace Owner',
    };
  } catch (e) {
    const err = toAzureMlError(e, 'Reading your role assignments');
    if (err.kind === 'permission') {
      return {
        id: 'role',
        status: 'unknown',
        title,
        cause: 'Cannot tell: you may not read role assignments on this workspace (that needs Microsoft.Authorization/roleAssignments/read), which does not mean you lack the role.',
        fix: 'If starting a session fails with a permission error, ask an Owner of the workspace to assign you "AzureML Data Scientist".',
        who: 'workspace Owner',
      };
    }
    return { id: 'role', status: 'unknown', title, cause: err.message, fix: err.info.fix };
  }
}

async function datastoreChecks(ctx: ServiceContext): Promise<PreflightCheck[]> {
  const out: PreflightCheck[] = [];
  const dsTitle = ja() ? '既定のデータストアが Blob であること' : 'Default datastore is Azure Blob';
  try {
    const d = await ctx.arm.defaultDatastore(ctx.ws);
    const type = d?.properties?.datastoreType;
    if (!d) out.push({ id: 'datastoreType', status: 'fail', title: dsTitle, cause: 'The workspace has no default datastore.', fix: 'Set workspaceblobstore (Azure Blob) as the default datastore.', who: 'workspace Owner' });
    else if (type === 'AzureBlob') out.push({ id: 'datastoreType', status: 'pass', title: dsTitle });
    else out.push({ id: 'datastoreType', status: 'fail', title: dsTitle, cause: `The default datastore ${d.name} is of type ${type}; compute sessions need Azure Blob.`, fix: 'Make an Azure Blob datastore (usually workspaceblobstore) the default.', who: 'workspace Owner' });
  } catch (e) {
    const err = toAzureMlError(e, 'Reading the default datastore');
    out.push({ id: 'datastoreType', status: 'unknown', title: dsTitle, cause: err.message, fix: err.info.fix, who: err.info.who });
  }
  const wdTitle = ja() ? '作業ディレクトリ (workspaceworkingdirectory) があること' : 'Working directory (workspaceworkingdirectory) exists';
  try {
    await ctx.arm.getDatastore(ctx.ws, 'workspaceworkingdirectory');
    out.push({ id: 'workingDirectory', status: 'pass', title: wdTitle });
  } catch (e) {
    const err = toAzureMlError(e, 'Reading workspaceworkingdirectory');
    if (err.kind === 'notFound') {
      out.push({ id: 'workingDirectory', status: 'fail', title: wdTitle, cause: 'The datastore workspaceworkingdirectory does not exist in this workspace.', fix: 'Open the workspace once in Azure ML studio (Notebooks) to create it, or ask an Owner to recreate the file share datastore.', who: 'workspace Owner' });
    } else {
      out.push({ id: 'workingDirectory', status: 'unknown', title: wdTitle, cause: err.message, fix: err.info.fix, who: err.info.who });
    }
  }
  return out;
}

async function networkCheck(ctx: ServiceContext): Promise<PreflightCheck> {
  const title = ja() ? 'ネットワーク分離' : 'Network isolation';
  try {
    const w = await ctx.workspace();
    const isolated = w.publicNetworkAccess === 'Disabled' || (w.privateEndpointConnections?.length ?? 0) > 0;
    if (!isolated) return { id: 'networkIsolation', status: 'pass', title };
    return {
      id: 'networkIsolation',
      status: 'warn',
      title,
      cause: 'The workspace is network-isolated (public access disabled or private endpoints).',
      fix: 'Work from inside its virtual network, and make sure the session can reach the packages and images it needs (outbound rules, private feeds).',
      who: 'network admin',
    };
  } catch (e) {
    const err = toAzureMlError(e, 'Reading the workspace');
    return { id: 'networkIsolation', status: 'unknown', title, cause: err.message, fix: err.info.fix };
  }
}

export async function runPreflight(ctx: ServiceContext): Promise<PreflightReport> {
  const [role, ds, net] = await Promise.all([roleCheck(ctx), datastoreChecks(ctx), networkCheck(ctx)]);
  const checks = [role, ...ds, net];
  return { workspace: ctx.ws, ok: checks.every((c) => c.status !== 'fail'), checks };
}

export async function listIdentities(ctx: ServiceContext): Promise<IdentityOption[]> {
  const w = await ctx.workspace();
  const primary = (w.primaryUserAssignedIdentity ?? '').toLowerCase();
  return Object.entries(w.identity?.userAssignedIdentities ?? {}).map(([resourceId, v]) => ({
    resourceId,
    clientId: v.clientId,
    principalId: v.principalId,
    name: resourceId.split('/').pop() ?? resourceId,
    primary: resourceId.toLowerCase() === primary,
  }));
}

export async function attachIdentity(ctx: ServiceContext, resourceId: string, signal?: AbortSignal): Promise<void> {
  if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i.test(resourceId)) {
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
    await ctx.arm.updateWorkspaceIdentity(ctx.ws, { type: system ? 'SystemAssigned,UserAssigned' : 'UserAssigned', userAssignedIdentities: map }, w.primaryUserAssignedIdentity ?? resourceId, signal);
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
