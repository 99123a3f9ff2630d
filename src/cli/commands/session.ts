// Session verbs over the one session service: start|status|reset|install|packages|stop|preflight
// <flow folder>, instances, run submit|status|logs|cancel. Workspace from flags, the environment or a
// config.json (workspaceChoice.ts).
// AZUREML_EMULATOR_ENDPOINT (+ AZUREML_EMULATOR_CA) targets the local emulator with its credential.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stderr, stdout } from 'node:process';
import type { CliVerb } from '../main';
import { chooseWorkspace } from '../workspaceChoice';
import type {
  CredentialLike,
  ErrorInfo,
  ISessionService,
  OperationProgress,
  SessionResult,
  SessionSettings,
} from '../../core/session/types';

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parse(args: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags.set(name, inline);
    else if (name === 'json' || name === 'help') flags.set(name, true);
    else if (i + 1 < args.length) flags.set(name, args[++i]);
    else flags.set(name, true);
  }
  return { positional, flags };
}

const str = (p: Parsed, name: string): string | undefined => {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
};

class UsageError extends Error {}

async function credential(): Promise<{ credential: CredentialLike; armEndpoint?: string; caPem?: string }> {
  const endpoint = process.env.AZUREML_EMULATOR_ENDPOINT;
  if (endpoint) {
    const caPath = process.env.AZUREML_EMULATOR_CA;
    if (!caPath) throw new UsageError("AZUREML_EMULATOR_CA must name the emulator's ca.pem when AZUREML_EMULATOR_ENDPOINT is set.");
    const caPem = readFileSync(caPath, 'utf8');
    const { emulatorCredential } = await import('../../core/azure/credential');
    return { credential: emulatorCredential(endpoint, caPem, process.env.AZUREML_EMULATOR_USER), armEndpoint: endpoint, caPem };
  }
  const { AzureCliCredential, ChainedTokenCredential, DeviceCodeCredential } = await import('@azure/identity');
  return {
    credential: new ChainedTokenCredential(
      new AzureCliCredential(),
      new DeviceCodeCredential({ userPromptCallback: (info) => void stderr.write(`${info.message}\n`) }),
    ),
    armEndpoint: process.env.AZUREML_ARM_ENDPOINT,
  };
}

async function service(p: Parsed): Promise<ISessionService> {
  const choice = chooseWorkspace((name) => str(p, name), process.env, p.positional);
  if ('error' in choice) throw new UsageError(choice.error);
  const workspace = choice.workspace;
  if (process.env.PFSESSION_VERBOSE) stderr.write(`[info] workspace ${workspace.workspace} from ${choice.source}\n`);
  const conn = await credential();
  const { createSessionService } = await import('../../core/session/bundle');
  const verbose = !!process.env.PFSESSION_VERBOSE;
  return createSessionService({
    ...conn,
    workspace,
    stateDir: process.env.PFSESSION_STATE_DIR ?? join(homedir(), '.pfsession'),
    log: (level, message) => {
      if (verbose || level === 'warn' || level === 'error') stderr.write(`[${level}] ${message}\n`);
    },
  });
}

function settingsFrom(p: Parsed): SessionSettings | undefined {
  const type = str(p, 'compute-type');
  const vmSize = str(p, 'vm-size');
  const idle = str(p, 'idle-minutes');
  const identity = str(p, 'identity');
  const ci = str(p, 'compute-instance');
  if (!type && !vmSize && !idle && !identity && !ci) return undefined;
  const computeType = ci || type === 'computeInstance' || type === 'compute-instance' ? 'computeInstance' : 'serverless';
  const idleMinutes = idle === undefined ? undefined : Number(idle);
  if (idleMinutes !== undefined && !(idleMinutes > 0)) throw new UsageError('--idle-minutes must be a positive number.');
  return { computeType, vmSize, idleMinutes, identityResourceId: identity, computeInstanceName: ci };
}

function progress(json: boolean) {
  return (op: OperationProgress) => {
    if (json) return;
    const s = Math.floor((Date.now() - op.startedAt) / 1000);
    stderr.write(`  ${op.kind} ${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} ${op.phase ?? ''}\n`);
  };
}

function printError(info: ErrorInfo, json: boolean): void {
  if (json) stdout.write(`${JSON.stringify({ error: info }, null, 2)}\n`);
  else {
    stderr.write(`error (${info.kind}): ${info.message}\n`);
    if (info.fix) stderr.write(`  fix: ${info.fix}${info.who ? ` (${info.who})` : ''}\n`);
  }
}

