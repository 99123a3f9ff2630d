// `pfsession migrate plan <paths…> [--json]`: what each flow becomes in Microsoft Agent Framework.
// `pfsession migrate generate <flow> --out <dir> [--force] [--json]`: the runnable Python project.
// Exit codes: 0 done; 1 a flow cannot be generated, or a file was not overwritten; 2 bad usage.
// Nothing is sent anywhere: both verbs read the flow and write local files only.
// `pfsession migrate verify <flow> --data <jsonl> …`: the flow on its session and its workflow here,
// compared line by line. Exit codes: 0 parity holds; 1 it does not; 2 a side could not run, or bad usage.
import { basename, resolve } from 'node:path';
import { stderr, stdout } from 'node:process';
import { isInside, locateFlow, nodeFileHost } from '../../core/flow';
import { joinList, msg, processLocale, render, t, type Locale } from '../../core/i18n';
import {
  DEFAULT_PARITY,
  DEFAULT_PYTHON,
  flowFilesUnder,
  generateProject,
  parityJson,
  parityMarkdown,
  planFlow,
  planJson,
  planMarkdown,
  verifyParity,
  writeProject,
  type VerifyOutcome,
} from '../../core/migration';
import { redact } from '../../core/redact';
import type { ISessionService } from '../../core/session/types';
import { DEFAULT_TIMEOUT, parseDuration, TIMEOUT_EXIT_CODE, type ParsedArgs } from '../args';
import type { CliVerb } from '../main';
import { openSessionService } from '../sessionService';

interface Parsed {
  positional: string[];
  json: boolean;
  force: boolean;
  out?: string;
  locale: Locale;
}

