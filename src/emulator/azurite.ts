// The workspace's default blob datastore is served by Azurite, run as a child process on a free
// loopback port with its data under `<dataDir>/azurite`, so uploads go through @azure/storage-blob for real.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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

export async function startAzurite(dataDir: string): Promise<AzuriteHandle> {
  const location = join(dataDir, 'azurite');
  mkdirSync(location, { recursive: true });
  const main = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
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
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
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
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
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
