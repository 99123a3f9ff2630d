// The workspace data reaches the built language server through the shared protocol: it keeps what the
// client sends, answers with what it holds, and treats anything malformed as "no workspace data".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import type { WorkspaceFacts } from '../../../src/core/flow/workspaceFacts';
import { WorkspaceFactsRequest, type WorkspaceFactsResult } from '../../../src/shared/protocol';
import { LspTestClient, uriOf } from '../../helpers/lspClient';

const workspace = { subscriptionId: 'sub', resourceGroup: 'rg', workspace: 'ws' };
const facts: WorkspaceFacts = {
  workspace,
  fetchedAt: 1_700_000_000_000,
  connections: [
    { name: 'serp_connection', category: 'CustomKeys', authType: 'CustomKeys', valueType: 'SerpConnection', metadata: {} },
    {
      name: 'azure_open_ai_connection',
      category: 'AzureOpenAI',
      authType: 'ApiKey',
      valueType: 'AzureOpenAIConnection',
      metadata: { ApiType: 'azure' },
      deployments: [{ name: 'gpt-4o', modelName: 'gpt-4o', capabilities: { chatCompletion: true } }],
    },
  ],
  tools: [
    {
      id: 'promptflow.tools.serpapi.SerpAPI.search',
      name: 'Serp API',
      type: 'python',
      description: 'Web search results from a search engine, through SerpAPI.',
      inputs: [
        { name: 'connection', types: ['SerpConnection'], required: true, hasDefault: false, allowManualEntry: false },
        { name: 'query', types: ['string'], required: true, hasDefault: false, allowManualEntry: false },
        { name: 'engine', types: ['string'], required: false, hasDefault: true, enum: ['google', 'bing'], allowManualEntry: false },
      ],
    },
  ],
  unavailable: [{ part: 'connectionSpecs', message: 'Reading the connection types failed: 403' }],
};

describe('workspace data in the language server', () => {
  let dir: string;
  let client: LspTestClient;
  // Sends what the test says, valid or not: the server checks what it is sent.
  const send = (f: unknown): Promise<WorkspaceFactsResult> => client.request(WorkspaceFactsRequest, { facts: f as WorkspaceFacts | null });
  /** The Markdown of the hover at a position, or undefined when there is none. */
  const hoverText = async (uri: string, line: number, character: number) =>
    (
      (await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } }))?.contents as
        { value: string } | undefined
    )?.value;
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

  it('completes and explains connections, deployments, tools and tool inputs from the workspace data; a quick fix per close name', async () => {
    await send(facts);
    const text = [
      'inputs: {}',
      'outputs: {}',
      'nodes:',
      '- name: chat',
      '  type: llm',
      '  source:',
      '    type: code',
      '    path: chat.jinja2',
      '  inputs:',
      '    deployment_name: gpt',
      '  connection: azure_open_ai_connectio',
      '  api: chat',
      '- name: search',
      '  type: python',
      '  source:',
      '    type: package',
      '    tool: promptflow.tools.serpapi.SerpAPI.search',
      '  inputs:',
      '    connection: serp_connection',
      '    engine: google',
      '    ',
      '',
    ].join('\n');
    const uri = uriOf(join(dir, 'complete', 'flow.dag.yaml'));
    const published = await client.open(uri, text);
    const unknown = published.diagnostics.find((d) => d.code === 'PF1040');
    assert.ok(unknown, JSON.stringify(published.diagnostics));
    const labels = async (line: number, character: number) => {
      const r = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
        textDocument: { uri },
        position: { line, character },
      });
      const items = Array.isArray(r) ? r : (r?.items ?? []);
      return items.map((i) => `${i.label}${i.detail ? ` (${i.detail})` : ''}`);
    };
    // An llm node is offered the connections the llm tool takes, with their type.
    assert.deepEqual(await labels(10, 14), ['azure_open_ai_connection (AzureOpenAIConnection · ApiKey)']);
    assert.ok(!(await labels(9, 21)).some((l) => l.startsWith('gpt')), 'no deployments of a connection the workspace lacks');
    assert.deepEqual(await labels(16, 10), ['promptflow.tools.serpapi.SerpAPI.search (Serp API)']);
    assert.deepEqual(await labels(18, 16), ['serp_connection (SerpConnection · CustomKeys)']);
    assert.deepEqual(await labels(19, 12), ['google', 'bing']);
    // Inputs of the tool not given yet.
    assert.deepEqual(await labels(20, 4), ['query (string · required)']);
    const hover = (line: number, character: number) => hoverText(uri, line, character);
    assert.match((await hover(18, 18)) ?? '', /^\*\*serp_connection\*\* — SerpConnection connection \(CustomKeys\)/);
    assert.match(
      (await hover(16, 20)) ?? '',
      /^\*\*Serp API\*\* \(`promptflow\.tools\.serpapi\.SerpAPI\.search`\)[\s\S]*- `engine`: string/,
    );
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.edit?.changes?.[uri]?.[0]?.newText]),
      [['Change to "azure_open_ai_connection"', 'azure_open_ai_connection']],
    );
    // The fix applied: the error goes, and the deployments of the connection are offered.
    const fixed = text.replace('azure_open_ai_connectio\n', 'azure_open_ai_connection\n');
    const after = await client.change(uri, 2, fixed);
    assert.ok(!after.diagnostics.some((d) => d.code === 'PF1040'), JSON.stringify(after.diagnostics));
    assert.deepEqual(await labels(9, 21), ['gpt-4o (gpt-4o)']);
    // Without workspace data: no workspace items, no workspace diagnostics.
    await client.change(uri, 3, text);
    const cleared = client.diagnostics(uri, 10_000, (p) => !p.diagnostics.some((d) => d.code === 'PF1040'));
    await send(null);
    await cleared;
    assert.ok(!(await labels(10, 14)).some((l) => l.startsWith('azure_open_ai_connection')));
    assert.equal(await hover(18, 18), undefined);
  });

  it('hovers on the connection and deployment of a run.yml override, and not on the rest of the file', async () => {
    await send(facts);
    const text = [
      'flow: .',
      'data: data.jsonl',
      'connections:',
      '  chat:',
      '    connection: azure_open_ai_connection',
      '    deployment_name: gpt-4o',
      '  other:',
      '    connection: not_in_the_workspace',
      'environment_variables:',
      '  connection: serp_connection',
      '',
    ].join('\n');
    const uri = uriOf(join(dir, 'hover-run', 'run.yml'));
    await client.open(uri, text);
    const hover = (line: number, character: number) => hoverText(uri, line, character);
    assert.match(
      (await hover(4, 20)) ?? '',
      /^\*\*azure_open_ai_connection\*\* — AzureOpenAIConnection connection \(ApiKey\)[\s\S]*`gpt-4o`/,
    );
    assert.equal(await hover(5, 24), '**gpt-4o** — gpt-4o');
    assert.doesNotMatch((await hover(7, 20)) ?? '', /not_in_the_workspace\*\*/, 'no workspace hover for a connection it lacks');
    assert.doesNotMatch((await hover(9, 16)) ?? '', /serp_connection\*\*/, 'not an override: no connection hover');
    await send(null);
    assert.doesNotMatch((await hover(4, 20)) ?? '', /AzureOpenAIConnection/, 'nothing from the workspace without its data');
  });
});
