// The language server in the real host: a broken flow shows its problems where they are, and a
// flow file carries the session codelenses with their command ids and the flow folder.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, activateApi, scenario, waitFor, workspaceRoot } from '../../../helpers/host/session';

if (scenario() === 'main') {
  describe('language features in the host', function () {
    this.timeout(120_000);

    it('shows the diagnostics of a broken flow on the offending lines', async () => {
      const api = await activateApi();
      await api.whenLanguageClientReady();
      const broken = vscode.Uri.file(path.join(workspaceRoot(), 'broken', 'flow.dag.yaml'));
      const doc = await vscode.workspace.openTextDocument(broken);
      await vscode.window.showTextDocument(doc);
      const diags = await waitFor(
        'diagnostics on broken/flow.dag.yaml',
        () => {
          const d = vscode.languages.getDiagnostics(broken);
          return d.length >= 2 ? d : undefined;
        },
        [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
      );
      assert.ok(diags.every((d) => d.source === 'promptflow' && d.code !== undefined));
      const lineOf = (needle: string, from = 0) =>
        doc
          .getText()
          .split('\n')
          .findIndex((l, i) => i >= from && l.includes(needle));
      // The unknown node is reported on the line that names it, the duplicate on the second `greet`.
      const missingLine = lineOf('${missing_node.output}');
      assert.ok(
        diags.some((d) => d.range.start.line === missingLine && d.severity === vscode.DiagnosticSeverity.Error),
        `no error on line ${missingLine}`,
      );
      const secondGreet = lineOf('- name: greet', lineOf('- name: greet') + 1);
      assert.ok(
        diags.some((d) => d.range.start.line === secondGreet && /greet/.test(d.message)),
        `no duplicate-name diagnostic on line ${secondGreet}`,
      );
    });

    it('puts the session codelenses on a flow file, carrying the flow folder', async () => {
      const api = await activateApi();
      await api.whenLanguageClientReady();
      const flow = vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'flow.dag.yaml'));
      await vscode.window.showTextDocument(flow);
      const lenses = await waitFor('codelenses on hello/flow.dag.yaml', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', flow, 10);
        return l && l.some((x) => x.command?.command === Commands.start) ? l : undefined;
      });
      const start = lenses.find((l) => l.command?.command === Commands.start);
      assert.ok((start?.range.start.line ?? 99) < 3, `Start lens on line ${start?.range.start.line}`);
      assert.equal(String(start?.command?.arguments?.[0]), vscode.Uri.file(path.join(workspaceRoot(), 'hello')).toString());
      // No session yet: nothing that needs one is offered (the session actions table).
      const ids = new Set(lenses.map((l) => l.command?.command));
      assert.ok(
        !ids.has(Commands.installRequirements) && !ids.has(Commands.reset) && !ids.has(Commands.stop),
        `lenses: ${[...ids].join(', ')}`,
      );
    });
  });
}
