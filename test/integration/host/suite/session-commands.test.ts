// The commands beyond the lifecycle, in the real host against the emulator, typed and clicked in the
// browser where a user would: migrate a flow from a compute-instance runtime (S13), change the base image
// of a running session and reset to apply it (S10), submit a run from run.yml and read its logs (S5, S12).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { ErrorInfo, PackagesReport, SessionInfo, SubmitRunResult } from '../../../../src/core/session/types';
import { browserAction, describeWithBrowser } from '../../../helpers/host/screenshot';
import {
  Commands,
  activateApi,
  control,
  dismissNotificationsUntil,
  emulator,
  scenario,
  showNotification,
  waitFor,
  workspaceRoot,
} from '../../../helpers/host/session';

const long = 300_000;
const imageOf = (text: string) => /^\s*image:\s*(\S+)/m.exec(text)?.[1];

if (scenario() === 'main') {
  describeWithBrowser('session commands (emulator)', function () {
    this.timeout(long);
    let api: ExtensionApi;
    let legacy: string;
    const changed = () => [api.onDidChangeSession as vscode.Event<unknown>];
    const docText = (file: string) => vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.getText();

    before(async () => {
      api = await activateApi();
      legacy = path.join(workspaceRoot(), 'legacy');
    });

    after(async () => {
      // Leave no session behind: a running one would keep its serverless instance for the suites after this.
      await vscode.commands.executeCommand(Commands.stop, vscode.Uri.file(legacy).toString());
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('migrates a compute-instance flow: unpins promptflow and moves the image into the flow, saving nothing unasked', async () => {
      const reqFile = path.join(legacy, 'requirements.txt');
      const flowFile = path.join(legacy, 'flow.dag.yaml');
      const reqOnDisk = fs.readFileSync(reqFile, 'utf8');
      const flowOnDisk = fs.readFileSync(flowFile, 'utf8');
      const migrating = vscode.commands.executeCommand<string[] | undefined>(Commands.migrate, vscode.Uri.file(legacy).toString());
      await browserAction('migrate-image', { input: { text: 'myregistry.azurecr.io/flows/legacy:1' }, screenshot: false });
      // The summary notification; dismissing it (rather than starting) lets the command return what it did.
      const done = await dismissNotificationsUntil(migrating);
      assert.ok(Array.isArray(done) && done.length === 2, `migrate reported: ${JSON.stringify(done)}`);
      assert.equal(docText(reqFile), 'pf-demo-text\n', 'the promptflow pins are gone, the rest stays');
      assert.equal(imageOf(docText(flowFile) ?? ''), 'myregistry.azurecr.io/flows/legacy:1');
      assert.match(docText(flowFile) ?? '', /python_requirements_txt: requirements\.txt/, 'the rest of environment stays');
      assert.equal(fs.readFileSync(reqFile, 'utf8'), reqOnDisk, 'nothing is saved without asking');
      assert.equal(fs.readFileSync(flowFile, 'utf8'), flowOnDisk, 'nothing is saved without asking');
      assert.ok(await vscode.workspace.saveAll(false));
    });

    it('changes the base image of a running session and resets it to apply the image', async () => {
      const started = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, vscode.Uri.file(legacy).toString());
      assert.equal(started?.state, 'running', 'the migrated flow starts on its own image');
      assert.equal(started?.baseImage, 'myregistry.azurecr.io/flows/legacy:1');
      const flowFile = path.join(legacy, 'flow.dag.yaml');
      const changing = vscode.commands.executeCommand<SessionInfo | undefined>(
        Commands.changeBaseImage,
        vscode.Uri.file(legacy).toString(),
      );
      await browserAction('change-image-input', { input: { text: 'myregistry.azurecr.io/flows/legacy:2' }, screenshot: false });
      await waitFor('the image edit', () => imageOf(docText(flowFile) ?? '') === 'myregistry.azurecr.io/flows/legacy:2' || undefined);
      await showNotification('change-image-reset', 'Save and reset', true);
      const reset = await changing;
      assert.equal(reset?.state, 'running', 'the session is running again after the reset');
      assert.equal(reset?.baseImage, 'myregistry.azurecr.io/flows/legacy:2');
      assert.equal(
        imageOf(fs.readFileSync(flowFile, 'utf8')),
        'myregistry.azurecr.io/flows/legacy:2',
        'the flow file was saved before the reset',
      );
      const service = await api.getSessionService();
      assert.equal((await service!.status(legacy))?.baseImage, 'myregistry.azurecr.io/flows/legacy:2', 'the service reports the new image');
    });

    it('installs from a private feed with a password and shows the password nowhere', async () => {
      // The host runner also sweeps every log line (at trace) and every file written for this password.
      const feed = path.join(workspaceRoot(), 'feed');
      const password = /:\/\/[^:/]+:([^@]+)@/.exec(fs.readFileSync(path.join(feed, 'requirements.txt'), 'utf8'))?.[1];
      assert.ok(password, 'the fixture carries a feed password');
      const e = emulator();
      const service = await api.getSessionService();
      // A feed needs a user-assigned identity on the session (S9); the demo seed attaches pf-demo-uai.
      const identity = `/subscriptions/${e.subscriptionId}/resourceGroups/${e.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pf-demo-uai`;
      const { session: started } = await service!.startWithSettings(feed, { computeType: 'serverless', identityResourceId: identity });
      assert.equal(started.state, 'running', started.error?.message);
      const uri = vscode.Uri.file(feed).toString();
      const installed = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.installRequirements, uri);
      assert.equal(installed?.state, 'running');
      const report = await vscode.commands.executeCommand<PackagesReport | undefined>(Commands.showPackages, uri);
      assert.ok(
        report?.installed.some((p) => p.name === 'pf-demo-text'),
        'the package came from the feed',
      );
      const shown = vscode.window.activeTextEditor?.document.getText() ?? '';
      assert.ok(shown.length > 0, 'the packages view is open');
      assert.ok(!shown.includes(password) && !JSON.stringify(report).includes(password), 'the password is not shown');
      assert.ok(!JSON.stringify(installed).includes(password), 'the password is not in what the command returns');
      await vscode.commands.executeCommand(Commands.stop, uri);
    });

    it("keeps the user's text and installs nothing when saving requirements fails", async () => {
      // The save fails the way any failed write does for VS Code: here another program changed the file
      // on disk meanwhile, so VS Code refuses to overwrite it.
      const feed = path.join(workspaceRoot(), 'feed');
      const reqFile = path.join(feed, 'requirements.txt');
      const doc = await vscode.workspace.openTextDocument(reqFile);
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, doc.positionAt(doc.getText().length), 'pf-demo-utils\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const userText = doc.getText();
      const otherText = '# written by another program\npf-demo-text\n';
      await new Promise((r) => setTimeout(r, 20)); // a later mtime than the one VS Code read
      fs.writeFileSync(reqFile, otherText);
      const events: unknown[] = [];
      const sub = api.onDidChangeSession((e) => events.push(e));
      try {
        const result = await vscode.commands.executeCommand(Commands.saveAndInstall, doc.uri);
        assert.equal(result, undefined, 'nothing was installed');
        await showNotification('save-failed', 'Your changes are still in the editor');
      } finally {
        sub.dispose();
      }
      assert.equal(doc.isDirty, true, 'the editor still holds unsaved changes');
      assert.equal(doc.getText(), userText, "the user's text is intact");
      assert.equal(fs.readFileSync(reqFile, 'utf8'), otherText, 'the file on disk was not overwritten');
      assert.deepEqual(events, [], 'no session operation ran');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    it('comes through a server error, a throttled start, expired tokens and a dropped connection with a clear state each time', async () => {
      const folder = path.join(workspaceRoot(), 'faults');
      const uri = vscode.Uri.file(folder).toString();
      const service = await api.getSessionService();
      const reported: ErrorInfo[] = [];
      const sub = api.onDidReportError((e) => reported.push(e.info));
      try {
        // A 500 on the create POST is not repeated (it may have been applied): the user sees it and can retry.
        await control('POST', '/faults', { kind: 'error', path: 'FlowSessions/[^/]+$', method: 'POST', status: 500, count: 1 });
        const failed = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, uri);
        assert.ok(!failed || failed.state !== 'running', `a start that got a 500 must not claim to run: ${JSON.stringify(failed)}`);
        const error = await waitFor('the server error', () => reported[0], [api.onDidReportError as vscode.Event<unknown>]);
        assert.ok(error.message.length > 0 && error.fix, `a clear message with a fix: ${JSON.stringify(error)}`);
        assert.notEqual(service!.peek(folder)?.state, 'running');
        // Throttled: the client waits for Retry-After and tries again by itself.
        await control('POST', '/faults', { kind: 'throttle', path: 'FlowSessions/[^/]+$', method: 'POST', retryAfterSeconds: 1, count: 1 });
        const started = await vscode.commands.executeCommand<SessionInfo | undefined>(Commands.start, uri);
        assert.equal(started?.state, 'running', 'the retried start runs');
        // Every token issued so far expires: the next action gets a new one and carries on.
        await control('POST', '/tokens/expire');
        const after = await vscode.commands.executeCommand<PackagesReport | undefined>(Commands.showPackages, uri);
        assert.ok(after?.installed.length, 'the packages came with a fresh token');
        // A dropped connection on a read is retried too.
        await control('POST', '/faults', { kind: 'drop', path: 'pipPackages', method: 'GET', count: 1 });
        const report = await vscode.commands.executeCommand<PackagesReport | undefined>(Commands.showPackages, uri);
        assert.ok(report?.installed.length, 'the packages came after the dropped connection');
        assert.equal(reported.length, 1, `only the 500 was reported: ${reported.map((r) => r.kind).join(', ')}`);
      } finally {
        sub.dispose();
        await control('DELETE', '/faults');
        await vscode.commands.executeCommand(Commands.stop, uri);
        await vscode.commands.executeCommand('notifications.clearAll');
      }
    });

    it('submits a run from run.yml, shows it on its instance, and opens its logs', async () => {
      const runYaml = vscode.Uri.file(path.join(legacy, 'run.yml'));
      const result = await vscode.commands.executeCommand<SubmitRunResult | undefined>(Commands.submitRun, runYaml);
      assert.ok(result?.runId, 'the submit returned a run id');
      const service = await api.getSessionService();
      assert.equal(
        result.sessionId,
        (await service!.status(legacy))?.sessionId,
        "the run went to the flow's session, which already has its image",
      );
      await vscode.commands.executeCommand('notifications.clearAll');
      const [ws] = await api.tree.getChildren();
      const node = await waitFor(
        `run ${result.runId} in the tree`,
        async () => {
          for (const instance of await api.tree.getChildren(ws)) {
            if (instance.instance?.runs.some((r) => r.runId === result.runId)) return instance;
          }
          return undefined;
        },
        changed(),
      );
      assert.ok(node.instance, 'the run is listed under a serverless instance');
      const text = await vscode.commands.executeCommand<string | undefined>(Commands.showRunLogs, result.runId);
      assert.ok(text !== undefined, 'the logs were read');
      const shown = await waitFor('the log document', () => {
        const doc = vscode.window.activeTextEditor?.document;
        return doc && doc.uri.path.endsWith(`${result.runId}.log`) ? doc : undefined;
      });
      assert.equal(shown.getText(), text);
    });
  });
}
