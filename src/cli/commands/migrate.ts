// `pfsession migrate plan <paths…> [--json]`: what each flow becomes in Microsoft Agent Framework.
// `pfsession migrate generate <flow> --out <dir> [--force] [--json]`: the runnable Python project.
// Exit codes: 0 done; 1 a flow cannot be generated, or a file was not overwritten; 2 bad usage.
// Nothing is sent anywhere: both verbs read the flow and write local files only.
import { basename, resolve } from 'node:path';
import { isInside, locateFlow, nodeFileHost } from '../../core/flow';
import { joinList, processLocale, render, t, type Locale } from '../../core/i18n';
import { flowFilesUnder, generateProject, planFlow, planJson, planMarkdown, writeProject } from '../../core/migration';
import { redact } from '../../core/redact';
import type { CliVerb } from '../main';

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

async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'plan') return plan(rest);
  if (sub === 'generate') return generate(rest);
  const locale = processLocale();
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(`${t(locale, 'migration.cli.usagePlan')}\n${t(locale, 'migration.cli.usageGenerate')}\n`);
    return 0;
  }
  return fail(
    `${t(locale, 'migration.cli.usagePlan')}\n${t(locale, 'migration.cli.usageGenerate')}`,
    sub ? t(locale, 'migration.cli.unknownOption', { option: sub }) : t(locale, 'migration.cli.needPaths'),
  );
}

export const verbs: Record<string, CliVerb> = {
  migrate: { summary: t(processLocale(), 'migration.cli.summary'), run },
};
