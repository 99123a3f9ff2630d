// Session verbs over the one session service: start|status|settings|reset|install|packages|stop|preflight
// <flow folder>, instances [delete <name>], run submit|list|status|logs|outputs|cancel. Each prints a table or lines
// for a person, or JSON with --json. Workspace from flags, the environment or a config.json (workspaceChoice.ts);
// AZUREML_EMULATOR_ENDPOINT (+ AZUREML_EMULATOR_CA) targets the local emulator with its credential.
import { stderr, stdout } from 'node:process';
import type { CliVerb } from '../main';
import { openSessionService, UsageError } from '../sessionService';
import type {
  ErrorInfo,
  ISessionService,
  InstanceDeletion,
  InstanceImpact,
  InstanceInfo,
  OperationProgress,
  PackagesReport,
  PreflightReport,
  RunInfo,
  SessionInfo,
  SessionResult,
  SessionSettings,
  StopResult,
  SubmitRunResult,
} from '../../core/session/types';
import { msg, processLocale, render, toLocale, type Locale } from '../../core/i18n';
import { resourceName } from '../../core/model';
import { MIGRATION_GUIDE_URL, retirementFacts, retirementSentence } from '../../core/retirement';
import { redact } from '../../core/redact';
import { cliText, displayWidth, padTo, table, type CliText } from './sessionText';
import { runLinesHuman, runLinesJson } from './runLinesText';
import { DEFAULT_TIMEOUT, parseDuration, TIMEOUT_EXIT_CODE, type ParsedArgs } from '../args';
import { cliCheck, cliFix } from '../fixes';

type Parsed = ParsedArgs;

const str = (p: Parsed, name: string): string | undefined => {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
};

/** The language of what a verb prints and of the service's texts: `--locale en|ja`, else the environment. */
function localeOf(p: Parsed): Locale {
  const explicit = str(p, 'locale');
  // Exactly a language the product speaks (`en`, `ja`): anything else is a usage error, not English.
  if (explicit !== undefined && toLocale(explicit) !== explicit) throw new UsageError(cliText(processLocale()).badLocale(explicit));
  return processLocale(process.env, explicit);
}

async function service(p: Parsed): Promise<ISessionService> {
  return openSessionService((name) => str(p, name), p.positional, localeOf(p));
}

function settingsFrom(p: Parsed, current?: SessionSettings): SessionSettings | undefined {
  const type = str(p, 'compute-type');
  const vmSize = str(p, 'vm-size');
  const idle = str(p, 'idle-minutes');
  const identity = str(p, 'identity');
  const ci = str(p, 'compute-instance');
  const serverless = p.flags.has('serverless');
  const userIdentity = p.flags.has('user-identity');
  if (!type && !vmSize && !idle && !identity && !ci && !serverless && !userIdentity) return undefined;
  const t = cliText(localeOf(p));
  if (identity && userIdentity) throw new UsageError(t.identityBoth);
  if (ci && serverless) throw new UsageError(t.computeBoth);
  const idleMinutes = idle === undefined ? current?.idleMinutes : Number(idle);
  if (idle !== undefined && !(Number(idle) > 0)) throw new UsageError(t.idleMinutes);
  const instance =
    !!ci ||
    type === 'computeInstance' ||
    type === 'compute-instance' ||
    (!serverless && !type && !vmSize && !identity && !userIdentity && current?.computeType === 'computeInstance');
  if (instance) {
    const name = ci ?? current?.computeInstanceName;
    if (!name) throw new UsageError(t.nameInstance);
    if (vmSize || identity || userIdentity) throw new UsageError(t.instanceSettings);
    return { computeType: 'computeInstance', computeInstanceName: name, idleMinutes };
  }
  const was = current?.computeType === 'serverless' ? current : undefined;
  return {
    computeType: 'serverless',
    vmSize: vmSize ?? was?.vmSize,
    idleMinutes,
    identityResourceId: userIdentity ? undefined : (identity ?? was?.identityResourceId),
  };
}

function progress(t: CliText, json: boolean, label?: string) {
  return (op: OperationProgress) => {
    if (json) return;
    const s = Math.floor((Date.now() - op.startedAt) / 1000);
    stderr.write(`${t.progress(label ?? op.kind, `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`, op.phase ?? '')}\n`);
  };
}

