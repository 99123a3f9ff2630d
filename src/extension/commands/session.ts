import * as vscode from 'vscode';
import type { InstanceDeletion, OperationOptions, PackagesReport, SessionInfo, StopResult } from '../../core/session/types';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './factory';
import { flowFolderFromArg, flowUri, flowFolderForCommand } from '../flows';
import { isBusy, sessionSummary, stateLabel } from '../format';
import { shownActions } from '../sessionActions';
import type { TreeNode } from '../tree/items';
import { askSessionSettings, summary } from './settingsWizard';
import { confirm, type Choice } from '../confirm';
import { Commands } from '../../shared/commands';
import { msg, render, toLocale } from '../../core/i18n';
import { confirmDestructive, saveFlowFile } from './destructive';

/** Tells the user the session is up (or on its way) already. */
function sayActive(ctx: Ctx, folder: string, s: SessionInfo): void {
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The session of {0} is already {1}.', ctx.flowName(folder), stateLabel(s.state).toLowerCase()),
  );
}

/**
 * Reads the state first: starting a session that is already up (or on its way) does nothing. What this
 * window remembers as running is read again, since it may have gone meanwhile (idle, another tool).
 */
async function alreadyActive(ctx: Ctx, folder: string): Promise<boolean> {
  let s = ctx.peek(folder);
  if (!s || !(s.state === 'running' || isBusy(s.state))) return false;
  if (s.state === 'running') s = await ctx.connection.current?.status(folder).catch(() => s);
  if (!s || !(s.state === 'running' || isBusy(s.state))) return false;
  sayActive(ctx, folder, s);
  return true;
}

/**
 * A stopped compute instance bills by the hour once started: the user is asked before a session starts
 * it (S4).
 */
async function confirmComputeStart(name: string): Promise<boolean> {
  const go = await confirm(
    vscode.l10n.t('Compute instance {0} is stopped. Start it for the session?', name),
    vscode.l10n.t('It is billed while it runs, until it is stopped or shuts down for idleness.'),
    [{ label: vscode.l10n.t('Start the instance'), value: true }],
  );
  return go === true;
}

/** Session operations that may start a compute instance ask first. */
const asking = (opts: OperationOptions): OperationOptions => ({ ...opts, confirmComputeStart });

export const start: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (await alreadyActive(ctx, folder)) return ctx.peek(folder);
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Starting the session of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Starting…'),
    requiresTrust: true,
    work: (service, opts) => service.start(folder, asking(opts)),
  });
};

/**
 * The wizard, then a start with its settings. On a running session the settings are applied (another
 * VM size, identity or compute resets it, and the user agrees to that first), never only recorded.
 */
export const startWithSettings: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!ctx.checkTrust()) return undefined;
  const service = await ctx.service();
  if (!service) return undefined;
  const current = service.peek(folder);
  const running = !!current && (current.state === 'running' || current.state === 'failed');
  if (current && isBusy(current.state)) {
    sayActive(ctx, folder, current);
    return current;
  }
  const chosen = await askSessionSettings(
    service,
    vscode.l10n.t('Start the session of {0}', ctx.flowName(folder)),
    running ? current.settings : undefined,
  );
  if (!chosen) return undefined;
  if (running && service.willSettingsReset(folder, chosen) && !(await confirmReset())) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Starting the session of {0} ({1})', ctx.flowName(folder), summary(chosen)),
    busyText: vscode.l10n.t('Starting…'),
    requiresTrust: true,
    work: (svc, opts) => svc.startWithSettings(folder, chosen, asking(opts)),
  });
};

async function confirmReset(): Promise<boolean> {
  const go = await confirm(
    vscode.l10n.t('Change the session settings'),
    vscode.l10n.t('This change resets the session: it is recreated and its packages are installed again.'),
    [{ label: vscode.l10n.t('Change and reset'), value: true }],
  );
  return go === true;
}

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
  if (!(await confirmDestructive('reset', ctx.flowName(folder))) || !(await saveFlowFile(folder))) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Resetting the session of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Resetting…'),
    requiresTrust: true,
    work: (service, opts) => service.reset(folder, asking(opts)),
  });
};

export const stop: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!(await requireSession(ctx, folder)) || !(await confirmDestructive('stop', ctx.flowName(folder)))) return undefined;
  const result = await ctx.run({
    flowFolder: folder,
    title: vscode.l10n.t('Stopping the session of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Stopping…'),
    requiresTrust: false,
    work: (service, opts) => service.stop(folder, opts),
  });
  // The service had none (gone meanwhile, or another user's): nothing was stopped, and that is said.
  const said = result?.noSession
    ? render(toLocale(vscode.env.language), msg('lifecycle.noSessionToStop', { flow: ctx.flowName(folder) }))
    : result && computeFateText(result);
  if (said) void vscode.window.showInformationMessage(said);
  return result;
};

