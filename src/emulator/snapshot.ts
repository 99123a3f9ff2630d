// The workspace's default blob datastore as Azurite serves it: the container the product uploads a run's
// flow snapshot and data to (`LocalUpload/<run>/…`, docs/azure-contract.md §9), and the download of a
// flow's folder into a run's work folder, bounded against hostile snapshots.
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ContainerClient } from '@azure/storage-blob';
import { AZURITE_ACCOUNT, AZURITE_KEY } from './azurite';
import type { WorkspaceRecord } from './state';
import type { World } from './world';

/** A snapshot larger than this is refused: prompt flow snapshots are source files, not data. */
const MAX_SNAPSHOT_FILES = 2000;
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/** The container of `workspaceblobstore`, or undefined when Azurite does not run (`--no-azurite`). */
export function workspaceContainer(w: World, ws: WorkspaceRecord): ContainerClient | undefined {
  if (!w.azurite) return undefined;
  const { BlobServiceClient, StorageSharedKeyCredential } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
  return new BlobServiceClient(w.azurite.blobEndpoint, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY)).getContainerClient(
    `azureml-blobstore-${ws.workspaceId}`,
  );
}

/**
 * Copies every blob under `folder/` into `dest`, keeping relative paths. Answers a message when the folder
 * holds nothing, is too large, or names a path outside `dest`.
 */
export async function downloadFolder(container: ContainerClient, folder: string, dest: string): Promise<string | undefined> {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  let files = 0;
  let bytes = 0;
  try {
    for await (const blob of container.listBlobsFlat({ prefix })) {
      const target = resolve(dest, blob.name.slice(prefix.length));
      if (relative(dest, target).startsWith('..')) return `The flow snapshot names a file outside its folder: ${blob.name}.`;
      files++;
      bytes += blob.properties.contentLength ?? 0;
      if (files > MAX_SNAPSHOT_FILES || bytes > MAX_SNAPSHOT_BYTES)
        return `The flow snapshot at ${folder} is larger than ${MAX_SNAPSHOT_FILES} files or ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB.`;
      mkdirSync(dirname(target), { recursive: true });
      await container.getBlobClient(blob.name).downloadToFile(target);
    }
  } catch (err) {
    return `The flow snapshot at ${folder} could not be read: ${err instanceof Error ? err.message : String(err)}`;
  }
  return files ? undefined : `The flow snapshot was not found: the datastore holds nothing at ${prefix}.`;
}

/** Where executed runs keep their work folders (`runs/` of the data folder). */
export const runsRoot = (w: World): string => join(w.envs.dataDir, 'runs');

/** The run's work folder (`runs/<run id>`; run ids are `[A-Za-z0-9_-]`, checked at submit). */
export const runWorkDir = (w: World, runId: string): string => join(runsRoot(w), runId);
