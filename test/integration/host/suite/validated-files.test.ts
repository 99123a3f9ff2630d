// The files `pfsession validate` checks by name reach the language server in the real host too: a run
// file named `<name>.run.yml` gets its diagnostics, as `run.yml` does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateApi, scenario, waitFor, workspaceRoot } from '../../../helpers/host/session';

if (scenario() === 'main') {
  describe('files validated by name in the host', function () {
    this.timeout(120_000);

    it('shows the diagnostics of eval.run.yml', async () => {
      const api = await activateApi();
      await api.whenLanguageClientReady();
      const file = path.join(workspaceRoot(), 'eval.run.yml');
      fs.writeFileSync(file, 'flow: hello\ndata: hello/no-such-data.jsonl\n');
      const uri = vscode.Uri.file(file);
      await vscode.window.showTextDocument(uri);
      const diags = await waitFor(
        'diagnostics on eval.run.yml',
        () => {
          const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'promptflow');
          return d.length ? d : undefined;
        },
        [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
      );
      assert.ok(
        diags.some((d) => d.range.start.line === 1 && /no-such-data\.jsonl/.test(d.message)),
        diags.map((d) => d.message).join('\n'),
      );
    });
  });
}
