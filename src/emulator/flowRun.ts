// One flow executor process for one run (docs/azure-contract.md §36): the session venv's Python on
// executor.py, in its own process group so a cancel or a deleted session ends the flow's children too.
// Its results file is read as it grows, so finished lines show while the run is Running; what it prints
// goes to the run's log, bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessGroup } from './processes';

/** Where executor.py and the stand-in promptflow package are: src/emulator/python, or dist/python beside the bundles. */
export const PYTHON_DIR = join(__dirname, 'python');
/** Lines of executor output kept in the run log; what is past this is counted, not kept. */
const MAX_LOG_LINES = 2000;
const MAX_LOG_LINE_CHARS = 2000;
const POLL_MS = 100;
const INHERITED_ENV = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT'];

export interface ExecutorRecord {
  kind: 'line' | 'aggregation' | 'done' | 'fatal';
  [k: string]: unknown;
}

export interface ExecutorExit {
  exitCode: number | null;
  signal: string | null;
  /** Why Node ended it, when it did. */
  stopped?: string;
  stderrTail: string;
}

export interface ExecutorOptions {
  python: string;
  cwd: string;
  jobFile: string;
  resultsFile: string;
  env: Record<string, string>;
  group: ProcessGroup;
  /** Each result record, in the order the executor wrote them. */
  onRecord: (r: ExecutorRecord) => void;
  log: (line: string) => void;
  /** Asked on every poll: a reason to end the process now (cancel, session gone, a time bound), else undefined. */
  shouldStop: () => string | undefined;
}

/** Runs the executor to its end; resolves with how it ended once every result it wrote has been delivered. */
export function runExecutor(o: ExecutorOptions): Promise<ExecutorExit> {
  // The flow sees what a session container would: a few basics of the machine, never the emulator's own environment.
  const env: Record<string, string> = {};
  for (const k of INHERITED_ENV) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  Object.assign(env, o.env, { PYTHONNOUSERSITE: '1', PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' });
  const child: ChildProcess = spawn(o.python, [join(PYTHON_DIR, 'executor.py'), o.jobFile, o.resultsFile], {
    cwd: o.cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  o.group.add(child);
  let logged = 0;
  let dropped = 0;
  let stderrTail = '';
  const sink = (stream: 'stdout' | 'stderr') => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      if (stream === 'stderr') stderrTail = (stderrTail + text).slice(-4000);
      for (const l of lines) {
        if (logged >= MAX_LOG_LINES) dropped++;
        else {
          logged++;
          o.log(l.length > MAX_LOG_LINE_CHARS ? `${l.slice(0, MAX_LOG_LINE_CHARS)}…` : l);
        }
      }
    };
  };
  child.stdout?.on('data', sink('stdout'));
  child.stderr?.on('data', sink('stderr'));
  const tail = new ResultsTail(o.resultsFile, o.onRecord);
  let stopped: string | undefined;
  const killTree = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const timer = setInterval(() => {
    tail.read();
    const why = stopped ? undefined : o.shouldStop();
    if (why) {
      stopped = why;
      killTree();
    }
  }, POLL_MS);
  return new Promise((resolve) => {
    const finish = (exitCode: number | null, signal: string | null) => {
      clearInterval(timer);
      o.group.delete(child);
      // Whatever the flow started in the group ends with it.
      killTree();
      tail.read();
      if (dropped) o.log(`(${dropped} more lines of executor output were not kept)`);
      resolve({ exitCode, signal, stopped, stderrTail });
    };
    child.on('error', (e) => {
      stderrTail += e.message;
      finish(127, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Reads complete JSON lines appended to the results file since the last read. */
class ResultsTail {
  private offset = 0;
  private partial = Buffer.alloc(0);

  constructor(
    private readonly file: string,
    private readonly onRecord: (r: ExecutorRecord) => void,
  ) {}

  read(): void {
    if (!existsSync(this.file)) return;
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, this.offset);
        if (n <= 0) break;
        this.offset += n;
        this.partial = Buffer.concat([this.partial, buf.subarray(0, n)]);
      }
    } finally {
      closeSync(fd);
    }
    // Only complete lines are decoded, so a character split between two reads stays whole.
    const end = this.partial.lastIndexOf(0x0a);
    if (end < 0) return;
    const lines = this.partial.subarray(0, end).toString('utf8').split('\n');
    this.partial = this.partial.subarray(end + 1);
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as ExecutorRecord;
        if (r && typeof r === 'object' && typeof r.kind === 'string') this.onRecord(r);
      } catch {
        // A torn or foreign line is not a result; the executor writes one JSON object per line.
      }
    }
  }
}
