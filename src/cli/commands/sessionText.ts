// What the session verbs print for a person (not with --json), rendered from the catalogue
// (core/i18n/messages/cli.ts, and session.ts for the sentences the extension says too) in the CLI's
// locale: `--locale`, else the environment (LC_ALL, LC_MESSAGES, LANG).
import { eastAsianWidth } from 'get-east-asian-width';
import { joinList, translator, type Locale } from '../../core/i18n';
import type { CheckStatus, SessionState } from '../../core/session/types';

/** What a progress line can be about: the service's operations and the verbs that wait on one. */
const RUNNING = ['start', 'install', 'reset', 'update', 'stop', 'computeStart', 'submit', 'delete'] as const;
type Running = (typeof RUNNING)[number];

export function cliText(locale: Locale) {
  const t = translator(locale);
  return {
    session: t('cli.session'),
    none: t('cli.none'),
    flow: t('cli.flow'),
    displayName: t('cli.displayName'),
    runtime: t('cli.runtime'),
    compute: t('cli.compute'),
    vmSize: t('session.vmSize'),
    identity: t('session.identity'),
    userIdentity: t('session.userIdentity'),
    idleDeadline: t('cli.idleDeadline'),
    inMinutes: (m: number) => t('cli.inMinutes', { m }),
    python: t('cli.python'),
    baseImage: t('cli.baseImage'),
    runtimeImage: t('cli.runtimeImage'),
    settings: t('cli.settings'),
    lastError: t('cli.lastError'),
    error: t('cli.error'),
    fix: t('cli.fix'),
    serverless: t('session.serverless'),
    computeInstance: t('session.computeInstance'),
    defaultVmSize: t('cli.defaultVmSize'),
    idle: (m: number) => t('cli.idle', { m }),
    installedCount: (n: number) => t('cli.installedCount', { n }),
    requirementsFrom: (file: string) => t('cli.requirementsFrom', { file }),
    noRequirementsFile: t('cli.noRequirementsFile'),
    unusedFile: (file: string) => t('cli.unusedFile', { file }),
    package: t('cli.package'),
    installed: t('cli.installed'),
    required: t('cli.required'),
    mark: t('cli.mark'),
    any: t('cli.any'),
    missing: t('cli.missing'),
    different: t('cli.different'),
    extra: t('cli.extra'),
    ok: t('cli.ok'),
    stopped: (id: string) => t('cli.stopped', { id }),
    computeDeleted: (name: string) => t('session.computeFate.deleted', { name }),
    computeDeleting: (name: string) => t('session.computeFate.deleting', { name }),
    computeKept: (name: string) => t('session.computeFate.kept', { name }),
    computeUnknown: (name: string) => t('session.computeFate.unknown', { name }),
    name: t('cli.name'),
    type: t('cli.type'),
    size: t('cli.size'),
    state: t('cli.state'),
    idleLeft: t('cli.idleLeft'),
    sessions: t('cli.sessions'),
    runs: t('cli.runs'),
    noInstances: t('cli.noInstances'),
    sessionLine: (flow: string, id: string, state: string) => t('cli.sessionLine', { flow, id, state }),
    runLine: (name: string, status: string) => t('cli.runLine', { name, status }),
    noRuns: t('cli.noRuns'),
    impact: (name: string) => t('cli.impact', { name }),
    nothingOnIt: t('cli.nothingOnIt'),
    confirmDelete: (name: string) => t('cli.confirmDelete', { name }),
    deletedCompute: (name: string, fate: string) => t('cli.deletedCompute', { name, fate }),
    deletedSessions: (name: string) => t('session.instance.sessionsDeleted', { name }),
    gone: (ids: string[]) => t('cli.sessionsGone', { ids: joinList(locale, ids) || t('cli.none') }),
    remaining: (ids: string[]) => t('cli.sessionsRemaining', { ids: joinList(locale, ids) }),
    checksFor: (target: string) => t('cli.checksFor', { target }),
    who: (who: string) => t('cli.who', { who }),
    applied: t('cli.applied'),
    submitted: (id: string) => t('cli.submitted', { id }),
    studio: t('cli.studio'),
    runStatus: (id: string, status: string) => t('cli.runStatus', { id, status }),
    created: t('cli.created'),
    cancelRequested: (id: string, status: string) => t('cli.cancelRequested', { id, status }),
    fates: {
      deleted: t('cli.fate.deleted'),
      deleting: t('cli.fate.deleting'),
      kept: t('cli.fate.kept'),
      unknown: t('cli.fate.unknown'),
    } as Record<string, string>,
    runColumns: [t('cli.col.run'), t('cli.mark'), t('cli.col.flow'), t('cli.col.session'), t('cli.col.created')],
    stateWord: (s: SessionState) => t(`cli.state.${s}`),
    check: (s: CheckStatus) => t(`cli.check.${s}`),
    progress: (label: string, elapsed: string, phase: string) =>
      t('cli.progress', {
        label: (RUNNING as readonly string[]).includes(label) ? t(`cli.running.${label as Running}`) : label,
        elapsed,
        phase,
      }),
    usage: (summary: string) => t('cli.usage', { summary }),
    identityBoth: t('cli.usage.identityBoth'),
    computeBoth: t('cli.usage.computeBoth'),
    idleMinutes: t('cli.usage.idleMinutes'),
    nameInstance: t('cli.usage.nameInstance'),
    instanceSettings: t('cli.usage.instanceSettings'),
    badLocale: (value: string) => t('cli.usage.locale', { value }),
  };
}

export type CliText = ReturnType<typeof cliText>;

/** How many terminal columns a text takes: wide (Japanese) characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += eastAsianWidth(ch.codePointAt(0)!);
  return width;
}

/** The text followed by spaces up to `width` terminal columns. */
export function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Columns padded to their widest cell, measured as the terminal shows them; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? '')))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : padTo(cell, widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
