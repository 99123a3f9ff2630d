// Past prompt flow's read-only date (2027-04-20, by the emulator's clock) the service refuses to create
// sessions, runs and flows, while reading, stopping and deleting still work (docs/azure-contract.md §34).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { act, getSession, settle } from '../../helpers/emulatorSessions';

interface PfsError {
  error: { code: string; message: string; innerError: { code: string } | null };
  statusCode: number;
}

describe('emulator after the retirement date', () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.stop());

  const create = (id: string) =>
    emu.request<PfsError>('POST', `${emu.flowBase}/FlowSessions/${id}`, {
      body: { action: 'Install', pythonPipRequirements: [] },
      headers: { 'aml-user-token': emu.mlToken },
    });
  const submit = (path: 'submit' | 'resume') =>
    emu.request<PfsError>('POST', `${emu.flowBase}/BulkRuns/${path}`, {
      body: { runId: `retired-${path}`, flowDefinitionFilePath: 'flow.dag.yaml' },
      headers: { 'aml-user-token': emu.mlToken },
    });
  const refused = (r: { status: number; body: PfsError; text: string }, what: string) => {
    assert.equal(r.status, 403, `${what}: ${r.text}`);
    assert.equal(r.body.error.code, 'UserError', what);
    assert.equal(r.body.error.innerError?.code, 'PromptFlowRetired', what);
    assert.match(r.body.error.message, /retired and read-only since 2027-04-20/, what);
  };

  it('creates a session the day before, then refuses creating from 00:00 UTC on the date while GET and DELETE work', async () => {
    await emu.control.setClock('2027-04-19T23:30:00Z');
    assert.equal((await act(emu, 'kept', { action: 'Install', pythonPipRequirements: [] })).status, 'Succeeded');
    const flows = await emu.request<PfsError>('POST', `${emu.flowBase}/Flows`, { body: { flowName: 'x' } });
    assert.equal(flows.status, 404, 'before the date flows are not refused (the emulator creates none)');

    await emu.control.setClock('2027-04-20T00:00:00Z');
    refused(await create('fresh'), 'a new session');
    refused(await create('kept'), 'an install into an existing session');
    refused(await submit('submit'), 'a run submit');
    refused(await submit('resume'), 'a run resume');
    refused(await emu.request<PfsError>('POST', `${emu.flowBase}/Flows`, { body: { flowName: 'x' } }), 'a flow');
    assert.equal((await getSession(emu, 'fresh')).status, 404, 'the refused session was not created');
    assert.equal(
      (await emu.control.state()).runs.filter((r) => r.runId.startsWith('retired-')).length,
      0,
      'the refused runs were not created',
    );

    // Reading and deleting still work.
    const kept = await getSession(emu, 'kept');
    assert.equal(kept.status, 200);
    assert.equal(kept.body.properties.sessionId, 'kept');
    const del = await emu.request('DELETE', `${emu.flowBase}/FlowSessions/kept`);
    assert.equal(del.status, 202, del.text);
    assert.equal((await settle(emu, del.headers['azure-asyncoperation'] as string)).status, 'Succeeded');
    assert.equal((await getSession(emu, 'kept')).status, 404);
  });

  it('decides by its own clock: set back before the date, creating works again', async () => {
    await emu.control.setClock('2027-04-19T23:59:00Z');
    const r = await create('again');
    assert.equal(r.status, 202, r.text);
    assert.equal((await settle(emu, r.headers['azure-asyncoperation'] as string)).status, 'Succeeded');
  });

  it('refuses a clock it cannot read', async () => {
    await assert.rejects(emu.control.setClock('tomorrow'), /400.*ISO 8601/);
  });
});
