// Session commands: start, start with settings, install, packages, change settings, reset, stop, the
// actions quick pick and deleting an instance; each reads the state first and reports what it read back.
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
import { t } from '../i18n';
import { confirmDestructive, saveFlowFile } from './destructive';

/** Tells the user the session is up (or on its way) already. */
function sayActive(ctx: Ctx, folder: string, s: SessionInfo): void {
  void vscode.window.showInformationMessage(
    t('extension.session.alreadyActive', { flow: ctx.flowName(folder), state: stateLabel(s.state).toLowerCase() }),
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
  const go = await confirm(t('extension.session.startInstanceQuestion', { name }), t('extension.session.instanceBilled'), [
    { label: t('extension.session.startInstance'), value: true },
  ]);
  return go === true;
}

/** Session operations that may start a compute instance ask first. */
const asking = (opts: OperationOptions): OperationOptions => ({ ...opts, confirmComputeStart });

export const start: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (await alreadyActive(ctx, folder)) return ctx.peek(folder);
  return ctx.runSession({
    flowFolder: folder,
    title: t('extension.session.starting', { flow: ctx.flowName(folder) }),
    busyText: t('extension.busy.starting'),
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
    t('extension.session.startTitle', { flow: ctx.flowName(folder) }),
    running ? current.settings : undefined,
    running ? current.vmSize : undefined,
  );
  if (!chosen) return undefined;
  if (running && service.willSettingsReset(folder, chosen) && !(await confirmReset())) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: t('extension.session.startingWith', { flow: ctx.flowName(folder), settings: summary(chosen) }),
    busyText: t('extension.busy.starting'),
    requiresTrust: true,
    work: (svc, opts) => svc.startWithSettings(folder, chosen, asking(opts)),
  });
};

async function confirmReset(): Promise<boolean> {
  const go = await confirm(t('extension.session.changeSettingsTitle'), t('extension.session.changeResets'), [
    { label: t('extension.session.changeAndReset'), value: true },
  ]);
  return go === true;
}

/** Offers Start when an action needs a session and none is bound. */
async function requireSession(ctx: Ctx, folder: string): Promise<boolean> {
  const service = await ctx.service();
  if (!service) return false;
  let s = service.peek(folder);
  if (!s) s = await service.status(folder).catch(() => undefined);
  if (s && s.state !== 'notStarted') return true;
  const startNow = t('extension.session.startSession');
  // Not awaited: the command ends now; the offer stays until the user answers it.
  void vscode.window
    .showInformationMessage(t('extension.session.noSessionYet', { flow: ctx.flowName(folder) }), startNow)
    .then((picked) => {
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
    title: t('extension.session.resetting', { flow: ctx.flowName(folder) }),
    busyText: t('extension.busy.resetting'),
    requiresTrust: true,
    work: (service, opts) => service.reset(folder, asking(opts)),
  });
};

export const stop: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!(await requireSession(ctx, folder)) || !(await confirmDestructive('stop', ctx.flowName(folder)))) return undefined;
  const result = await ctx.run({
    flowFolder: folder,
    title: t('extension.session.stopping', { flow: ctx.flowName(folder) }),
    busyText: t('extension.busy.stopping'),
    requiresTrust: false,
    work: (service, opts) => service.stop(folder, opts),
  });
  // The service had none (gone meanwhile, or another user's): nothing was stopped, and that is said.
  const said = result?.noSession ? t('lifecycle.noSessionToStop', { flow: ctx.flowName(folder) }) : result && computeFateText(result);
  if (said) void vscode.window.showInformationMessage(said);
  return result;
};

/** What the service says became of the serverless compute after a stop (read back, S7). */
export function computeFateText(r: StopResult): string | undefined {
  const name = r.computeName ?? '?';
  switch (r.compute) {
    case 'deleted':
      return t('extension.stop.computeDeleted', { name });
    case 'deleting':
      return t('extension.stop.computeDeleting', { name });
    case 'kept':
      return t('extension.stop.computeKept', { name });
    case 'unknown':
      return t('extension.stop.computeUnknown', { name });
    default:
      return undefined;
  }
}

export const installRequirements: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!ctx.checkTrust() || !(await requireSession(ctx, folder))) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: t('extension.session.installing', { flow: ctx.flowName(folder) }),
    busyText: t('extension.busy.installing'),
    requiresTrust: true,
    work: (service, opts) => service.installRequirements(folder, opts),
    // What the session's read shows installed: the requirement lines it holds now.
    confirm: (r) =>
      t('extension.confirm.installed', {
        flow: ctx.flowName(folder),
        count: r.session.requirements?.length ?? 0,
        session: ctx.sessionNow(r.session),
      }),
  });
};

