// `pfsession validate [--format text|json | --json] [--workspace <dir>] <paths…>`: the editor's
// validation for CI. Each file is checked once, however many of the paths name it. Exit code 1 when any
// error is found, 2 on bad usage.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { isInside, nodeFileHost } from '../../core/flow';
import { createValidator, detectKind, type FlowDiagnostic } from '../../core/validation';
import type { CliVerb } from '../main';

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'dist', 'out', '.vscode-test']);

/** Files a folder walk picks up; files named on the command line are always validated. */
export function isValidatedName(name: string): boolean {
  return /^flow\.(dag|flex)\.ya?ml$/.test(name) || /^(run|.+\.run)\.ya?ml$/.test(name) || /^requirements.*\.txt$/.test(name);
}

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
    } else if (isValidatedName(name)) out.push(p);
  }
}

interface Finding extends FlowDiagnostic {
  file: string;
}

interface Args {
  format: 'text' | 'json';
  paths: string[];
  workspace?: string;
}

function parseArgs(args: string[]): Args | string {
  let format: 'text' | 'json' = 'text';
  let workspace: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'text' && v !== 'json') return `--format must be text or json, not "${v ?? ''}"`;
      format = v;
    } else if (a === '--json') {
      format = 'json';
    } else if (a === '--workspace') {
      workspace = args[++i];
      if (!workspace) return '--workspace needs a folder';
    } else if (a.startsWith('-')) return `unknown option "${a}"`;
    else paths.push(a);
  }
  return paths.length ? { format, paths, workspace } : 'give at least one file or folder';
}

async function run(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(
      `pfsession validate: ${parsed}\nusage: pfsession validate [--format text|json | --json] [--workspace <dir>] <paths…>\n`,
    );
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
  const validator = createValidator(nodeFileHost, { incremental: false });
  // Paths leaving the workspace are flagged only when the workspace is known: --workspace, or the
  // current folder when everything checked lies inside it (the usual CI invocation).
  const cwd = process.cwd();
  const workspaceRoot = parsed.workspace ? resolve(parsed.workspace) : files.every((f) => isInside(cwd, f)) ? cwd : undefined;
  const findings: Finding[] = [];
  for (const file of files) {
    const text = nodeFileHost.readFile(file) ?? '';
    const kind = detectKind(file, text);
    for (const d of validator.validate({ path: file, text, kind, workspaceRoot })) findings.push({ file, ...d });
  }
  const errors = findings.filter((f) => f.severity === 'error').length + missing.length;
  if (parsed.format === 'json') {
    const out = findings.map(({ file, range, severity, code, message }) => ({ file, range, severity, code, message }));
    for (const m of missing)
      out.push({
        file: resolve(m),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'error',
        code: 'PF0000',
        message: 'File or folder not found.',
      });
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    for (const m of missing) process.stdout.write(`${m}: error PF0000: file or folder not found\n`);
    for (const f of findings) {
      const where = `${relative(cwd, f.file) || basename(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      process.stdout.write(`${where}: ${f.severity} ${f.code}: ${f.message}\n`);
    }
    process.stdout.write(
      `${files.length} file(s) checked, ${errors} error(s), ${findings.length - findings.filter((f) => f.severity === 'error').length} other finding(s).\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

export const verbs: Record<string, CliVerb> = {
  validate: { summary: 'check flow, run and requirements files (exit 1 on errors)', run },
};
