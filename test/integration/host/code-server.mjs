// Starts and stops code-server (VS Code's server, the real Node extension host) for the host tests,
// the bench and `npm start`. Everything it writes stays in one throw-away folder: code-server otherwise
// fills ~/.config, ~/.local, ~/.cache and /tmp with config files, logs and sockets.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, NODE24 } from './setup.mjs';
import { stopProcessGroup } from './processGroup.mjs';

/** Quiet, offline-friendly defaults: no telemetry, update checks, welcome pages, AI features or git scans. */
export const DEFAULT_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  // VS Code in a browser saves after a delay by default; desktop VS Code does not. Tests (and the
  // demo) behave like the desktop, so that "nothing is saved unasked" can be checked.
  'files.autoSave': 'off',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Waits until code-server answers /healthz; fails early when the process exits. */
async function waitHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not become healthy within ${timeoutMs} ms`);
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * @param {object} o
 * @param {string} [o.folder] workspace folder to open
 * @param {number} [o.port] 0 or absent: a free port
 * @param {Record<string, unknown>} [o.settings] user settings merged over the defaults
 * @param {string[]} [o.vsix] extensions to install before starting
 * @param {string} [o.locale] display language, e.g. `ja`
 * @param {boolean} [o.smokeTestDriver] lets the workbench honour a test `payload` in its URL
 * @param {boolean} [o.workspaceTrust] keep workspace trust on (a folder then opens in restricted mode)
 * @param {boolean} [o.verbose] echo the server log
 * @param {Record<string, string>} [o.env] extra environment (the extension host inherits the server's)
 * @param {string} [o.parentDir] where its temp folder goes (default: the OS temp folder)
 */
export async function startCodeServer(o = {}) {
  if (!existsSync(NODE24) || !existsSync(CODE_SERVER_ENTRY)) {
    throw new Error('the VS Code host is not set up: run `node test/integration/host/setup.mjs`');
  }
  const dir = mkdtempSync(join(o.parentDir ?? tmpdir(), 'pfs-host-'));
  const paths = {
    config: join(dir, 'config.yaml'),
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    log: join(dir, 'server.log'),
  };
  for (const sub of ['user-data/User', 'extensions', 'xdg/config', 'xdg/data', 'xdg/cache', 'tmp']) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  writeFileSync(paths.config, '');
  if (o.locale && !o.locale.startsWith('en')) registerEmptyLanguagePack(paths.userData, o.locale);
  writeFileSync(join(paths.userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...o.settings }, null, 2));
  const env = {
    ...process.env,
    ...o.env,
    XDG_CONFIG_HOME: join(dir, 'xdg/config'),
    XDG_DATA_HOME: join(dir, 'xdg/data'),
    XDG_CACHE_HOME: join(dir, 'xdg/cache'),
    TMPDIR: join(dir, 'tmp'),
  };
  const common = ['--config', paths.config, '--user-data-dir', paths.userData, '--extensions-dir', paths.extensions];
  const removeDir = () => {
    try {
      // Retries: a process of the stopped group may still be closing files in there.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (err) {
      console.error(`code-server: could not remove ${dir}: ${err.message}`);
    }
  };

  try {
    for (const vsix of o.vsix ?? []) await installExtension(common, vsix, env);
  } catch (err) {
    removeDir();
    throw err;
  }

  const port = o.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    CODE_SERVER_ENTRY,
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
  ];
  if (!o.workspaceTrust) args.push('--disable-workspace-trust');
  // Without this a built workbench ignores the test payload and the run just hangs.
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (o.locale) args.push('--locale', o.locale);
  if (o.folder) args.push(o.folder);

  const logStream = createWriteStream(paths.log);
  // Detached: its own process group, so stopping it also ends the extension host and the agent host.
  const child = spawn(NODE24, args, { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(logStream, { end: false });
    if (o.verbose) stream.on('data', (d) => process.stderr.write(`[code-server] ${d}`));
  }

  let stopped = false;
  const stop = async ({ keep = false } = {}) => {
    if (stopped) return;
    stopped = true;
    await stopProcessGroup(child, 3000);
    logStream.end();
    if (!keep) removeDir();
  };

  try {
    await waitHealthy(url, child, 60_000);
  } catch (err) {
    const log = tail(paths.log, 30);
    await stop();
    throw new Error(`${err.message}\n${log}`);
  }
  const isolatedEnv = {
    XDG_CONFIG_HOME: env.XDG_CONFIG_HOME,
    XDG_DATA_HOME: env.XDG_DATA_HOME,
    XDG_CACHE_HOME: env.XDG_CACHE_HOME,
    TMPDIR: env.TMPDIR,
  };
  return { url, port, dir, child, paths, isolatedEnv, stop, logTail: (n = 30) => tail(paths.log, n) };
}

/**
 * VS Code's server switches the display language only when a language pack for it is registered, and the
 * packs come from the marketplace, which is out of reach. An empty pack is enough: VS Code's own UI stays
 * English, but the locale reaches the workbench and the extension host (vscode.env.language, the
 * extension's package.nls.<locale>.json), which is what extension tests need.
 */
function registerEmptyLanguagePack(userData, locale) {
  const translations = join(userData, 'empty-language-pack', 'main.i18n.json');
  mkdirSync(join(userData, 'empty-language-pack'), { recursive: true });
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  const packs = {
    [locale]: {
      hash: `empty-${locale}`,
      label: locale,
      extensions: [{ extensionIdentifier: { id: `test.empty-language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
    },
  };
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify(packs));
}

function installExtension(common, vsix, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE24, [CODE_SERVER_ENTRY, ...common, '--install-extension', vsix, '--force'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`installing ${vsix} failed (exit ${code}):\n${out}`))));
  });
}