function printError(t: CliText, info: ErrorInfo, json: boolean): void {
  if (json) stdout.write(redact(`${JSON.stringify({ error: info }, null, 2)}\n`));
  else {
    stderr.write(redact(`${t.error} (${info.kind}): ${info.message}\n`));
    if (info.fix) stderr.write(redact(`  ${t.fix}: ${info.fix}${info.who ? ` (${info.who})` : ''}\n`));
  }
}

const minutesFrom = (deadline: number) => Math.max(0, Math.round((deadline - Date.now()) / 60_000));

function settingsText(t: CliText, st: SessionSettings): string {
  const idle = st.idleMinutes ? t.idle(st.idleMinutes) : undefined;
  return st.computeType === 'computeInstance'
    ? [t.computeInstance, st.computeInstanceName, idle].filter(Boolean).join(' · ')
    : [t.serverless, st.vmSize ?? t.defaultVmSize, st.identityResourceId ? resourceName(st.identityResourceId) : t.userIdentity, idle]
        .filter(Boolean)
        .join(' · ');
}

function sessionHuman(t: CliText, v: SessionInfo): string {
  const rows: [string, string | undefined][] = [
    [t.flow, v.flowName],
    [t.compute, v.computeName],
    [t.vmSize, v.vmSize],
    [
      t.identity,
      v.state === 'notStarted'
        ? undefined
        : v.identityResourceId
          ? resourceName(v.identityResourceId)
          : v.computeName
            ? t.userIdentity
            : undefined,
    ],
    [
      t.idleDeadline,
      v.idleDeadline ? `${new Date(v.idleDeadline).toISOString()} (${t.inMinutes(minutesFrom(v.idleDeadline))})` : undefined,
    ],
    [t.python, v.pythonVersion],
    [t.baseImage, v.baseImage],
    [t.runtimeImage, v.runtimeImage],
    [t.settings, settingsText(t, v.settings)],
    [t.lastError, v.error?.message],
    [t.fix, v.error?.fix],
  ];
  const shown = rows.filter((r): r is [string, string] => !!r[1]);
  const width = Math.max(...shown.map(([k]) => displayWidth(k)));
  return [
    `${t.session} ${v.sessionId || t.none}: ${t.stateWord(v.state)}`,
    ...shown.map(([k, val]) => `  ${padTo(`${k}:`, width + 1)} ${val}`),
  ].join('\n');
}

function packagesHuman(t: CliText, d: PackagesReport): string {
  const different = new Map(d.different.map((m) => [m.name.toLowerCase(), m]));
  const extra = new Set(d.extra.map((m) => m.name.toLowerCase()));
  const rows = [[t.package, t.installed, t.required, t.mark]];
  for (const p of [...d.installed].sort((a, b) => a.name.localeCompare(b.name))) {
    const key = p.name.toLowerCase();
    const diff = different.get(key);
    rows.push([p.name, p.version, diff?.required ?? '', diff ? t.different : extra.has(key) ? t.extra : t.ok]);
  }
  for (const m of d.missing) rows.push([m.name, '—', m.required || t.any, t.missing]);
  const head = [
    `${t.session} ${d.sessionId}: ${t.installedCount(d.installed.length)}`,
    d.requirementsFile ? t.requirementsFrom(d.requirementsFile) : t.noRequirementsFile,
    ...(d.unusedRequirementsFile ? [t.unusedFile(d.unusedRequirementsFile)] : []),
  ];
  return [...head, '', table(rows)].join('\n');
}

function stopHuman(t: CliText, r: StopResult, flow: string, locale: Locale): string {
  if (r.noSession) return render(locale, msg('lifecycle.noSessionToStop', { flow }));
  const lines = [t.stopped(r.sessionId)];
  if (r.computeName && r.compute) {
    const fate = { deleted: t.computeDeleted, deleting: t.computeDeleting, kept: t.computeKept, unknown: t.computeUnknown }[r.compute];
    lines.push(fate(r.computeName));
  }
  return lines.join('\n');
}

/** A run as a line names it: its display name with its id, since two runs may share a display name. */
const runName = (r: RunInfo): string => (r.displayName && r.displayName !== r.runId ? `${r.displayName} (${r.runId})` : r.runId);

