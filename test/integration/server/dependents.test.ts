// Open documents are served from memory first, and a change to a file revalidates the open documents
// that read it: a flow whose requirements file appears only as an unsaved editor, then goes away.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspTestClient, uriOf } from '../../helpers/lspClient';

const FLOW = `environment:
  python_requirements_txt: requirements.txt
inputs:
  q:
    type: string
outputs:
  a:
    type: string
    reference: \${echo.output}
nodes:
- name: echo
  type: python
  source:
    type: code
    path: step.py
  inputs:
    text: \${inputs.q}
`;

const mentionsRequirements = (ds: { message: string; range: { start: { line: number } } }[]) => ds.some((d) => d.range.start.line === 1);

describe('language server dependents', () => {
  let dir: string;
  let client: LspTestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pf-deps-'));
    writeFileSync(join(dir, 'step.py'), 'def run(text):\n    return text\n');
    client = await LspTestClient.start({ rootPath: dir });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('revalidates a flow when the requirements file it names is opened, edited and closed', async () => {
    const flowUri = uriOf(join(dir, 'flow.dag.yaml'));
    const reqUri = uriOf(join(dir, 'requirements.txt'));
    const first = await client.open(flowUri, FLOW);
    assert.ok(mentionsRequirements(first.diagnostics), `a missing requirements file is reported: ${JSON.stringify(first.diagnostics)}`);

    // The file exists only in the editor: the flow is revalidated and the problem goes away.
    const resolved = client.diagnostics(flowUri, 10_000, (p) => !mentionsRequirements(p.diagnostics));
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: reqUri, languageId: 'pip-requirements', version: 1, text: 'requests\n' },
    });
    await resolved;

    // Closing the unsaved editor brings the disk back (no such file): the flow is revalidated again.
    const missing = client.diagnostics(flowUri, 10_000, (p) => mentionsRequirements(p.diagnostics));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: reqUri } });
    await missing;
  });
});
