// Uploads a flow snapshot and local data (taken by core/flow/snapshot.ts) to the workspace's default
// blob datastore (S5), with the key or SAS that `datastores/listSecrets` returns.
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

export async function uploadFiles(
  container: ContainerClient,
  files: readonly { path: string; name: string }[],
  blobPrefix: string,
  signal?: AbortSignal,
  loc: Locale = 'en',
): Promise<void> {
  try {
    // The files were checked when the snapshot was taken (core/flow/snapshot.ts): regular, bounded.
    for (const f of files) {
      await container.getBlockBlobClient(`${blobPrefix}/${f.name}`).uploadFile(f.path, { abortSignal: signal });
    }
  } catch (e) {
    const err = toAzureMlError(e, msg('azure.op.uploadFlow'), loc);
    throw err.kind === 'unknown' || err.kind === 'validation' ? new AzureMlError({ ...err.info, kind: 'storage' }) : err;
  }
}
