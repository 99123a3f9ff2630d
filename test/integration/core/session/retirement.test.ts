// Past prompt flow's read-only date the service refuses to create sessions and runs: the session service
// reports its own error kind, `retired`, with the migration as the fix, and asks once (never retried as a
// transient failure). The emulator's faults count the requests that reach it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { startFixture, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture({ azurite: true });
});
after(async () => {
  await fx?.stop();
});

/** Counts the requests a path receives: a no-delay latency fault uses up one of its count per request. */
async function countRequests(method: string, path: string): Promise<() => Promise<number>> {
  const COUNT = 100;
  const rule = await fx.emu.control.addFault({ kind: 'latency', latencyMs: 1, method, path, count: COUNT });
  return async () => {
    const left = (await fx.emu.control.listFaults()).find((f) => f.id === rule.id)?.count ?? 0;
    await fx.emu.control.clearFaults();
    return COUNT - left;
  };
}

async function retiredFailure(p: Promise<unknown>): Promise<AzureMlError> {
  const e = await p.then(
    () => assert.fail('the service accepted a create past the read-only date'),
    (err: unknown) => err,
  );
  assert.ok(e instanceof AzureMlError, String(e));
  return e;
}

test('a session start past the date fails as retired, with the migration fix, after one request', async () => {
  const flow = fx.flow('retired-start');
  await fx.emu.control.setClock('2027-04-20T00:00:00Z');
  const posts = await countRequests('POST', 'FlowSessions/[^/]+$');
  const e = await retiredFailure(fx.service({ locale: 'en' }).start(flow));
  assert.equal(e.kind, 'retired');
  assert.equal(e.info.code, 'PromptFlowRetired');
  assert.match(e.message, /prompt flow is retired: read-only since 2027-04-20/);
  assert.match(e.info.fix ?? '', /Microsoft Agent Framework: `pfsession migrate plan <flow>` or the command Plan Migration/);
  assert.equal(await posts(), 1, 'the refusal is not retried');
});

test('a run submitted past the date to a session started before it fails as retired, after one request', async () => {
  await fx.emu.control.setClock('2027-04-19T23:30:00Z');
  const flow = fx.flow('retired-run');
  const dir = join(fx.dir, 'runs', 'retired');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'data.jsonl'), '{"question": "hi"}\n');
  const runYml = join(dir, 'run.yml');
  writeFileSync(runYml, `flow: ${flow}\ndata: data.jsonl\ncolumn_mapping:\n  q: \${data.question}\n`);
  const svc = fx.service({ locale: 'ja' });
  const session = (await svc.start(flow)).session;
  assert.equal(session.state, 'running');

  await fx.emu.control.setClock('2027-04-20T00:05:00Z');
  const submits = await countRequests('POST', 'BulkRuns/submit$');
  const e = await retiredFailure(svc.submitRun(runYml));
  assert.equal(e.kind, 'retired');
  assert.match(e.message, /プロンプト フローは提供終了しました: 2027-04-20 から読み取り専用です/);
  assert.match(e.info.fix ?? '', /pfsession migrate plan <フロー>/);
  assert.equal(await submits(), 1, 'the refusal is not retried');

  // Reading and stopping still work past the date.
  assert.equal((await svc.status(flow)).state, 'running');
  const stopped = await svc.stop(flow);
  assert.equal(stopped.sessionId, session.sessionId);
  assert.equal((await svc.status(flow)).state, 'notStarted', 'the stop went through');
});
