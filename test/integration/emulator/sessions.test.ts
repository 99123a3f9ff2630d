// Session lifecycle against the emulator over HTTPS: real venvs, real pip, serverless computes (S12),
// compute instances, quota, idle deletion, private feeds and the error envelopes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { act, attachedIdentity, getSession, packages, post, settle } from '../../helpers/emulatorSessions';

interface PfsError {
  error: { code: string; message: string; innerError: { code: string } | null };
  correlation: Record<string, string>;
  time: string;
  componentName: string;
}

describe('emulator compute sessions', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.stop());

  it('start → install → packages → reset → update → stop, with the compute following the session', async () => {
    const op = await act(emu, 'life', {
      action: 'Install',
      pythonPipRequirements: ['pf-demo-text==1.0.0'],
      vmSize: 'Standard_D4s_v3',
      maxIdleTimeSeconds: 1800,
    });
    assert.deepEqual(op, { ...op, status: 'Succeeded' });
    assert.equal(op.error, undefined);
    let s = await getSession(emu, 'life');
    assert.equal(s.status, 200);
    assert.equal(s.body.properties.vmSize, 'Standard_D4s_v3');
    assert.equal(s.body.properties.maxIdleTimeSeconds, 1800);
    assert.equal(s.body.properties.existingUserComputeInstanceName, null);
    assert.equal(s.body.compute.properties.provisioningState, 'Succeeded');
    assert.equal(s.body.properties.application.setupResults[0].exitCode, 0);
    assert.match(s.body.properties.application.setupResults[0].stdOut, /Successfully installed pf-demo-text-1\.0\.0/);
    const firstCompute = s.body.compute.name;
    let pkgs = await packages(emu, 'life');
    assert.ok(pkgs.includes('pf-demo-text==1.0.0'));
    assert.ok(pkgs.includes('promptflow==1.17.2') && pkgs.includes('promptflow-tools==1.6.0'), 'base image packages are listed');

    assert.equal(
      (await act(emu, 'life', { action: 'Install', pythonPipRequirements: ['pf-demo-text==1.0.0', 'pf-demo-utils'] })).status,
      'Succeeded',
    );
    pkgs = await packages(emu, 'life');
    assert.ok(pkgs.includes('pf-demo-utils==1.0.0'));

    // Reset rebuilds from scratch: packages not in the new requirements are gone.
    assert.equal((await act(emu, 'life', { action: 'Reset', pythonPipRequirements: ['pf-demo-text==1.1.0'] })).status, 'Succeeded');
    pkgs = await packages(emu, 'life');
    assert.ok(pkgs.includes('pf-demo-text==1.1.0'));
    assert.ok(!pkgs.some((p) => p.startsWith('pf-demo-utils')));

    assert.equal((await act(emu, 'life', { action: 'Update', maxIdleTimeSeconds: 7200 })).status, 'Succeeded');
    s = await getSession(emu, 'life');
    assert.equal(s.body.properties.maxIdleTimeSeconds, 7200);
    assert.equal(s.body.compute.name, firstCompute, 'an idle-time change keeps the compute');

    assert.equal((await act(emu, 'life', { action: 'Update', vmSize: 'Standard_E4s_v3' })).status, 'Succeeded');
    s = await getSession(emu, 'life');
    assert.equal(s.body.properties.vmSize, 'Standard_E4s_v3');
    assert.notEqual(s.body.compute.name, firstCompute, 'a VM size change moves the session to another compute');
    assert.ok((await packages(emu, 'life')).includes('pf-demo-text==1.1.0'), 'the moved session is rebuilt with its requirements');
    let state = await emu.control.state();
    assert.ok(!state.serverless.some((c) => c.name === firstCompute), 'the emptied compute is deleted');

    const del = await emu.request('DELETE', `${emu.flowBase}/FlowSessions/life`);
    assert.equal(del.status, 202);
    assert.equal((await settle(emu, String(del.headers['azure-asyncoperation']))).status, 'Succeeded');
    assert.equal((await getSession(emu, 'life')).status, 404);
    state = await emu.control.state();
    assert.equal(state.serverless.filter((c) => c.name === s.body.compute.name).length, 0);
  });

  it('fails the install on a real pip conflict with pip output in setupResults; reset cures it', async () => {
    const op = await act(emu, 'conflict', { pythonPipRequirements: ['pf-demo-text==1.1.0', 'pf-demo-utils'] });
    assert.equal(op.status, 'Failed');
    assert.equal(op.error?.code, 'UserError');
    assert.match(op.error?.message ?? '', /ResolutionImpossible|conflicting dependencies/);
    const s = await getSession(emu, 'conflict');
    assert.equal(s.status, 200, 'the session stays so the user can fix and reset it');
    const setup = s.body.properties.application.setupResults[0];
    assert.equal(setup.command, 'pip');
    assert.notEqual(setup.exitCode, 0);
    assert.match(`${setup.stdOut}\n${setup.stdErr}`, /pf-demo-utils 1\.0\.0 depends on pf-demo-text<1\.1/);
    assert.equal((await act(emu, 'conflict', { action: 'Reset', pythonPipRequirements: ['pf-demo-utils'] })).status, 'Succeeded');
    assert.ok((await packages(emu, 'conflict')).includes('pf-demo-text==1.0.0'));
    assert.equal((await act(emu, 'conflict', { action: 'Delete' })).status, 'Succeeded');
  });

  it('shares one serverless compute per user, VM size and identity; the last delete removes it', async () => {
    await act(emu, 'share-a', { vmSize: 'Standard_D2s_v3' });
    await act(emu, 'share-b', { vmSize: 'Standard_D2s_v3' });
    const a = (await getSession(emu, 'share-a')).body.compute.name;
    const b = (await getSession(emu, 'share-b')).body.compute.name;
    assert.equal(a, b);
    await act(emu, 'share-c', { vmSize: 'Standard_D2s_v3', identity: await attachedIdentity(emu) });
    assert.notEqual((await getSession(emu, 'share-c')).body.compute.name, a, 'another identity gets another compute');
    await act(emu, 'share-a', { action: 'Delete' });
    assert.ok(
      (await emu.control.state()).serverless.some((c) => c.name === a),
      'still hosts share-b',
    );
    await act(emu, 'share-b', { action: 'Delete' });
    assert.ok(!(await emu.control.state()).serverless.some((c) => c.name === a));
    await act(emu, 'share-c', { action: 'Delete' });
  });

  it('refuses VM sizes beyond quota, too small or unknown with a classifiable 400', async () => {
    const send = (id: string, body: unknown) =>
      emu.request<PfsError>('POST', `${emu.flowBase}/FlowSessions/${id}`, {
        body,
        headers: { 'aml-user-token': emu.mlToken, 'x-ms-client-request-id': 'req-42' },
      });
    const gpu = await send('q1', { vmSize: 'Standard_NC6s_v3' });
    assert.equal(gpu.status, 400);
    assert.equal(gpu.body.error.code, 'UserError');
    assert.equal(gpu.body.error.innerError?.code, 'QuotaExceeded');
    assert.match(gpu.body.error.message, /quota/i);
    assert.ok(gpu.body.correlation.RequestId && gpu.body.time && gpu.body.componentName);
    assert.equal(gpu.headers['x-ms-client-request-id'], 'req-42');
    assert.equal((await send('q2', { vmSize: 'Standard_A2_v2' })).body.error.innerError?.code, 'UnsupportedVmSize');
    assert.equal((await send('q3', { vmSize: 'Standard_Nope' })).body.error.innerError?.code, 'InvalidVmSize');
    // Fill the E family (limit lowered to 4): the second compute in that family does not fit.
    await emu.control.setQuota({ family: 'standardESv3Family', limit: 4 });
    assert.equal((await act(emu, 'q4', { vmSize: 'Standard_E4s_v3' })).status, 'Succeeded');
    const full = await send('q5', { vmSize: 'Standard_E4s_v3', identity: await attachedIdentity(emu) });
    assert.equal(full.status, 400);
    assert.equal(full.body.error.innerError?.code, 'QuotaExceeded');
    // A session joining the existing compute needs no new quota.
    assert.equal((await act(emu, 'q6', { vmSize: 'Standard_E4s_v3' })).status, 'Succeeded');
    await act(emu, 'q4', { action: 'Delete' });
    await act(emu, 'q6', { action: 'Delete' });
  });

  it('deletes a session after maxIdleTimeSeconds of emulated time', async () => {
    await act(emu, 'idle', { maxIdleTimeSeconds: 600, vmSize: 'Standard_DS11_v2' });
    const compute = (await getSession(emu, 'idle')).body.compute.name;
    assert.deepEqual((await emu.control.advanceClock(300)).deleted, []);
    assert.equal((await getSession(emu, 'idle')).status, 200);
    assert.ok((await emu.control.advanceClock(301)).deleted.includes('idle'));
    assert.equal((await getSession(emu, 'idle')).status, 404);
    assert.ok(!(await emu.control.state()).serverless.some((c) => c.name === compute));
  });

  it('places sessions on a compute instance only when it runs and belongs to the user', async () => {
    const send = (body: unknown) =>
      emu.request<PfsError>('POST', `${emu.flowBase}/FlowSessions/ci1`, { body, headers: { 'aml-user-token': emu.mlToken } });
    const other = await send({ computeName: 'viewer-ci' });
    assert.equal(other.status, 403);
    assert.equal(other.body.error.innerError?.code, 'ComputeInstanceNotAssignedToUser');
    await emu.control.putComputeInstance('demo-ci', { state: 'Stopped' });
    const stopped = await send({ computeName: 'demo-ci' });
    assert.equal(stopped.status, 400);
    assert.equal(stopped.body.error.innerError?.code, 'ComputeInstanceNotRunning');
    await emu.control.putComputeInstance('demo-ci', { state: 'Running' });
    assert.equal((await act(emu, 'ci1', { computeName: 'demo-ci', maxIdleTimeSeconds: 3600 })).status, 'Succeeded');
    const s = await getSession(emu, 'ci1');
    assert.equal(s.body.properties.existingUserComputeInstanceName, 'demo-ci');
    assert.equal(s.body.properties.vmSize, 'Standard_DS3_v2', 'the VM size comes from the instance');
    assert.equal(s.body.compute.properties.computeType, 'ComputeInstance');
    // Stopping the instance takes its sessions with it.
    const stop = await emu.request('POST', `${emu.workspacePath}/computes/demo-ci/stop?api-version=2022-10-01`);
    assert.equal(stop.status, 202);
    assert.equal((await getSession(emu, 'ci1')).status, 404);
    await emu.control.putComputeInstance('demo-ci', { state: 'Running' });
  });

  it('installs from a {private} feed only through a user-assigned identity; other indexes need none', async () => {
    const reqs = ['-i https://{private}@pkgs.dev.azure.com/contoso/_packaging/feed/pypi/simple/', 'pf-private-lib==2.0.0'];
    const without = await act(emu, 'feed', { pythonPipRequirements: reqs });
    assert.equal(without.status, 'Failed');
    assert.match(without.error?.message ?? '', /user-assigned identity/);
    assert.deepEqual(
      (without.error as { innerError?: { code: string } } | undefined)?.innerError?.code,
      'PrivateFeedIdentityMissing',
      'the specific code travels in the innerError chain',
    );
    await act(emu, 'feed', { action: 'Delete' });
    const bad = await emu.request<PfsError>('POST', `${emu.flowBase}/FlowSessions/feed`, {
      body: { identity: '/subscriptions/x/resourceGroups/y/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nope' },
      headers: { 'aml-user-token': emu.mlToken },
    });
    assert.equal(bad.body.error.innerError?.code, 'IdentityNotFound');
    assert.equal((await act(emu, 'feed', { pythonPipRequirements: reqs, identity: await attachedIdentity(emu) })).status, 'Succeeded');
    assert.ok((await packages(emu, 'feed')).includes('pf-private-lib==2.0.0'));
    await act(emu, 'feed', { action: 'Delete' });
    // A feed with its own credentials, or a public index, is reached as it is: no identity is needed.
    const own = ['--extra-index-url https://user:feedpass@pkgs.dev.azure.com/contoso/_packaging/feed/pypi/simple/', 'pf-demo-text'];
    const withPassword = await act(emu, 'feed-own', { pythonPipRequirements: own });
    assert.equal(withPassword.status, 'Succeeded', JSON.stringify(withPassword.error));
    assert.ok((await packages(emu, 'feed-own')).some((p) => p.startsWith('pf-demo-text==')));
    await act(emu, 'feed-own', { action: 'Delete' });
  });

  it("reports the image's Python version and a pip failure's specific code", async () => {
    assert.equal((await act(emu, 'py', { pythonPipRequirements: ['pf-demo-text'] })).status, 'Succeeded');
    const s = await getSession(emu, 'py');
    const env = (s.body.properties.application as unknown as { envVars: Record<string, string> }).envVars;
    assert.match(env.PYTHON_VERSION ?? '', /^3\.\d+\.\d+$/);
    const conflict = await act(emu, 'py', { pythonPipRequirements: ['pf-demo-text==1.1.0', 'pf-demo-utils'] });
    assert.equal(conflict.status, 'Failed');
    assert.equal((conflict.error as { innerError?: { code: string } } | undefined)?.innerError?.code, 'PipInstallFailed');
    assert.match(conflict.error?.message ?? '', /ResolutionImpossible|conflicting dependencies/, "pip's reason is in the message");
    await act(emu, 'py', { action: 'Delete' });
  });

  it('checks aml-user-token, roles, ownership, actions and concurrent operations', async () => {
    const url = `${emu.flowBase}/FlowSessions/guard`;
    const noUser = await emu.request<PfsError>('POST', url, { body: {} });
    assert.equal(noUser.status, 401);
    assert.equal(noUser.body.error.innerError?.code, 'AmlUserTokenMissing');
    const viewer = await emu.control.token({ user: 'viewer' });
    const viewerMl = await emu.control.token({ user: 'viewer', audience: 'ml' });
    const denied = await emu.request<PfsError>('POST', url, { body: {}, token: viewer, headers: { 'aml-user-token': viewerMl } });
    assert.equal(denied.status, 403);
    assert.match(denied.body.error.message, /does not have authorization/);
    const badAction = await emu.request<PfsError>('POST', url, { body: { action: 'Explode' }, headers: { 'aml-user-token': emu.mlToken } });
    assert.equal(badAction.status, 400);
    const resetMissing = await emu.request<PfsError>('POST', url, {
      body: { action: 'Reset' },
      headers: { 'aml-user-token': emu.mlToken },
    });
    assert.equal(resetMissing.status, 404);
    // A slow operation (latency on nothing but its own clock) is still running when the second arrives.
    const first = await post(emu, 'guard', { pythonPipRequirements: ['pf-demo-text'] });
    const second = await emu.request<PfsError>('POST', url, { body: { action: 'Reset' }, headers: { 'aml-user-token': emu.mlToken } });
    if (second.status === 409) assert.equal(second.body.error.innerError?.code, 'SessionOperationInProgress');
    else assert.equal(second.status, 202, 'only when the first had already finished');
    await settle(emu, first);
    if (second.status === 202) await settle(emu, String(second.headers['azure-asyncoperation']));
    assert.equal((await emu.request('GET', url, { token: viewer })).status, 404, "another user's session is not disclosed");
    const pools = await emu.request<unknown[]>('GET', `${emu.flowBase}/FlowSessions/standbypools`);
    assert.equal(pools.status, 200);
    assert.ok(Array.isArray(pools.body));
    await act(emu, 'guard', { action: 'Delete' });
  });

  it('fails operations through injected capacity and operation faults', async () => {
    await emu.control.addFault({ kind: 'capacity', path: 'FlowSessions/cap$' });
    const cap = await act(emu, 'cap', { vmSize: 'Standard_D8s_v3' });
    assert.equal(cap.status, 'Failed');
    assert.match(cap.error?.message ?? '', /capacity/i);
    assert.equal((await getSession(emu, 'cap')).status, 404, 'a session that never came up is not left behind');
    assert.ok(!(await emu.control.state()).serverless.some((c) => c.vmSize === 'Standard_D8s_v3' && c.provisioningState === 'Succeeded'));
    await emu.control.addFault({ kind: 'failOperation', path: 'FlowSessions/boom$', message: 'Image pull failed: unauthorized' });
    const boom = await act(emu, 'boom', {});
    assert.equal(boom.status, 'Failed');
    assert.equal(boom.error?.message, 'Image pull failed: unauthorized');
    assert.equal((await act(emu, 'boom', {})).status, 'Succeeded', 'the fault is used up');
    await act(emu, 'boom', { action: 'Delete' });
  });
});
