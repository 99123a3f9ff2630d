// With the host in Japanese, the language server's diagnostics and the quick fixes they carry read in
// Japanese: the server takes VS Code's display language from its initialize request.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateApi, waitFor, workspaceRoot } from '../../../helpers/host/session';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

async function diagnosticsOf(uri: vscode.Uri, enough: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  await vscode.window.showTextDocument(uri);
  return waitFor(
    `diagnostics on ${uri.fsPath}`,
    () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'promptflow');
      return enough(d) ? d : undefined;
    },
    [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
  );
}

if (vscode.env.language.startsWith('ja')) {
  describe('Japanese diagnostics', function () {
    this.timeout(120_000);

    it('shows the problems of a broken flow in Japanese', async () => {
      const api = await activateApi();
      await api.whenLanguageClientReady();
      const broken = vscode.Uri.file(path.join(workspaceRoot(), 'broken', 'flow.dag.yaml'));
      const diags = await diagnosticsOf(broken, (d) => d.length >= 2);
      assert.ok(
        diags.some((d) => d.message === 'ノード "missing_node" はありません。参照を修正するかノードを追加してください。'),
        diags.map((d) => d.message).join('\n'),
      );
      for (const d of diags) assert.match(d.message, JAPANESE, d.message);
      const duplicate = diags.find((d) => d.relatedInformation?.length);
      assert.equal(duplicate?.relatedInformation?.[0].message, 'この名前の最初のノード');
    });

    it('offers the quick fix of a diagnostic with a Japanese title', async () => {
      const api = await activateApi();
      await api.whenLanguageClientReady();
      const folder = path.join(workspaceRoot(), 'ja-fix');
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'requirements.txt'), 'requests\n');
      fs.writeFileSync(path.join(folder, 'flow.dag.yaml'), 'inputs: {}\noutputs: {}\nnodes: []\n');
      const flow = vscode.Uri.file(path.join(folder, 'flow.dag.yaml'));
      const diags = await diagnosticsOf(flow, (d) => d.length > 0);
      const unnamed = diags.find((d) => /requirements\.txt/.test(d.message));
      assert.ok(unnamed, diags.map((d) => d.message).join('\n'));
      assert.match(unnamed.message, JAPANESE);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', flow, unnamed.range);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('environment.python_requirements_txt: requirements.txt を追加'), titles.join('\n'));
    });
  });
}