function instancesHuman(t: CliText, list: InstanceInfo[]): string {
  if (!list.length) return t.noInstances;
  const rows = [[t.name, t.type, t.size, t.state, t.idleLeft, t.sessions, t.runs]];
  for (const i of list)
    rows.push([
      i.name,
      i.computeType === 'serverless' ? t.serverless : t.computeInstance,
      i.vmSize ?? '',
      i.state ?? (i.sessionsState ? t.stateWord(i.sessionsState) : ''),
      i.idleDeadline ? t.inMinutes(minutesFrom(i.idleDeadline)) : '',
      String(i.sessions.length),
      String(i.runs.length),
    ]);
  const detail = list.flatMap((i) => [
    '',
    `${i.name}:`,
    ...i.sessions.map((s) => t.sessionLine(s.flowName ?? s.sessionId, s.sessionId, t.stateWord(s.state))),
    ...i.runs.map((r) => t.runLine(runName(r), r.status)),
  ]);
  return [table(rows), ...detail].join('\n');
}

function impactHuman(t: CliText, i: InstanceImpact): string {
  const lines = [
    ...i.sessions.map((s) => t.sessionLine(s.flowName ?? s.sessionId, s.sessionId, t.stateWord(s.state))),
    ...i.runs.map((r) => t.runLine(runName(r), r.status)),
  ];
  return [t.impact(i.instance), ...(lines.length ? lines : [t.nothingOnIt])].join('\n');
}

function deletionHuman(t: CliText, d: InstanceDeletion): string {
  const lines = [
    d.deleted === 'compute' ? t.deletedCompute(d.instance, t.fates[d.compute] ?? d.compute) : t.deletedSessions(d.instance),
    t.gone(d.sessionsGone),
  ];
  if (d.sessionsRemaining.length) lines.push(t.remaining(d.sessionsRemaining));
  return lines.join('\n');
}

function preflightHuman(t: CliText, r: PreflightReport): string {
  const head = r.flowFolder ? [t.checksFor(`${r.flowFolder} (${r.settings ? settingsText(t, r.settings) : ''})`)] : [];
  return [
    ...head,
    ...r.checks.map(
      (c) =>
        `${padTo(t.check(c.status), 7)} ${c.title}${c.cause ? `\n        ${c.cause}` : ''}${c.fix && c.status !== 'pass' ? `\n        ${t.fix}: ${c.fix}` : ''}${c.who && c.status !== 'pass' ? `\n        ${t.who(c.who)}` : ''}`,
    ),
  ].join('\n');
}

function runsHuman(t: CliText, runs: RunInfo[]): string {
  if (!runs.length) return t.noRuns;
  return table([t.runColumns, ...runs.map((r) => [r.runId, r.status, r.flowName ?? '', r.sessionId ?? '', r.createdAt ?? ''])]);
}

function runHuman(t: CliText, r: RunInfo | SubmitRunResult, submitted = false): string {
  const run = r as Partial<RunInfo> & { runId: string };
  const lines = [submitted ? t.submitted(run.runId) : t.runStatus(run.runId, run.status ?? '?')];
  // Each label names what follows it: the run's display name is not its flow, and a flow shows only when known.
  if (run.displayName && run.displayName !== run.runId) lines.push(`  ${t.displayName}: ${run.displayName}`);
  if (run.flowName) lines.push(`  ${t.flow}: ${run.flowName}`);
  if (run.sessionId) lines.push(`  ${t.session}: ${run.sessionId}`);
  if (run.runtimeName) lines.push(`  ${t.runtime}: ${run.runtimeName}`);
  if (run.createdAt) lines.push(`  ${t.created}: ${run.createdAt}`);
  if (run.studioUrl) lines.push(`  ${t.studio}: ${run.studioUrl}`);
  if (run.error) lines.push(`  ${t.error}: ${run.error}`);
  return lines.join('\n');
}

/** What a verb resolved to, and how it reads for a person; `ok: false` makes the exit code 1. */
interface Output {
  value: unknown;
  /** What --json prints when it is not `value` as one JSON document (JSON Lines). */
  jsonText?: string;
  human: (t: CliText) => string;
  ok?: boolean;
}

const sessionOut = async (r: Promise<SessionResult> | Promise<SessionInfo>): Promise<Output> => {
  const v = await r;
  const session = 'session' in v && v.session ? v.session : (v as SessionInfo);
  return { value: session, human: (t) => sessionHuman(t, session) };
};

