// Every request and notification handler runs through `guarded`: an exception becomes an empty
// answer (what editors show as "nothing here") and a log line, never a dead server.
export type Log = (message: string) => void;

export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** For requests: returns `fallback` when the handler throws (editors treat null/[] as "nothing here"). */
export function guarded<P extends unknown[], R>(
  name: string,
  log: Log,
  fallback: R,
  fn: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await fn(...args);
    } catch (e) {
      log(`${name} failed: ${describeError(e)}${e instanceof Error && e.stack ? `\n${e.stack}` : ''}`);
      return fallback;
    }
  };
}

/** For notifications: nothing to answer, so log and carry on. */
export function guardedVoid<P extends unknown[]>(name: string, log: Log, fn: (...args: P) => void | Promise<void>): (...args: P) => void {
  return (...args: P) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((e: unknown) => log(`${name} failed: ${describeError(e)}`));
    } catch (e) {
      log(`${name} failed: ${describeError(e)}`);
    }
  };
}
