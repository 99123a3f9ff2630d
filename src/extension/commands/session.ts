import * as vscode from 'vscode';
import type { PackagesReport, SessionInfo } from '../../core/session/types';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './factory';
import { flowFolderFromArg, flowUri, flowFolderForCommand } from '../flows';
import { isBusy, sessionSummary, stateLabel } from '../format';
import { shownActions } from '../sessionActions';
import type { TreeNode } from '../tree/items';
import { askSessionSettings, summary } from './settingsWizard';
import { Commands } from '../../shared/commands';

/** Reads the state first: starting a session that is already up (or on its way) does nothing. */
function alreadyActive(ctx: Ctx, folder: string): boolean {
  const s = ctx.peek(folder);
  if (!s || !(s.state === 'running' || isBusy(s.state))) return false;
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The session of {0} is already {1}.', ctx.flowName(folder), stateLabel(s.state).toLowerCase()),
  );
  return true;
}

export const start: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (alreadyActive(ctx, folder)) return ctx.peek(folder);
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Starting the session of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Starting…'),
    requiresTrust: true,
    work: (service, opts) => service.start(folder, opts),
  });
};

export const startWithSettings: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!ctx.checkTrust()) return undefined;
  if (alreadyActive(ctx, folder)) return ctx.peek(folder);
  const service = await ctx.service();
  if (!service) return undefined;
  const chosen = await askSessionSettings(service, vscode.l10n.t('Start the session of {0}', ctx.flowName(folder)));
  if (!chosen) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Starting the session of {0} ({1})', ctx.flowName(folder), summary(chosen)),
    busyText: vscode.l10n.t('Starting…'),
    requiresTrust: true,
    work: (svc, opts) => svc.startWithSettings(folder, chosen, opts),
  });
};

/** Offers Start when an action needs a session and none is bound. */
async function requireSession(ctx: Ctx, folder: string): Promise<boolean> {
  const service = await ctx.service();
  if (!service) return false;
  let s = service.peek(folder);
  if (!s) s = await service.status(folder).catch(() => undefined);
  if (s && s.state !== 'notStarted') return true;
  const startNow = vscode.l10n.t('Start session');
  // Not awaited: the command ends now; the offer stays until the user answers it.
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no session yet.', ctx.flowName(folder)), startNow).then((picked) => {
    if (picked === startNow) void vscode.commands.executeCommand(Commands.start, flowUri(folder));
  });
  return false;
}

export const reset: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!ctx.checkTrust() || !(await requireSession(ctx, folder))) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Resetting the session of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Resetting…'),
    requiresTrust: true,
    work: (service, opts) => service.reset(folder, opts),
  });
};

export const stop: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!(await requireSession(ctx, folder))) return undefined;
  const result = await ctx.run({
    flowFolder: folder,
    title: vscode.l10n.t('Stopping the session of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Stopping…'),
    requiresTrust: false,
    work: (service, opts) => service.stop(folder, opts),
  });
  if (result?.computeDeleted) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No session remained on {0}, so the serverless compute was deleted too.', result.computeName ?? '?'),
    );
  }
  return result;
};

export const installRequirements: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!ctx.checkTrust() || !(await requireSession(ctx, folder))) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Installing requirements into the session of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Installing…'),
    requiresTrust: true,
    work: (service, opts) => service.installRequirements(folder, opts),
  });
};

export function packagesMarkdown(flow: string, r: PackagesReport): string {
  const t = vscode.l10n.t;
  const rows = (entries: { name: string; required?: string; installed?: string }[]) =>
    entries.length
      ? [
          '| ' + t('Package') + ' | requirements.txt | ' + t('Installed') + ' |',
          '|---|---|---|',
          ...entries.map((e) => `| ${e.name} | ${e.required || (e.required === '' ? t('(any)') : '—')} | ${e.installed ?? '—'} |`),
        ].join('\n')
      : `_${t('None')}_`;
  return [
    `# ${t('Packages of {0}', flow)}`,
    `${t('Session')}: \`${r.sessionId}\``,
    `## ${t('Missing')} (${r.missing.length})`,
    t('Required by requirements.txt but not installed. Run "Install requirements".'),
    rows(r.missing),
    `## ${t('Different')} (${r.different.length})`,
    t('Installed at a version the requirement does not allow.'),
    rows(r.different),
    `## ${t('Extra')} (${r.extra.length})`,
    t('Installed but not in requirements.txt (from the base image or as dependencies).'),
    rows(r.extra),
    `## ${t('Installed')} (${r.installed.length})`,
    r.installed.map((p) => `- ${p.name} ${p.version}`).join('\n') || `_${t('None')}_`,
    '',
  ].join('\n\n');
}

