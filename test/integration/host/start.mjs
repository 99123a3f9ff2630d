// `npm start`: the extension, packaged as users get it, in VS Code (code-server) opened on the sample
// flows, with the local Azure ML stand-in behind it when it starts. Stays in the foreground; Ctrl+C ends it.
//
//   npm start [-- --port 8080] [--folder <path>]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCodeServer } from './code-server.mjs';
import { startEmulator } from './emulator-process.mjs';
import { ROOT, setupHost } from './setup.mjs';

const VSIX = join(ROOT, 'dist', 'promptflow-sessions.vsix');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function step(title, cmd, args) {
  console.log(`[start] ${title}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status ?? r.signal}); run \`${cmd} ${args.join(' ')}\` to see why`);
}

async function main() {
  const port = Number(option('port', process.env.PORT || 8080));
  const folder = resolve(option('folder', join(ROOT, 'test', 'fixtures', 'samples')));
  // `npm run package` builds the production bundles first, so this is the .vsix a user would install.
  step('building and packaging the extension', 'npm', ['run', 'package']);
  setupHost();

  const dataDir = join(ROOT, '.emulator-data');
  mkdirSync(dataDir, { recursive: true });
  console.log('[start] starting the Azure ML emulator');
  const emulator = await startEmulator({ dataDir, port: 0 });
  const settings = {};
  if ('error' in emulator) {
    console.warn(`[start] warning: continuing without the emulator: ${emulator.error}`);
  } else {
    settings['promptflow.emulator.endpoint'] = emulator.ready.endpoint;
    settings['promptflow.emulator.caFile'] = emulator.ready.ca;
    console.log(`[start] emulator ready at ${emulator.ready.endpoint} (state in .emulator-data/)`);
  }

  let server;
  try {
    console.log('[start] starting VS Code (code-server)');
    server = await startCodeServer({ folder, port, settings, vsix: [VSIX] });
  } catch (err) {
    if (!('error' in emulator)) await emulator.stop();
    throw err;
  }
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  console.log(`\n  Open ${url}\n  (workspace: ${folder}; press Ctrl+C to stop)\n`);

  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${why}: stopping`);
    server.child.removeAllListeners('exit');
    await server.stop();
    if (!('error' in emulator)) await emulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('Ctrl+C'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  server.child.once('exit', (code) => {
    console.error(`[start] code-server exited (${code}); its log:\n${server.logTail(20)}`);
    stop('code-server ended');
  });
}

main().catch((err) => {
  console.error(`[start] ${err?.message ?? err}`);
  process.exit(1);
});
