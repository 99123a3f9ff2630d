// The one record of what this window is doing to each flow's session ("Starting…" since when), and the
// one clock for texts that move by themselves (elapsed minutes, the idle countdown). The tree and the
// status bar both read it and redraw on its events, so they never disagree or go stale.
// Free of `vscode` so that its timing is tested without a host.

export interface Busy {
  text: string;
  since: number;
}

type Listener = (flowFolder: string | undefined) => void;

export interface TrackerClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const systemClock: TrackerClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/** Minutes are the smallest unit shown; half a minute keeps a countdown within one minute of the truth. */
export const TICK_MS = 30_000;

export class OperationTracker {
  private readonly busy = new Map<string, Busy>();
  private readonly listeners = new Set<Listener>();
  private readonly sources = new Set<() => boolean>();
  private ticker: unknown;

  constructor(private readonly clock: TrackerClock = systemClock) {}

  /**
   * Fired with a flow folder when its busy text changed, and with undefined on every tick: redraw every
   * text that depends on the time.
   */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Marks the flow busy with `text` until the returned function is called. */
  begin(flowFolder: string, text: string): () => void {
    const entry: Busy = { text, since: this.clock.now() };
    this.busy.set(flowFolder, entry);
    this.fire(flowFolder);
    this.update();
    return () => {
      if (this.busy.get(flowFolder) !== entry) return;
      this.busy.delete(flowFolder);
      this.fire(flowFolder);
      this.update();
    };
  }

  get(flowFolder: string): Busy | undefined {
    return this.busy.get(flowFolder);
  }

  /**
   * A view that shows a moving time (an idle countdown) says so here; the clock ticks while any busy
   * flow or any source needs it, and stops when none does.
   */
  addSource(counting: () => boolean): { dispose(): void } {
    this.sources.add(counting);
    this.update();
    return {
      dispose: () => {
        this.sources.delete(counting);
        this.update();
      },
    };
  }

  /** Re-reads whether anything counts (call after what a source looks at changed). */
  update(): void {
    const counting = this.busy.size > 0 || [...this.sources].some((s) => s());
    if (counting && this.ticker === undefined) this.ticker = this.clock.setInterval(() => this.tick(), TICK_MS);
    if (!counting && this.ticker !== undefined) this.stop();
  }

  get ticking(): boolean {
    return this.ticker !== undefined;
  }

  private tick(): void {
    this.fire(undefined);
    this.update();
  }

  private fire(flowFolder: string | undefined): void {
    for (const l of [...this.listeners]) l(flowFolder);
  }

  private stop(): void {
    this.clock.clearInterval(this.ticker);
    this.ticker = undefined;
  }

  dispose(): void {
    if (this.ticker !== undefined) this.stop();
    this.listeners.clear();
    this.sources.clear();
  }
}
