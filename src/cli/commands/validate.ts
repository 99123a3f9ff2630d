// `pfsession validate [--format text|json | --json] [--root <dir>] [--locale en|ja] [--workspace-aware
// [--subscription S --resource-group G --workspace W]] <paths…>`: the editor's validation for CI. Messages
// are in the language of --locale, else of the environment (LC_ALL, LC_MESSAGES, LANG). Each file is checked once,
// however many of the paths name it. With --workspace-aware the workspace's connections, deployments and
// tools are read once (the workspace chosen as the session verbs choose it) and the editor's workspace
// checks run too. Exit code 1 when any error is found, 2 on bad usage or when the workspace data cannot
// be read (a CI job must not pass because the checks it asked for did not run).
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { isInside, isValidatedFileName, nodeFileHost } from '../../core/flow';
import { createValidator, detectKind, type FlowDiagnostic } from '../../core/validation';
import { Codes } from '../../core/validation/codes';
import type { CliVerb } from '../main';
import type { WorkspaceFacts } from '../../core/flow/workspaceFacts';
import { redact } from '../../core/redact';
import { processLocale, t, toLocale, type Locale } from '../../core/i18n';

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'dist', 'out', '.vscode-test']);

/** The files a folder holds that the editor validates by name; files named on the command line are validated whatever their name. */
function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      continue;
    }
    if (isDir) {
      if (!SKIP_DIRS.has(name)) walk(p, out);
    } else if (isValidatedFileName(name)) out.push(p);
  }
}

interface Finding extends FlowDiagnostic {
  file: string;
}

interface Args {
  format: 'text' | 'json';
  paths: string[];
  root?: string;
  workspaceAware: boolean;
  locale: Locale;
  /** `--subscription`, `--resource-group`, `--workspace`: the Azure ML workspace, as for the session verbs. */
  azure: Map<string, string>;
}

const USAGE =
  'usage: pfsession validate [--format text|json | --json] [--root <dir>] [--locale en|ja] [--workspace-aware [--subscription S --resource-group G --workspace W]] <paths…>';
const WORKSPACE_FLAGS = ['subscription', 'resource-group', 'workspace'];

function parseArgs(args: string[]): Args | string {
  let format: 'text' | 'json' = 'text';
  let root: string | undefined;
  let workspaceAware = false;
  let locale: string | undefined;
  const azure = new Map<string, string>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [name, inline] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    const value = () => inline ?? args[++i];
    if (name === 'format') {
      const v = value();
      if (v !== 'text' && v !== 'json') return `--format must be text or json, not "${v ?? ''}"`;
      format = v;
    } else if (name === 'json') format = 'json';
    else if (name === 'workspace-aware') workspaceAware = true;
    else if (name === 'root') {
      root = value();
      if (!root) return '--root needs a folder';
    } else if (name === 'locale') {
      locale = value();
      // Exactly a language the product speaks (toLocale reads any other tag as English).
      if (locale === undefined || toLocale(locale) !== locale) return t(processLocale(), 'validation.cli.locale', { value: locale ?? '' });
    } else if (name !== undefined && WORKSPACE_FLAGS.includes(name)) {
      const v = value();
      if (!v) return `--${name} needs a value`;
      azure.set(name, v);
    } else if (a.startsWith('-')) return `unknown option "${a}"`;
    else paths.push(a);
  }
  if (!paths.length) return 'give at least one file or folder';
  if (azure.size && !workspaceAware)
    return `--${[...azure.keys()][0]} names the Azure ML workspace of --workspace-aware checks; add --workspace-aware (the folder paths leave is --root)`;
  return { format, paths, root, workspaceAware, locale: processLocale(process.env, locale), azure };
}

/** The workspace's data, read once for the whole run; a message when it cannot be read. */
async function readFacts(parsed: Args, near: string[]): Promise<{ facts: WorkspaceFacts } | { error: string }> {
  const { openSessionService } = await import('../sessionService');
  let service;
  try {
    service = await openSessionService((name) => parsed.azure.get(name), near);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  try {
    const facts = await service.workspaceFacts();
    if (!facts.connections && !facts.tools)
      return { error: `no workspace data could be read: ${facts.unavailable.map((u) => u.message).join('; ')}` };
    for (const u of facts.unavailable)
      process.stderr.write(
        `pfsession validate: not checked against the workspace: ${u.part}${u.connection ? ` of ${u.connection}` : ''} (${u.message})\n`,
      );
    return { facts };
  } catch (e) {
    const info = (e as { info?: { message?: string } }).info;
    return { error: info?.message ?? (e instanceof Error ? e.message : String(e)) };
  } finally {
    service.dispose();
  }
}

async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`pfsession validate: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const found: string[] = [];
  const missing: string[] = [];
  for (const p of parsed.paths) {
    const abs = resolve(p);
    if (!nodeFileHost.exists(abs)) missing.push(p);
    else if (nodeFileHost.isDirectory(abs)) walk(abs, found);
    else found.push(abs);
  }
  // A folder and a file in it, or two folders one inside the other: each file once, in first-seen order.
  const files = [...new Set(found)];
  let facts: WorkspaceFacts | undefined;
  if (parsed.workspaceAware) {
    const read = await readFacts(
      parsed,
      parsed.paths.map((p) => resolve(p)),
    );
    if ('error' in read) {
      process.stderr.write(`pfsession validate: --workspace-aware: ${redact(read.error)}\n`);
      return 2;
    }
    facts = read.facts;
    if (parsed.format === 'text')
      process.stdout.write(
        t(parsed.locale, 'validation.cli.checkedAgainst', {
          workspace: `${facts.workspace.resourceGroup}/${facts.workspace.workspace}`,
          readAt: new Date(facts.fetchedAt).toISOString(),
        }) + '\n',
      );
  }
  const validator = createValidator(nodeFileHost, { incremental: false });
  // Paths leaving the workspace are flagged only when the folder is known: --root, or the current
  // folder when everything checked lies inside it (the usual CI invocation).
  const cwd = process.cwd();
  const workspaceRoot = parsed.root ? resolve(parsed.root) : files.every((f) => isInside(cwd, f)) ? cwd : undefined;
  const findings: Finding[] = [];
  for (const file of files) {
    const text = nodeFileHost.readFile(file) ?? '';
    const kind = detectKind(file, text);
    for (const d of validator.validate({ path: file, text, kind, workspaceRoot, facts, locale: parsed.locale }))
      findings.push({ file, ...d });
  }
  const errors = findings.filter((f) => f.severity === 'error').length + missing.length;
  if (parsed.format === 'json') {
    const out = findings.map(({ file, range, severity, code, message }) => ({ file, range, severity, code, message }));
    for (const m of missing)
      out.push({
        file: resolve(m),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'error',
        code: Codes.notValidated,
        message: t(parsed.locale, 'validation.cli.notFound'),
      });
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    for (const m of missing)
      process.stdout.write(`${m}: error ${Codes.notValidated}: ${t(parsed.locale, 'validation.cli.notFoundLine')}\n`);
    for (const f of findings) {
      const where = `${relative(cwd, f.file) || basename(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      process.stdout.write(`${where}: ${f.severity} ${f.code}: ${f.message}\n`);
    }
    process.stdout.write(
      t(parsed.locale, 'validation.cli.summary', {
        files: files.length,
        errors,
        others: findings.length - findings.filter((f) => f.severity === 'error').length,
      }) + '\n',
    );
  }
  return errors > 0 ? 1 : 0;
}

export const verbs: Record<string, CliVerb> = {
  validate: { summary: 'check flow, run and requirements files (exit 1 on errors)', run },
};
