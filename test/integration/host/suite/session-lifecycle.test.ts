// The whole path a user takes, in the real host against the emulator: open a flow → Start from its
// codelens → status bar Running → the tree shows instance, session and flow → change requirements and
// install → packages show the difference → reset → stop.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { TreeNode } from '../../../../src/extension/tree/items';
import type { ErrorInfo } from '../../../../src/core/model';
import type { PackagesReport, SessionInfo, StopResult } from '../../../../src/core/session/types';
import { browserAvailable } from '../../../helpers/host/screenshot';
import { Commands, activateApi, control, screenshot, scenario, waitFor, webviewText, workspaceRoot } from '../../../helpers/host/session';

const long = 300_000;

if (scenario() === 'main') {
  describe('session lifecycle (emulator)', function () {
    this.timeout(long);
    let api: ExtensionApi;
    let flowFolder: string;
    let flowFile: vscode.Uri;
    const changed = () => [api.onDidChangeSession as vscode.Event<unknown>];

    before(async () => {
      api = await activateApi();
      flowFolder = path.join(workspaceRoot(), 'hello');
      flowFile = vscode.Uri.file(path.join(flowFolder, 'flow.dag.yaml'));
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('starts the session from the Start codelens and shows Running in the status bar', async () => {
      await vscode.window.showTextDocument(flowFile);
      await api.whenLanguageClientReady();
      const lens = await waitFor('a Start codelens on flow.dag.yaml', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', flowFile, 10);
        return lenses?.find((l) => l.command?.command === Commands.start);
      });
      assert.equal(lens.command!.arguments?.[0], vscode.Uri.file(flowFolder).toString(), 'the lens carries the flow folder URI');
      await screenshot('codelens-and-diagnostics');
      const started = (await vscode.commands.executeCommand<SessionInfo>(lens.command!.command, ...(lens.command!.arguments ?? []))) as
        SessionInfo | undefined;
      assert.ok(started, 'start returned no session (an error was reported: see the log)');
      assert.equal(started.state, 'running');
      await waitFor('status bar Running', () => /Running/.test(api.statusBar.text) || undefined, changed());
      assert.match(api.statusBar.tooltip, /command:promptflow\.session\.reset/, 'the tooltip links the session actions');
      assert.equal(api.isSessionBundleLoaded(), true);
      // The status bar item with its Markdown tooltip, hovered in the browser.
      if (browserAvailable())
        await screenshot('status-bar', {
          hover: { selector: '.statusbar-item', hasText: api.statusBar.text.replace(/^\$\([^)]*\)\s*/, '') },
        });
      // The status bar's click: the actions for this session, over the status bar item itself.
      const picking = vscode.commands.executeCommand(Commands.sessionActions, vscode.Uri.file(flowFolder).toString());
      await screenshot('status-bar-actions', { waitFor: { selector: '.quick-input-widget' } });
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await picking;
    });

    it('shows instance, session and flow in the tree', async () => {
      const [ws] = await api.tree.getChildren();
      assert.equal(ws?.kind, 'workspace');
      const instances = await api.tree.getChildren(ws);
      const instance = instances.find((i) => i.instance?.sessions.some((s) => s.flowFolder === flowFolder));
      assert.ok(instance, `no instance holds the hello session: ${instances.map((i) => i.label).join(', ')}`);
      assert.match(instance.contextValue, /^instance;serverless/);
      // A serverless instance shows the state of its sessions, as `pfsession instances` does.
      assert.match(instance.description ?? '', /· Running\b/, instance.description);
      const sessions: TreeNode[] = await api.tree.getChildren(instance);
      const session = sessions.find((s) => s.kind === 'session' && s.flowFolder === flowFolder);
      assert.ok(session, 'the session item is under its instance');
      assert.match(session.contextValue, /^session;serverless;running;local;.*\bstop\b/);
      const flows = await api.tree.getChildren(session);
      assert.ok(
        flows.some((f) => f.kind === 'flow' && f.flowFolder === flowFolder),
        'the flow item is under its session',
      );
      await vscode.commands.executeCommand('workbench.view.extension.promptflow');
      await screenshot('sessions-tree');
    });

    it('installs requirements after a change, saving the editor text first', async () => {
      const reqUri = vscode.Uri.file(path.join(flowFolder, 'requirements.txt'));
      const doc = await vscode.workspace.openTextDocument(reqUri);
      await vscode.window.showTextDocument(doc);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(reqUri, doc.lineAt(doc.lineCount - 1).range.end, `${doc.getText().endsWith('\n') ? '' : '\n'}pf-demo-utils\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(doc.isDirty);
      const after = (await vscode.commands.executeCommand<SessionInfo>(Commands.saveAndInstall, vscode.Uri.file(flowFolder).toString())) as
        SessionInfo | undefined;
      assert.equal(doc.isDirty, false, 'Save and install saved the file');
      assert.match(fs.readFileSync(reqUri.fsPath, 'utf8'), /pf-demo-utils/, 'the saved file has the user text');
      assert.ok(after, 'install returned no session');
      assert.equal(after.state, 'running');
    });

    it('leaves "Installing" on the lens and the status bar the moment an install ends, and says what the service read back', async () => {
      await vscode.window.showTextDocument(flowFile);
      await api.whenLanguageClientReady();
      const titles = async () =>
        ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', flowFile, 100)) ?? []).map(
          (l) => l.command?.title ?? '',
        );
      const confirmations: string[] = [];
      const sub = api.onDidConfirm((text) => confirmations.push(text));
      try {
        const installing = vscode.commands.executeCommand<SessionInfo>(
          Commands.installRequirements,
          vscode.Uri.file(flowFolder).toString(),
        );
        // While it runs the lens says so (the check below is not vacuous).
        await waitFor(
          'the Installing lens',
          async () => ((await titles()).some((x) => /Installing requirements…/.test(x)) ? true : undefined),
          changed(),
        );
        const after = (await installing) as SessionInfo | undefined;
        assert.equal(after?.state, 'running');
        // Asked at once: no other refresh, no wait.
        const now = await titles();
        assert.ok(
          now.some((x) => /^\$\(vm-running\) Session running/.test(x)),
          now.join(' | '),
        );
        assert.ok(!now.some((x) => /Installing/.test(x)), now.join(' | '));
        assert.doesNotMatch(api.statusBar.text, /Installing/);
        assert.match(api.statusBar.text, /Running/);
        assert.equal(confirmations.length, 1, confirmations.join(' | '));
        assert.match(
          confirmations[0],
          new RegExp(
            `^Requirements of hello installed: the session lists ${after?.requirements?.length} requirement lines\\. hello: session Running`,
          ),
        );
      } finally {
        sub.dispose();
      }
    });

    it('shows packages compared with requirements.txt', async () => {
      const report = (await vscode.commands.executeCommand<PackagesReport>(
        Commands.showPackages,
        vscode.Uri.file(flowFolder).toString(),
      )) as PackagesReport | undefined;
      assert.ok(report, 'no packages report');
      assert.ok(
        report.installed.some((p) => p.name === 'pf-demo-utils'),
        'the installed package is listed',
      );
      // A requirement added and only saved is reported as missing until it is installed.
      const reqUri = vscode.Uri.file(path.join(flowFolder, 'requirements.txt'));
      const doc = await vscode.workspace.openTextDocument(reqUri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(reqUri, doc.lineAt(doc.lineCount - 1).range.end, `${doc.getText().endsWith('\n') ? '' : '\n'}pf-private-lib==2.0.0\n`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(await vscode.commands.executeCommand(Commands.saveOnly, vscode.Uri.file(flowFolder).toString()), true);
      const diff = (await vscode.commands.executeCommand<PackagesReport>(
        Commands.showPackages,
        vscode.Uri.file(flowFolder).toString(),
      )) as PackagesReport;
      assert.ok(
        diff.missing.some((p) => p.name === 'pf-private-lib'),
        `missing: ${JSON.stringify(diff.missing)}`,
      );
      const shown = await waitFor('the packages document', () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.scheme === 'promptflow-report' && /Packages of hello/.test(d.uri.path) && /pf-private-lib/.test(d.getText()),
        ),
      );
      assert.match(shown.getText(), /## Missing \(\d+\)/);
      // What the browser draws (where a runner drives one): the headings and the table, no Markdown syntax.
      if (browserAvailable()) {
        const text = await webviewText('packages', 'pf-private-lib');
        assert.match(text, /Missing \(\d+\)/);
        assert.match(text, /pf-private-lib/);
        assert.doesNotMatch(text, /^#|\|---/m);
      }
      // Rendered by the Markdown preview, one tab however often it is shown; no text editor of it.
      const previews = () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.endsWith('Packages of hello.md'));
      await waitFor('the preview tab', () => previews().length || undefined, [
        vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>,
      ]);
      assert.equal(previews().length, 1, 'a refreshed report replaces the one shown, in the same preview');
      assert.equal(vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'promptflow-report').length, 0);
      // Its actions: open as text (the same Markdown), copy as Markdown.
      await vscode.commands.executeCommand(Commands.openReportAsText);
      const editor = await waitFor('the report as text', () =>
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === shown.uri.toString()),
      );
      assert.equal(editor.document.getText(), shown.getText());
      await vscode.commands.executeCommand(Commands.copyReport);
      assert.equal(await vscode.env.clipboard.readText(), shown.getText());
    });

    it('resets the session', async () => {
      const s = (await vscode.commands.executeCommand<SessionInfo>(Commands.reset, vscode.Uri.file(flowFolder).toString())) as
        SessionInfo | undefined;
      assert.ok(s, 'reset returned no session');
      assert.equal(s.state, 'running');
      await waitFor('status bar Running after reset', () => /Running/.test(api.statusBar.text) || undefined, changed());
    });

    it('says so when the service still has the session after a stop, and keeps Running', async () => {
      const sessionId = (await api.getSessionService(false))?.peek(flowFolder)?.sessionId;
      assert.ok(sessionId, 'the flow has a running session');
      await control('POST', '/faults', { kind: 'keepSession', path: `FlowSessions/${sessionId}$`, count: 1 });
      const reported: ErrorInfo[] = [];
      const sub = api.onDidReportError((e) => reported.push(e.info));
      try {
        const r = await vscode.commands.executeCommand<StopResult | undefined>(Commands.stop, vscode.Uri.file(flowFolder).toString());
        assert.equal(r, undefined, `the stop must not report success: ${JSON.stringify(r)}`);
        const info = await waitFor(
          'the error of the stop the service did not apply',
          () => reported.find((e) => e.message.includes(`session ${sessionId}, but it still reports the session`)),
          [api.onDidReportError as vscode.Event<unknown>],
        );
        assert.match(info.fix ?? '', /stop it again/);
        assert.match(api.statusBar.text, /Running/, 'the status bar shows what the service has: the session runs');
      } finally {
        sub.dispose();
      }
    });

    it('stops the session and the status bar says so', async () => {
      await vscode.window.showTextDocument(flowFile);
      const r = (await vscode.commands.executeCommand<StopResult>(Commands.stop, vscode.Uri.file(flowFolder).toString())) as
        StopResult | undefined;
      assert.ok(r, 'stop returned nothing');
      assert.ok(r.sessionId);
      await waitFor('status bar Not started', () => /Not started/.test(api.statusBar.text) || undefined, changed());
    });
  });
}