type Action = (
  svc: ISessionService,
  p: Parsed,
  opts: { cancel: AbortSignal; onProgress: (o: OperationProgress) => void },
) => Promise<Output>;

/** Verbs whose argument is a flow folder: after their time limit, the flow's session is read once more. */
const FLOW_SESSION_VERBS = new Set(['start', 'status', 'settings', 'reset', 'install', 'packages', 'stop']);
/** How long the read after a time limit may take: the limit itself has passed already. */
const LAST_READ_MS = 30_000;

const TIMED_OUT = Symbol('timed out');

function timer(ms: number): { done: Promise<typeof TIMED_OUT>; clear: () => void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<typeof TIMED_OUT>((resolve) => (handle = setTimeout(() => resolve(TIMED_OUT), ms)));
  return { done, clear: () => clearTimeout(handle) };
}

/**
 * The verb reached its --timeout: the operation is given up here (the service may go on), the flow's
 * session is read once more, bounded, and printed; the exit code says the limit was reached.
 */
async function timedOut(t: CliText, svc: ISessionService | undefined, p: Parsed, json: boolean, limit: string): Promise<number> {
  const locale = localeOf(p);
  stderr.write(`${render(locale, msg('args.timedOut', { verb: p.verb, limit }))}\n`);
  const folder = p.positional[0];
  if (!FLOW_SESSION_VERBS.has(p.verb) || !folder) return TIMEOUT_EXIT_CODE;
  const last = timer(LAST_READ_MS);
  const read = svc ? await Promise.race([svc.status(folder).catch(() => undefined), last.done]) : undefined;
  last.clear();
  if (!read || read === TIMED_OUT) stderr.write(`${render(locale, msg('args.timedOutUnread'))}\n`);
  else stdout.write(`${json ? JSON.stringify(read, null, 2) : sessionHuman(t, read)}\n`);
  return TIMEOUT_EXIT_CODE;
}

function flowVerb(action: Action, label?: string): CliVerb {
  return {
    async run(p) {
      const json = p.flags.has('json');
      const limitText = str(p, 'timeout') ?? DEFAULT_TIMEOUT;
      let t: CliText;
      try {
        t = cliText(localeOf(p));
      } catch (e) {
        stderr.write(`${(e as Error).message}\n`);
        return 2;
      }
      const ac = new AbortController();
      const onSigint = () => ac.abort();
      process.once('SIGINT', onSigint);
      let svc: ISessionService | undefined;
      // One overall limit over everything the verb does (signing in, every request, every wait), so a
      // CI step never hangs on a service or an emulator that stopped answering.
      const limit = timer(parseDuration(limitText) ?? 0);
      try {
        const work = (async () => {
          svc = await service(p);
          return action(svc, p, { cancel: ac.signal, onProgress: progress(t, json, label) });
        })();
        // The work is abandoned at the limit; a late failure of it has nowhere to go.
        work.catch(() => undefined);
        const out = await Promise.race([work, limit.done]);
        if (out === TIMED_OUT) {
          ac.abort();
          return await timedOut(t, svc, p, json, limitText);
        }
        const text = json ? (out.jsonText ?? JSON.stringify(out.value ?? null, null, 2)) : out.human(t);
        // JSON Lines of a run without lines is no line at all.
        stdout.write(json && out.jsonText === '' ? '' : `${text}\n`);
        return out.ok === false ? 1 : 0;
      } catch (e) {
        if (e instanceof UsageError) {
          stderr.write(`${e.message}\n`);
          return 2;
        }
        const info = (e as { info?: ErrorInfo }).info ?? { kind: 'unknown', message: (e as Error).message };
        if (process.env.PFSESSION_VERBOSE) stderr.write(`${redact((e as Error).stack ?? '')}\n`);
        printError(t, cliFix(info, localeOf(p)), json);
        return 1;
      } finally {
        limit.clear();
        process.removeListener('SIGINT', onSigint);
        svc?.dispose();
      }
    },
  };
}

