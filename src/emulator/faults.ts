// Fault rules set through the control API. HTTP faults are applied before routing; operation faults
// (`failOperation`, `capacity`, `keepSession`, `ignoreUpdate`) are consumed by the session worker when an
// operation runs (`ignoreUpdate` also by a workspace PATCH).
import { randomUUID } from 'node:crypto';

/**
 * `keepSession`: a delete operation succeeds but the session stays, as a service that has not applied the
 * delete yet shows it. `ignoreUpdate`: an `Update` operation (path `FlowSessions/{id}`) or a workspace
 * PATCH (the request path) succeeds and changes nothing; which settings an Update applies is not settled
 * (docs/azure-contract.md §29). A client must read back before it reports any of these effects.
 */
export type FaultKind = 'latency' | 'throttle' | 'error' | 'drop' | 'failOperation' | 'capacity' | 'keepSession' | 'ignoreUpdate';

const KINDS: readonly FaultKind[] = ['latency', 'throttle', 'error', 'drop', 'failOperation', 'capacity', 'keepSession', 'ignoreUpdate'];

export interface FaultRule {
  id: string;
  kind: FaultKind;
  /** Regular expression tested against the request path (or `FlowSessions/{id}` for operation faults). */
  path: string;
  method?: string;
  /** How many matching requests it affects; -1 = until cleared. */
  count: number;
  /** `error`: the HTTP status (500, 503, …). */
  status?: number;
  /** `throttle`: seconds in `Retry-After`. */
  retryAfterSeconds?: number;
  /** `latency`: extra real milliseconds before the request is handled. */
  latencyMs?: number;
  /** `failOperation`: the message the operation fails with. */
  message?: string;
}

export class Faults {
  private rules: FaultRule[] = [];

  add(input: Partial<FaultRule> & { kind: FaultKind }): FaultRule {
    if (!KINDS.includes(input.kind)) throw new Error(`unknown fault kind "${String(input.kind)}"; use one of ${KINDS.join(', ')}`);
    const rule: FaultRule = { id: randomUUID(), path: input.path ?? '.*', count: input.count ?? 1, ...input } as FaultRule;
    new RegExp(rule.path); // reject a broken pattern now, not at match time
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
  }

  /** Returns (and uses up one count of) the first rule of these kinds that matches. */
  take(kinds: FaultKind[], path: string, method?: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) => kinds.includes(r.kind) && (!r.method || !method || r.method.toUpperCase() === method) && new RegExp(r.path).test(path),
    );
    if (!rule) return undefined;
    if (rule.count > 0 && --rule.count === 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}
