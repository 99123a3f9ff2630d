// The workspace data the checks of flow files use, in the real host against the emulator: read once a
// workspace is chosen and a flow file is shown, handed to the language server (which says what it
// holds), read again by the refresh command, and cleared when the user leaves the workspace (here: the
// emulator's settings removed, the emulator's way of signing out).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { WorkspaceDataView } from '../../../../src/extension/workspaceData';
import { Commands, activateApi, arm, control, emulator, scenario, waitFor, workspaceRoot } from '../../../helpers/host/session';

if (scenario() === 'main') {
  describe('workspace data for the checks of flow files (emulator)', function () {
    this.timeout(180_000);
    let api: ExtensionApi;
    const e = () => emulator();
    const connectionUrl = (name: string) =>
      `/subscriptions/${e().subscriptionId}/resourceGroups/${e().resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${e().workspace}/connections/${name}?api-version=2023-08-01-preview`;
    const changed = () => [api.workspaceData.onDidChange as vscode.Event<unknown>];
    /** The workspace whose data the language server holds, once the extension shows it too. */
    const held = (v: WorkspaceDataView) => (v.facts ? v.held?.workspace?.workspace : undefined);
    const cfg = () => vscode.workspace.getConfiguration('promptflow');
    let endpoint: string | undefined;

    before(async () => {
      api = await activateApi();
      await api.whenLanguageClientReady();
      endpoint = cfg().get<string>('emulator.endpoint');
    });

    after(async () => {
      fs.rmSync(path.join(workspaceRoot(), 'hello', 'config.json'), { force: true });
      fs.rmSync(path.dirname(checkedFlow()), { recursive: true, force: true });
      await arm('DELETE', connectionUrl('host_test_connection'));
      if (endpoint && cfg().get<string>('emulator.endpoint') !== endpoint)
        await cfg().update('emulator.endpoint', endpoint, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('reads the data once a workspace is chosen and a flow file shown, and the language server holds it', async () => {
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'flow.dag.yaml')));
      assert.ok(await api.getSessionService(false), 'the emulator workspace is chosen without a question');
      const view = await waitFor(
        'the language server to hold the workspace data',
        () => (held(api.workspaceData.view) === e().workspace ? api.workspaceData.view : undefined),
        changed(),
      );
      assert.equal(view.text, `Workspace ${e().workspace}`);
      assert.match(view.detail, new RegExp(`^Checks use ${e().resourceGroup}/${e().workspace}, read at .+\\d`));
      assert.equal(view.busy, false);
      assert.equal(view.severity, 'information');
      assert.equal(view.held?.fetchedAt, view.facts?.fetchedAt);
      const aoai = view.facts?.connections?.find((c) => c.name === 'azure_open_ai_connection');
      assert.ok(
        aoai?.deployments?.some((d) => d.name === 'gpt-35-turbo'),
        'the Azure OpenAI connection comes with its deployments',
      );
      assert.ok(view.facts?.tools?.some((t) => t.id === 'promptflow.tools.serpapi.SerpAPI.search'));
    });

    it('reads the data again on the refresh command', async () => {
      const before = api.workspaceData.view.facts;
      assert.ok(before);
      const put = await arm('PUT', connectionUrl('host_test_connection'), {
        properties: { category: 'CustomKeys', authType: 'CustomKeys', target: '_', credentials: { keys: { k: 'v' } }, metadata: {} },
      });
      assert.equal(put.status, 200);
      const after = (await vscode.commands.executeCommand<WorkspaceDataView>(Commands.refreshWorkspaceData))!;
      assert.ok(
        after.facts?.connections?.some((c) => c.name === 'host_test_connection'),
        'the new connection is in the refreshed data',
      );
      assert.ok(!before.connections?.some((c) => c.name === 'host_test_connection'));
      assert.ok((after.facts?.fetchedAt ?? 0) >= before.fetchedAt);
      assert.equal(after.held?.fetchedAt, after.facts?.fetchedAt, 'the server holds the refreshed data');
    });

    const checkedFlow = () => path.join(workspaceRoot(), 'workspace-checks', 'flow.dag.yaml');
    const unknownConnection = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'PF1040');

    it('reports a connection the workspace lacks; the quick fix replaces it and completion lists the connections', async () => {
      const file = checkedFlow();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(path.join(path.dirname(file), 'chat.jinja2'), 'user:\n{{question}}\n');
      fs.writeFileSync(
        file,
        [
          'inputs:',
          '  question:',
          '    type: string',
          'outputs:',
          '  answer:',
          '    type: string',
          '    reference: ${chat.output}',
          'nodes:',
          '- name: chat',
          '  type: llm',
          '  source:',
          '    type: code',
          '    path: chat.jinja2',
          '  inputs:',
          '    deployment_name: gpt-35-turbo',
          '    question: ${inputs.question}',
          '  connection: azure_open_ai_connection_111',
          '  api: chat',
          '',
        ].join('\n'),
      );
      const uri = vscode.Uri.file(file);
      const editor = await vscode.window.showTextDocument(uri);
      const error = await waitFor('the unknown connection to be reported', () => unknownConnection(uri), [
        vscode.languages.onDidChangeDiagnostics,
      ]);
      assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(error.range.start.line, 16);
      assert.match(error.message, new RegExp(`^Workspace "${e().workspace}" has no connection "azure_open_ai_connection_111"`));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, error.range);
      const fix = actions.find((a) => a.title === 'Change to "azure_open_ai_connection"');
      assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(editor.document.lineAt(16).text, '  connection: azure_open_ai_connection');
      await waitFor('the error to go once the name is fixed', () => (unknownConnection(uri) ? undefined : true), [
        vscode.languages.onDidChangeDiagnostics,
      ]);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(16, '  connection: '.length),
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('azure_open_ai_connection') && labels.includes('open_ai_connection'), labels.join(', '));
      assert.ok(!labels.includes('serp_connection'), 'an llm node is offered the connections the llm tool takes');
      // Typed wrong again, for the sign-out below.
      await editor.edit((b) => b.replace(editor.document.lineAt(16).range, '  connection: azure_open_ai_connection_111'));
      await editor.document.save();
      await waitFor('the error to be back', () => unknownConnection(uri), [vscode.languages.onDidChangeDiagnostics]);
    });

    it('takes the data away when the network is gone (offline), and reads it again once it is back', async () => {
      // Every connection is dropped (the client retries, then reports the network as unreachable).
      await control('POST', '/faults', { kind: 'drop', path: '/connections$|/Connections/specs$|/Tools/packageTools$', count: -1 });
      let offline: WorkspaceDataView | undefined;
      try {
        offline = await vscode.commands.executeCommand<WorkspaceDataView>(Commands.refreshWorkspaceData);
      } finally {
        await control('DELETE', '/faults');
      }
      assert.equal(offline?.facts, undefined);
      assert.deepEqual(offline?.held, {}, 'the language server holds no workspace data');
      assert.equal(offline?.severity, 'warning');
      assert.match(offline?.detail ?? '', /^Offline: no workspace checks until the data can be read/);
      const back = await vscode.commands.executeCommand<WorkspaceDataView>(Commands.refreshWorkspaceData);
      assert.equal(back && held(back), e().workspace);
    });

    it('clears the data when the user leaves the workspace, and reads it again on return', async () => {
      await cfg().update('emulator.endpoint', undefined, vscode.ConfigurationTarget.Global);
      const cleared = await waitFor(
        'the data to be cleared in the extension and the language server',
        () => {
          const v = api.workspaceData.view;
          return !v.facts && v.text === 'No workspace' && v.held && !v.held.workspace ? v : undefined;
        },
        changed(),
      );
      assert.deepEqual(cleared.held, {}, 'the language server holds no workspace data');
      assert.match(cleared.detail, /Sign in and choose a workspace/);
      // Without the workspace, nothing is said about what it has: the unknown connection is no longer reported.
      await vscode.window.showTextDocument(vscode.Uri.file(checkedFlow()));
      await waitFor(
        'the workspace check to be gone after leaving the workspace',
        () => (unknownConnection(vscode.Uri.file(checkedFlow())) ? undefined : true),
        [vscode.languages.onDidChangeDiagnostics],
      );
      await cfg().update('emulator.endpoint', endpoint, vscode.ConfigurationTarget.Global);
      // The settings change reaches the extension as an event of its own: ask for the service until it
      // sees the emulator again (a service made just before that event is dropped by it, and made anew).
      await waitFor(
        'the data to be read again',
        async () => {
          await api.getSessionService(false);
          return held(api.workspaceData.view) === e().workspace ? true : undefined;
        },
        changed(),
      );
    });

    it('offers the workspace of a config.json first when choosing a workspace; a workspace it cannot read gives no data', async () => {
      const config = path.join(workspaceRoot(), 'hello', 'config.json');
      // The picker looks for config.json from the flow in the editor.
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'flow.dag.yaml')));
      fs.writeFileSync(
        config,
        JSON.stringify({ subscription_id: e().subscriptionId, resource_group: e().resourceGroup, workspace_name: 'pf-configured-ws' }),
      );
      /** Runs "Select workspace", accepting the first item of each pick it shows. */
      const select = async () => {
        let done = false;
        const picking = Promise.resolve(
          vscode.commands.executeCommand<{ workspace: string } | undefined>(Commands.selectWorkspace),
        ).finally(() => (done = true));
        while (!done) {
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          await new Promise((r) => setTimeout(r, 250));
        }
        return picking;
      };
      const picked = await select();
      assert.equal(picked?.workspace, 'pf-configured-ws', 'the config.json workspace is the first choice');
      const failed = await waitFor(
        'the read of a workspace that does not exist to fail',
        () => (api.workspaceData.view.severity === 'warning' && !api.workspaceData.view.busy ? api.workspaceData.view : undefined),
        changed(),
      );
      assert.equal(failed.text, 'Workspace pf-configured-ws');
      assert.match(failed.detail, /^No workspace checks: the data could not be read/);
      assert.deepEqual(failed.held, {}, 'the language server holds no workspace data');
      // Without the file, choosing again asks nothing here (one subscription, one workspace in the emulator).
      fs.rmSync(config);
      assert.equal((await select())?.workspace, e().workspace);
      await waitFor(
        'the data of the emulator workspace',
        () => (held(api.workspaceData.view) === e().workspace ? true : undefined),
        changed(),
      );
    });
  });
}
