// Workspace connections, Azure OpenAI accounts and package tools: the product's client, the real ARM
// SDKs (@azure/arm-machinelearning 2.1.1 for connections at 2022-10-01, @azure/arm-cognitiveservices for
// accounts and deployments) and raw requests at the recorded api-versions, against the emulator. Shapes
// are compared with the recorded real answers (../shared/reference/recordings).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { tlsPolicy } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/core-auth';
import { emulatorCredential, TokenCache } from '../../../src/core/azure/credential';
import { AzureMlError } from '../../../src/core/azure/errors';
import { HttpSender } from '../../../src/core/azure/http';
import { WorkspaceDataClient } from '../../../src/core/azure/workspaceData';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { cassette, keysOf } from '../../helpers/recordings';

const RECORDED_LIST = 'test_workspace_connection_provider_TestWorkspaceConnectionProvider_test_list_connections.yaml';
const RECORDED_TOOLS = 'test_run_operations_TestFlowRun_test_auto_resolve_requirements.yaml';

interface ConnectionBody {
  name: string;
  properties: { category: string; authType: string; credentials: unknown; metadata: Record<string, string>; target: string };
  systemData: Record<string, unknown>;
}

describe('emulator: connections, Azure OpenAI accounts and package tools', () => {
  let emu: TestEmulator;
  let client: WorkspaceDataClient;
  const ws = () => ({ subscriptionId: emu.subscriptionId, resourceGroup: emu.resourceGroup, workspace: emu.workspace });
  const productClient = (user?: string) => {
    const tokens = new TokenCache(emulatorCredential(emu.endpoint, emu.caPem, user, emu.controlKey));
    const sender = new HttpSender(tokens, emu.caPem, new Set([new URL(emu.endpoint).host]), () => undefined);
    return new WorkspaceDataClient(sender, emu.endpoint, async () => emu.endpoint, ws());
  };
  const credential = (user?: string): TokenCredential => ({
    getToken: async () => ({ token: await emu.control.token(user ? { user } : {}), expiresOnTimestamp: Date.now() + 3600_000 }),
  });
  const sdkOptions = () => ({
    endpoint: emu.endpoint,
    credentialScopes: ['https://management.azure.com/.default'],
    additionalPolicies: [{ policy: tlsPolicy({ ca: emu.caPem }), position: 'perCall' as const }],
    retryOptions: { maxRetries: 0 },
  });
  const connections = (v = '2023-04-01-preview', tail = '') => `${emu.workspacePath}/connections${tail}?api-version=${v}`;

  before(async () => {
    emu = await startTestEmulator();
    client = productClient();
  });
  after(() => emu.stop());

  it('lists connections at 2023-04-01-preview in the recorded shape, credentials null', async () => {
    const recorded = cassette(RECORDED_LIST).find((i) => /\/connections\?/.test(i.uri));
    assert.ok(recorded, 'the recorded list call');
    const recordedEntry = (recorded.body as { value: ConnectionBody[] }).value[0];
    // pfazure's own path spelling (`resourcegroups`) works, as ARM paths are case-insensitive.
    const path = connections().replace('/resourceGroups/', '/resourcegroups/');
    const res = await emu.request<{ value: ConnectionBody[] }>('GET', path);
    assert.equal(res.status, 200);
    assert.deepEqual(keysOf(res.body), keysOf(recorded.body), 'top-level keys');
    const aoai = res.body.value.find((c) => c.name === 'azure_open_ai_connection');
    assert.ok(aoai);
    assert.deepEqual(keysOf(aoai), keysOf(recordedEntry));
    assert.deepEqual(keysOf(aoai.properties), keysOf(recordedEntry.properties));
    assert.deepEqual(keysOf(aoai.systemData), keysOf(recordedEntry.systemData));
    assert.deepEqual(keysOf(aoai.properties.metadata), keysOf(recordedEntry.properties.metadata), 'AzureOpenAI metadata keys');
    assert.ok(res.body.value.every((c) => c.properties.credentials === null));
    assert.match(aoai.properties.metadata.ResourceId, /\/providers\/Microsoft\.CognitiveServices\/accounts\/pf-demo-aoai$/);

    // The product's client reads the same list into facts.
    const facts = await client.listConnections();
    assert.deepEqual(facts.map((c) => c.name).sort(), [
      'azure_open_ai_connection',
      'custom_connection',
      'open_ai_connection',
      'serp_connection',
    ]);
    const byName = new Map(facts.map((c) => [c.name, c]));
    assert.equal(byName.get('azure_open_ai_connection')?.valueType, 'AzureOpenAIConnection');
    assert.equal(byName.get('azure_open_ai_connection')?.metadata.ApiType, 'azure');
    assert.equal(byName.get('serp_connection')?.category, 'CustomKeys');
    assert.equal(byName.get('serp_connection')?.valueType, 'SerpConnection');
    assert.equal(byName.get('custom_connection')?.valueType, 'CustomConnection');
    assert.ok(facts.every((c) => !('credentials' in c)));
  });

  it('creates, reads, reveals and deletes a connection at 2023-08-01-preview; refuses what ARM refuses', async () => {
    const body = {
      properties: {
        category: 'AzureOpenAI',
        authType: 'ApiKey',
        target: 'https://example-aoai.openai.azure.com/',
        credentials: { key: 'k-0123456789abcdef' },
        metadata: { ApiType: 'azure', ApiVersion: '2024-02-01', 'azureml.flow.connection_type': 'AzureOpenAI' },
      },
    };
    const put = await emu.request<ConnectionBody>('PUT', connections('2023-08-01-preview', '/my_aoai'), { body });
    assert.equal(put.status, 200);
    assert.equal(put.body.properties.credentials, null, 'PUT does not echo the key');
    assert.equal(put.body.properties.metadata.ApiVersion, '2024-02-01');
    const got = await emu.request<ConnectionBody>('GET', connections('2023-08-01-preview', '/my_aoai'));
    assert.equal(got.body.properties.category, 'AzureOpenAI');
    assert.equal(got.body.properties.credentials, null);
    const secrets = await emu.request<ConnectionBody>('POST', connections('2023-04-01-preview', '/my_aoai/listsecrets'));
    assert.equal(secrets.status, 200);
    assert.deepEqual(secrets.body.properties.credentials, { key: 'k-0123456789abcdef' });
    // An update keeps the creation time and changes the rest.
    const again = await emu.request<ConnectionBody>('PUT', connections('2023-08-01-preview', '/my_aoai'), {
      body: { properties: { ...body.properties, target: 'https://other.openai.azure.com/' } },
    });
    assert.equal(again.body.properties.target, 'https://other.openai.azure.com/');
    assert.equal(again.body.systemData.createdAt, put.body.systemData.createdAt);
    assert.ok((await client.listConnections()).some((c) => c.name === 'my_aoai' && c.target === 'https://other.openai.azure.com/'));

    // A Reader lists but may not reveal or change.
    const viewer = await emu.control.token({ user: 'viewer' });
    assert.equal((await emu.request('GET', connections(), { token: viewer })).status, 200);
    const denied = await emu.request<{ error: { code: string } }>('POST', connections(undefined, '/my_aoai/listsecrets'), {
      token: viewer,
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'AuthorizationFailed');
    assert.equal((await emu.request('DELETE', connections(undefined, '/my_aoai'), { token: viewer })).status, 403);

    const badVersion = await emu.request<{ error: { code: string } }>('GET', connections('2019-01-01'));
    assert.equal(badVersion.status, 400);
    assert.equal(badVersion.body.error.code, 'NoRegisteredProviderFound');
    const noKey = await emu.request<{ error: { code: string; message: string } }>('PUT', connections(undefined, '/nokey'), {
      body: { properties: { category: 'AzureOpenAI', authType: 'ApiKey', target: 'x' } },
    });
    assert.equal(noKey.status, 400);
    assert.match(noKey.body.error.message, /credentials/);
    assert.equal((await emu.request('PUT', connections(undefined, '/x'), { body })).status, 400, 'a name of fewer than 3 characters');

    assert.equal((await emu.request('DELETE', connections(undefined, '/my_aoai'))).status, 200);
    assert.equal((await emu.request('DELETE', connections(undefined, '/my_aoai'))).status, 204);
    const gone = await emu.request<{ error: { code: string } }>('GET', connections(undefined, '/my_aoai'));
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'ResourceNotFound');
  });

  it('serves the ARM SDK (2022-10-01) its workspaceConnections operations', async () => {
    const sdk = new AzureMachineLearningWorkspaces(credential(), emu.subscriptionId, sdkOptions());
    const names: string[] = [];
    for await (const c of sdk.workspaceConnections.list(emu.resourceGroup, emu.workspace, { category: 'CustomKeys' }))
      names.push(c.name ?? '');
    assert.deepEqual(names.sort(), ['custom_connection', 'open_ai_connection', 'serp_connection']);
    const created = await sdk.workspaceConnections.create(emu.resourceGroup, emu.workspace, 'feed_pat', {
      properties: {
        authType: 'PAT',
        category: 'PythonFeed',
        target: 'https://pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/',
        credentials: { pat: 'p-secret' },
      },
    });
    assert.equal(created.name, 'feed_pat');
    assert.equal(created.properties.category, 'PythonFeed');
    const read = await sdk.workspaceConnections.get(emu.resourceGroup, emu.workspace, 'feed_pat');
    assert.equal(read.properties.authType, 'PAT');
    assert.equal(read.properties.target, 'https://pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/');
    await sdk.workspaceConnections.delete(emu.resourceGroup, emu.workspace, 'feed_pat');
    await assert.rejects(
      sdk.workspaceConnections.get(emu.resourceGroup, emu.workspace, 'feed_pat'),
      (e: { statusCode?: number }) => e.statusCode === 404,
    );
  });

  it('lists the connection types and the deployments behind an Azure OpenAI connection', async () => {
    const specs = await client.connectionSpecs();
    const aoai = specs.find((s) => s.connectionType === 'AzureOpenAI');
    assert.equal(aoai?.valueType, 'AzureOpenAIConnection');
    assert.equal(aoai?.category, 'AzureOpenAI');
    assert.deepEqual(
      aoai?.configs.filter((c) => c.secret).map((c) => c.name),
      ['api_key'],
    );
    assert.ok(specs.some((s) => s.connectionType === 'Custom' && s.category === 'CustomKeys'));

    const deployments = await client.azureOpenAIDeployments('azure_open_ai_connection');
    const byName = new Map(deployments.map((d) => [d.name, d]));
    assert.deepEqual([...byName.keys()].sort(), ['gpt-35-turbo', 'gpt-35-turbo-instruct', 'gpt-4o', 'text-embedding-ada-002']);
    assert.deepEqual(byName.get('gpt-4o')?.capabilities, { completion: false, chatCompletion: true, embeddings: false });
    assert.equal(byName.get('text-embedding-ada-002')?.capabilities.embeddings, true);
    assert.equal(byName.get('gpt-35-turbo')?.modelName, 'gpt-35-turbo');

    await assert.rejects(client.azureOpenAIDeployments('custom_connection'), (e: AzureMlError) => e.info.statusCode === 400);
    await assert.rejects(client.azureOpenAIDeployments('no_such_connection'), (e: AzureMlError) => e.kind === 'notFound');
  });

  it('lists the package tools of promptflow-tools in the recorded Tool shape', async () => {
    const res = await emu.request<Record<string, Record<string, unknown>>>('GET', `${emu.flowBase}/Tools/packageTools`);
    assert.equal(res.status, 200);
    const serp = res.body['promptflow.tools.serpapi.SerpAPI.search'];
    assert.ok(serp, `ids: ${Object.keys(res.body).join(', ')}`);
    const recorded = cassette(RECORDED_TOOLS)
      .flatMap((i) => (i.body as { flowGraph?: { tools?: Record<string, unknown>[] } })?.flowGraph?.tools ?? [])
      .find((t) => t.name === 'Serp API' && t.package_version === '1.5.0rc8');
    assert.ok(recorded, 'the recorded Serp API tool');
    assert.deepEqual(keysOf(serp), keysOf(recorded));
    const inputs = serp.inputs as Record<string, unknown>;
    const recordedInputs = recorded.inputs as Record<string, unknown>;
    assert.deepEqual(keysOf(inputs), keysOf(recordedInputs));
    for (const name of Object.keys(recordedInputs)) assert.deepEqual(inputs[name], recordedInputs[name], `input ${name}`);

    const tools = await client.packageTools();
    const ids = tools.map((t) => t.id);
    for (const id of [
      'promptflow.tools.llm.llm',
      'promptflow.tools.embedding.embedding',
      'promptflow.tools.aoai_gpt4v.AzureOpenAI.chat',
      'promptflow.tools.azure_content_safety.analyze_text',
    ])
      assert.ok(ids.includes(id), `${id} is listed`);
    const search = tools.find((t) => t.id === 'promptflow.tools.serpapi.SerpAPI.search');
    const input = (n: string) => search?.inputs.find((x) => x.name === n);
    assert.deepEqual(input('connection')?.types, ['SerpConnection']);
    assert.equal(input('query')?.required, true);
    assert.equal(input('engine')?.required, false);
    assert.deepEqual(input('engine')?.enum, ['google', 'bing']);
    const embedding = tools.find((t) => t.id === 'promptflow.tools.embedding.embedding');
    const deployment = embedding?.inputs.find((x) => x.name === 'deployment_name');
    assert.equal(deployment?.required, false, 'needed only with an Azure OpenAI connection');
    assert.deepEqual(deployment?.enabledBy, { input: 'connection', types: ['AzureOpenAIConnection'], values: undefined });
  });

  it('models Azure OpenAI accounts and deployments as ARM does (real @azure/arm-cognitiveservices client)', async () => {
    const reader = new CognitiveServicesManagementClient(credential(), emu.subscriptionId, sdkOptions());
    const all = [];
    for await (const a of reader.accounts.list()) all.push(a);
    assert.deepEqual(
      all.map((a) => a.name),
      ['pf-demo-aoai'],
    );
    const account = await reader.accounts.get(emu.resourceGroup, 'pf-demo-aoai');
    assert.equal(account.kind, 'OpenAI');
    assert.equal(account.properties?.endpoint, 'https://pf-demo-aoai.openai.azure.com/');
    assert.equal(account.properties?.provisioningState, 'Succeeded');
    const deployments = [];
    for await (const d of reader.deployments.list(emu.resourceGroup, 'pf-demo-aoai')) deployments.push(d);
    assert.equal(deployments.length, 4);
    const gpt = await reader.deployments.get(emu.resourceGroup, 'pf-demo-aoai', 'gpt-35-turbo');
    assert.equal(gpt.properties?.model?.name, 'gpt-35-turbo');
    assert.equal(gpt.properties?.capabilities?.chatCompletion, 'true');

    // The demo user (Reader on the group) may not create one; an Owner may.
    await assert.rejects(
      reader.accounts.beginCreateAndWait(
        emu.resourceGroup,
        'pf-second-aoai',
        { location: 'eastus', kind: 'OpenAI', sku: { name: 'S0' } },
        {
          updateIntervalInMs: 5,
        },
      ),
      (e: { statusCode?: number }) => e.statusCode === 403,
    );
    const owner = new CognitiveServicesManagementClient(credential('admin'), emu.subscriptionId, sdkOptions());
    const made = await owner.accounts.beginCreateAndWait(
      emu.resourceGroup,
      'pf-second-aoai',
      { location: 'swedencentral', kind: 'OpenAI', sku: { name: 'S0' }, properties: { customSubDomainName: 'pf-second-aoai' } },
      { updateIntervalInMs: 5 },
    );
    assert.equal(made.location, 'swedencentral');
    await owner.deployments.beginCreateOrUpdateAndWait(
      emu.resourceGroup,
      'pf-second-aoai',
      'chat',
      { sku: { name: 'Standard', capacity: 5 }, properties: { model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-05-13' } } },
      { updateIntervalInMs: 5 },
    );
    // Its keys (listKeys: Owner or Contributor) open its data plane in the chat service (§35); Reader is refused.
    const keys = await owner.accounts.listKeys(emu.resourceGroup, 'pf-second-aoai');
    assert.match(`${keys.key1} ${keys.key2}`, /^[0-9a-f]{32} [0-9a-f]{32}$/);
    assert.notEqual(keys.key1, keys.key2);
    await assert.rejects(
      reader.accounts.listKeys(emu.resourceGroup, 'pf-second-aoai'),
      (e: { statusCode?: number }) => e.statusCode === 403,
    );
    const answer = await emu.request<{ choices: { message: { content: string } }[] }>(
      'POST',
      '/_aoai/pf-second-aoai/openai/deployments/chat/chat/completions?api-version=2024-06-01',
      { token: null, headers: { 'api-key': keys.key2 as string }, body: { messages: [{ role: 'user', content: 'ping' }] } },
    );
    assert.equal(answer.body.choices[0].message.content, '[chat] ping');
    // The seeded connection to the demo account holds that account's key, as one made in the portal does.
    const demoKeys = await owner.accounts.listKeys(emu.resourceGroup, 'pf-demo-aoai');
    const demoSecrets = await emu.request<ConnectionBody>('POST', connections(undefined, '/azure_open_ai_connection/listsecrets'));
    assert.deepEqual(demoSecrets.body.properties.credentials, { key: demoKeys.key1 });
    // A connection's metadata.ResourceId names its account: AzureOpenAIDeployments lists that account's.
    const put = await emu.request('PUT', connections(undefined, '/second_aoai'), {
      body: {
        properties: {
          category: 'AzureOpenAI',
          authType: 'ApiKey',
          target: made.properties?.endpoint,
          credentials: { key: 'k' },
          metadata: { ApiType: 'azure', ResourceId: made.id },
        },
      },
    });
    assert.equal(put.status, 200);
    const listed = await client.azureOpenAIDeployments('second_aoai');
    assert.deepEqual(listed, [
      { name: 'chat', modelName: 'gpt-4o', capabilities: { completion: false, chatCompletion: true, embeddings: false } },
    ]);
  });
});
