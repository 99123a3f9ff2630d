// The one clock of the tree and the status bar: it ticks while a flow is busy or a shown session's time
// moves (the idle countdown), also when this window runs no operation, and stops when nothing counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OperationTracker, TICK_MS, type TrackerClock } from '../../../src/extension/operationTracker';

function fakeClock() {
  let now = 1_000_000;
  let next = 1;
  const timers = new Map<number, { fn: () => void; ms: number; due: number }>();
  const clock: TrackerClock = {
    now: () => now,
    setInterval: (fn, ms) => {
      const id = next++;
      timers.set(id, { fn, ms, due: now + ms });
      return id;
    },
    clearInterval: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers.values()].filter((t) => t.due <= until).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      now = due.due;
      due.due += due.ms;
      due.fn();
    }
    now = until;
  };
  return { clock, advance, timers };
}

describe('operation tracker', () => {
  it('ticks for an idle countdown with no operation running, and stops when none is shown', () => {
    const { clock, advance } = fakeClock();
    const tracker = new OperationTracker(clock);
    const ticks: (string | undefined)[] = [];
    tracker.onDidChange((f) => ticks.push(f));
    let countdownShown = true;
    tracker.addSource(() => countdownShown);
    assert.equal(tracker.ticking, true, 'a shown countdown starts the clock');
    advance(3 * TICK_MS);
    assert.deepEqual(ticks, [undefined, undefined, undefined], 'one redraw per tick');
    countdownShown = false;
    advance(TICK_MS);
    assert.equal(tracker.ticking, false, 'nothing counts: the clock stops');
    const before = ticks.length;
    advance(10 * TICK_MS);
    assert.equal(ticks.length, before);
  });

  it('records the busy text of a flow until the operation ends, ticking meanwhile', () => {
    const { clock, advance } = fakeClock();
    const tracker = new OperationTracker(clock);
    const changes: (string | undefined)[] = [];
    tracker.onDidChange((f) => changes.push(f));
    const end = tracker.begin('/flows/a', 'Starting…');
    assert.equal(tracker.get('/flows/a')?.text, 'Starting…');
    assert.equal(tracker.ticking, true);
    advance(TICK_MS);
    end();
    assert.equal(tracker.get('/flows/a'), undefined);
    assert.equal(tracker.ticking, false);
    assert.deepEqual(changes, ['/flows/a', undefined, '/flows/a']);
  });

  it('an older operation ending does not clear a newer one of the same flow', () => {
    const tracker = new OperationTracker(fakeClock().clock);
    const endFirst = tracker.begin('/flows/a', 'Starting…');
    tracker.begin('/flows/a', 'Stopping…');
    endFirst();
    assert.equal(tracker.get('/flows/a')?.text, 'Stopping…');
  });
});
