// Reset and Stop in the editor: a modal dialog names the action before anything happens (the host
// runner turns the setting off for the other suites; this one turns it on); "Reset to apply image" right after an edit saves the flow file first, so the new
// image is what the reset applies; a failed install leaves the session as the service reports it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { SessionInfo, StopResult } from '../../../../src/core/session/types';
import { Commands, activateApi, scenario, waitFor, workspaceRoot } from '../../../helpers/host/session';

const long = 300_000;
const IMAGE = 'myregistry.azurecr.io/flows/confirmed:3';

if (scenario() === 'main') {
  describe('session reset and stop ask first; a reset saves the flow first (emulator)', function () {
    this.timeout(long);
    let api: ExtensionApi;
    let folder: string;
    let uri: string;
    const config = () => vscode.workspace.getConfiguration('promptflow');

    before(async () => {
      api = await activateApi();
      folder = path.join(workspaceRoot(), 'confirm-flow');
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(
        path.join(folder, 'flow.dag.yaml'),
        'environment:\n  python_requirements_txt: requirements.txt\ninputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: ${inputs.q}\nnodes: []\n',
      );
      fs.writeFileSync(path.join(folder, 'requirements.txt'), 'pf-demo-text==1.0.0\n');
      uri = vscode.Uri.file(folder).toString();
      const started = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, uri);
      assert.equal(started?.state, 'running');
    });

    after(async () => {
      // Leave no session behind (whichever tests ran): it would keep the serverless compute of the suites after this.
      await vscode.commands.executeCommand(Commands.stop, uri);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Stop and Reset ask in a modal dialog that names the action, and do nothing without the answer', async () => {
      await config().update('session.confirmDestructiveActions', true, vscode.ConfigurationTarget.Global);
      try {
        for (const [command, question] of [
          [Commands.stop, 'Stop the session of confirm-flow?'],
          [Commands.reset, 'Reset the session of confirm-flow?'],
        ] as const) {
          // VS Code refuses every modal dialog under test and says which one it refused: that answer is
          // the dismissal a user could give, and its text is the dialog the command asked for.
          const reported: string[] = [];
          const sub = api.onDidReportError((e) => reported.push(e.info.message));
          try {
            await vscode.commands.executeCommand(command, uri);
          } finally {
            sub.dispose();
          }
          assert.ok(
            reported.some((m) => m.includes(question)),
            `${command} asked "${question}" in a modal dialog: ${JSON.stringify(reported)}`,
          );
          const service = await api.getSessionService();
          const s = await service!.status(folder);
          assert.equal(s.state, 'running', `nothing was done without the answer (${command})`);
          assert.equal(s.operation, undefined);
        }
      } finally {
        await config().update('session.confirmDestructiveActions', false, vscode.ConfigurationTarget.Global);
      }
    });

    it('Reset to apply image saves the edited flow file first and applies the new image', async () => {
      const file = vscode.Uri.file(path.join(folder, 'flow.dag.yaml'));
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(file, new vscode.Position(1, 0), `  image: ${IMAGE}\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(doc.isDirty, 'the edit is not saved yet');
      const lens = await waitFor('the Reset to apply image codelens', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file, 20);
        return lenses?.find((l) => l.command?.command === Commands.reset && l.range.start.line === 1);
      });
      const reset = await vscode.commands.executeCommand<SessionInfo | undefined>(
        lens.command!.command,
        ...(lens.command!.arguments ?? []),
      );
      assert.equal(doc.isDirty, false, 'the flow file was saved before the reset');
      assert.ok(fs.readFileSync(file.fsPath, 'utf8').includes(IMAGE));
      assert.equal(reset?.state, 'running');
      assert.equal(reset?.baseImage, IMAGE, 'the reset applied the image of the edit');
    });

    it('a failed install leaves the session running, with the install shown as what failed', async () => {
      fs.writeFileSync(path.join(folder, 'requirements.txt'), 'pf-demo-text==1.0.0\nno-such-package-anywhere==9.9.9\n');
      const result = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.installRequirements, uri);
      assert.equal(result, undefined, 'the install failed');
      const service = await api.getSessionService();
      const seen = service!.peek(folder);
      assert.equal(seen?.state, 'running', 'the session is as the service reports it, not "failed"');
      assert.ok(seen?.error?.message, 'the failed install is shown');
      // The lenses once they show the state after the install (a reset lens: running; a start lens: failed).
      const file = vscode.Uri.file(path.join(folder, 'flow.dag.yaml'));
      await vscode.window.showTextDocument(file);
      const lenses = await waitFor('the codelenses of the state after the install', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file, 20);
        return all?.some((l) => l.command?.command === Commands.reset || l.command?.command === Commands.start) ? all : undefined;
      });
      assert.ok(!lenses.some((l) => l.command?.command === Commands.start), 'no "Start session (last start failed)" lens');
    });

    it('with the confirmation turned off, Stop stops at once', async () => {
      const r = await vscode.commands.executeCommand<StopResult | undefined>(Commands.stop, uri);
      assert.ok(r && !r.noSession, 'the session was stopped');
      const service = await api.getSessionService();
      assert.equal((await service!.status(folder)).state, 'notStarted');
    });
  });
}
