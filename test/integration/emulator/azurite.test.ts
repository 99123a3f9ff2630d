// The default datastore is blob storage served by Azurite: a client that reads the datastore and its
// secret from ARM uploads through @azure/storage-blob for real, and the blob survives a restart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { startTestEmulator } from '../../helpers/emulator';

interface BlobDatastore {
  properties: { datastoreType: string; accountName: string; containerName: string; endpoint: string; protocol: string; isDefault: boolean };
}

describe('emulator blob datastore (Azurite)', () => {
  it('serves workspaceblobstore through Azurite with the key from listSecrets', async () => {
    let emu = await startTestEmulator({ azurite: true });
    try {
      const ds = await emu.request<BlobDatastore>('GET', `${emu.workspacePath}/datastores/workspaceblobstore?api-version=2022-10-01`);
      assert.equal(ds.status, 200);
      const p = ds.body.properties;
      assert.equal(p.datastoreType, 'AzureBlob');
      assert.equal(p.isDefault, true);
      // A loopback endpoint means a path-style URL: {protocol}://{endpoint}/{accountName}.
      assert.match(p.endpoint, /^127\.0\.0\.1:\d+$/);
      const secret = await emu.request<{ secretsType: string; key: string }>(
        'POST',
        `${emu.workspacePath}/datastores/workspaceblobstore/listSecrets?api-version=2022-10-01`,
      );
      assert.equal(secret.body.secretsType, 'AccountKey');
      const svc = new BlobServiceClient(
        `${p.protocol}://${p.endpoint}/${p.accountName}`,
        new StorageSharedKeyCredential(p.accountName, secret.body.key),
      );
      const container = svc.getContainerClient(p.containerName);
      const text = 'inputs:\n  url: {type: string}\n';
      await container.getBlockBlobClient('LocalUpload/flow1/flow.dag.yaml').upload(text, Buffer.byteLength(text));
      const names: string[] = [];
      for await (const b of container.listBlobsFlat({ prefix: 'LocalUpload/' })) names.push(b.name);
      assert.deepEqual(names, ['LocalUpload/flow1/flow.dag.yaml']);

      emu = await emu.restart();
      const again = await emu.request<BlobDatastore>('GET', `${emu.workspacePath}/datastores/workspaceblobstore?api-version=2022-10-01`);
      const q = again.body.properties;
      const svc2 = new BlobServiceClient(
        `${q.protocol}://${q.endpoint}/${q.accountName}`,
        new StorageSharedKeyCredential(q.accountName, secret.body.key),
      );
      const body = await svc2.getContainerClient(q.containerName).getBlockBlobClient('LocalUpload/flow1/flow.dag.yaml').downloadToBuffer();
      assert.equal(body.toString('utf8'), text);
    } finally {
      await emu.stop();
    }
  });
});
