// Extension-host side of the activation bench (`extensionTestsPath`, no mocha): times one cold
// `activate()` of the extension — loading its bundle plus its activate() — and writes the figure to the
// file named by PFS_BENCH_OUT. The bench opens an empty folder so that nothing activated it earlier.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * A fresh host is busy for a while (built-in extensions activating, the workbench restoring) and that work
 * shares the event loop with our activate(). Wait until the loop has stayed responsive for a moment, so
 * the figure is the extension's own cost rather than the host's start-up. Bounded: a host that never
 * settles is measured anyway.
 */
async function hostSettled(maxWaitMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  let calm = 0;
  while (calm < 10 && Date.now() < deadline) {
    const t = performance.now();
    await new Promise((r) => setTimeout(r, 50));
    calm = performance.now() - t < 60 ? calm + 1 : 0;
  }
}

export async function run(): Promise<void> {
  const out = process.env.PFS_BENCH_OUT;
  if (!out) throw new Error('PFS_BENCH_OUT is not set');
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as { publisher: string; name: string };
  const ext = vscode.extensions.getExtension(`${manifest.publisher}.${manifest.name}`);
  if (!ext) throw new Error(`extension ${manifest.publisher}.${manifest.name} is not in the host`);
  if (ext.isActive) throw new Error('the extension was already active: the figure would not be a cold activation');
  await hostSettled();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await ext.activate();
  const activationMs = performance.now() - started;
  // CPU time of the extension host process over the same span: less swayed by other processes on a busy
  // machine than wall time (though it includes any other work the host did meanwhile).
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // The extension's own activate() body, as it measures itself; the rest of the wall time is loading the
  // bundle and the host's own activation work (creating the ExtensionContext, storage, …).
  const bodyMs = (ext.exports as { activationMs?: number } | undefined)?.activationMs;
  fs.writeFileSync(out, JSON.stringify({ activationMs, cpuMs, bodyMs }));
  console.log(`activation: ${activationMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU`);
  console.log('1 passed, 0 failed');
}