const runVerbs: Record<string, CliVerb> = {
  'run submit': flowVerb(async (s, p, o) => {
    const r = await s.submitRun(p.positional[0], o);
    // Why the run went to another session than the flow's (run.yml resources, S5).
    if (r.notice) stderr.write(`${r.notice}\n`);
    return { value: r, human: (t) => runHuman(t, r, true) };
  }, 'submit'),
  'run list': flowVerb(async (s) => {
    const runs = await s.listRuns();
    return { value: runs, human: (t) => runsHuman(t, runs) };
  }, 'list'),
  'run status': flowVerb(async (s, p) => {
    const r = await s.runStatus(p.positional[0]);
    return { value: r, human: (t) => runHuman(t, r) };
  }, 'status'),
  'run logs': flowVerb(async (s, p) => {
    const text = await s.runLogs(p.positional[0]);
    return { value: text, human: () => text.replace(/\n$/, '') };
  }, 'logs'),
  'run outputs': flowVerb(async (s, p, o) => {
    const runId = p.positional[0];
    const lines = await s.runOutputs(runId, { cancel: o.cancel });
    return {
      value: lines,
      jsonText: runLinesJson(lines),
      human: () => runLinesHuman(localeOf(p), runId, lines, stdout.isTTY ? stdout.columns : undefined),
    };
  }),
  'run cancel': flowVerb(async (s, p) => {
    const r = await s.cancelRun(p.positional[0]);
    return { value: r, human: (t) => t.cancelRequested(r.runId, r.status) };
  }, 'cancel'),
};

const instancesVerbs: Record<string, CliVerb> = {
  instances: flowVerb(async (s) => {
    const list = await s.instances();
    return { value: list, human: (t) => instancesHuman(t, list) };
  }),
  'instances delete': flowVerb(async (s, p, o) => {
    const name = p.positional[0];
    const impact = await s.instanceImpact(name);
    // What it affects is said first, whatever happens next.
    if (!p.flags.has('json')) stdout.write(`${impactHuman(cliText(localeOf(p)), impact)}\n`);
    if (!p.flags.has('yes')) {
      return { value: { impact, deleted: false }, human: (t) => t.confirmDelete(name), ok: false };
    }
    const done = await s.deleteInstance(name, { ...o, what: p.flags.has('instance') ? 'compute' : 'sessions' });
    return { value: done, human: (t) => deletionHuman(t, done), ok: done.sessionsRemaining.length === 0 };
  }, 'delete'),
};

export const verbs: Record<string, CliVerb> = {
  start: flowVerb((s, p, o) => {
    const settings = settingsFrom(p);
    return sessionOut(settings ? s.startWithSettings(p.positional[0], settings, o) : s.start(p.positional[0], o));
  }),
  status: flowVerb(async (s, p) => {
    const out = await sessionOut(s.status(p.positional[0]));
    // The retirement, as of this machine's clock: the days left (or read-only) and where the guide is.
    const now = Date.now();
    const loc = localeOf(p);
    const retirement = [render(loc, retirementSentence(now)), render(loc, msg('retirement.guide', { url: MIGRATION_GUIDE_URL }))];
    return {
      value: { ...(out.value as SessionInfo), retirement: retirementFacts(now) },
      human: (t) => `${out.human(t)}\n\n${retirement.join('\n')}`,
    };
  }),
  settings: flowVerb(async (s, p, o) => {
    const current = await s.status(p.positional[0]);
    const settings = settingsFrom(p, current.state === 'notStarted' && !current.sessionId ? undefined : current.settings);
    if (!settings) return { value: current, human: (t) => sessionHuman(t, current) };
    const r = await s.changeSettings(p.positional[0], settings, o);
    return { value: r.session, human: (t) => `${t.applied}\n${sessionHuman(t, r.session)}` };
  }),
  reset: flowVerb((s, p, o) => sessionOut(s.reset(p.positional[0], o))),
  install: flowVerb((s, p, o) => sessionOut(s.installRequirements(p.positional[0], o))),
  packages: flowVerb(async (s, p) => {
    const r = await s.packages(p.positional[0]);
    return { value: r, human: (t) => packagesHuman(t, r) };
  }),
  stop: flowVerb(async (s, p, o) => {
    const r = await s.stop(p.positional[0], o);
    return { value: r, human: (t) => stopHuman(t, r, p.positional[0], localeOf(p)) };
  }),
  preflight: flowVerb(async (s, p) => {
    const read = await s.preflight(p.positional[0], settingsFrom(p));
    const r = { ...read, checks: read.checks.map((c) => cliCheck(c, localeOf(p))) };
    return { value: r, human: (t) => preflightHuman(t, r), ok: r.ok };
  }),
  ...instancesVerbs,
  ...runVerbs,
};
