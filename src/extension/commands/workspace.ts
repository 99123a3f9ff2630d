// Workspace commands: sign-in, workspace choice, refresh, the emulator, prerequisites (S1, S2), attaching
// an identity (S4) and the studio.
import * as vscode from 'vscode';
import { resourceName, USER_ASSIGNED_IDENTITY_ID } from '../../core/model';
import type { PreflightReport } from '../../core/session/types';
import { UserCancelled } from '../connection';
import type { CommandFactory } from './factory';
import { roleAssignmentUrl } from '../errors';
import { flowFileOf, flowFolderFromArg } from '../flows';
import type { TreeNode } from '../tree/items';
import { t } from '../i18n';
import { REPORT_MARKS } from '../../core/model';

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
    title: t('extension.emulator.title'),
    prompt: t('extension.emulator.endpointPrompt'),
    value: 'https://127.0.0.1:',
    validateInput: (v) =>
      /^https:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/.test(v.trim()) ? undefined : t('extension.emulator.endpointInvalid'),
  });
  if (!endpoint) return undefined;
  const ca = await vscode.window.showOpenDialog({
    title: t('extension.emulator.caTitle'),
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
  const failed = r.checks.some((c) => c.status === 'fail');
  return [
    `# ${t('extension.preflight.title')}`,
    `${t('extension.field.workspace', { value: `\`${r.workspace.workspace}\`` })} (${r.workspace.resourceGroup})`,
    r.ok ? t('extension.preflight.allPass') : failed ? t('extension.preflight.someFail') : t('extension.preflight.someUnknown'),
    ...r.checks.map((c) =>
      [
        `## ${REPORT_MARKS[c.status]} ${c.title}`,
        c.cause ? t('extension.field.cause', { value: c.cause }) : '',
        c.fix ? t('extension.field.fix', { value: c.fix }) : '',
        c.who ? t('extension.field.whoCanFix', { value: c.who }) : '',
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
    title: t('extension.preflight.checking'),
    busyText: t('extension.busy.checking'),
    requiresTrust: false,
    work: (service) => service.preflight(folder),
  });
  if (!report) return undefined;
  const name = report.flowFolder
    ? t('extension.report.preflightOf', { flow: ctx.flowName(report.flowFolder) })
    : t('extension.report.preflight');
  await showPreflight(ctx, report, name);
  return report;
};

/** The report as a document, and a warning naming what failed or could not be told. */
async function showPreflight(ctx: Parameters<CommandFactory>[0], report: PreflightReport, name: string): Promise<void> {
  await ctx.reports.showReport({ name, markdown: preflightMarkdown(report) });
  if (report.ok) return;
  const failed = report.checks.filter((c) => c.status === 'fail');
  const unknown = report.checks.filter((c) => c.status === 'unknown');
  const roles = t('extension.openRoleAssignments');
  const buttons = [...failed, ...unknown].some((c) => c.id === 'role' || c.id === 'identity') ? [roles] : [];
  const text = failed.length
    ? t('extension.preflight.failed', { count: failed.length, checks: failed.map((c) => c.title).join(', ') })
    : t('extension.preflight.unknown', { count: unknown.length, checks: unknown.map((c) => c.title).join(', ') });
  void vscode.window.showWarningMessage(text, ...buttons).then((picked) => {
    if (picked === roles) void vscode.env.openExternal(vscode.Uri.parse(roleAssignmentUrl(report.workspace)));
  });
}

/** S4: attach a user-assigned identity to the workspace so sessions can use it. */
export const attachIdentity: CommandFactory = (ctx) => async () => {
  if (!ctx.checkTrust()) return undefined;
  const id = await vscode.window.showInputBox({
    title: t('extension.identity.attachTitle'),
    prompt: t('extension.identity.resourceIdPrompt'),
    placeHolder: '/subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/…',
    ignoreFocusOut: true,
    validateInput: (v) => (USER_ASSIGNED_IDENTITY_ID.test(v.trim()) ? undefined : t('extension.identity.resourceIdInvalid')),
  });
  if (!id) return undefined;
  const resourceId = id.trim();
  const result = await ctx.run({
    title: t('extension.identity.attaching'),
    busyText: t('extension.busy.attaching'),
    requiresTrust: true,
    work: (service, opts) => service.attachIdentity(resourceId, opts),
  });
  if (!result) return undefined;
  // S4: an attached identity is usable only with its roles; they are read now, not left to the next start.
  const report = await ctx.run({
    title: t('extension.identity.checkingRoles', { identity: resourceName(resourceId) }),
    busyText: t('extension.busy.checking'),
    requiresTrust: false,
    work: (service) => service.preflight(undefined, { computeType: 'serverless', identityResourceId: resourceId }),
  });
  const identity = report?.checks.filter((c) => c.id === 'identity') ?? [];
  if (report && identity.every((c) => c.status === 'pass')) {
    void vscode.window.showInformationMessage(t('extension.identity.attachedWithRoles'));
  } else if (report) {
    await showPreflight(ctx, { ...report, checks: identity, ok: false }, t('extension.report.identityRoles'));
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
    void vscode.window.showInformationMessage(t('extension.emulator.noStudio'));
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
