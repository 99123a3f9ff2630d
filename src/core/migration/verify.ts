// `migrate verify`: a flow run on its compute session and its Agent Framework workflow run here, over
// the same data, compared line by line (parity.ts). The CLI and the editor run this one sequence, in
// phases they show: submitting, waiting for the run, running the workflow, comparing. The session
// service is handed in: core/migration sits on the text side of the layers and imports nothing of
// core/session, so `VerifyRuns` names only the part of `RunOps` (core/session/types.ts) it calls, which
// the session service answers as it is.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { locateFlow, nodeFileHost } from '../flow';
import { msg, render, type Locale, type Message } from '../i18n';
import { generateProject } from './generate';
import { compareRuns, type ParityOptions, type ParityResult, type SideLine } from './parity';
import type { ParitySides } from './parityReport';
import { planFlow } from './plan';
import { checkPython, runWorkflow } from './workflowRun';
import { writeProject } from './write';

/** A line of a run as `RunOps.runOutputs` gives it: the fields a comparison reads. */
interface RunLine {
  index: number;
  status: string;
  outputs: Record<string, unknown> | null;
  error?: { code?: string; message: string };
}

interface RunRead {
  runId: string;
  status: string;
  error?: string;
}

/** What a parity check asks of the session service (`RunOps.submitFlowRun`, `waitForRun`, `runOutputs`). */
export interface VerifyRuns {
  submitFlowRun(
    flowFolder: string,
    dataPath: string,
    opts?: { cancel?: AbortSignal; onProgress?: (p: { phase?: string }) => void },
  ): Promise<{ runId: string }>;
  waitForRun(runId: string, opts?: { cancel?: AbortSignal }): Promise<RunRead>;
  runOutputs(runId: string, opts?: { cancel?: AbortSignal }): Promise<RunLine[]>;
}

export type VerifyPhase = 'submitting' | 'waiting' | 'workflow' | 'comparing';

export interface VerifyRequest {
  /** The flow folder or its flow file. */
  flow: string;
  /** The JSON Lines file both sides run over. */
  data: string;
  /** An existing run of the flow over the same data, instead of a new one. */
  runId?: string;
  /** The generated project; absent: generated from the flow into a scratch folder for this check. */
  workflowDir?: string;
  python: string;
  options: ParityOptions;
  locale: Locale;
  /** The environment of the Python process (connections' variables, PYTHONPATH). */
  env: NodeJS.ProcessEnv;
}

export interface VerifyHooks {
  signal?: AbortSignal;
  /** A phase begins (its text in the request's locale), or the submit reports a step of its own. */
  onPhase?: (phase: VerifyPhase, text: string) => void;
}

export type VerifyOutcome =
  | { kind: 'compared'; result: ParityResult; sides: ParitySides }
  /** A side could not run: which, and why (in the request's locale). */
  | { kind: 'unavailable'; side: 'flow' | 'workflow'; reason: string };

/** A failed prompt flow line has no outputs; why, as the service says. */
export function flowSideLines(lines: RunLine[]): SideLine[] {
  return lines.map((l) =>
    l.outputs && !l.error && l.status === 'Completed'
      ? { index: l.index, outputs: l.outputs }
      : { index: l.index, error: { message: l.error?.message ?? l.status, ...(l.error?.code ? { type: l.error.code } : {}) } },
  );
}

/** The service's error as a person reads it: what happened and what to do. */
function reasonOf(e: unknown): string {
  const info = (e as { info?: { message: string; fix?: string } }).info;
  if (info) return info.fix ? `${info.message} ${info.fix}` : info.message;
  return e instanceof Error ? e.message : String(e);
}

export async function verifyParity(
  req: VerifyRequest,
  service: () => Promise<VerifyRuns>,
  hooks: VerifyHooks = {},
): Promise<VerifyOutcome> {
  const { locale } = req;
  const signal = hooks.signal;
  const say = (phase: VerifyPhase, m: Message) => hooks.onPhase?.(phase, render(locale, m));
  const unavailable = (side: 'flow' | 'workflow', reason: Message | string): VerifyOutcome => ({
    kind: 'unavailable',
    side,
    reason: typeof reason === 'string' ? reason : render(locale, reason),
  });
  const flow = locateFlow(req.flow, nodeFileHost);
  if (!flow) return unavailable('flow', msg('migration.cli.noFlow', { path: req.flow }));
  // The cheap checks of this machine first: a run in the cloud is not spent on a Python that cannot start.
  const python = await checkPython(req.python, req.env, signal);
  if (python) return unavailable('workflow', python);
  let scratch: string | undefined;
  let dir = req.workflowDir;
  try {
    if (dir === undefined) {
      const plan = planFlow(flow.flowFile, nodeFileHost);
      if (!plan.generatable) return unavailable('workflow', msg('migration.verify.notGeneratable'));
      scratch = mkdtempSync(join(tmpdir(), 'pfs-verify-workflow-'));
      dir = scratch;
      const label = `${basename(flow.folder)}/${basename(flow.flowFile)}`;
      writeProject(dir, generateProject(plan, nodeFileHost, locale, label, dir), true);
    } else if (!existsSync(join(dir, 'main.py'))) return unavailable('workflow', msg('migration.verify.noMain', { dir }));

    let run: RunRead;
    let flowLines: RunLine[];
    try {
      const runs = await service();
      const onProgress = (p: { phase?: string }) => p.phase && hooks.onPhase?.('submitting', p.phase);
      let runId = req.runId;
      if (runId === undefined) {
        say('submitting', msg('migration.verify.phase.submitting'));
        runId = (await runs.submitFlowRun(flow.folder, req.data, { cancel: signal, onProgress })).runId;
      }
      say('waiting', msg('migration.verify.phase.waiting', { run: runId }));
      run = await runs.waitForRun(runId, { cancel: signal });
      flowLines = await runs.runOutputs(runId, { cancel: signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      return unavailable('flow', reasonOf(e));
    }
    if (!flowLines.length || run.status === 'Canceled')
      return unavailable('flow', msg('migration.verify.runEnded', { run: run.runId, status: run.status, reason: run.error ?? '-' }));

    say('workflow', msg('migration.verify.phase.workflow', { python: req.python }));
    const workflow = await runWorkflow(dir, req.data, req.python, req.env, signal);
    if ('problem' in workflow) return unavailable('workflow', workflow.problem);

    say('comparing', msg('migration.verify.phase.comparing', { lines: Math.max(flowLines.length, workflow.lines.length) }));
    const result = compareRuns(flowSideLines(flowLines), workflow.lines, req.options);
    return {
      kind: 'compared',
      result,
      sides: {
        flow: `${basename(flow.folder)}/${basename(flow.flowFile)}`,
        run: { runId: run.runId, status: run.status },
        workflow: scratch ? '' : dir,
        generated: scratch !== undefined,
        python: req.python,
      },
    };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
