import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWorkspaceFacts, type WorkspaceFacts } from '../../../../src/core/flow/workspaceFacts';

const facts: WorkspaceFacts = {
  workspace: { subscriptionId: 's', resourceGroup: 'r', workspace: 'w' },
  fetchedAt: 5,
  connections: [
    {
      name: 'aoai',
      category: 'AzureOpenAI',
      authType: 'ApiKey',
      target: 'https://x.openai.azure.com/',
      valueType: 'AzureOpenAIConnection',
      metadata: { ApiVersion: '2024-02-01' },
      deployments: [{ name: 'gpt-4o', modelName: 'gpt-4o', capabilities: { completion: false, chatCompletion: true, embeddings: false } }],
    },
    { name: 'custom', category: 'CustomKeys', authType: 'CustomKeys', metadata: {} },
  ],
  connectionSpecs: [
    {
      connectionType: 'Serp',
      category: 'CustomKeys',
      valueType: 'SerpConnection',
      configs: [{ name: 'api_key', secret: true, optional: false }],
    },
  ],
  tools: [
    {
      id: 'promptflow.tools.serpapi.SerpAPI.search',
      name: 'Serp API',
      type: 'python',
      inputs: [
        { name: 'query', types: ['string'], required: true, hasDefault: false, allowManualEntry: false },
        { name: 'engine', types: ['string'], required: false, hasDefault: true, enum: ['google', 'bing'], allowManualEntry: false },
        {
          name: 'deployment_name',
          types: ['string'],
          required: false,
          hasDefault: false,
          enabledBy: { input: 'connection', types: ['AzureOpenAIConnection'] },
          allowManualEntry: true,
        },
      ],
    },
  ],
  unavailable: [{ part: 'deployments', connection: 'other', message: 'not found' }],
};

/** What a message carries: undefined fields do not survive JSON. */
const wire = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('readWorkspaceFacts', () => {
  it('reads back what the session service produced', () => {
    assert.deepEqual(wire(readWorkspaceFacts(wire(facts))), wire(facts));
  });

  it('keeps an unknown part absent rather than empty', () => {
    const { connections: _c, tools: _t, ...partial } = facts;
    const read = readWorkspaceFacts(wire(partial))!;
    assert.equal(read.connections, undefined);
    assert.equal(read.tools, undefined);
    assert.equal(readWorkspaceFacts(wire({ ...facts, connections: [] }))!.connections?.length, 0);
  });

  it('drops entries of the wrong shape and caps lists', () => {
    const read = readWorkspaceFacts({
      ...wire(facts),
      connections: [{ name: 'ok', category: 'C', authType: 'A', metadata: { a: 'b', n: 1 } }, { name: '' }, { category: 'C' }, 7],
      tools: Array.from({ length: 6000 }, (_, i) => ({
        id: `t${i}`,
        name: 't',
        type: 'python',
        inputs: [{ name: 'x', types: ['int', 3] }],
      })),
      unavailable: [
        { part: 'everything', message: 'x' },
        { part: 'tools', message: 'y' },
      ],
    })!;
    assert.deepEqual(wire(read.connections), [{ name: 'ok', category: 'C', authType: 'A', metadata: { a: 'b' } }]);
    assert.equal(read.tools?.length, 5000);
    assert.deepEqual(read.tools?.[0].inputs[0].types, ['int']);
    assert.equal(read.tools?.[0].inputs[0].required, false);
    assert.deepEqual(read.unavailable, [{ part: 'tools', connection: undefined, message: 'y' }]);
  });

  it('refuses what is not workspace data at all', () => {
    for (const bad of [
      null,
      'x',
      [],
      {},
      { ...wire(facts), workspace: { subscriptionId: 's', resourceGroup: 'r' } },
      { ...wire(facts), fetchedAt: '5' },
    ])
      assert.equal(readWorkspaceFacts(bad), undefined);
  });
});