function parse(args: string[]): Parsed | { error: string; locale: Locale } {
  const parsed: Parsed = { positional: [], json: false, force: false, locale: processLocale() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [name, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    const value = () => inline ?? args[++i];
    if (name === 'json') parsed.json = true;
    else if (name === 'force') parsed.force = true;
    else if (name === 'out' || name === 'locale') {
      const v = value();
      if (!v) return { error: t(parsed.locale, 'migration.cli.needsValue', { option: `--${name}` }), locale: parsed.locale };
      if (name === 'out') parsed.out = v;
      else parsed.locale = processLocale(process.env, v);
    } else if (a.startsWith('-')) return { error: t(parsed.locale, 'migration.cli.unknownOption', { option: a }), locale: parsed.locale };
    else parsed.positional.push(a);
  }
  return parsed;
}

function fail(usage: string, error: string): number {
  process.stderr.write(`pfsession migrate: ${redact(error)}\n${usage}\n`);
  return 2;
}

async function plan(args: string[]): Promise<number> {
  const p = parse(args);
  const usage = t(p.locale, 'migration.cli.usagePlan');
  if ('error' in p) return fail(usage, p.error);
  if (!p.positional.length) return fail(usage, t(p.locale, 'migration.cli.needPaths'));
  const files: string[] = [];
  let missing = 0;
  for (const path of p.positional) {
    const abs = resolve(path);
    if (!nodeFileHost.exists(abs)) {
      process.stderr.write(`pfsession migrate: ${t(p.locale, 'migration.cli.notFound', { path })}\n`);
      missing++;
    } else flowFilesUnder(abs, nodeFileHost, files);
  }
  const plans = [...new Set(files)].map((f) => planFlow(f, nodeFileHost));
  const cwd = process.cwd();
  const base = plans.every((x) => isInside(cwd, x.path)) ? cwd : undefined;
  process.stdout.write(
    redact(p.json ? JSON.stringify(planJson(p.locale, plans, base), null, 2) + '\n' : planMarkdown(p.locale, plans, base)),
  );
  return missing ? 1 : 0;
}

async function generate(args: string[]): Promise<number> {
  const p = parse(args);
  const usage = t(p.locale, 'migration.cli.usageGenerate');
  if ('error' in p) return fail(usage, p.error);
  if (p.positional.length !== 1) return fail(usage, t(p.locale, 'migration.cli.needOneFlow'));
  if (!p.out) return fail(usage, t(p.locale, 'migration.cli.needOut'));
  const [path] = p.positional;
  const err = (text: string) => process.stderr.write(`pfsession migrate: ${redact(text)}\n`);
  if (!nodeFileHost.exists(resolve(path))) return (err(t(p.locale, 'migration.cli.notFound', { path })), 2);
  const flow = locateFlow(path, nodeFileHost);
  if (!flow) return (err(t(p.locale, 'migration.cli.noFlow', { path })), 2);
  const out = resolve(p.out);
  if (nodeFileHost.exists(out) && !nodeFileHost.isDirectory(out)) return (err(t(p.locale, 'migration.cli.outIsFile', { path: p.out })), 2);
  if (out === flow.folder) return (err(t(p.locale, 'migration.cli.outIsFlow', { path: p.out })), 2);
  const plan = planFlow(flow.flowFile, nodeFileHost);
  if (!plan.generatable) {
    const invalid = plan.blockers.filter((b) => b.kind === 'invalidFlow');
    err(t(p.locale, 'migration.cli.blocked', { path, count: invalid.length }));
    for (const b of invalid) err(`  ${render(p.locale, b.note)}`);
    return 1;
  }
  const label = `${basename(flow.folder)}/${basename(flow.flowFile)}`;
  const project = generateProject(plan, nodeFileHost, p.locale, label, out);
  let outcome;
  try {
    outcome = writeProject(out, project, p.force);
  } catch (e) {
    return (err(t(p.locale, 'migration.cli.cannotWrite', { path: p.out, reason: e instanceof Error ? e.message : String(e) })), 1);
  }
  if (p.json) {
    const todo = plan.nodes
      .filter((n) => n.readiness !== 'automatic')
      .map((n) => ({ node: n.name, readiness: n.readiness, note: n.notes.map((m) => render(p.locale, m)).join(' ') }));
    process.stdout.write(redact(JSON.stringify({ out, readiness: plan.readiness, ...outcome, todo }, null, 2)) + '\n');
  } else if (!outcome.refused.length)
    process.stdout.write(
      redact(
        t(p.locale, 'migration.cli.written', {
          count: outcome.written.length,
          dir: p.out,
          unchanged: outcome.unchanged.length,
          next: 'README.md',
        }),
      ) + '\n',
    );
  if (outcome.refused.length) {
    err(t(p.locale, 'migration.cli.changed', { files: joinList(p.locale, outcome.refused) }));
    return 1;
  }
  return 0;
}

/** The exit code of a verb ended by Ctrl+C (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

async function verify(p: ParsedArgs): Promise<number> {
  const flag = (name: string) => {
    const v = p.flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const locale = processLocale(process.env, flag('locale'));
  const json = p.flags.has('json');
  const err = (text: string) => stderr.write(`pfsession migrate: ${redact(text)}\n`);
  const [path] = p.positional;
  const data = flag('data');
  if (!data) return (err(t(locale, 'migration.cli.needData')), 2);
  for (const given of [path, data])
    if (!nodeFileHost.exists(resolve(given))) return (err(t(locale, 'migration.cli.notFound', { path: given })), 2);
  if (!locateFlow(path, nodeFileHost)) return (err(t(locale, 'migration.cli.noFlow', { path })), 2);
  const number = (name: string, fallback: number) => (flag(name) === undefined ? fallback : Number(flag(name)));
  const options = {
    tolerance: number('tolerance', DEFAULT_PARITY.tolerance),
    similarity: number('similarity', DEFAULT_PARITY.similarity),
    minMatch: number('min-match', DEFAULT_PARITY.minMatch),
  };
  const ac = new AbortController();
  const interrupted = () => ac.abort();
  process.once('SIGINT', interrupted);
  // One overall limit, as for the session verbs: a run that never ends does not hang a CI step.
  const limitText = flag('timeout') ?? DEFAULT_TIMEOUT;
  let timedOut = false;
  const limit = setTimeout(() => ((timedOut = true), ac.abort()), parseDuration(limitText) ?? 0);
  let svc: ISessionService | undefined;
  let outcome: VerifyOutcome;
  try {
    outcome = await verifyParity(
      {
        flow: path,
        data: resolve(data),
        runId: flag('run'),
        workflowDir: flag('workflow') && resolve(flag('workflow')!),
        python: flag('python') ?? DEFAULT_PYTHON,
        options,
        locale,
        env: process.env,
      },
      async () => (svc = await openSessionService(flag, [path], locale)),
      { signal: ac.signal, onPhase: (_, text) => void (json || stderr.write(`${redact(text)}\n`)) },
    );
  } catch (e) {
    if (timedOut) return (stderr.write(`${render(locale, msg('args.timedOut', { verb: p.verb, limit: limitText }))}\n`), TIMEOUT_EXIT_CODE);
    if (ac.signal.aborted) return INTERRUPTED;
    // Anything else kept a side from running (a scratch folder that cannot be written, …): exit 2 with why.
    return (err(e instanceof Error ? e.message : String(e)), 2);
  } finally {
    clearTimeout(limit);
    process.removeListener('SIGINT', interrupted);
    svc?.dispose();
  }
  if (outcome.kind === 'unavailable') {
    const reason = t(locale, `migration.verify.side.${outcome.side}`, { reason: outcome.reason });
    if (json) stdout.write(redact(JSON.stringify({ verdict: 'unavailable', side: outcome.side, reason }, null, 2)) + '\n');
    err(reason);
    return 2;
  }
  const text = json
    ? JSON.stringify(parityJson(outcome.result, outcome.sides), null, 2) + '\n'
    : parityMarkdown(locale, outcome.result, outcome.sides);
  stdout.write(redact(text));
  return outcome.result.holds ? 0 : 1;
}

// args.ts checked the options and arguments; each verb reads its own values from them.
export const verbs: Record<string, CliVerb> = {
  'migrate plan': { run: (p) => plan(p.raw) },
  'migrate generate': { run: (p) => generate(p.raw) },
  'migrate verify': { run: verify },
};
