// Extension-host side of the activation bench (`extensionTestsPath`, no mocha): times one cold
// `activate()` of the extension — loading its bundle plus its activate() — and writes the figure to the
// file named by PFS_BENCH_OUT. The bench opens an empty folder so that nothing activated it earlier.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const out = process.env.PFS_BENCH_OUT;
  if (!out) throw new Error('PFS_BENCH_OUT is not set');
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as { publisher: string; name: string };
  const ext = vscode.extensions.getExtension(`${manifest.publisher}.${manifest.name}`);
  if (!ext) throw new Error(`extension ${manifest.publisher}.${manifest.name} is not in the host`);
  if (ext.isActive) throw new Error('the extension was already active: the figure would not be a cold activation');
  const started = performance.now();
  await ext.activate();
  const activationMs = performance.now() - started;
  fs.writeFileSync(out, JSON.stringify({ activationMs }));
  console.log(`activation: ${activationMs.toFixed(1)} ms`);
  console.log('1 passed, 0 failed');
}
