// Restricted mode: flow files are still validated, but nothing starts, installs or submits, and the
// Azure bundle is never even loaded. Runs in the host scenario that opens the workspace untrusted.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readManifest } from '../../../helpers/host/extensionUnderTest';
import { Commands, activateApi, scenario, waitFor, workspaceRoot } from '../../../helpers/host/session';

if (scenario() === 'untrusted') {
  describe('untrusted workspace', function () {
    this.timeout(120_000);

    it('is opened in restricted mode', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    it('still validates flow files', async () => {
      const api = await activateApi();
      await api.whenLanguageClientReady();
      const broken = vscode.Uri.file(path.join(workspaceRoot(), 'broken', 'flow.dag.yaml'));
      await vscode.window.showTextDocument(broken);
      const diags = await waitFor(
        'diagnostics on broken/flow.dag.yaml',
        () => {
          const d = vscode.languages.getDiagnostics(broken);
          return d.length ? d : undefined;
        },
        [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
      );
      assert.ok(diags.length > 0);
    });

    it('refuses to start, install or submit', async () => {
      const api = await activateApi();
      const folder = vscode.Uri.file(path.join(workspaceRoot(), 'hello')).toString();
      for (const id of [
        Commands.start,
        Commands.installRequirements,
        Commands.saveAndInstall,
        Commands.startWithSettings,
        Commands.reset,
      ]) {
        assert.equal(await vscode.commands.executeCommand(id, folder), undefined, `${id} did something`);
      }
      const runYml = vscode.Uri.file(path.join(workspaceRoot(), 'run.yml'));
      assert.equal(await vscode.commands.executeCommand(Commands.submitRun, runYml), undefined);
      // Reading is allowed in restricted mode; nothing may have been started.
      const service = await api.getSessionService(false);
      assert.equal(service?.peek(path.join(workspaceRoot(), 'hello'))?.state ?? 'notStarted', 'notStarted');
    });

    it('declares the restriction in the manifest', () => {
      const m = readManifest() as unknown as {
        capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
        contributes: { commands: { command: string; enablement?: string }[] };
      };
      assert.equal(m.capabilities.untrustedWorkspaces.supported, 'limited');
      assert.ok(m.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes('promptflow.emulator.endpoint'));
      for (const id of [Commands.start, Commands.installRequirements, Commands.submitRun, Commands.saveAndInstall]) {
        assert.match(m.contributes.commands.find((c) => c.command === id)?.enablement ?? '', /isWorkspaceTrusted/, id);
      }
    });
  });
}
