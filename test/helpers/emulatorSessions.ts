// Small helpers over the prompt flow session protocol for emulator tests (plain HTTPS, as on the wire).
import assert from 'node:assert/strict';
import { waitFor, type TestEmulator } from './emulator';

export interface OpStatus {
  status: 'InProgress' | 'Succeeded' | 'Failed';
  error?: { code: string; message: string };
}

export interface SessionDto {
  properties: {
    sessionId: string;
    vmSize: string;
    maxIdleTimeSeconds: number;
    existingUserComputeInstanceName: string | null;
    lastAliveTime: string;
    application: {
      image: string;
      pythonPipRequirements: string[];
      setupResults: { command: string; exitCode: number; stdOut: string; stdErr: string }[];
    };
  };
  compute: { name: string; properties: { computeType: string; provisioningState: string } };
}

/** POSTs FlowSessions/{id}; expects 202 and returns the azure-asyncoperation URL. */
export async function post(emu: TestEmulator, id: string, body: unknown, token?: string): Promise<string> {
  const r = await emu.request('POST', `${emu.flowBase}/FlowSessions/${id}`, { body, token, headers: { 'aml-user-token': emu.mlToken } });
  assert.equal(r.status, 202, r.text);
  const url = r.headers['azure-asyncoperation'];
  assert.equal(typeof url, 'string');
  return url as string;
}

/** Polls an operation URL the way the official client does until it leaves InProgress. */
export async function settle(emu: TestEmulator, url: string): Promise<OpStatus> {
  return waitFor(`operation ${url}`, async () => {
    const r = await emu.request<OpStatus>('GET', url);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.status, 'the poll body always carries status');
    return r.body.status === 'InProgress' ? undefined : r.body;
  });
}

export async function act(emu: TestEmulator, id: string, body: unknown): Promise<OpStatus> {
  return settle(emu, await post(emu, id, body));
}

export async function getSession(emu: TestEmulator, id: string): Promise<{ status: number; body: SessionDto }> {
  const r = await emu.request<SessionDto>('GET', `${emu.flowBase}/FlowSessions/${id}`);
  return { status: r.status, body: r.body };
}

export async function packages(emu: TestEmulator, id: string): Promise<string[]> {
  const r = await emu.request<string>('GET', `${emu.flowBase}/FlowSessions/${id}/pipPackages`);
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.body, 'string');
  return r.body.split('\n').filter(Boolean);
}

export async function attachedIdentity(emu: TestEmulator): Promise<string> {
  const ws = await emu.request<{ properties: { primaryUserAssignedIdentity: string } }>(
    'GET',
    `${emu.workspacePath}?api-version=2022-10-01`,
  );
  return ws.body.properties.primaryUserAssignedIdentity;
}
