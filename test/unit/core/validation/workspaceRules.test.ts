// Checks against the chosen workspace (connections, their types, deployments, package tools and their
// inputs) report only with the workspace's data, and never without it; the llm provider and run.yml
// placement checks need no workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ToolInputFact, WorkspaceFacts } from '../../../../src/core/flow/workspaceFacts';
import { closestNames } from '../../../../src/core/validation/closest';
import { codes, find, validateFixture, workspaceFixture } from '../../../helpers/validation';

const input = (name: string, types: string[], more: Partial<ToolInputFact> = {}): ToolInputFact => ({
  name,
  types,
  required: false,
  hasDefault: true,
  allowManualEntry: false,
  ...more,
});

/** Shaped as the client reads the emulator's demo workspace (names of the public prompt flow examples). */
const facts: WorkspaceFacts = {
  workspace: { subscriptionId: 'sub', resourceGroup: 'rg', workspace: 'ws' },
  fetchedAt: 1_700_000_000_000,
  connections: [
    {
      name: 'azure_open_ai_connection',
      category: 'AzureOpenAI',
      authType: 'ApiKey',
      valueType: 'AzureOpenAIConnection',
      metadata: {},
      deployments: [
        { name: 'gpt-35-turbo', capabilities: { chatCompletion: true } },
        { name: 'text-embedding-ada-002', capabilities: { embeddings: true } },
      ],
    },
    { name: 'serp_connection', category: 'CustomKeys', authType: 'CustomKeys', valueType: 'SerpConnection', metadata: {} },
    { name: 'open_ai_connection', category: 'CustomKeys', authType: 'CustomKeys', valueType: 'OpenAIConnection', metadata: {} },
  ],
  tools: [
    {
      id: 'promptflow.tools.serpapi.SerpAPI.search',
      name: 'Serp API',
      type: 'python',
      inputs: [
        input('connection', ['SerpConnection'], { required: true, hasDefault: false }),
        input('query', ['string'], { required: true, hasDefault: false }),
        input('engine', ['string'], { enum: ['google', 'bing'] }),
        input('num', ['int']),
      ],
    },
    {
      id: 'promptflow.tools.embedding.embedding',
      name: 'Embedding',
      type: 'python',
      inputs: [
        input('connection', ['AzureOpenAIConnection', 'OpenAIConnection'], { required: true, hasDefault: false }),
        input('deployment_name', ['string'], { hasDefault: false, enabledBy: { input: 'connection', types: ['AzureOpenAIConnection'] } }),
        input('model', ['string'], {
          hasDefault: false,
          enum: ['text-embedding-ada-002'],
          enabledBy: { input: 'connection', types: ['OpenAIConnection'] },
        }),
        input('input', ['string'], { required: true, hasDefault: false }),
      ],
    },
  ],
  unavailable: [],
};

const FLOW = workspaceFixture.flow;
const RUN = workspaceFixture.run;
const WORKSPACE_CODES = /^PF104\d$/;