/** What the service says became of the serverless compute after a stop (read back, S7). */
export function computeFateText(r: StopResult): string | undefined {
  const name = r.computeName ?? '?';
  switch (r.compute) {
    case 'deleted':
      return vscode.l10n.t('No session remained on {0}, so the serverless compute was deleted too.', name);
    case 'deleting':
      return vscode.l10n.t('No session remained on {0}, so the serverless compute is being deleted.', name);
    case 'kept':
      return vscode.l10n.t('The serverless compute {0} stays: other sessions still use it.', name);
    case 'unknown':
      return vscode.l10n.t('Whether the serverless compute {0} was deleted could not be read.', name);
    default:
      return undefined;
  }
}

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
  if (service.willSettingsReset(folder, chosen) && !(await confirmReset())) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: vscode.l10n.t('Changing the session settings of {0}', ctx.flowName(folder)),
    busyText: vscode.l10n.t('Updating…'),
    requiresTrust: true,
    work: (svc, opts) => svc.changeSettings(folder, chosen, asking(opts)),
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

/**
 * S11: deleting an instance ends what runs on it, so everything the service knows on it (sessions bound
 * here and those runs started, active runs) is listed before asking; a compute instance offers to delete
 * its sessions or the instance. What is gone is read back and said afterwards.
 */
export const deleteInstance: CommandFactory = (ctx) => async (arg) => {
  const node = arg as TreeNode | undefined;
  const name = node?.instance?.name ?? (typeof arg === 'string' ? arg : undefined);
  const service = await ctx.service();
  if (!name || !service) return undefined;
  const impact = await ctx.run({
    title: vscode.l10n.t('Reading what runs on {0}', name),
    busyText: vscode.l10n.t('Reading…'),
    requiresTrust: false,
    work: (svc) => svc.instanceImpact(name),
  });
  if (!impact) return undefined;
  const lines = [
    ...impact.sessions.map((s) => `${vscode.l10n.t('session')} ${s.flowName ?? s.sessionId} (${stateLabel(s.state)})`),
    ...impact.runs.map((r) => `${vscode.l10n.t('run')} ${r.displayName ?? r.runId} (${r.status})`),
  ];
  const ends = lines.length ? `${vscode.l10n.t('This stops:')} ${lines.join(' · ')}` : vscode.l10n.t('Nothing runs on it.');
  const choices: Choice<'compute' | 'sessions'>[] =
    impact.computeType === 'computeInstance'
      ? [
          { label: vscode.l10n.t('Delete its sessions'), value: 'sessions', detail: ends },
          { label: vscode.l10n.t('Delete the instance'), value: 'compute', detail: ends },
        ]
      : [{ label: vscode.l10n.t('Delete'), value: 'compute', detail: ends }];
  const what = await confirm(vscode.l10n.t('Delete the instance {0}?', name), ends, choices);
  if (!what) return undefined;
  const done = await ctx.run({
    title: vscode.l10n.t('Deleting the instance {0}', name),
    busyText: vscode.l10n.t('Deleting…'),
    requiresTrust: false,
    work: (svc, opts) => svc.deleteInstance(name, { ...opts, what }),
  });
  if (done) void vscode.window.showInformationMessage(deletionText(done));
  return done;
};

/** What deleting an instance did, as the service reads afterwards. */
export function deletionText(d: InstanceDeletion): string {
  const gone = vscode.l10n.t('{0} session(s) gone', d.sessionsGone.length);
  const remaining = d.sessionsRemaining.length ? ` ${vscode.l10n.t('{0} still reported by the service.', d.sessionsRemaining.length)}` : '';
  if (d.deleted === 'sessions') {
    // "Were deleted" only when the service reports none of them any more.
    const head = d.sessionsRemaining.length
      ? vscode.l10n.t('Deleting the sessions of {0} was asked for; the instance stays.', d.instance)
      : vscode.l10n.t('The sessions of {0} were deleted; the instance stays.', d.instance);
    return `${head} ${gone}.${remaining}`;
  }
  const fate =
    d.compute === 'deleting'
      ? vscode.l10n.t('{0} is being deleted.', d.instance)
      : d.compute === 'deleted'
        ? vscode.l10n.t('{0} was deleted.', d.instance)
        : vscode.l10n.t('What became of {0} could not be read.', d.instance);
  return `${fate} ${gone}.${remaining}`;
}