export const showPackages: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!(await requireSession(ctx, folder))) return undefined;
  const report = await ctx.run({
    title: vscode.l10n.t('Reading the packages of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Reading packages…'),
    requiresTrust: false,
    work: (service) => service.packages(folder),
  });
  if (!report) return undefined;
  await ctx.documents.show(`${ctx.flowName(folder)}/packages.md`, packagesMarkdown(ctx.flowName(folder), report));
  return report;
};

export const changeSettings: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!ctx.checkTrust() || !(await requireSession(ctx, folder))) return undefined;
  const service = await ctx.service();
  const current = service?.peek(folder);
  if (!service || !current) return undefined;
  const chosen = await askSessionSettings(
    service,
    vscode.l10n.t('Change the session settings of {0}', ctx.flowName(folder)),
    current.settings,
  );
  if (!chosen) return undefined;
  if (service.willSettingsReset(folder, chosen)) {
    const go = vscode.l10n.t('Change and reset');
    const ok = await vscode.window.showWarningMessage(
      vscode.l10n.t('This change resets the session: it is recreated and its packages are installed again.'),
      { modal: true },
      go,
    );
    if (ok !== go) return undefined;
  }
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Changing the session settings of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Updating…'),
    requiresTrust: true,
    work: (svc, opts) => svc.changeSettings(folder, chosen, opts),
  });
};

/** The status bar's click: the actions that make sense for the session's state. */
export const actions: CommandFactory = (ctx) => async (arg) => {
  const folder = flowFolderFromArg(arg) ?? ctx.activeFlowFolder() ?? (await flowFolderForCommand(undefined));
  const s: SessionInfo | undefined = ctx.peek(folder);
  const state = s?.state ?? 'notStarted';
  const items: (vscode.QuickPickItem & { id: string })[] = shownActions(state).map((a) => ({
    id: a.command,
    label: `$(${a.icon}) ${a.label}`,
  }));
  items.push(
    { id: Commands.preflight, label: `$(checklist) ${vscode.l10n.t('Check prerequisites')}` },
    { id: Commands.showLog, label: `$(output) ${vscode.l10n.t('Show log')}` },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: `${ctx.flowName(folder)} — ${s ? sessionSummary(s) : stateLabel('notStarted')}`,
  });
  if (picked) return vscode.commands.executeCommand(picked.id, flowUri(folder));
  return undefined;
};

/** S11: deleting an instance stops what runs on it, so the list is shown before asking. */
export const deleteInstance: CommandFactory = (ctx) => async (arg) => {
  const node = arg as TreeNode | undefined;
  const name = node?.instance?.name;
  const service = await ctx.service();
  if (!name || !service) return undefined;
  const impact = await service.instanceImpact(name);
  const lines = [
    ...impact.sessions.map((s) => `• ${vscode.l10n.t('session')} ${s.flowName ?? s.sessionId} (${stateLabel(s.state)})`),
    ...impact.runs.map((r) => `• ${vscode.l10n.t('run')} ${r.displayName ?? r.runId} (${r.status})`),
  ];
  const del = vscode.l10n.t('Delete');
  const ok = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the instance {0}?', name),
    { modal: true, detail: lines.length ? `${vscode.l10n.t('This stops:')}\n${lines.join('\n')}` : vscode.l10n.t('Nothing runs on it.') },
    del,
  );
  if (ok !== del) return undefined;
  return ctx.run({
    title: vscode.l10n.t('Deleting the instance {0}', name),
    busyText: vscode.l10n.t('Deleting…'),
    requiresTrust: false,
    work: (svc, opts) => svc.deleteInstance(name, opts),
  });
};
