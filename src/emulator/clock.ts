// Emulated time. `now()` is real time plus an offset the control API can advance (idle deletion
// tests jump forward instead of waiting); `delay()` scales every simulated service delay by timeScale.
export class Clock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    public offsetMs: number,
    readonly timeScale: number,
  ) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Waits `ms` of simulated service time (scaled); resolves at once when stopped. */
  delay(ms: number): Promise<void> {
    const real = Math.max(0, Math.round(ms * this.timeScale));
    if (real === 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, real);
      this.timers.add(t);
    });
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
