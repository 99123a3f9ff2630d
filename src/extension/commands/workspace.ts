import * as vscode from 'vscode';
import { resourceName, USER_ASSIGNED_IDENTITY_ID } from '../../core/model';
import type { PreflightReport } from '../../core/session/types';
import { UserCancelled } from '../connection';
import type { CommandFactory } from './factory';
import { roleAssignmentUrl } from '../errors';
import { flowFileOf, flowFolderFromArg } from '../flows';
import type { TreeNode } from '../tree/items';

export const signIn: CommandFactory = (ctx) => async () => {
  const service = await ctx.service();
  ctx.tree.refresh();
  return !!service;
};

export const selectWorkspace: CommandFactory = (ctx) => async () => {
  try {
    return (await ctx.connection.selectWorkspace())?.workspace;
  } catch (e) {
    if (!(e instanceof UserCancelled)) void ctx.errors.show('signin', e);
    return undefined;
  }
};

/** Reads again what the views show: the instances, and the session of the flow in view. */
export const refresh: CommandFactory = (ctx) => async () => {
  ctx.tree.refresh();
  const folder = ctx.statusBar.visibleFlow;
  const service = ctx.connection.current;
  if (folder && service) await service.status(folder).catch((e: unknown) => ctx.log.debug(`status of ${folder}: ${String(e)}`));
  ctx.updateStatusBar(true);
};

/** Reads the workspace data the checks of flow files use again (signing in and choosing a workspace if needed). */
export const refreshWorkspaceData: CommandFactory = (ctx) => async () => {
  const service = await ctx.service();
  return service ? ctx.workspaceData.refresh(service) : undefined;
};

export const showLog: CommandFactory = (ctx) => async () => ctx.log.show();

/** Lets someone without a subscription try everything against the local stand-in. */
export const useEmulator: CommandFactory = () => async () => {
  const endpoint = await vscode.window.showInputBox({
    title: vscode.l10n.t('Use the local emulator'),
    prompt: vscode.l10n.t('Endpoint the emulator printed in its ready line (https://127.0.0.1:PORT)'),
    value: 'https://127.0.0.1:',
    validateInput: (v) =>
      /^https:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/.test(v.trim())
        ? undefined
        : vscode.l10n.t('The emulator listens on https://127.0.0.1:PORT.'),
  });
  if (!endpoint) return undefined;
  const ca = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Certificate (ca) the emulator printed'),
    canSelectMany: false,
    filters: { PEM: ['pem', 'crt'] },
  });
  if (!ca?.[0]) return undefined;
  const cfg = vscode.workspace.getConfiguration('promptflow');
  await cfg.update('emulator.endpoint', endpoint.trim(), vscode.ConfigurationTarget.Global);
  await cfg.update('emulator.caFile', ca[0].fsPath, vscode.ConfigurationTarget.Global);
  return endpoint;
};