export function packagesMarkdown(flow: string, r: PackagesReport): string {
  const rows = (entries: { name: string; required?: string; installed?: string }[]) =>
    entries.length
      ? [
          '| ' + t('extension.packages.package') + ' | requirements.txt | ' + t('extension.packages.installed') + ' |',
          '|---|---|---|',
          ...entries.map(
            (e) => `| ${e.name} | ${e.required || (e.required === '' ? t('extension.packages.any') : '—')} | ${e.installed ?? '—'} |`,
          ),
        ].join('\n')
      : `_${t('extension.packages.none')}_`;
  return [
    `# ${t('extension.packages.title', { flow })}`,
    t('extension.field.session', { value: `\`${r.sessionId}\`` }),
    `## ${t('extension.packages.missing')} (${r.missing.length})`,
    t('extension.packages.missingExplained'),
    rows(r.missing),
    `## ${t('extension.packages.different')} (${r.different.length})`,
    t('extension.packages.differentExplained'),
    rows(r.different),
    `## ${t('extension.packages.extra')} (${r.extra.length})`,
    t('extension.packages.extraExplained'),
    rows(r.extra),
    `## ${t('extension.packages.installed')} (${r.installed.length})`,
    r.installed.map((p) => `- ${p.name} ${p.version}`).join('\n') || `_${t('extension.packages.none')}_`,
    '',
  ].join('\n\n');
}

export const showPackages: CommandFactory = (ctx) => async (arg) => {
  const folder = await flowFolderForCommand(arg);
  if (!(await requireSession(ctx, folder))) return undefined;
  const report = await ctx.run({
    title: t('extension.packages.reading', { flow: ctx.flowName(folder) }),
    busyText: t('extension.busy.readingPackages'),
    requiresTrust: false,
    work: (service) => service.packages(folder),
  });
  if (!report) return undefined;
  const flow = ctx.flowName(folder);
  await ctx.reports.showReport({ name: t('extension.report.packages', { flow }), markdown: packagesMarkdown(flow, report) });
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
    t('extension.session.changeSettingsOf', { flow: ctx.flowName(folder) }),
    current.settings,
    current.vmSize,
  );
  if (!chosen) return undefined;
  if (service.willSettingsReset(folder, chosen) && !(await confirmReset())) return undefined;
  return ctx.runSession({
    flowFolder: folder,
    title: t('extension.session.changingSettings', { flow: ctx.flowName(folder) }),
    busyText: t('extension.busy.updating'),
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
    { id: Commands.preflight, label: `$(checklist) ${t('extension.checkPrerequisites')}` },
    { id: Commands.showLog, label: `$(output) ${t('extension.showLog')}` },
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
    title: t('extension.instance.readingImpact', { name }),
    busyText: t('extension.busy.reading'),
    requiresTrust: false,
    work: (svc) => svc.instanceImpact(name),
  });
  if (!impact) return undefined;
  const lines = [
    ...impact.sessions.map((s) => t('extension.instance.session', { name: s.flowName ?? s.sessionId, state: stateLabel(s.state) })),
    ...impact.runs.map((r) => t('extension.instance.run', { name: r.displayName ?? r.runId, status: r.status })),
  ];
  const ends = lines.length ? t('extension.instance.thisStops', { items: lines.join(' · ') }) : t('extension.instance.nothingRuns');
  const choices: Choice<'compute' | 'sessions'>[] =
    impact.computeType === 'computeInstance'
      ? [
          { label: t('extension.instance.deleteSessions'), value: 'sessions', detail: ends },
          { label: t('extension.instance.deleteInstance'), value: 'compute', detail: ends },
        ]
      : [{ label: t('extension.instance.delete'), value: 'compute', detail: ends }];
  const what = await confirm(t('extension.instance.deleteQuestion', { name }), ends, choices);
  if (!what) return undefined;
  const done = await ctx.run({
    title: t('extension.instance.deleting', { name }),
    busyText: t('extension.busy.deleting'),
    requiresTrust: false,
    work: (svc, opts) => svc.deleteInstance(name, { ...opts, what }),
  });
  if (done) void vscode.window.showInformationMessage(deletionText(done));
  return done;
};

/** What deleting an instance did, as the service reads afterwards. */
export function deletionText(d: InstanceDeletion): string {
  const gone = t('extension.instance.sessionsGone', { count: d.sessionsGone.length });
  const remaining = d.sessionsRemaining.length ? t('extension.instance.sessionsRemaining', { count: d.sessionsRemaining.length }) : '';
  if (d.deleted === 'sessions') {
    // "Were deleted" only when the service reports none of them any more.
    const head = d.sessionsRemaining.length
      ? t('extension.instance.sessionsDeletionAsked', { name: d.instance })
      : t('extension.instance.sessionsDeleted', { name: d.instance });
    return [head, gone, remaining].filter(Boolean).join(' ');
  }
  const fate =
    d.compute === 'deleting'
      ? t('extension.instance.beingDeleted', { name: d.instance })
      : d.compute === 'deleted'
        ? t('extension.instance.deleted', { name: d.instance })
        : t('extension.instance.fateUnknown', { name: d.instance });
  return [fate, gone, remaining].filter(Boolean).join(' ');
}
