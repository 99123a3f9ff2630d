// The workspace data flow files are checked against, read by the session service from the emulator:
// fetched once and cached, refreshed on demand, a part that cannot be read left out (never guessed), and
// no credential anywhere in what the service hands out or logs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { startFixture, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

const connectionsPath = () => `${fx.emu.workspacePath}/connections`;

test('fetches connections with their deployments, connection types and package tools once, and again on refresh', async () => {
  const svc = fx.service();
  const before = svc.requestCount;
  const [a, b] = await Promise.all([svc.workspaceFacts(), svc.workspaceFacts()]);
  assert.equal(a, b, 'callers during a fetch share it');
  const used = svc.requestCount - before;
  assert.equal(await svc.workspaceFacts(), a, 'then it is served from the cache');
  assert.equal(svc.requestCount - before, used, 'without a request');

  assert.deepEqual(a.workspace, {
    subscriptionId: fx.emu.subscriptionId,
    resourceGroup: fx.emu.resourceGroup,
    workspace: fx.emu.workspace,
  });
  assert.ok(a.fetchedAt > 0);
  assert.deepEqual(a.unavailable, []);
  const aoai = a.connections?.find((c) => c.name === 'azure_open_ai_connection');
  assert.equal(aoai?.category, 'AzureOpenAI');
  assert.equal(aoai?.metadata.ApiVersion, '2024-02-01');
  assert.deepEqual(aoai?.deployments?.map((d) => d.name).sort(), [
    'gpt-35-turbo',
    'gpt-35-turbo-instruct',
    'gpt-4o',
    'text-embedding-ada-002',
  ]);
  assert.equal(
    a.connections?.find((c) => c.name === 'serp_connection')?.deployments,
    undefined,
    'deployments are read for Azure OpenAI connections only',
  );
  assert.ok(a.connectionSpecs?.some((s) => s.valueType === 'SerpConnection'));
  assert.ok(a.tools?.some((t) => t.id === 'promptflow.tools.llm.llm'));
  // listConnections + specs + tools + one deployment list (the workspace read finds the service host).
  assert.ok(used >= 4 && used <= 5, `${used} requests`);

  await fx.emu.request('PUT', `${connectionsPath()}/added_later?api-version=2023-08-01-preview`, {
    body: { properties: { category: 'CustomKeys', authType: 'CustomKeys', target: '_', credentials: { keys: { k: 'v' } }, metadata: {} } },
  });
  assert.ok(!(await svc.workspaceFacts()).connections?.some((c) => c.name === 'added_later'), 'the cache holds until a refresh');
  const fresh = await svc.workspaceFacts({ refresh: true });
  assert.notEqual(fresh, a);
  assert.ok(fresh.connections?.some((c) => c.name === 'added_later'));
  assert.ok(fresh.fetchedAt >= a.fetchedAt);
  await fx.emu.request('DELETE', `${connectionsPath()}/added_later?api-version=2023-08-01-preview`);
});

test('a part that cannot be read is left out and named; the others are kept', async () => {
  await fx.control('POST', '/faults', { kind: 'error', status: 403, path: '/Tools/packageTools$', count: 1 });
  await fx.control('POST', '/faults', {
    kind: 'error',
    status: 404,
    path: '/Connections/azure_open_ai_connection/AzureOpenAIDeployments$',
    count: 1,
  });
  const f = await fx.service().workspaceFacts();
  assert.equal(f.tools, undefined, 'no tool list: tool checks have nothing to go on');
  assert.ok(f.connections?.length, 'connections were read');
  assert.ok(f.connectionSpecs?.length);
  const aoai = f.connections?.find((c) => c.name === 'azure_open_ai_connection');
  assert.equal(aoai?.deployments, undefined, 'no deployments: not an empty list');
  assert.deepEqual(
    f.unavailable.map((u) => [u.part, u.connection]),
    [
      ['tools', undefined],
      ['deployments', 'azure_open_ai_connection'],
    ],
  );
  assert.ok(f.unavailable.every((u) => u.message.length > 0));
});

test('when nothing can be read the fetch fails with the reason, and the next call tries again', async () => {
  await fx.control('POST', '/users', { alias: 'outsider' });
  const svc = fx.service({ user: 'outsider', stateDir: `${fx.dir}/outsider` });
  await assert.rejects(svc.workspaceFacts(), (e: AzureMlError) => e instanceof AzureMlError && e.kind === 'permission');
  const fault = { kind: 'error', status: 403, path: '/connections$|/Connections/specs$|/Tools/packageTools$', count: 3 };
  const reader = fx.service({ user: 'viewer', stateDir: `${fx.dir}/viewer` });
  await fx.control('POST', '/faults', fault);
  await assert.rejects(reader.workspaceFacts(), (e: AzureMlError) => e.kind === 'permission');
  const ok = await reader.workspaceFacts();
  assert.ok(ok.connections?.length, 'a failed fetch is not cached');
});

test('no credential reaches the facts or the log', async () => {
  const secrets = await fx.emu.request<{ properties: { credentials: { key: string } } }>(
    'POST',
    `${connectionsPath()}/azure_open_ai_connection/listsecrets?api-version=2023-04-01-preview`,
  );
  const key = secrets.body.properties.credentials.key;
  assert.ok(key && key.length >= 16);
  const custom = await fx.emu.request<{ properties: { credentials: { keys: Record<string, string> } } }>(
    'POST',
    `${connectionsPath()}/custom_connection/listsecrets?api-version=2023-04-01-preview`,
  );
  const customKey = Object.values(custom.body.properties.credentials.keys)[0];
  const f = await fx.service().workspaceFacts({ refresh: true });
  const text = JSON.stringify(f);
  assert.ok(!text.includes(key) && !text.includes(customKey), 'the facts hold no key');
  assert.ok(!/credentials/.test(text));
  assert.ok(!fx.logs.some((l) => l.includes(key) || l.includes(customKey)), 'the log holds no key');
});
