// S4: what a user-assigned identity needs before a session uses it, read through the ARM
// role-assignments API at each resource (docs/azure-contract.md §24, §33) and compared with the table of
// the seed document: Contributor on the workspace; Contributor, Storage Blob Data Contributor and Storage
// File Data Privileged Contributor on its storage; Contributor and, under the RBAC model, Key Vault
// Administrator (else an access policy with everything but purge) on its key vault; Contributor on its
// registry and Application Insights; and the user's own right to assign the identity.
import type { Workspace } from '@azure/arm-machinelearning';
import { toAzureMlError } from '../azure/errors';
import { resourceName } from '../model';
import type { ServiceContext } from './context';
import type { PreflightText } from './preflightText';
import type { PreflightCheck } from './types';

/** Built-in role definition GUIDs (public, the same in every tenant). */
export const ROLE = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageFileDataPrivilegedContributor: '69566ab7-960f-475b-8e7c-b3118f30c6bd',
  keyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830',
  managedIdentityContributor: 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
} as const;

type ResourceKind = 'workspace' | 'storageAccount' | 'keyVault' | 'containerRegistry' | 'applicationInsights';

interface Requirement {
  kind: ResourceKind;
  /** Shown name of the role. */
  role: string;
  /** Roles that grant it (Owner holds every control-plane action Contributor does). */
  accepted: readonly string[];
}

const CONTRIBUTOR = { role: 'Contributor', accepted: [ROLE.contributor, ROLE.owner] };

function requirements(keyVaultRbac: boolean): Requirement[] {
  return [
    { kind: 'workspace', ...CONTRIBUTOR },
    { kind: 'storageAccount', ...CONTRIBUTOR },
    {
      kind: 'storageAccount',
      role: 'Storage Blob Data Contributor',
      accepted: [ROLE.storageBlobDataContributor, ROLE.storageBlobDataOwner],
    },
    { kind: 'storageAccount', role: 'Storage File Data Privileged Contributor', accepted: [ROLE.storageFileDataPrivilegedContributor] },
    { kind: 'keyVault', ...CONTRIBUTOR },
    ...(keyVaultRbac ? [{ kind: 'keyVault' as const, role: 'Key Vault Administrator', accepted: [ROLE.keyVaultAdministrator] }] : []),
    { kind: 'containerRegistry', ...CONTRIBUTOR },
    { kind: 'applicationInsights', ...CONTRIBUTOR },
  ];
}

/** The key vault's permission model and access policies (GET of the vault, api-version 2023-07-01). */
interface Vault {
  properties?: {
    enableRbacAuthorization?: boolean;
    accessPolicies?: { objectId?: string; permissions?: { keys?: string[]; secrets?: string[]; certificates?: string[] } }[];
  };
}

/** The permissions that stand for "all but purge" when a policy lists them one by one. */
const POLICY_NEEDS: Record<'keys' | 'secrets' | 'certificates', string[]> = {
  keys: ['get', 'list', 'create', 'delete', 'wrapkey', 'unwrapkey'],
  secrets: ['get', 'list', 'set', 'delete'],
  certificates: ['get', 'list', 'create', 'delete'],
};

function policyGrantsAllButPurge(vault: Vault, principalId: string): boolean {
  return (vault.properties?.accessPolicies ?? []).some((p) => {
    if (p.objectId?.toLowerCase() !== principalId.toLowerCase()) return false;
    return (Object.keys(POLICY_NEEDS) as (keyof typeof POLICY_NEEDS)[]).every((k) => {
      const held = new Set((p.permissions?.[k] ?? []).map((x) => x.toLowerCase()));
      return held.has('all') || POLICY_NEEDS[k].every((x) => held.has(x));
    });
  });
}

const guidOf = (roleDefinitionId: string): string => resourceName(roleDefinitionId).toLowerCase();

/** Reads the role GUIDs a principal holds at a scope; "cannot tell" when the list is hidden from the user. */
async function heldRoles(
  ctx: ServiceContext,
  scope: string,
  principalId: string,
  t: PreflightText,
  label: string,
): Promise<Set<string> | { hidden: true } | { failed: unknown }> {
  try {
    const list = await ctx.arm.roleAssignments(scope, principalId, t.readingRolesOf(label));
    return new Set(list.map((a) => guidOf(a.roleDefinitionId)));
  } catch (e) {
    if (toAzureMlError(e, t.readingRolesOf(label)).kind === 'permission') return { hidden: true };
    return { failed: e };
  }
}

export type CannotCheck = (id: PreflightCheck['id'], title: string, operation: string, e: unknown) => PreflightCheck;

