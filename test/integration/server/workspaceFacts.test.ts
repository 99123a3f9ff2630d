// The workspace data reaches the built language server through the shared protocol: it keeps what the
// client sends, answers with what it holds, and treats anything malformed as "no workspace data".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import type { WorkspaceFacts } from '../../../src/core/flow/workspaceFacts';
import { WorkspaceFactsRequest, type WorkspaceFactsResult } from '../../../src/shared/protocol';
import { LspTestClient, uriOf } from '../../helpers/lspClient';

const workspace = { subscriptionId: 'sub', resourceGroup: 'rg', workspace: 'ws' };
const facts: WorkspaceFacts = {
  workspace,
  fetchedAt: 1_700_000_000_000,
  connections: [
    {
      name: 'azure_open_ai_connection',
      category: 'AzureOpenAI',
      authType: 'ApiKey',
      valueType: 'AzureOpenAIConnection',
      metadata: { ApiType: 'azure' },
      deployments: [{ name: 'gpt-4o', modelName: 'gpt-4o', capabilities: { chatCompletion: true } }],
    },
  ],
  tools: [{ id: 'promptflow.tools.serpapi.SerpAPI.search', name: 'Serp API', type: 'python', inputs: [] }],
  unavailable: [{ part: 'connectionSpecs', message: 'Reading the connection types failed: 403' }],
};

describe('workspace data in the language server', () => {
  let dir: string;
  let client: LspTestClient;
  const send = (f: unknown) => client.request<WorkspaceFactsResult>(WorkspaceFactsRequest, { facts: f });
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pf-facts-'));
    client = await LspTestClient.start({ rootPath: dir });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the workspace data it is sent and says which workspace it holds', async () => {
    assert.deepEqual(await send(facts), { workspace, fetchedAt: facts.fetchedAt });
    assert.deepEqual(await send({ ...facts, fetchedAt: facts.fetchedAt + 1 }), { workspace, fetchedAt: facts.fetchedAt + 1 });
    assert.deepEqual(await send(null), {}, 'null clears it (signed out, offline)');
  });

  it('holds nothing after a malformed message, and stays up', async () => {
    await send(facts);
    for (const bad of [
      'facts',
      42,
      [],
      { ...facts, workspace: { subscriptionId: 'sub' } },
      { ...facts, fetchedAt: 'yesterday' },
      { ...facts, fetchedAt: Number.NaN },
    ]) {
      assert.deepEqual(await send(bad), {}, JSON.stringify(bad).slice(0, 80));
      await send(facts);
    }
    // Wrong shapes inside are dropped, not trusted; huge lists are capped.
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      name: `c${i}`,
      category: 'CustomKeys',
      authType: 'CustomKeys',
      metadata: {},
    }));
    const r = await send({ ...facts, connections: [...many, { name: 7 }, null, 'x'], tools: { not: 'a list' } });
    assert.deepEqual(r, { workspace, fetchedAt: facts.fetchedAt });
    // The server still answers (a hover on a flow file).
    const uri = uriOf(join(dir, 'flow.dag.yaml'));
    await client.open(uri, 'inputs: {}\noutputs: {}\nnodes:\n- name: a\n  type: python\n');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 3 } });
    assert.ok(hover, 'hover answered after the hostile messages');
  });
});
