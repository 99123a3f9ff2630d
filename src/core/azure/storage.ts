// Uploads a flow snapshot and local data to the workspace's default blob datastore (S5), with the
// key or SAS that `datastores/listSecrets` returns.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContainerClient } from '@azure/storage-blob';
import { msg, t as tr, type Locale } from '../i18n';
import { AzureMlError, toAzureMlError } from './errors';

export interface BlobTarget {
  accountName: string;
  containerName: string;
  /** Storage suffix (`core.windows.net`) or, for a local stand-in, `host:port`. */
  endpoint: string;
  protocol: string;
  key?: string;
  sasToken?: string;
}

// Folders the prompt flow SDK leaves out of a snapshot.
const SKIP = new Set(['.git', '__pycache__', '.promptflow', '.runs', 'node_modules', '.venv', '.vscode']);
const MAX_FILES = 5000;

/**
 * Blob storage in Azure has publicly trusted certificates; a local stand-in (Azurite, path-style
 * `host:port`) is reached as the datastore's protocol says, so no extra CA is needed here.
 */
export function containerClient(t: BlobTarget, loc: Locale = 'en'): ContainerClient {
  // Loaded with require so the bundler takes the package's CommonJS build: its ESM build reads
  // import.meta.url, which is empty once bundled to CommonJS (dist/*.js) and crashes on load.
  const { AnonymousCredential, BlobServiceClient, StorageSharedKeyCredential } =
    require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  const pathStyle = /^(localhost|127\.|\[?::1\]?|\d+\.\d+\.\d+\.\d+)|:\d+$/.test(t.endpoint);
  const base = pathStyle ? `${t.protocol}://${t.endpoint}/${t.accountName}` : `${t.protocol}://${t.accountName}.blob.${t.endpoint}`;
  if (t.key) {
    return new BlobServiceClient(base, new StorageSharedKeyCredential(t.accountName, t.key)).getContainerClient(t.containerName);
  }
  if (t.sasToken) {
    const sas = t.sasToken.startsWith('?') ? t.sasToken : `?${t.sasToken}`;
    return new BlobServiceClient(`${base}${sas}`, new AnonymousCredential()).getContainerClient(t.containerName);
  }
  throw new AzureMlError({
    kind: 'storage',
    message: tr(loc, 'azure.storage.noCredentials'),
    fix: tr(loc, 'azure.storage.noCredentialsFix'),
    who: tr(loc, 'azure.who.workspaceOwner'),
  });
}

/** Lists the files of a folder for a snapshot: [absolute path, path inside the snapshot]. */
export function snapshotFiles(folder: string, prefix = '', loc: Locale = 'en'): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIP.has(name)) continue;
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile()) {
        out.push([abs, `${prefix}${relative(folder, abs).split(sep).join('/')}`]);
        if (out.length > MAX_FILES)
          throw new AzureMlError({
            kind: 'validation',
            message: tr(loc, 'azure.storage.tooManyFiles', { max: MAX_FILES }),
          });
      }
    }
  };
  walk(folder);
  return out;
}

export async function uploadFiles(
  container: ContainerClient,
  files: [string, string][],
  blobPrefix: string,
  signal?: AbortSignal,
  loc: Locale = 'en',
): Promise<void> {
  try {
    for (const [abs, rel] of files) {
      await container.getBlockBlobClient(`${blobPrefix}/${rel}`).uploadFile(abs, { abortSignal: signal });
    }
  } catch (e) {
    const err = toAzureMlError(e, msg('azure.op.uploadFlow'), loc);
    throw err.kind === 'unknown' || err.kind === 'validation' ? new AzureMlError({ ...err.info, kind: 'storage' }) : err;
  }
}
