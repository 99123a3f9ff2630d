// A Japanese client without the session-state handler (another editor, or the extension not ready):
// default lenses, in Japanese, and Japanese hover docs.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { Commands } from '../../../src/shared/commands';
import { LspTestClient, uriOf } from '../../helpers/lspClient';

const FLOW =
  'environment:\n  image: mcr.microsoft.com/img:1\ninputs: {}\noutputs: {}\nnodes:\n- name: a\n  type: python\n  source: {type: code, path: a.py}\n';

describe('language server in Japanese without session state', () => {
  let dir: string;
  let client: LspTestClient;
  let uri: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pf-ja-'));
    writeFileSync(join(dir, 'a.py'), 'def run():\n    return 1\n');
    client = await LspTestClient.start({ rootPath: dir, locale: 'ja-JP' });
    uri = uriOf(join(dir, 'flow.dag.yaml'));
    await client.open(uri, FLOW);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the default lenses with Japanese titles', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.command]),
      [
        [0, Commands.start],
        [1, Commands.changeBaseImage],
      ],
    );
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['$(play) セッションを開始', 'ベース イメージを変更'],
    );
  });

  it('hovers in Japanese', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 3 } });
    assert.match(JSON.stringify(hover.contents), /ノードのツールの種類/);
  });
});
