// Executing a DAG run on its session (docs/azure-contract.md §36): the flow snapshot from the blob store
// into the run's work folder, job.json, the executor in the session venv, and its results into the run's
// lines as they come. A failing line fails alone; the run then completes, as prompt flow's batch engine does.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  FlowSetupError,
  applyConnectionOverrides,
  connectionsFor,
  environmentOf,
  obj,
  parseDag,
  resolveEnvironmentReferences,
  resolveVariants,
  usesTemplates,
  type Obj,
} from './flowJob';
import { runExecutor, type ExecutorRecord } from './flowRun';
import { downloadFolder, runWorkDir, workspaceContainer } from './snapshot';
import { caFileOf } from './tls';
import type { NodeResult, RunLine, RunRecord, TokenCounts, WorkspaceRecord } from './state';
import type { World } from './world';

/** prompt flow's default line timeout (600 s); the whole run is bounded too, at ten hours. */
export const LINE_TIMEOUT_SECONDS = 600;
const RUN_TIMEOUT_SECONDS = 36_000;

export interface RunError {
  code: string;
  message: string;
  innerCode?: string;
}

export interface ExecuteDeps {
  w: World;
  log: (run: RunRecord, line: string) => void;
  /** A reason the run must stop now (cancel requested, its session deleted), else undefined. */
  interrupted: (run: RunRecord) => string | undefined;
}

/** How an executed run ended; `interrupted` leaves the final status to the caller. */
export type ExecuteOutcome = { status: 'Completed' } | { status: 'Failed'; error: RunError } | { status: 'Interrupted'; reason: string };

const failed = (message: string, innerCode: string, code = 'UserError'): ExecuteOutcome => ({
  status: 'Failed',
  error: { code, message, innerCode },
});

/** The flow folder a run's `flowDefinitionBlobPath` names (the product uploads `LocalUpload/<run>/<flow>/<file>`). */
const flowFolderOf = (run: RunRecord): string => dirname(String(run.request.flowDefinitionBlobPath));

