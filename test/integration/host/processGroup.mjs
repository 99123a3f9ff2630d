// Ends a child started with `detached: true` together with everything it spawned (code-server's
// extension host and helpers, the emulator's Azurite and pip): SIGTERM to the group, SIGKILL after a grace.

/** @param {import('node:child_process').ChildProcess} child @param {number} graceMs */
export async function stopProcessGroup(child, graceMs) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signal('SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  // Signal 0 only probes whether any process of the group is left.
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!signal(0)) return;
  }
  signal('SIGKILL');
}
