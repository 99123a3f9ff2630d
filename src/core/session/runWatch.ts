// Waiting for a run to end: run history is read (as `run status` reads it) until its status is terminal,
// at the pace the session operations are watched (lro.ts: 5 s for the first minute, then slowly up to
// 30 s), longer after a fault. There is no overall limit: the caller cancels (the CLI's --timeout does).
import { AzureMlError, isTransient, toAzureMlError } from '../azure/errors';
import { sleep } from '../azure/http';
import { steadyInterval } from '../azure/lro';
import { msg, t } from '../i18n';
import type { ServiceContext } from './context';
import { toAbortSignal } from './operations';
import { readRun } from './runs';
import type { OperationOptions, RunInfo } from './types';

/** Run history's statuses after which nothing changes (the SDK's terminal set). */
const TERMINAL = new Set(['completed', 'failed', 'canceled', 'cancelled']);

export const isTerminalRunStatus = (status: string): boolean => TERMINAL.has(status.toLowerCase());

export async function watchRun(ctx: ServiceContext, runId: string, opts?: OperationOptions): Promise<RunInfo> {
  const signal = toAbortSignal(opts?.cancel);
  const policy = ctx.pollPolicy;
  const operation = msg('azure.op.readRun', { runId });
  const startedAt = Date.now();
  let faultDelay = policy.initialMs;
  for (;;) {
    let delay: number;
    try {
      const run = await readRun(ctx, runId, signal);
      if (isTerminalRunStatus(run.status)) return run;
      opts?.onProgress?.({ kind: 'start', startedAt, phase: t(ctx.locale, 'session.runWaiting', { runId, status: run.status }) });
      faultDelay = policy.initialMs;
      delay = steadyInterval(policy, Date.now() - startedAt);
    } catch (e) {
      const err = e instanceof AzureMlError ? e : toAzureMlError(e, operation, ctx.locale);
      // An unknown run or a refused read will not get better by asking again; a throttled or dropped one may.
      if (err.kind === 'cancelled' || signal?.aborted || !isTransient(err)) throw err;
      faultDelay = Math.min(faultDelay * 2, policy.maxMs);
      delay = faultDelay;
      ctx.log('warn', `Waiting for run ${runId}: ${err.message}; reading it again in ${delay} ms`);
    }
    try {
      await sleep(delay, signal);
    } catch (e) {
      throw toAzureMlError(e, operation, ctx.locale);
    }
  }
}
