// The migration to Agent Framework in the real host: flow files carry the "Plan migration" codelens, and
// its command opens the plan of the flow as a report, rendered.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { browserAvailable } from '../../../helpers/host/screenshot';
import { Commands, activateApi, scenario, waitFor, webviewText, workspaceRoot } from '../../../helpers/host/session';

if (scenario() === 'main') {
  describe('migration to Agent Framework in the host', function () {
    this.timeout(120_000);

    it('offers the plan as a codelens on a flow file and opens it as a document', async () => {
      await activateApi();
      const folder = path.join(workspaceRoot(), 'hello');
      const flowFile = vscode.Uri.file(path.join(folder, 'flow.dag.yaml'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(flowFile));
      const lenses = await waitFor('the migration codelens', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', flowFile);
        return all?.find((l) => l.command?.command === Commands.planMigration);
      });
      assert.equal(lenses.command?.title, 'Plan migration to Agent Framework');
      assert.equal((lenses.command?.arguments?.[0] as vscode.Uri).fsPath, folder);
      await vscode.commands.executeCommand(Commands.planMigration, ...(lenses.command?.arguments ?? []));
      const doc = await waitFor('the migration plan document', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'promptflow-report' && /Migration plan of hello/.test(d.uri.path)),
      );
      assert.match(doc.getText(), /^# Migration plan: flow\.dag\.yaml$/m);
      assert.match(doc.getText(), /^- greet \(python\) → Executor → greet\.py:greet\(\) \[automatic\]$/m);
      // Shown rendered, like the other reports (what the browser draws, where a runner drives one).
      if (browserAvailable()) {
        const shown = await webviewText('migration-plan', 'greet.py:greet()');
        assert.match(shown, /Migration plan: flow\.dag\.yaml/);
        assert.doesNotMatch(shown, /^# /m);
      }
    });
  });
}