/** Executes the run's flow with `python` (a session venv's, or a named runtime's image environment). */
export async function executeRun(d: ExecuteDeps, ws: WorkspaceRecord, run: RunRecord, python: string): Promise<ExecuteOutcome> {
  const container = workspaceContainer(d.w, ws);
  if (!container) return failed('The workspace blob store is not available to read the flow snapshot.', 'FlowSnapshotNotFound');
  const work = runWorkDir(d.w, run.runId);
  rmSync(work, { recursive: true, force: true });
  const flowDir = join(work, 'flow');
  mkdirSync(flowDir, { recursive: true });
  const problem = await downloadFolder(container, flowFolderOf(run), flowDir);
  if (problem) return failed(problem, 'FlowSnapshotNotFound');
  const file = join(flowDir, basename(String(run.request.flowDefinitionBlobPath)));
  if (!existsSync(file)) return failed(`The flow snapshot holds no ${basename(file)}.`, 'FlowSnapshotNotFound');
  const lines = (run.lines ?? []).map((l, index) => ({ index, inputs: l.inputs }));
  let job: Obj;
  let env: Record<string, string>;
  let jinja: string | undefined;
  try {
    const flow = applyConnectionOverrides(
      resolveVariants(parseDag(readFileSync(file, 'utf8')), run.request.nodeVariant),
      run.request.connections,
    );
    env = resolveEnvironmentReferences(d.w, ws, environmentOf(flow, run.request.environmentVariables));
    jinja = await d.w.envs.jinjaPath();
    if (usesTemplates(flow) && !jinja)
      throw new FlowSetupError(
        "The emulator's prompt and llm nodes render templates with this machine's Jinja2, which python3 cannot import: install it (python3 -m pip install Jinja2) and run again.",
        'Jinja2Missing',
      );
    job = {
      flow,
      lines,
      environment_variables: env,
      connections: connectionsFor(d.w, ws, flow),
      ca_file: caFileOf(d.w.envs.dataDir),
      line_timeout_seconds: LINE_TIMEOUT_SECONDS,
    };
  } catch (err) {
    if (err instanceof FlowSetupError) return failed(err.message, err.innerCode);
    throw err;
  }
  const jobFile = join(work, 'job.json');
  // The job carries connection secrets: readable by the emulator's user only, and removed when the run ends.
  writeFileSync(jobFile, JSON.stringify(job), { mode: 0o600 });
  chmodSync(jobFile, 0o600);
  const results = join(work, 'results.jsonl');
  d.log(run, `Executing ${lines.length} line(s) with the session's Python.`);
  let fatal: unknown;
  let done = false;
  let lastProgress = Date.now();
  let saved = 0;
  const started = Date.now();
  const exit = await runExecutor({
    python,
    cwd: flowDir,
    jobFile,
    resultsFile: results,
    env: { ...env, ...(jinja ? { PYTHONPATH: jinja } : {}) },
    group: d.w.envs.processes,
    log: (line) => d.log(run, `[executor] ${line}`),
    onRecord: (r) => {
      lastProgress = Date.now();
      if (r.kind === 'line') recordLine(run, r);
      else if (r.kind === 'aggregation') run.aggregation = aggregationOf(r);
      else if (r.kind === 'fatal') fatal = r.error;
      else if (r.kind === 'done') done = true;
      // Saved about once a second while lines stream in (the state file holds every line's results).
      if (Date.now() - saved > 1000) {
        saved = Date.now();
        d.w.store.changed();
      }
    },
    shouldStop: () => {
      const why = d.interrupted(run);
      if (why) return why;
      if (Date.now() - started > RUN_TIMEOUT_SECONDS * 1000) return `the run timed out after ${RUN_TIMEOUT_SECONDS} seconds`;
      if (Date.now() - lastProgress > (LINE_TIMEOUT_SECONDS + 60) * 1000) return `no line finished in ${LINE_TIMEOUT_SECONDS + 60} seconds`;
      return undefined;
    },
  });
  rmSync(jobFile, { force: true });
  if (exit.stopped && d.interrupted(run)) return { status: 'Interrupted', reason: exit.stopped };
  if (fatal !== undefined) return { status: 'Failed', error: runErrorOf(fatal) };
  if (exit.stopped) return failed(`The flow executor was stopped: ${exit.stopped}.`, 'RunTimeout');
  if (!done || exit.exitCode !== 0) {
    const tail = exit.stderrTail.trim().split('\n').slice(-3).join(' ');
    return failed(
      `The flow executor ended (exit code ${String(exit.exitCode ?? exit.signal)}) before it finished the run${tail ? `: ${tail}` : '.'}`,
      'ExecutorFailed',
      'SystemError',
    );
  }
  return { status: 'Completed' };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function tokensOf(v: unknown): TokenCounts | null {
  const t = obj(v);
  if (!t) return null;
  return {
    prompt_tokens: num(t.prompt_tokens) ?? 0,
    completion_tokens: num(t.completion_tokens) ?? 0,
    total_tokens: num(t.total_tokens) ?? 0,
  };
}

function nodesOf(v: unknown): NodeResult[] {
  return (Array.isArray(v) ? v : []).flatMap((n) => {
    const o = obj(n);
    if (!o || typeof o.node !== 'string') return [];
    return [
      {
        node: o.node,
        tool: typeof o.tool === 'string' ? o.tool : o.node,
        type: typeof o.type === 'string' ? o.type : 'Function',
        inputs: obj(o.inputs) ?? {},
        output: o.output ?? null,
        error: o.error ?? null,
        start: num(o.start),
        end: num(o.end),
        tokens: tokensOf(o.tokens),
        bypassed: o.bypassed === true,
      },
    ];
  });
}

function recordLine(run: RunRecord, r: ExecutorRecord): void {
  const index = num(r.index);
  const line: RunLine | undefined = index === undefined ? undefined : run.lines?.[index];
  if (!line) return;
  line.status = r.status === 'Completed' ? 'Completed' : 'Failed';
  line.output = line.status === 'Completed' ? (obj(r.output) ?? {}) : null;
  line.error = r.error ?? null;
  line.start = num(r.start);
  line.end = num(r.end);
  line.nodes = nodesOf(r.nodes);
  line.tokens = tokensOf(r.tokens);
}

function aggregationOf(r: ExecutorRecord): RunRecord['aggregation'] {
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(r.metrics) ?? {})) if (num(v) !== undefined) metrics[k] = v as number;
  return { status: r.status === 'Completed' ? 'Completed' : 'Failed', nodes: nodesOf(r.nodes), metrics, error: r.error ?? null };
}

/** The executor's error object (prompt flow's error dict) as the run's error. */
function runErrorOf(e: unknown): RunError {
  const o = obj(e) ?? {};
  const inner = obj(o.innerError);
  return {
    code: typeof o.code === 'string' ? o.code : 'UserError',
    message: typeof o.message === 'string' ? o.message : 'The flow could not be executed.',
    innerCode: typeof inner?.code === 'string' ? inner.code : undefined,
  };
}
