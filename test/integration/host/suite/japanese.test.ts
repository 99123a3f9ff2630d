// With the host in Japanese, what the extension shows is Japanese, and every string has a translation.
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

    it('has a Japanese translation for every manifest and code string', () => {
      for (const [en, ja] of [
        ['package.nls.json', 'package.nls.ja.json'],
        ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.ja.json'],
      ]) {
        const source = readJson(en);
        const target = readJson(ja);
        const missing = Object.keys(source).filter((k) => !target[k]?.trim());
        assert.deepEqual(missing, [], `${ja} lacks ${missing.length} strings`);
      }
    });

    it('shows the session state in Japanese in the status bar', async () => {
      const api = await activateApi();
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), 'hello', 'flow.dag.yaml')));
      const text = await waitFor('the status bar item', () => api.statusBar.text || undefined, [
        vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>,
      ]);
      assert.match(text, /未開始|実行中|開始中|失敗/, `status bar: ${text}`);
      assert.match(api.statusBar.tooltip, /プロンプト フロー セッション/);
    });
  });
}