/** One check per requirement of the table, each naming the resource and who can grant what is missing. */
export async function identityChecks(
  ctx: ServiceContext,
  identityResourceId: string,
  t: PreflightText,
  cannotCheck: CannotCheck,
): Promise<PreflightCheck[]> {
  const w: Workspace = await ctx.workspace();
  const identity = resourceName(identityResourceId);
  const attached = Object.entries(w.identity?.userAssignedIdentities ?? {}).find(
    ([id]) => id.toLowerCase() === identityResourceId.toLowerCase(),
  );
  const attachedTitle = t.identityAttachedTitle(identity);
  if (!attached) {
    return [
      {
        id: 'identity',
        status: 'fail',
        title: attachedTitle,
        cause: t.identityNotAttached(identity),
        fix: t.identityNotAttachedFix,
        who: t.workspaceOwner,
      },
    ];
  }
  const checks: PreflightCheck[] = [{ id: 'identity', status: 'pass', title: attachedTitle }];
  let principalId = attached[1].principalId;
  if (!principalId) {
    try {
      const r = await ctx.arm.getResource<{ properties?: { principalId?: string } }>(
        identityResourceId,
        '2023-01-31',
        t.readingResource(identity),
      );
      principalId = r.properties?.principalId;
    } catch (e) {
      return [...checks, cannotCheck('identity', attachedTitle, t.readingResource(identity), e)];
    }
  }
  const scopes: Record<ResourceKind, string | undefined> = {
    workspace: w.id,
    storageAccount: w.storageAccount,
    keyVault: w.keyVault,
    containerRegistry: w.containerRegistry,
    applicationInsights: w.applicationInsights,
  };
  let vault: Vault | undefined;
  if (w.keyVault) {
    try {
      vault = await ctx.arm.getResource<Vault>(w.keyVault, '2023-07-01', t.readingResource(resourceName(w.keyVault)));
    } catch (e) {
      ctx.log('warn', `the key vault could not be read, so its permission model is taken as RBAC: ${(e as Error).message}`);
    }
  }
  const rbac = vault?.properties?.enableRbacAuthorization !== false;
  const byScope = new Map<string, Promise<Set<string> | { hidden: true } | { failed: unknown }>>();
  const reqs = requirements(rbac);
  const results = await Promise.all(
    reqs.map(async (req): Promise<PreflightCheck> => {
      const scope = scopes[req.kind];
      const label = t.resourceLabel(req.kind, scope ? resourceName(scope) : '?');
      const title = t.identityRoleTitle(identity, req.role, label);
      if (!scope || !principalId) return { id: 'identity', status: 'unknown', title, cause: t.identityRoleCannotTell(label) };
      let held = byScope.get(scope);
      if (!held) byScope.set(scope, (held = heldRoles(ctx, scope, principalId, t, label)));
      const got = await held;
      if ('hidden' in got)
        return {
          id: 'identity',
          status: 'unknown',
          title,
          cause: t.identityRoleCannotTell(label),
          fix: t.identityRoleCannotTellFix(label),
          who: t.ownerOf(label),
        };
      if ('failed' in got) return cannotCheck('identity', title, t.readingRolesOf(label), got.failed);
      if (req.accepted.some((g) => got.has(g))) return { id: 'identity', status: 'pass', title };
      return {
        id: 'identity',
        status: 'fail',
        title,
        cause: t.identityRoleMissing(identity, req.role, label),
        fix: t.identityRoleFix(identity, req.role, label),
        who: t.ownerOf(label),
      };
    }),
  );
  checks.push(...results);
  if (!rbac && vault && w.keyVault && principalId) {
    const label = t.resourceLabel('keyVault', resourceName(w.keyVault));
    const title = t.accessPolicyTitle(identity, label);
    checks.push(
      policyGrantsAllButPurge(vault, principalId)
        ? { id: 'identity', status: 'pass', title }
        : {
            id: 'identity',
            status: 'fail',
            title,
            cause: t.accessPolicyMissing(identity, label),
            fix: t.accessPolicyFix(identity, label),
            who: t.ownerOf(label),
          },
    );
  }
  checks.push(await assignCheck(ctx, identityResourceId, identity, t, cannotCheck));
  return checks;
}

/** The user's own right to assign the identity to a compute (Managed Identity Operator, or more). */
async function assignCheck(
  ctx: ServiceContext,
  identityResourceId: string,
  identity: string,
  t: PreflightText,
  cannotCheck: CannotCheck,
): Promise<PreflightCheck> {
  const title = t.assignTitle(identity);
  const oid = await ctx.myObjectId();
  if (!oid) return { id: 'identity', status: 'unknown', title, cause: t.roleNoOid };
  const label = t.resourceLabel('identity', identity);
  const got = await heldRoles(ctx, identityResourceId, oid, t, label);
  if ('hidden' in got)
    return { id: 'identity', status: 'unknown', title, cause: t.identityRoleCannotTell(label), fix: t.identityRoleCannotTellFix(label) };
  if ('failed' in got) return cannotCheck('identity', title, t.readingRolesOf(label), got.failed);
  const ok = [ROLE.managedIdentityOperator, ROLE.managedIdentityContributor, ROLE.contributor, ROLE.owner].some((g) => got.has(g));
  return ok
    ? { id: 'identity', status: 'pass', title }
    : { id: 'identity', status: 'fail', title, cause: t.assignMissing(identity), fix: t.assignFix(identity), who: t.ownerOf(label) };
}
