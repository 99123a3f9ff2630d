// Drives the real @azure/arm-machinelearning client (2.1.1, api-version 2022-10-01) against the
// emulator, trusting its certificate for this client only, and checks bodies against the reference.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { tlsPolicy } from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { startTestEmulator, waitFor, type TestEmulator } from '../../helpers/emulator';
import { act, getSession, post, settle } from '../../helpers/emulatorSessions';

const DATA_SCIENTIST = 'f6c7c914-8db3-469d-8ca1-694a8f32e121';

function credential(token: () => Promise<string>): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(s: string | string[]): Promise<AccessToken> {
      scopes.push(...(Array.isArray(s) ? s : [s]));
      return { token: await token(), expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
}

describe('emulator ARM contract (real @azure/arm-machinelearning client)', () => {
  let emu: TestEmulator;
  let client: AzureMachineLearningWorkspaces;
  let cred: ReturnType<typeof credential>;
  const lro = { updateIntervalInMs: 5 };

  const clientFor = (c: TokenCredential) =>
    new AzureMachineLearningWorkspaces(c, emu.subscriptionId, {
      endpoint: emu.endpoint,
      credentialScopes: ['https://management.azure.com/.default'],
      additionalPolicies: [{ policy: tlsPolicy({ ca: emu.caPem }), position: 'perCall' }],
      retryOptions: { maxRetries: 0 },
    });

  before(async () => {
    emu = await startTestEmulator();
    cred = credential(async () => emu.token);
    client = clientFor(cred);
  });
  after(() => emu.stop());

  it('lists and gets the workspace with discoveryUrl and identities', async () => {
    const list = [];
    for await (const ws of client.workspaces.listByResourceGroup(emu.resourceGroup)) list.push(ws);
    assert.deepEqual(
      list.map((w) => w.name),
      [emu.workspace],
    );
    const bySub = [];
    for await (const ws of client.workspaces.listBySubscription()) bySub.push(ws.name);
    assert.deepEqual(bySub, [emu.workspace]);
    const ws = await client.workspaces.get(emu.resourceGroup, emu.workspace);
    assert.equal(ws.location, 'eastus');
    assert.equal(ws.discoveryUrl, `${emu.endpoint}/discovery`);
    assert.equal(ws.identity?.type, 'SystemAssigned,UserAssigned');
    const uais = Object.keys(ws.identity?.userAssignedIdentities ?? {});
    assert.equal(uais.length, 1);
    assert.match(uais[0], /\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/pf-demo-uai$/);
    assert.equal(ws.primaryUserAssignedIdentity, uais[0]);
    assert.ok(ws.identity?.userAssignedIdentities?.[uais[0]].clientId);
    assert.deepEqual(cred.scopes.slice(0, 1), ['https://management.azure.com/.default']);
  });

  it('attaches a second user-assigned identity through the update LRO (Owner only)', async () => {
    const ws = await client.workspaces.get(emu.resourceGroup, emu.workspace);
    const current = Object.keys(ws.identity?.userAssignedIdentities ?? {})[0];
    const spare = current.replace('pf-demo-uai', 'pf-spare-uai');
    const body = { identity: { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { [current]: {}, [spare]: {} } } };
    // The demo user (AzureML Data Scientist) may not change the workspace.
    await assert.rejects(
      client.workspaces.beginUpdateAndWait(emu.resourceGroup, emu.workspace, body, lro),
      (e: { statusCode?: number; code?: string }) => e.statusCode === 403 && e.code === 'AuthorizationFailed',
    );
    const admin = clientFor(credential(() => emu.control.token({ user: 'admin' })));
    const poller = await admin.workspaces.beginUpdate(emu.resourceGroup, emu.workspace, body, lro);
    const updated = await poller.pollUntilDone();
    assert.deepEqual(Object.keys(updated.identity?.userAssignedIdentities ?? {}).sort(), [current, spare].sort());
    const again = await client.workspaces.get(emu.resourceGroup, emu.workspace);
    assert.equal(Object.keys(again.identity?.userAssignedIdentities ?? {}).length, 2);
    // An identity that does not exist is refused with the ARM envelope.
    await assert.rejects(
      admin.workspaces.beginUpdateAndWait(
        emu.resourceGroup,
        emu.workspace,
        { identity: { type: 'UserAssigned', userAssignedIdentities: { [`${spare}-nope`]: {} } } },
        lro,
      ),
      (e: { statusCode?: number; code?: string }) => e.statusCode === 400 && e.code === 'BadRequest',
    );
  });

  it('lists compute instances and runs the start/stop state machine as LROs', async () => {
    const names = [];
    for await (const c of client.computeOperations.list(emu.resourceGroup, emu.workspace)) names.push(c.name);
    assert.deepEqual(names.sort(), ['demo-ci', 'viewer-ci']);
    const ci = await client.computeOperations.get(emu.resourceGroup, emu.workspace, 'demo-ci');
    assert.equal(ci.properties?.computeType, 'ComputeInstance');
    const props = (
      ci.properties as {
        properties?: { state?: string; vmSize?: string; personalComputeInstanceSettings?: { assignedUser?: { objectId?: string } } };
      }
    ).properties;
    assert.equal(props?.state, 'Running');
    assert.equal(props?.vmSize, 'Standard_DS3_v2');
    const demoOid = JSON.parse(Buffer.from(emu.token.split('.')[1], 'base64url').toString()).oid;
    assert.equal(props?.personalComputeInstanceSettings?.assignedUser?.objectId, demoOid);

    // The raw protocol: 202 with a Location to poll (the SDK's LRO engine follows it below).
    const raw = await emu.request('POST', `${emu.workspacePath}/computes/demo-ci/stop?api-version=2022-10-01`);
    assert.equal(raw.status, 202);
    assert.match(String(raw.headers.location), /^https:\/\/127\.0\.0\.1:\d+\/subscriptions\/.+\?api-version=/);
    const mid = await emu.control.state();
    assert.ok(['Stopping', 'Stopped'].includes(mid.computeInstances.find((c) => c.name === 'demo-ci')?.state ?? ''));
    const poll = await emu.request('GET', String(raw.headers.location));
    assert.ok([200, 202].includes(poll.status));
    // Let the raw stop finish before resetting the state, or its last transition lands afterwards.
    await waitFor('the raw stop to finish', async () =>
      (await emu.control.state()).computeInstances.find((c) => c.name === 'demo-ci')?.state === 'Stopped' ? true : undefined,
    );
    await emu.control.putComputeInstance('demo-ci', { state: 'Running' });
    await client.computeOperations.beginStopAndWait(emu.resourceGroup, emu.workspace, 'demo-ci', lro);
    const stopped = await client.computeOperations.get(emu.resourceGroup, emu.workspace, 'demo-ci');
    assert.equal((stopped.properties as { properties?: { state?: string } }).properties?.state, 'Stopped');
    // Stopping a stopped instance is a conflict, not a silent success.
    await assert.rejects(
      client.computeOperations.beginStopAndWait(emu.resourceGroup, emu.workspace, 'demo-ci', lro),
      (e: { statusCode?: number }) => e.statusCode === 409,
    );
    await client.computeOperations.beginStartAndWait(emu.resourceGroup, emu.workspace, 'demo-ci', lro);
    const running = await client.computeOperations.get(emu.resourceGroup, emu.workspace, 'demo-ci');
    assert.equal(
      (running.properties as { properties?: { state?: string; lastOperation?: { operationName?: string } } }).properties?.lastOperation
        ?.operationName,
      'Start',
    );
    // Another user's instance cannot be started by the demo user.
    await assert.rejects(
      client.computeOperations.beginStartAndWait(emu.resourceGroup, emu.workspace, 'viewer-ci', lro),
      (e: { statusCode?: number }) => e.statusCode === 403,
    );
    await assert.rejects(
      client.computeOperations.get(emu.resourceGroup, emu.workspace, 'nope'),
      (e: { statusCode?: number; code?: string }) => e.statusCode === 404 && e.code === 'ResourceNotFound',
    );
  });

  it('lists datastores: the default blob store and the working directory', async () => {
    const all = [];
    for await (const d of client.datastores.list(emu.resourceGroup, emu.workspace)) all.push(d);
    const byName = new Map(all.map((d) => [d.name, d.properties as unknown as Record<string, unknown>]));
    assert.equal(byName.get('workspaceblobstore')?.datastoreType, 'AzureBlob');
    assert.equal(byName.get('workspaceblobstore')?.isDefault, true);
    assert.equal(byName.get('workspaceworkingdirectory')?.datastoreType, 'AzureFile');
    const defaults = [];
    for await (const d of client.datastores.list(emu.resourceGroup, emu.workspace, { count: 30, isDefault: true, orderByAsc: false }))
      defaults.push(d.name);
    assert.deepEqual(defaults, ['workspaceblobstore']);
    const blob = await client.datastores.get(emu.resourceGroup, emu.workspace, 'workspaceblobstore');
    assert.match(String((blob.properties as unknown as { containerName: string }).containerName), /^azureml-blobstore-/);
    const secrets = await client.datastores.listSecrets(emu.resourceGroup, emu.workspace, 'workspaceblobstore');
    assert.equal(secrets.secretsType, 'AccountKey');
    // S2: a workspace without the working directory shows it by its absence.
    await emu.control.patchWorkspace(emu.workspace, { hasWorkingDirectory: false });
    const after = [];
    for await (const d of client.datastores.list(emu.resourceGroup, emu.workspace)) after.push(d.name);
    assert.ok(!after.includes('workspaceworkingdirectory'));
    await emu.control.patchWorkspace(emu.workspace, { hasWorkingDirectory: true });
  });

  it("lists a real region's VM sizes, usages and quotas for the location", async () => {
    const sizes = (await client.virtualMachineSizes.list('eastus')).value ?? [];
    const byName = new Map(sizes.map((v) => [v.name, v]));
    assert.ok(sizes.length >= 300, `a region offers hundreds of sizes (${sizes.length})`);
    for (const name of ['Standard_D2', 'Standard_E4ds_v4', 'Standard_D4s_v3', 'Standard_E4s_v3', 'Standard_A2_v2', 'Standard_F16s_v2']) {
      assert.ok(byName.has(name), `${name} is offered`);
    }
    const d4 = byName.get('Standard_D4s_v3');
    assert.equal(d4?.family, 'standardDSv3Family');
    assert.equal(d4?.vCPUs, 4);
    assert.equal(byName.get('Standard_D2')?.family, 'standardDFamily');
    assert.equal(byName.get('Standard_E4ds_v4')?.memoryGB, 32);
    assert.equal(byName.get('Standard_NC24ads_A100_v4')?.gpus, 1);
    const families = new Set(sizes.map((v) => v.family));
    assert.ok(families.size >= 40, `sizes come from many families (${families.size})`);
    const usages = [];
    for await (const u of client.usages.list('eastus')) usages.push(u);
    // Every family of the catalog has its quota row, named as vmSizes names the family.
    for (const f of families)
      assert.ok(
        usages.some((u) => u.name?.value === f),
        `usage row for ${f}`,
      );
    const ds2 = usages.find((u) => u.name?.value === 'standardDSv2Family');
    // The running demo compute instance (Standard_DS3_v2, 4 vCPUs) counts against its family.
    assert.equal(ds2?.currentValue, 4);
    assert.equal(ds2?.limit, 24);
    assert.equal(ds2?.unit, 'Count');
    const quotas = [];
    for await (const q of client.quotas.list('eastus')) quotas.push(q);
    assert.ok(quotas.some((q) => q.name?.value === 'standardNCSv3Family' && q.limit === 0));
  });

  it('applies the D-series-or-larger rule to the whole catalog', async () => {
    const start = (id: string, vmSize: string) =>
      emu.request<{ error: { innerError: { code: string } | null } }>('POST', `${emu.flowBase}/FlowSessions/${id}`, {
        body: { vmSize },
        headers: { 'aml-user-token': emu.mlToken },
      });
    for (const [size, code] of [
      ['Standard_B2s', 'UnsupportedVmSize'],
      ['Standard_A4_v2', 'UnsupportedVmSize'],
      ['Standard_D1', 'UnsupportedVmSize'],
      ['Standard_D7_v9', 'InvalidVmSize'],
    ]) {
      const r = await start(`rule-${size.toLowerCase()}`, size);
      assert.equal(r.status, 400, size);
      assert.equal(r.body.error.innerError?.code, code, size);
    }
    for (const size of ['Standard_D2', 'Standard_E4ds_v4']) {
      const r = await start(`rule-${size.toLowerCase().replace(/_/g, '-')}`, size);
      assert.equal(r.status, 202, `${size} is accepted: ${JSON.stringify(r.body)}`);
      await settle(emu, String(r.headers['azure-asyncoperation']));
      await settle(emu, await post(emu, `rule-${size.toLowerCase().replace(/_/g, '-')}`, { action: 'Delete' }));
    }
  });

  it('reads, lists and deletes the serverless computes behind sessions through ARM', async () => {
    assert.equal((await act(emu, 'arm-sl', { vmSize: 'Standard_D2s_v3' })).status, 'Succeeded');
    const name = (await getSession(emu, 'arm-sl')).body.compute.name;
    const c = await client.computeOperations.get(emu.resourceGroup, emu.workspace, name);
    const props = c.properties as { provisioningState?: string; properties?: { vmSize?: string } } | undefined;
    assert.equal(props?.provisioningState, 'Succeeded');
    assert.equal(props?.properties?.vmSize, 'Standard_D2s_v3');
    const listed = [];
    for await (const x of client.computeOperations.list(emu.resourceGroup, emu.workspace)) listed.push(x.name);
    assert.ok(listed.includes(name));
    // Deleting the compute takes its session with it, and the compute answers 404 afterwards.
    const raw = await emu.request('DELETE', `${emu.workspacePath}/computes/${name}?api-version=2022-10-01&underlyingResourceAction=Delete`);
    assert.equal(raw.status, 202);
    const during = await client.computeOperations.get(emu.resourceGroup, emu.workspace, name).catch(() => undefined);
    assert.ok(
      !during || (during.properties as { provisioningState?: string } | undefined)?.provisioningState === 'Deleting',
      'a compute being deleted says so',
    );
    assert.equal((await getSession(emu, 'arm-sl')).status, 404, 'its session went with it');
    await waitFor('the compute to be gone', async () =>
      (await emu.request('GET', `${emu.workspacePath}/computes/${name}?api-version=2022-10-01`)).status === 404 ? true : undefined,
    );
    // The SDK's delete LRO against a compute instance; another user's instance is refused.
    await emu.control.putComputeInstance('gone-ci', { state: 'Running', assignedUser: 'demo' });
    await client.computeOperations.beginDeleteAndWait(emu.resourceGroup, emu.workspace, 'gone-ci', 'Delete', lro);
    await assert.rejects(
      client.computeOperations.get(emu.resourceGroup, emu.workspace, 'gone-ci'),
      (e: { statusCode?: number }) => e.statusCode === 404,
    );
    await assert.rejects(
      client.computeOperations.beginDeleteAndWait(emu.resourceGroup, emu.workspace, 'viewer-ci', 'Delete', lro),
      (e: { statusCode?: number }) => e.statusCode === 403,
    );
  });

  it('serves the linked resources and identities, with the role assignments of an identity on each', async () => {
    const ws = await client.workspaces.get(emu.resourceGroup, emu.workspace);
    const linked = [ws.storageAccount, ws.keyVault, ws.containerRegistry, ws.applicationInsights];
    for (const id of linked) {
      assert.ok(id, 'the workspace names its linked resources');
      const r = await emu.request<{ id: string; type: string }>('GET', `${id}?api-version=2023-01-01`);
      assert.equal(r.status, 200, `${id}: ${r.text}`);
      assert.equal(r.body.id, id);
    }
    const kv = await emu.request<{ properties: { enableRbacAuthorization: boolean } }>('GET', `${ws.keyVault}?api-version=2023-07-01`);
    assert.equal(kv.body.properties.enableRbacAuthorization, true);
    const [uaiId, uai] = Object.entries(ws.identity?.userAssignedIdentities ?? {})[0];
    const got = await emu.request<{ properties: { principalId: string } }>('GET', `${uaiId}?api-version=2023-01-31`);
    assert.equal(got.body.properties.principalId, uai.principalId);
    const roles = async (scope: string, principal: string) =>
      (
        await emu.request<{ value: { properties: { roleDefinitionId: string; principalType: string } }[] }>(
          'GET',
          `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(`assignedTo('${principal}')`)}`,
        )
      ).body.value;
    const onStorage = await roles(ws.storageAccount!, uai.principalId!);
    assert.ok(onStorage.every((a) => a.properties.principalType === 'ServicePrincipal'));
    const guids = onStorage.map((a) => a.properties.roleDefinitionId.split('/').pop());
    for (const g of [
      'b24988ac-6180-42a0-ab88-20f7382dd24c',
      'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
      '69566ab7-960f-475b-8e7c-b3118f30c6bd',
    ])
      assert.ok(guids.includes(g), `storage role ${g}`);
    assert.equal((await emu.request('GET', `${ws.keyVault!.replace(/kv\w+$/, 'kvnope')}?api-version=2023-07-01`)).status, 404);
  });

  it('lists role assignments at a scope with the $filter forms', async () => {
    const scope = `/subscriptions/${emu.subscriptionId}/resourceGroups/${emu.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${emu.workspace}`;
    const demoOid = JSON.parse(Buffer.from(emu.token.split('.')[1], 'base64url').toString()).oid as string;
    const r = await emu.request<{ value: { properties: { roleDefinitionId: string; principalId: string; scope: string } }[] }>(
      'GET',
      `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(`principalId eq '${demoOid}'`)}`,
    );
    assert.equal(r.status, 200);
    assert.ok(r.body.value.every((a) => a.properties.principalId === demoOid));
    assert.ok(r.body.value.some((a) => a.properties.roleDefinitionId.endsWith(`/roleDefinitions/${DATA_SCIENTIST}`)));
    const atScope = await emu.request<{ value: unknown[] }>(
      'GET',
      `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()`,
    );
    assert.equal(atScope.status, 200);
    assert.ok(atScope.body.value.length >= 3);
    const bad = await emu.request<{ error: { code: string } }>(
      'GET',
      `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=roleName eq 'x'`,
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'InvalidFilterInQueryString');
    // A user holding only AzureML Data Scientist cannot list assignments (treated as "cannot determine").
    await emu.control.addUser({ alias: 'ds-only' });
    await emu.control.addRoleAssignment({ user: 'ds-only', role: DATA_SCIENTIST });
    const dsOnly = await emu.request('GET', `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`, {
      token: await emu.control.token({ user: 'ds-only' }),
    });
    assert.equal(dsOnly.status, 403);
    const subs = await emu.request<{ value: { subscriptionId: string; state: string }[] }>('GET', '/subscriptions?api-version=2022-12-01');
    assert.deepEqual(
      subs.body.value.map((s) => s.subscriptionId),
      [emu.subscriptionId],
    );
  });

  it('answers 401 with the ARM envelope and WWW-Authenticate for missing, expired and foreign-audience tokens', async () => {
    const path = `${emu.workspacePath}?api-version=2022-10-01`;
    const none = await emu.request<{ error: { code: string } }>('GET', path, {
      token: null,
      headers: { 'x-ms-client-request-id': 'abc-123' },
    });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'AuthenticationFailed');
    assert.match(String(none.headers['www-authenticate']), /^Bearer authorization_uri="https:\/\/login\.microsoftonline\.com\//);
    assert.equal(none.headers['x-ms-client-request-id'], 'abc-123');
    assert.ok(none.headers['x-ms-request-id']);
    const expired = await emu.request<{ error: { code: string } }>('GET', path, {
      token: await emu.control.token({ lifetimeSeconds: -5 }),
    });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'ExpiredAuthenticationToken');
    const ml = await emu.request<{ error: { code: string } }>('GET', path, { token: emu.mlToken });
    assert.equal(ml.status, 401);
    assert.equal(ml.body.error.code, 'InvalidAuthenticationTokenAudience');
    const forged = `${emu.token.slice(0, -4)}AAAA`;
    assert.equal((await emu.request('GET', path, { token: forged })).status, 401);
    const noVersion = await emu.request<{ error: { code: string } }>('GET', emu.workspacePath);
    assert.equal(noVersion.status, 400);
    assert.equal(noVersion.body.error.code, 'MissingApiVersionParameter');
  });

  it('issues tokens from the identity endpoint and expires them on demand', async () => {
    const t = await emu.request<{ access_token: string; token_type: string; expires_on: number }>('POST', '/_identity/token', {
      token: null,
      body: { scope: 'https://management.azure.com/.default', user: 'viewer@contoso.com' },
    });
    assert.equal(t.status, 200);
    assert.equal(t.body.token_type, 'Bearer');
    const claims = JSON.parse(Buffer.from(t.body.access_token.split('.')[1], 'base64url').toString());
    assert.equal(claims.upn, 'viewer@contoso.com');
    assert.equal(claims.aud, 'https://management.azure.com/');
    assert.ok(claims.oid && claims.tid && claims.exp > Date.now() / 1000);
    const path = `${emu.workspacePath}?api-version=2022-10-01`;
    assert.equal((await emu.request('GET', path, { token: t.body.access_token })).status, 200);
    await emu.control.expireTokens();
    const after = await emu.request<{ error: { code: string } }>('GET', path, { token: t.body.access_token });
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'ExpiredAuthenticationToken');
    const fresh = await emu.control.token();
    assert.equal((await emu.request('GET', path, { token: fresh })).status, 200);
    emu.token = fresh;
    const badScope = await emu.request<{ error: string }>('POST', '/_identity/token', {
      token: null,
      body: { scope: 'https://vault.azure.net/.default' },
    });
    assert.equal(badScope.status, 400);
    assert.equal(badScope.body.error, 'invalid_scope');
  });

  it('injects throttling, server errors and dropped connections per path', async () => {
    const path = `${emu.workspacePath}?api-version=2022-10-01`;
    await emu.control.addFault({ kind: 'throttle', path: '/workspaces/pf-demo-ws$', retryAfterSeconds: 7, count: 1 });
    const t = await emu.request<{ error: { code: string } }>('GET', path);
    assert.equal(t.status, 429);
    assert.equal(t.headers['retry-after'], '7');
    assert.equal(t.body.error.code, 'TooManyRequests');
    assert.equal((await emu.request('GET', path)).status, 200, 'the fault is used up after one request');
    await emu.control.addFault({ kind: 'error', status: 503, path: '/computes$' });
    await assert.rejects(
      async () => {
        for await (const _c of client.computeOperations.list(emu.resourceGroup, emu.workspace)) void _c;
      },
      (e: { statusCode?: number }) => e.statusCode === 503,
    );
    await emu.control.addFault({ kind: 'drop', path: '/workspaces/pf-demo-ws$' });
    await assert.rejects(emu.request('GET', path), /socket hang up|ECONNRESET/);
    assert.equal((await emu.request('GET', path)).status, 200);
  });
});
