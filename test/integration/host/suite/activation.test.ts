// The extension activates in a real VS Code host and registers everything its package.json contributes.
// Read from the manifest, so the test grows with the contributions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, readManifest } from '../../../helpers/host/extensionUnderTest';

describe('activation', () => {
  const manifest = readManifest();
  const id = extensionId(manifest);

  it('activates without error', async () => {
    const ext = vscode.extensions.getExtension(id);
    assert.ok(ext, `extension ${id} is not installed in the host`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every contributed command', async () => {
    await vscode.extensions.getExtension(id)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = (manifest.contributes?.commands ?? []).map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('can show every contributed view container and view', async () => {
    await vscode.extensions.getExtension(id)?.activate();
    const containers = Object.values(manifest.contributes?.viewsContainers ?? {}).flat();
    const views = Object.values(manifest.contributes?.views ?? {}).flat();
    const registered = new Set(await vscode.commands.getCommands(true));
    // VS Code registers `<viewId>.focus` for each view it knows and `workbench.view.extension.<id>` for each container.
    const commands = [...containers.map((c) => `workbench.view.extension.${c.id}`), ...views.map((v) => `${v.id}.focus`)];
    const missing = commands.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `views without their command: ${missing.join(', ')}`);
    for (const command of commands) await vscode.commands.executeCommand(command);
  });
});