export function preflightMarkdown(r: PreflightReport): string {
  const mark = { pass: '✅', fail: '❌', warn: '⚠️', unknown: '❔' } as const;
  const t = vscode.l10n.t;
  const failed = r.checks.some((c) => c.status === 'fail');
  return [
    `# ${t('Prerequisites for compute sessions')}`,
    `${t('Workspace')}: \`${r.workspace.workspace}\` (${r.workspace.resourceGroup})`,
    r.ok
      ? t('Everything needed to start a session is in place.')
      : failed
        ? t('Some prerequisites are missing. Each one says what to do and who can do it.')
        : t('Some prerequisites could not be checked: that is not a pass. Each one says why and who can check it.'),
    ...r.checks.map((c) =>
      [
        `## ${mark[c.status]} ${c.title}`,
        c.cause ? `${t('Cause')}: ${c.cause}` : '',
        c.fix ? `${t('Fix')}: ${c.fix}` : '',
        c.who ? `${t('Who can fix it')}: ${c.who}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    ),
    '',
  ].join('\n\n');
}

/**
 * S1, S2 (and S4 for a flow: its session settings): the report as a document, and a notification whose
 * button opens the role page.
 */
export const preflight: CommandFactory = (ctx) => async (arg) => {
  const folder = flowFolderFromArg(arg);
  const report = await ctx.run({
    title: vscode.l10n.t('Checking prerequisites'),
    busyText: vscode.l10n.t('Checking…'),
    requiresTrust: false,
    work: (service) => service.preflight(folder),
  });
  if (!report) return undefined;
  await showPreflight(ctx, report);
  return report;
};

/** The report as a document, and a warning naming what failed or could not be told. */
async function showPreflight(ctx: Parameters<CommandFactory>[0], report: PreflightReport, name = 'preflight.md'): Promise<void> {
  await ctx.documents.show(name, preflightMarkdown(report));
  if (report.ok) return;
  const failed = report.checks.filter((c) => c.status === 'fail');
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  const roles = vscode.l10n.t('Open role assignments');
  const buttons = [...failed, ...unknown].some((c) => c.id === 'role' || c.id === 'identity') ? [roles] : [];
  const text = failed.length
    ? vscode.l10n.t('{0} prerequisite(s) failed: {1}', failed.length, failed.map((c) => c.title).join(', '))
    : vscode.l10n.t('{0} prerequisite(s) could not be checked: {1}', unknown.length, unknown.map((c) => c.title).join(', '));
  void vscode.window.showWarningMessage(text, ...buttons).then((picked) => {
    if (picked === roles) void vscode.env.openExternal(vscode.Uri.parse(roleAssignmentUrl(report.workspace)));
  });
}

/** S4: attach a user-assigned identity to the workspace so sessions can use it. */
export const attachIdentity: CommandFactory = (ctx) => async () => {
  if (!ctx.checkTrust()) return undefined;
  const id = await vscode.window.showInputBox({
    title: vscode.l10n.t('Attach a user-assigned identity to the workspace'),
    prompt: vscode.l10n.t('Resource id of the managed identity'),
    placeHolder: '/subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/…',
    ignoreFocusOut: true,
    validateInput: (v) =>
      USER_ASSIGNED_IDENTITY_ID.test(v.trim())
        ? undefined
        : vscode.l10n.t('Enter the full ARM resource id of a user-assigned managed identity.'),
  });
  if (!id) return undefined;
  const resourceId = id.trim();
  const result = await ctx.run({
    title: vscode.l10n.t('Attaching the identity'),
    busyText: vscode.l10n.t('Attaching…'),
    requiresTrust: true,
    work: (service, opts) => service.attachIdentity(resourceId, opts),
  });
  if (!result) return undefined;
  // S4: an attached identity is usable only with its roles; they are read now, not left to the next start.
  const report = await ctx.run({
    title: vscode.l10n.t('Checking the roles of {0}', resourceName(resourceId)),
    busyText: vscode.l10n.t('Checking…'),
    requiresTrust: false,
    work: (service) => service.preflight(undefined, { computeType: 'serverless', identityResourceId: resourceId }),
  });
  const identity = report?.checks.filter((c) => c.id === 'identity') ?? [];
  if (report && identity.every((c) => c.status === 'pass')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The identity is attached and has every role compute sessions need.'));
  } else if (report) {
    await showPreflight(ctx, { ...report, checks: identity, ok: false }, 'identity-roles.md');
  }
  return result;
};

/** Opens a run, or the workspace's prompt flow page, in Azure ML studio. */
export const openInStudio: CommandFactory = (ctx) => async (arg) => {
  const node = arg as TreeNode | undefined;
  if (node?.run?.studioUrl) return vscode.env.openExternal(vscode.Uri.parse(node.run.studioUrl));
  const service = await ctx.service();
  if (!service) return undefined;
  if (ctx.connection.isEmulator()) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The local emulator has no studio; its sessions and runs are in the Sessions view.'),
    );
    return undefined;
  }
  const ws = service.workspace;
  const wsid = `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${ws.workspace}`;
  return vscode.env.openExternal(vscode.Uri.parse(`https://ml.azure.com/prompts?wsid=${encodeURIComponent(wsid)}`));
};

export const openFlow: CommandFactory = () => async (arg) => {
  const folder = typeof arg === 'string' ? arg : (arg as TreeNode | undefined)?.flowFolder;
  const file = folder && flowFileOf(folder);
  if (file) await vscode.window.showTextDocument(vscode.Uri.file(file));
};
