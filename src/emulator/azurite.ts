// The workspace's default blob datastore is served by Azurite, run as a child process on a free
// loopback port with its data under `<dataDir>/azurite`, so uploads go through @azure/storage-blob for real.
//
// Azurite ends with the emulator, however the emulator ends (kill -9 included), in two ways: it runs
// under a guard that exits when its stdin, a pipe from the emulator, closes (the system closes it
// when the emulator dies) or when the emulator's pid is gone; and its pid is kept in
// `<dataDir>/azurite/azurite.pid`, so a start on the same folder ends one that survived anyway
// (stopped, say) before it starts another on the same files.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Azurite's well-known development account (public, documented by Azurite; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteHandle {
  /** e.g. http://127.0.0.1:PORT/devstoreaccount1 */
  blobEndpoint: string;
  host: string;
  stop(): Promise<void>;
}

/**
 * Runs in Azurite's process before Azurite: exits when the emulator is gone (stdin closed, or its pid
 * no longer there), then hands Azurite its arguments (from the environment) as its own command line.
 */
const GUARD = `
const parent = Number(process.env.PFS_EMULATOR_PID);
const gone = () => process.exit(0);
process.stdin.on('end', gone).on('error', gone).resume();
setInterval(() => { try { process.kill(parent, 0); } catch { gone(); } }, 1000).unref();
const args = JSON.parse(process.env.PFS_AZURITE_ARGS);
process.argv = [process.argv[0], ...args];
require(args[0]);
`;

/** The pid file of the folder's Azurite. */
const pidFile = (location: string) => join(location, 'azurite.pid');

/** True when `pid` runs Azurite on `location` (read from /proc where there is one; elsewhere unknown = false). */
function isAzuriteOn(pid: number, location: string): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('PFS_AZURITE_ARGS') || readFileSync(`/proc/${pid}/environ`, 'utf8').includes(location);
  } catch {
    return false;
  }
}

/** Ends an Azurite an earlier emulator on this folder left running, before another starts on its files. */
export function endStrayAzurite(location: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(location), 'utf8').trim());
  } catch {
    return undefined;
  }
  rmSync(pidFile(location), { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAzuriteOn(pid, location)) return undefined;
  try {
    process.kill(pid, 'SIGKILL');
    return pid;
  } catch {
    return undefined;
  }
}

export async function startAzurite(dataDir: string): Promise<AzuriteHandle> {
  const location = join(dataDir, 'azurite');
  mkdirSync(location, { recursive: true });
  endStrayAzurite(location);
  const main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  const args = [
    main,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--location',
    location,
    '--silent',
    '--skipApiVersionCheck',
    '--loose',
    '--disableTelemetry',
  ];
  const child: ChildProcess = spawn(process.execPath, ['-e', GUARD], {
    // stdin is the guard's line to the emulator: it closes when the emulator dies.
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PFS_EMULATOR_PID: String(process.pid), PFS_AZURITE_ARGS: JSON.stringify(args) },
  });
  if (child.pid) writeFileSync(pidFile(location), String(child.pid));
  const host = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 120 s: ${out}`)), 120_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listens on http:\/\/([\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${String(code)}: ${out}`));
    });
  });
  child.stdout?.resume();
  child.removeAllListeners('exit');
  return {
    host,
    blobEndpoint: `http://${host}/${AZURITE_ACCOUNT}`,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(pidFile(location), { force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** Creates the workspace's blob container (idempotent). */
export async function ensureContainer(handle: AzuriteHandle, container: string): Promise<void> {
  // require (not import): esbuild then bundles the package's CommonJS build; its ESM build reads
  // import.meta.url, which is empty in a CommonJS bundle.
  const { BlobServiceClient, StorageSharedKeyCredential } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  const svc = new BlobServiceClient(handle.blobEndpoint, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
  await svc.getContainerClient(container).createIfNotExists();
}
