// The machinery every long session operation runs through: one operation per flow at a time (a
// second call of the same kind shares the first one's promise), state and progress reported while it
// runs, cancellation from the caller or from dispose(), and the failure recorded on the session.
import { AzureMlError, reframe, toAzureMlError } from '../azure/errors';
import { abortError } from '../azure/http';
import type { Locale } from '../i18n';
import { cancelledText, closedText, conflictText, operationName, type OperationKind } from './operationText';
import type { CancelToken, OperationOptions, OperationProgress, SessionInfo, SessionState } from './types';

export function toAbortSignal(cancel: CancelToken | AbortSignal | undefined): AbortSignal | undefined {
  if (!cancel) return undefined;
  if (typeof (cancel as AbortSignal).addEventListener === 'function' && 'aborted' in cancel) return cancel as AbortSignal;
  const token = cancel as CancelToken;
  const ac = new AbortController();
  if (token.cancelled) ac.abort();
  else token.onCancel(() => ac.abort());
  return ac.signal;
}

/**
 * The service accepted the operation, but reading the session back does not show its effect: the flow
 * takes what was read (a stop the session survived leaves it running), not "failed".
 */
export class NotAppliedError extends AzureMlError {
  constructor(
    info: ConstructorParameters<typeof AzureMlError>[0],
    readonly read: Partial<SessionInfo> & { state: SessionState },
  ) {
    super(info, undefined, true);
  }
}

/**
 * An operation that failed while the session itself stays as the read after it shows (an install
 * whose pip step failed on a running session): the flow takes what was read, and the error names the
 * operation that failed, so no front end reports the session itself as failed.
 */
export class FailedOnSession extends AzureMlError {
  constructor(
    err: AzureMlError,
    readonly read: Partial<SessionInfo> & { state: SessionState },
  ) {
    super(err.info, err.detail, true);
  }
}

/** Reports the phase of an operation ("Waiting for compute", "Installing packages"). */
export type PhaseFn = (phase: string) => void;

export class OperationRunner {
  private readonly inflight = new Map<string, { kind: OperationKind; promise: Promise<unknown> }>();
  private readonly controllers = new Set<AbortController>();
  /** The controller of the operation running for each flow, so a stop can end a start it preempts. */
  private readonly running = new Map<string, AbortController>();
  private disposed = false;

  constructor(
    /** Records a change of the flow's session and tells listeners. */
    private readonly update: (folder: string, patch: Partial<SessionInfo>) => void,
    private readonly locale: Locale,
  ) {}

  /** True while an operation runs for the flow. */
  busy(folder: string): boolean {
    return this.inflight.has(folder);
  }

  /**
   * Runs one operation per flow at a time. A second call of the same kind while one runs gets the
   * same promise (a double click starts one session). An operation of a kind in `preempts` is
   * cancelled first (a stop ends the watch of a start, then deletes); any other kind is refused with a
   * clear message.
   */
  exclusive<T>(folder: string, kind: OperationKind, run: () => Promise<T>, preempts: readonly OperationKind[] = []): Promise<T> {
    if (this.disposed) return Promise.reject(new AzureMlError({ kind: 'cancelled', message: closedText(this.locale) }));
    const current = this.inflight.get(folder);
    if (current) {
      if (current.kind === kind) return current.promise as Promise<T>;
      if (preempts.includes(current.kind)) {
        this.running.get(folder)?.abort();
        const settled = current.promise.then(
          () => undefined,
          () => undefined,
        );
        return settled.then(() => this.exclusive(folder, kind, run, preempts));
      }
      return Promise.reject(new AzureMlError({ kind: 'conflict', ...conflictText(current.kind, this.locale) }));
    }
    const promise = run().finally(() => this.inflight.delete(folder));
    this.inflight.set(folder, { kind, promise });
    return promise;
  }

  /** Wraps a long operation: state + progress events, cancellation, failure recorded on the item. */
  async operate<T>(
    folder: string,
    sessionId: string,
    kind: OperationKind,
    state: SessionState,
    opts: OperationOptions | undefined,
    work: (signal: AbortSignal, phase: PhaseFn) => Promise<T>,
  ): Promise<T> {
    const ac = new AbortController();
    this.controllers.add(ac);
    this.running.set(folder, ac);
    const external = toAbortSignal(opts?.cancel);
    const onAbort = () => ac.abort();
    if (external?.aborted) ac.abort();
    external?.addEventListener('abort', onAbort, { once: true });
    const operation: OperationProgress = { kind, startedAt: Date.now() };
    this.update(folder, { sessionId, state, operation, error: undefined });
    opts?.onProgress?.(operation);
    const phase = (p: string) => {
      if (operation.phase === p) return opts?.onProgress?.({ ...operation });
      operation.phase = p;
      this.update(folder, { operation: { ...operation } });
      opts?.onProgress?.({ ...operation });
    };
    try {
      if (ac.signal.aborted) throw abortError();
      return await work(ac.signal, phase);
    } catch (e) {
      // Framed by this operation, in the service's language, unless a step framed it for the user already
      // (an install step's pip failure, a prerequisite that failed).
      const err = ac.signal.aborted
        ? new AzureMlError({ kind: 'cancelled', ...cancelledText(kind, this.locale) })
        : reframe(toAzureMlError(e, operationName(kind, this.locale), this.locale), operationName(kind, this.locale), this.locale);
      // After a cancel the service may still finish the operation (it keeps building the same id),
      // so the state is unknown until the next status check, and the item says so.
      const read =
        e instanceof NotAppliedError || e instanceof FailedOnSession
          ? e.read
          : { state: err.kind === 'cancelled' ? ('unknown' as const) : ('failed' as const) };
      this.update(folder, { ...read, operation: undefined, error: err.info });
      throw err;
    } finally {
      external?.removeEventListener('abort', onAbort);
      this.controllers.delete(ac);
      if (this.running.get(folder) === ac) this.running.delete(folder);
    }
  }

  /** Cancels every running operation; nothing starts afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
  }
}
