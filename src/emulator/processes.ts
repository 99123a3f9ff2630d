// Child processes for pip and python, with a cap on how many run at once: a burst of session starts
// queues instead of forking hundreds of interpreters on a small machine.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';

export interface RunResult {
  exitCode: number;
  stdOut: string;
  stdErr: string;
}

const MAX_OUTPUT = 256 * 1024;
const limit = Math.max(2, cpus().length);
let active = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  return () => {
    active--;
    waiting.shift()?.();
  };
}

/** Children started on behalf of one emulator, so stopping it ends only its own work. */
export type ProcessGroup = Set<ReturnType<typeof spawn>>;

export async function run(
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; group?: ProcessGroup } = {},
): Promise<RunResult> {
  const children: ProcessGroup = opts.group ?? new Set();
  const release = await slot();
  try {
    return await new Promise<RunResult>((resolve) => {
      const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        if (out.length < MAX_OUTPUT) out += c.toString('utf8');
      });
      child.stderr.on('data', (c: Buffer) => {
        if (err.length < MAX_OUTPUT) err += c.toString('utf8');
      });
      child.on('error', (e) => {
        children.delete(child);
        resolve({ exitCode: 127, stdOut: out, stdErr: `${err}${e.message}` });
      });
      child.on('close', (code, signal) => {
        children.delete(child);
        resolve({ exitCode: code ?? (signal ? 128 : 1), stdOut: out, stdErr: signal ? `${err}\nterminated by ${signal}` : err });
      });
    });
  } finally {
    release();
  }
}

export function killGroup(group: ProcessGroup): void {
  for (const c of group) c.kill('SIGTERM');
}