function human(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v && 'state' in v && 'sessionId' in v) {
    const lines = [`session ${v.sessionId || '(none)'}: ${String(v.state)}`];
    for (const k of ['flowName', 'computeName', 'baseImage', 'runtimeImage', 'pythonVersion', 'lastAliveTime'] as const)
      if (v[k]) lines.push(`  ${k}: ${String(v[k])}`);
    const err = v.error as ErrorInfo | undefined;
    if (err) lines.push(`  last error: ${err.message}`);
    return lines.join('\n');
  }
  if (v && Array.isArray(v.checks)) {
    return (v.checks as { status: string; title: string; cause?: string; fix?: string }[])
      .map(
        (c) =>
          `${c.status.toUpperCase().padEnd(7)} ${c.title}${c.cause ? `\n        ${c.cause}` : ''}${c.fix && c.status !== 'pass' ? `\n        fix: ${c.fix}` : ''}`,
      )
      .join('\n');
  }
  if (v && Array.isArray(v.installed)) {
    const d = v as {
      missing: { name: string; required?: string }[];
      different: { name: string; required?: string; installed?: string }[];
      extra: unknown[];
      installed: unknown[];
    };
    return [
      `${d.installed.length} installed, ${d.extra.length} not in requirements`,
      ...d.missing.map((m) => `  missing:   ${m.name}${m.required ?? ''}`),
      ...d.different.map((m) => `  different: ${m.name} ${m.installed} (wants ${m.required})`),
    ].join('\n');
  }
  return JSON.stringify(value, null, 2);
}

/** The session as read back after an operation (its `error` holds the operation's warning). */
const sessionOf = async (r: Promise<SessionResult>) => (await r).session;

type Action = (
  svc: ISessionService,
  p: Parsed,
  opts: { cancel: AbortSignal; onProgress: (o: OperationProgress) => void },
) => Promise<unknown>;

function flowVerb(summary: string, action: Action, needsFolder = true): CliVerb {
  return {
    summary,
    async run(args) {
      const p = parse(args);
      const json = p.flags.has('json');
      if (needsFolder && !p.positional[0]) {
        stderr.write(`usage: ${summary}\n`);
        return 2;
      }
      const ac = new AbortController();
      const onSigint = () => ac.abort();
      process.once('SIGINT', onSigint);
      let svc: ISessionService | undefined;
      try {
        svc = await service(p);
        const result = await action(svc, p, { cancel: ac.signal, onProgress: progress(json) });
        stdout.write(`${json ? JSON.stringify(result ?? null, null, 2) : human(result)}\n`);
        const failed = (result as { ok?: boolean } | undefined)?.ok === false;
        return failed ? 1 : 0;
      } catch (e) {
        if (e instanceof UsageError) {
          stderr.write(`${e.message}\n`);
          return 2;
        }
        const info = (e as { info?: ErrorInfo }).info ?? { kind: 'unknown', message: (e as Error).message };
        if (process.env.PFSESSION_VERBOSE) stderr.write(`${(e as Error).stack ?? ''}\n`);
        printError(info, json);
        return 1;
      } finally {
        process.removeListener('SIGINT', onSigint);
        svc?.dispose();
      }
    },
  };
}

const runVerb: CliVerb = {
  summary: 'run submit <run.yml> | run status|logs|cancel <run id> | run list   [--json]',
  run(args) {
    const [sub, ...rest] = args;
    const actions: Record<string, Action> = {
      submit: async (s, p, o) => {
        const r = await s.submitRun(p.positional[0], o);
        // Why the run went to another session than the flow's (run.yml resources, S5).
        if (r.notice) stderr.write(`${r.notice}\n`);
        return r;
      },
      list: (s) => s.listRuns(),
      status: (s, p) => s.runStatus(p.positional[0]),
      logs: (s, p) => s.runLogs(p.positional[0]),
      cancel: async (s, p) => {
        await s.cancelRun(p.positional[0]);
        return { cancelled: p.positional[0] };
      },
    };
    const action = sub ? actions[sub] : undefined;
    if (!action) {
      stderr.write(`usage: pfsession ${runVerb.summary}\n`);
      return Promise.resolve(2);
    }
    return flowVerb(runVerb.summary, action, sub !== 'list').run(rest);
  },
};

export const verbs: Record<string, CliVerb> = {
  start: flowVerb(
    'start <flow folder> [--compute-type serverless|computeInstance] [--vm-size S] [--idle-minutes N] [--identity ID] [--compute-instance NAME] [--json]',
    (s, p, o) => {
      const settings = settingsFrom(p);
      return sessionOf(settings ? s.startWithSettings(p.positional[0], settings, o) : s.start(p.positional[0], o));
    },
  ),
  status: flowVerb('status <flow folder> [--json]', (s, p) => s.status(p.positional[0])),
  reset: flowVerb('reset <flow folder> [--json]', (s, p, o) => sessionOf(s.reset(p.positional[0], o))),
  install: flowVerb('install <flow folder> [--json]: install requirements.txt into the session', (s, p, o) =>
    sessionOf(s.installRequirements(p.positional[0], o)),
  ),
  packages: flowVerb('packages <flow folder> [--json]: installed packages against requirements.txt', (s, p) => s.packages(p.positional[0])),
  stop: flowVerb('stop <flow folder> [--json]', (s, p, o) => s.stop(p.positional[0], o)),
  preflight: flowVerb('preflight [flow folder] [--json]: role, datastore, working directory, network', (s) => s.preflight(), false),
  instances: flowVerb(
    'instances [--json]: serverless instances and compute instances with their sessions and runs',
    (s) => s.instances(),
    false,
  ),
  run: runVerb,
};
