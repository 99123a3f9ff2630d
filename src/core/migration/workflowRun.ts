// The Agent Framework side of a parity check: the generated project run on this machine as its README
// says (`<python> main.py --data <file> --output <file>`, in the project's folder) and its output read
// back as lines. A line main.py could not run is its error record (python/main.ts, ERROR_KEY).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { msg, type Message } from '../i18n';
import { redact } from '../redact';
import { isObject, type LineError, type SideLine } from './parity';
import { ERROR_KEY } from './python/main';

/** The Python a parity check runs when none is named: the one on the PATH. */
export const DEFAULT_PYTHON = process.platform === 'win32' ? 'python' : 'python3';

/** What main.py said last on standard error, kept for the reason of a failed run. */
const STDERR_TAIL = 2000;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The process could not start (ENOENT, EACCES): the error's code. */
  failed?: string;
}

/** Runs a process to its end; an abort kills it and rejects with the signal's reason. */
function runProcess(exe: string, args: string[], cwd: string | undefined, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<Exit> {
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(signal.reason as Error);
    const child = spawn(exe, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    // Both pipes are read to the end (a full pipe would stall the child) and only their tails kept.
    child.stdout.on('data', (b: Buffer) => (stdout = (stdout + b.toString('utf8')).slice(-STDERR_TAIL)));
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString('utf8')).slice(-STDERR_TAIL)));
    const abort = () => child.kill();
    signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', abort);
      done({ code: null, stdout, stderr, failed: e.code ?? e.message });
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) fail(signal.reason as Error);
      else done({ code, stdout, stderr });
    });
  });
}

/** Undefined when `python` starts and is 3.10 or later (the generated project's floor); else why not. */
export async function checkPython(python: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<Message | undefined> {
  const r = await runProcess(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], undefined, env, signal);
  if (r.failed) return msg('migration.verify.pythonMissing', { python, reason: r.failed });
  if (r.code !== 0) return msg('migration.verify.pythonMissing', { python, reason: redact(r.stderr.trim()) || `exit ${r.code}` });
  const version = r.stdout.trim();
  const [major, minor] = version.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 10) ? undefined : msg('migration.verify.pythonOld', { python, version });
}

/** main.py's output lines as the sides of a comparison; a problem when a line is not what main.py writes. */
export function readWorkflowLines(text: string): { lines: SideLine[] } | { problem: Message } {
  const lines: SideLine[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (!raw.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      row = undefined;
    }
    if (!isObject(row)) return { problem: msg('migration.verify.workflowOutput', { line: i + 1 }) };
    const e = row[ERROR_KEY];
    if (isObject(e)) {
      const error: LineError = { message: String(e.message ?? '') };
      if (typeof e.type === 'string') error.type = e.type;
      if (typeof e.node === 'string') error.node = e.node;
      lines.push({ index: lines.length, error });
    } else lines.push({ index: lines.length, outputs: row });
  }
  return { lines };
}

/** Runs main.py over the data in the project's folder; its lines, or why it could not run. */
export async function runWorkflow(
  dir: string,
  dataPath: string,
  python: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<{ lines: SideLine[] } | { problem: Message }> {
  const scratch = mkdtempSync(join(tmpdir(), 'pfs-verify-'));
  const output = join(scratch, 'out.jsonl');
  try {
    const r = await runProcess(python, ['main.py', '--data', resolve(dataPath), '--output', output], dir, env, signal);
    if (r.failed) return { problem: msg('migration.verify.pythonMissing', { python, reason: r.failed }) };
    if (r.code !== 0) return { problem: msg('migration.verify.workflowExit', { code: String(r.code), detail: redact(r.stderr.trim()) }) };
    let text: string;
    try {
      text = readFileSync(output, 'utf8');
    } catch {
      return { problem: msg('migration.verify.workflowExit', { code: String(r.code), detail: redact(r.stderr.trim()) }) };
    }
    return readWorkflowLines(text);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
