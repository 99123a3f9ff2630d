// Watches a FlowSessions operation through its `azure-asyncoperation` URL until it ends. Starts take
// 10–30 minutes in the field, so there is no overall timeout: only cancellation ends the watch early.
// Throttling, 5xx, dropped connections and an expired token make the watcher wait and ask again.
import { AzureMlError, fromOperation, isTransient, toAzureMlError, type Operation } from './errors';
import { retryAfterMs, sleep } from './http';
import { render, t, type Locale } from '../i18n';
import type { OperationStatus, PfsClient } from './pfs';

export interface PollPolicy {
  /** First wait and steady interval while the operation is young (the SDK polls every 5 s). */
  initialMs: number;
  /** Longest interval between polls, reached gradually for long operations and after faults. */
  maxMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = { initialMs: 5000, maxMs: 30_000 };

export interface PollEvents {
  /** A short phase text and the elapsed ms, on every change and every poll. */
  onPhase?: (phase: string, elapsedMs: number) => void;
  log?: (level: 'debug' | 'warn', message: string) => void;
  /** Language of the phases and of a failure's framing and fix. */
  locale?: Locale;
}

// The SDK loops only while status is null or InProgress (docs/azure-contract.md §5). Other in-flight spellings
// are accepted too because the service does not document its full list.
const IN_FLIGHT = new Set(['', 'inprogress', 'notstarted', 'running', 'accepted', 'queued']);

/** Interval for a healthy poll: 5 s for the first minute, then slowly longer up to maxMs. */
export function steadyInterval(policy: PollPolicy, elapsedMs: number): number {
  if (elapsedMs < 60_000) return policy.initialMs;
  const grown = policy.initialMs * (1 + (elapsedMs - 60_000) / 120_000);
  return Math.min(policy.maxMs, Math.round(grown));
}

export async function watchOperation(
  pfs: PfsClient,
  url: string,
  operation: Operation,
  requestId: string,
  signal: AbortSignal | undefined,
  policy: PollPolicy = DEFAULT_POLL_POLICY,
  events: PollEvents = {},
  firstDelayMs?: number,
): Promise<OperationStatus> {
  const started = Date.now();
  let delay = firstDelayMs ?? policy.initialMs;
  let faultDelay = policy.initialMs;
  let lastPhase = '';
  const loc = events.locale ?? 'en';
  const opName = render('en', operation);
  const phase = (p: string) => {
    if (p !== lastPhase) events.log?.('debug', `${opName}: ${p}`);
    lastPhase = p;
    events.onPhase?.(p, Date.now() - started);
  };
  phase(t(loc, 'azure.phase.waiting'));
  for (;;) {
    await sleep(delay, signal);
    let body: OperationStatus;
    try {
      const res = await pfs.pollOperation(url, requestId, signal);
      body = res.body ?? {};
      faultDelay = policy.initialMs;
      const status = String(body.status ?? '');
      if (status === 'Succeeded') return body;
      if (!IN_FLIGHT.has(status.toLowerCase())) throw fromOperation(operation, body, res.requestId, loc);
      // The service's own phase text when it gives one; its status words (InProgress, Running) are not for the user.
      phase(typeof body.phase === 'string' ? body.phase : t(loc, 'azure.phase.inProgress'));
      const ra = retryAfterMs(res);
      delay = ra !== undefined ? Math.max(ra, 0) : steadyInterval(policy, Date.now() - started);
    } catch (e) {
      const err = e instanceof AzureMlError ? e : toAzureMlError(e, operation, loc);
      if (err.kind === 'cancelled' || signal?.aborted) throw err;
      // An auth failure that survived one token refresh is not transient; neither is a failed operation.
      if (!isTransient(err)) throw err;
      faultDelay = Math.min(faultDelay * 2, policy.maxMs);
      delay = faultDelay;
      phase(t(loc, err.kind === 'throttled' ? 'azure.phase.throttled' : 'azure.phase.retrying'));
      events.log?.('warn', `${opName}: ${err.message}; polling again in ${delay} ms`);
    }
  }
}
