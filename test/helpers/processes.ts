// Whether a process still runs, for tests that check what the emulator ends (Azurite, flow executors).
import { readFileSync } from 'node:fs';

/** True while `pid` runs (a zombie, dead but not yet reaped, counts as gone). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
