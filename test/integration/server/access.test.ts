// What a flow may reach, in the editor: the built language server over stdio reports a requirements
// file outside the flow, an absolute include and a FIFO named by the flow, as pfsession validate does,
// and never hangs on the FIFO.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspTestClient, uriOf } from '../../helpers/lspClient';

const BOUND_MS = 30_000;

describe('language server: paths a flow may not reach', () => {
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pf-access-'));
    mkdirSync(join(root, 'some'));
    writeFileSync(join(root, 'some', '.env'), 'API_KEY=abcdSECRET0123456789\n');
    client = await LspTestClient.start({ rootPath: root });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a requirements file outside the flow and an absolute include are errors that quote nothing of the file', async () => {
    const folder = join(root, 'flows', 'f');
    mkdirSync(folder, { recursive: true });
    const uri = uriOf(join(folder, 'flow.dag.yaml'));
    const text = 'environment:\n  python_requirements_txt: ../../some/.env\nadditional_includes:\n- /etc/passwd\nnodes: []\n';
    const published = await client.open(uri, text, 'yaml', BOUND_MS);
    const leaves = published.diagnostics.filter((d) => d.code === 'PF1025');
    assert.deepEqual(
      leaves.map((d) => [d.range.start.line, d.severity]),
      [
        [1, 1],
        [3, 1],
      ],
    );
    assert.doesNotMatch(JSON.stringify(published.diagnostics), /SECRET|abcd/);
  });

  it('a FIFO named as the requirements file is never opened: diagnostics still arrive', async () => {
    const folder = join(root, 'flows', 'fifo');
    mkdirSync(folder, { recursive: true });
    execFileSync('mkfifo', [join(folder, 'requirements.txt')]);
    const uri = uriOf(join(folder, 'flow.dag.yaml'));
    const published = await client.open(uri, 'environment:\n  python_requirements_txt: requirements.txt\nnodes: []\n', 'yaml', BOUND_MS);
    assert.ok(Array.isArray(published.diagnostics));
    assert.ok(client.alive);
  });
});
