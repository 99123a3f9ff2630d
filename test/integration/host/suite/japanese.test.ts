// With the host in Japanese, what the extension shows is Japanese: the manifest's strings through
// package.nls.ja.json, and the code's texts through the message catalogue in VS Code's display language.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionDir } from '../../../helpers/host/extensionUnderTest';
import { activateApi, waitFor, workspaceRoot } from '../../../helpers/host/session';

const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(extensionDir, p), 'utf8')) as Record<string, string>;

if (vscode.env.language.startsWith('ja')) {
  describe('Japanese user interface', function () {
    this.timeout(60_000);

    it('has a Japanese translation for every manifest string of the installed extension', () => {
      const source = readJson('package.nls.json');
      const target = readJson('package.nls.ja.json');
      const missing = Object.keys(source).filter((k) => !target[k]?.trim());
      assert.deepEqual(missing, [], `package.nls.ja.json lacks ${missing.length} strings`);
    });

    it('shows the session state in Japanese in the status bar', async () => {
      const api = await activateApi();
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'flow.dag.yaml')));
      const text = await waitFor('the status bar item', () => api.statusBar.text || undefined, [
        vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>,
      ]);
      assert.match(text, /未開始|実行中|開始中|失敗/, `status bar: ${text}`);
      assert.match(api.statusBar.tooltip, /プロンプト フロー セッション/);
      // The tooltip's links are catalogue texts too, rendered in the window's language.
      assert.match(api.statusBar.tooltip, /\[ログを表示\]\(command:promptflow\.showLog\)/);
    });
  });
}
