// The session service's run verbs (S5, S13): submitting run.yml to the flow's session as every front end
// finds it, and a run's state, logs, lines, metrics and cancel where Azure keeps them (runs.ts, runLines.ts
// and runWatch.ts do the work).
import type { GetTrainingSessionDto } from '../azure/pfs';
import type { FlowEnvironment } from '../flow/environment';
import type { Binding } from './bindings';
import type { ServiceContext } from './context';
import { toAbortSignal } from './operations';
import { metricsOf, readRunLines } from './runLines';
import {
  chooseRunSession,
  listMyRuns,
  listRuntimes,
  readRun,
  runHistory,
  submitRunFromFlow,
  submitRunFromYaml,
  type RunSessionChoice,
  type WantedPlacement,
} from './runs';
import { watchRun } from './runWatch';
import type { OperationOptions, RunInfo, RunLine, RunOps, RuntimeInfo, SubmitRunResult } from './types';

/** What the run verbs ask of the session side of the service. */
export interface SessionFinder {
  /** The flow's session as the service has it (the binding to act on; no read: none there). */
  locate(env: FlowEnvironment, signal?: AbortSignal): Promise<{ binding: Binding; dto?: GetTrainingSessionDto }>;
  /** Tells listeners the instances changed (a run may start or end a session). */
  instancesChanged(): void;
}

export class RunsService implements RunOps {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly sessions: SessionFinder,
  ) {}

  submitRun(runYamlPath: string, opts?: OperationOptions): Promise<SubmitRunResult> {
    return this.submitWith(opts, (choose, signal, phase) => submitRunFromYaml(this.ctx, runYamlPath, choose, signal, phase));
  }

  submitFlowRun(flowFolder: string, dataPath: string, opts?: OperationOptions): Promise<SubmitRunResult> {
    return this.submitWith(opts, (choose, signal, phase) => submitRunFromFlow(this.ctx, flowFolder, dataPath, choose, signal, phase));
  }

  /** A submit with the flow's session as every front end finds it, cancellable, with its phases as progress. */
  private async submitWith(
    opts: OperationOptions | undefined,
    submit: (
      choose: (env: FlowEnvironment, wanted: WantedPlacement) => Promise<RunSessionChoice>,
      signal: AbortSignal | undefined,
      phase: (p: string) => void,
    ) => Promise<SubmitRunResult>,
  ): Promise<SubmitRunResult> {
    const signal = toAbortSignal(opts?.cancel);
    const result = await submit(
      async (env, wanted) => chooseRunSession(this.ctx, env, wanted, await this.sessions.locate(env, signal)),
      signal,
      (phase) => opts?.onProgress?.({ kind: 'start', startedAt: Date.now(), phase }),
    );
    this.sessions.instancesChanged();
    return result;
  }

  runStatus(runId: string): Promise<RunInfo> {
    return readRun(this.ctx, runId);
  }

  async runLogs(runId: string): Promise<string> {
    return (await this.ctx.pfs()).runLogs(runId);
  }

  /** Asks for the cancel, then reads the run back: the caller reports the status run history has, not "cancelled". */
  async cancelRun(runId: string): Promise<RunInfo> {
    await (await this.ctx.pfs()).cancelRun(runId);
    this.sessions.instancesChanged();
    return readRun(this.ctx, runId);
  }

  listRuns(): Promise<RunInfo[]> {
    return listMyRuns(this.ctx);
  }

  runtimes(): Promise<RuntimeInfo[]> {
    return listRuntimes(this.ctx);
  }

  async runOutputs(runId: string, opts?: Pick<OperationOptions, 'cancel'>): Promise<RunLine[]> {
    const pfs = await this.ctx.pfs();
    return readRunLines(pfs, runId, this.ctx.locale, toAbortSignal(opts?.cancel), (m) => this.ctx.log('warn', m));
  }

  async runMetrics(runId: string): Promise<Record<string, number>> {
    return metricsOf(await (await runHistory(this.ctx)).lastValues(runId));
  }

  waitForRun(runId: string, opts?: OperationOptions): Promise<RunInfo> {
    return watchRun(this.ctx, runId, opts);
  }
}