describe('checks against the workspace', () => {
  it('reports unknown connections, wrong types, deployments, tools and tool inputs, each on its value', () => {
    const d = validateFixture(FLOW, { facts });
    assert.deepEqual(codes(d), workspaceFixture.flowCodes);
    const unknown = find(d, 'PF1040')!;
    assert.deepEqual(unknown.range, { start: { line: 25, character: 14 }, end: { line: 25, character: 42 } });
    assert.match(
      unknown.message,
      /^Workspace "ws" has no connection "azure_open_ai_connection_111"\. Did you mean "azure_open_ai_connection"/,
    );
    // Quick fixes: the closest names of a fitting type, nearest first, each replacing the value.
    assert.deepEqual(
      unknown.suggestions?.map((s) => [s.title, s.edits[0].newText, s.edits[0].range]),
      [
        ['Change to "azure_open_ai_connection"', 'azure_open_ai_connection', unknown.range],
        ['Change to "open_ai_connection"', 'open_ai_connection', unknown.range],
      ],
    );
    assert.match(
      find(d, 'PF1041', 35)!.message,
      /is of type AzureOpenAIConnection; an llm node with provider OpenAI takes OpenAIConnection/,
    );
    assert.match(
      find(d, 'PF1041', 43)!.message,
      /input "connection" of tool "promptflow\.tools\.serpapi\.SerpAPI\.search" takes SerpConnection/,
    );
    assert.deepEqual(
      find(d, 'PF1041', 43)!.suggestions?.map((s) => s.edits[0].newText),
      ['serp_connection'],
    );
    assert.match(
      find(d, 'PF1042')!.message,
      /no deployment "gpt-35-turbo-16k"\. Its deployments: "gpt-35-turbo", "text-embedding-ada-002"/,
    );
    assert.equal(find(d, 'PF1044')!.severity, 'warning');
    assert.deepEqual(
      find(d, 'PF1044')!.suggestions?.map((s) => s.edits[0].newText),
      ['num'],
    );
    assert.match(find(d, 'PF1046')!.message, /"yahoo" is not a value input "engine" .* Use one of: "google", "bing"/);
    // A typo in a package the workspace has is an error; a package it does not list may come from requirements.
    assert.equal(find(d, 'PF1043', 51)!.severity, 'error');
    assert.deepEqual(
      find(d, 'PF1043', 51)!.suggestions?.map((s) => s.edits[0].newText),
      ['promptflow.tools.embedding.embedding'],
    );
    assert.equal(find(d, 'PF1043', 67)!.severity, 'warning');
    assert.match(find(d, 'PF1045')!.message, /needs input "input"; add it under inputs of node "embed_missing_input"/);
  });

  it('says nothing about the workspace without its data, and nothing about a part that could not be read', () => {
    const without = validateFixture(FLOW);
    assert.deepEqual(codes(without), workspaceFixture.flowCodesOffline);
    const noConnections = validateFixture(FLOW, { facts: { ...facts, connections: undefined } });
    assert.ok(!noConnections.some((x) => ['PF1040', 'PF1041', 'PF1042'].includes(x.code)), JSON.stringify(codes(noConnections)));
    assert.ok(
      noConnections.some((x) => x.code === 'PF1043'),
      'the tool checks still run',
    );
    const noTools = validateFixture(FLOW, { facts: { ...facts, tools: undefined } });
    assert.ok(!noTools.some((x) => /^PF104[3-6]$/.test(x.code)));
    assert.ok(noTools.some((x) => x.code === 'PF1040'));
    // Deployments that could not be read: no deployment check.
    const noDeployments: WorkspaceFacts = {
      ...facts,
      connections: facts.connections!.map((c) => ({ ...c, deployments: undefined })),
    };
    assert.ok(!validateFixture(FLOW, { facts: noDeployments }).some((x) => x.code === 'PF1042'));
  });

  it('leaves a valid flow of the workspace alone and follows former tool ids', () => {
    const good = validateFixture(FLOW, {
      facts: {
        ...facts,
        tools: facts.tools!.map((t) => (t.id.endsWith('embedding') ? { ...t, formerIds: ['promptflow.tools.embedding.embeding'] } : t)),
      },
    });
    const embed = good.filter((x) => x.range.start.line >= 47 && x.range.start.line <= 54);
    assert.deepEqual(codes(embed), [], 'a former id names the tool, whose inputs the node gives');
    // The other nodes are reported as before.
    assert.equal(good.length, validateFixture(FLOW, { facts }).length - 1);
  });

  it('checks run.yml connection overrides against the workspace, and its placement always', () => {
    assert.deepEqual(codes(validateFixture(RUN, { facts })), workspaceFixture.runCodes);
    assert.deepEqual(codes(validateFixture(RUN)), workspaceFixture.runCodesOffline);
  });

  it('speaks Japanese, with the same codes and ranges', () => {
    const en = validateFixture(FLOW, { facts });
    const ja = validateFixture(FLOW, { facts, locale: 'ja' });
    assert.deepEqual(
      ja.map((x) => [x.code, x.range]),
      en.map((x) => [x.code, x.range]),
    );
    for (const x of [...ja, ...validateFixture(RUN, { facts, locale: 'ja' })]) {
      assert.match(x.message, /[\u3040-\u30ff\u4e00-\u9fff]/, `${x.code}: ${x.message}`);
      for (const s of x.suggestions ?? []) assert.match(s.title, /に変更$/);
    }
    assert.ok(ja.filter((x) => WORKSPACE_CODES.test(x.code)).length >= 8);
  });
});

describe('closest names', () => {
  it('ranks by edits, accepts containment, and leaves out the far ones', () => {
    const names = ['azure_open_ai_connection', 'open_ai_connection', 'serp_connection', 'custom_connection'];
    assert.deepEqual(closestNames('azure_open_ai_connection_111', names), ['azure_open_ai_connection', 'open_ai_connection']);
    assert.deepEqual(closestNames('serp_conection', names), ['serp_connection']);
    assert.deepEqual(closestNames('aoai', names), []);
    assert.deepEqual(closestNames('custom', names), ['custom_connection']);
  });
});
