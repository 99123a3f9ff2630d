// What the preflight checks (S1, S2, S4) tell the user, rendered from the catalogue
// (core/i18n/messages/session.ts, `session.preflight.*`) in the service's locale.
import { translator, type Locale } from '../i18n';

const RESOURCE_KINDS = ['workspace', 'storageAccount', 'keyVault', 'containerRegistry', 'applicationInsights', 'identity'] as const;

export function preflightText(locale: Locale) {
  const t = translator(locale);
  return {
    roleTitle: t('session.preflight.roleTitle'),
    roleNoOid: t('session.preflight.roleNoOid'),
    roleMissing: t('session.preflight.roleMissing'),
    roleMissingFix: t('session.preflight.roleMissingFix'),
    roleCannotTell: t('session.preflight.roleCannotTell'),
    roleCannotTellFix: t('session.preflight.roleCannotTellFix'),
    readingRoles: t('azure.op.readRoles'),
    datastoreTitle: t('session.preflight.datastoreTitle'),
    datastoreNone: t('session.preflight.datastoreNone'),
    datastoreNoneFix: t('session.preflight.datastoreNoneFix'),
    datastoreWrongType: (name: string, type: string) => t('session.preflight.datastoreWrongType', { name, type }),
    datastoreWrongTypeFix: t('session.preflight.datastoreWrongTypeFix'),
    readingDatastore: t('session.preflight.readingDatastore'),
    workingDirTitle: t('session.preflight.workingDirTitle'),
    workingDirMissing: t('session.preflight.workingDirMissing'),
    workingDirMissingFix: t('session.preflight.workingDirMissingFix'),
    readingWorkingDir: t('session.preflight.readingWorkingDir'),
    networkTitle: t('session.preflight.networkTitle'),
    networkIsolated: t('session.preflight.networkIsolated'),
    networkIsolatedFix: t('session.preflight.networkIsolatedFix'),
    readingWorkspace: t('session.preflight.readingWorkspace'),
    workspaceOwner: t('azure.who.workspaceOwner'),
    networkAdmin: t('azure.who.networkAdmin'),
    vmSizeTitle: (size: string) => t('session.vmSizeNamed', { size }),
    vmSizeNotOffered: (size: string, location: string) => t('session.preflight.vmSizeNotOffered', { size, location }),
    vmSizeNotOfferedFix: t('session.preflight.vmSizeNotOfferedFix'),
    vmSizeTooSmall: (size: string) => t('session.preflight.vmSizeTooSmall', { size }),
    vmSizeTooSmallFix: t('session.preflight.vmSizeTooSmallFix'),
    readingVmSizes: t('session.preflight.readingVmSizes'),
    quotaTitle: (family: string) => t('session.preflight.quotaTitle', { family }),
    quotaShort: (size: string, vCPUs: number, free: number, family: string) =>
      t('session.preflight.quotaShort', { size, vCPUs, free, family }),
    quotaShortFix: t('session.preflight.quotaShortFix'),
    subscriptionAdmin: t('azure.who.subscriptionAdmin'),
    computeInstanceTitle: (name: string) => t('session.preflight.computeInstanceTitle', { name }),
    computeInstanceMissing: (name: string) => t('session.preflight.computeInstanceMissing', { name }),
    computeInstanceMissingFix: t('session.preflight.computeInstanceMissingFix'),
    computeInstanceNotYours: (name: string, owner: string) => t('session.preflight.computeInstanceNotYours', { name, owner }),
    computeInstanceNotYoursFix: t('session.preflight.computeInstanceNotYoursFix'),
    computeInstanceOwner: t('azure.who.instanceUser'),
    computeInstanceStopped: (name: string, state: string) => t('session.preflight.computeInstanceStopped', { name, state }),
    computeInstanceStarting: (name: string, state: string) => t('session.preflight.computeInstanceStarting', { name, state }),
    computeInstanceUnusable: (name: string, state: string) => t('session.preflight.computeInstanceUnusable', { name, state }),
    computeInstanceUnusableFix: t('session.preflight.computeInstanceUnusableFix'),
    readingComputeInstance: (name: string) => t('session.preflight.readingComputeInstance', { name }),
    identityAttachedTitle: (identity: string) => t('session.preflight.identityAttachedTitle', { identity }),
    identityNotAttached: (identity: string) => t('session.preflight.identityNotAttached', { identity }),
    identityNotAttachedFix: t('session.preflight.identityNotAttachedFix'),
    identityRoleTitle: (identity: string, role: string, resource: string) =>
      t('session.preflight.identityRoleTitle', { identity, role, resource }),
    identityRoleMissing: (identity: string, role: string, resource: string) =>
      t('session.preflight.identityRoleMissing', { identity, role, resource }),
    identityRoleFix: (identity: string, role: string, resource: string) =>
      t('session.preflight.identityRoleFix', { identity, role, resource }),
    identityRoleCannotTell: (resource: string) => t('session.preflight.identityRoleCannotTell', { resource }),
    identityRoleCannotTellFix: (resource: string) => t('session.preflight.identityRoleCannotTellFix', { resource }),
    ownerOf: (resource: string) => t('session.preflight.ownerOf', { resource }),
    accessPolicyTitle: (identity: string, resource: string) => t('session.preflight.accessPolicyTitle', { identity, resource }),
    accessPolicyMissing: (identity: string, resource: string) => t('session.preflight.accessPolicyMissing', { identity, resource }),
    accessPolicyFix: (identity: string, resource: string) => t('session.preflight.accessPolicyFix', { identity, resource }),
    assignTitle: (identity: string) => t('session.preflight.assignTitle', { identity }),
    assignMissing: (identity: string) => t('session.preflight.assignMissing', { identity }),
    assignFix: (identity: string) => t('session.preflight.assignFix', { identity }),
    readingRolesOf: (resource: string) => t('session.preflight.readingRolesOf', { resource }),
    readingResource: (resource: string) => t('session.preflight.readingResource', { resource }),
    prerequisiteFailed: (title: string, cause: string) => t('session.preflight.prerequisiteFailed', { title, cause }),
    attaching: t('azure.op.attachIdentity'),
    attachNotAnId: (id: string) => t('session.preflight.attachNotAnId', { id }),
    attachRefused: (identity: string, workspace: string) => t('session.preflight.attachRefused', { identity, workspace }),
    attachRefusedFix: t('session.preflight.attachRefusedFix'),
    attachNotApplied: (identity: string, workspace: string) => t('session.preflight.attachNotApplied', { identity, workspace }),
    attachNotAppliedFix: t('session.preflight.attachNotAppliedFix'),
    resourceLabel: (kind: string, name: string) =>
      (RESOURCE_KINDS as readonly string[]).includes(kind)
        ? t(
            kind === 'identity'
              ? 'session.identityNamed'
              : `session.preflight.resource.${kind as Exclude<(typeof RESOURCE_KINDS)[number], 'identity'>}`,
            { name },
          )
        : t('session.preflight.resource.other', { name }),
  };
}

export type PreflightText = ReturnType<typeof preflightText>;
