// The session records: concurrent writers (stores of one process here; processes in the CLI test)
// lose nothing, another user's record is never replaced or dropped, and a drop names the session it
// drops, so a newer record written meanwhile stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BindingStore, type Binding } from '../../../../src/core/session/bindings';

const ws = { subscriptionId: 'sub', resourceGroup: 'rg', workspace: 'ws' };
const record = (i: number, user = 'demo', sessionId = `s${i}`): Binding => ({
  sessionId,
  flowFolder: `/flows/f${i}`,
  flowName: `f${i}`,
  settings: { computeType: 'serverless' },
  user,
});

test('20 stores writing at once lose no record, and leave no temp file or lock behind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pfs-bindings-'));
  const errors = await Promise.all(Array.from({ length: 20 }, (_, i) => new BindingStore(dir, ws).set(record(i))));
  assert.deepEqual(errors, Array<undefined>(20).fill(undefined));
  const all = new BindingStore(dir, ws).all();
  assert.equal(all.length, 20);
  for (let i = 0; i < 20; i++)
    assert.ok(
      all.some((b) => b.sessionId === `s${i}`),
      `record ${i} is kept`,
    );
  assert.deepEqual(
    readdirSync(dir).filter((f) => !f.endsWith('.json')),
    [],
    'no temp file and no lock left',
  );
});

test("another user's record of the same flow is neither replaced nor dropped", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pfs-bindings-'));
  const store = new BindingStore(dir, ws);
  await store.set(record(1, 'demo', 'mine'));
  await store.set(record(1, 'viewer', 'theirs'));
  assert.equal(store.find('/flows/f1', 'demo')?.sessionId, 'mine');
  assert.equal(store.find('/flows/f1', 'viewer')?.sessionId, 'theirs');
  await store.delete('/flows/f1', 'viewer', 'mine');
  assert.equal(store.find('/flows/f1', 'demo')?.sessionId, 'mine', "a drop by another user leaves the owner's record");
  await store.delete('/flows/f1', 'demo', 'older');
  assert.equal(store.find('/flows/f1', 'demo')?.sessionId, 'mine', 'a drop of another session leaves the newer record');
  await store.delete('/flows/f1', 'demo', 'mine');
  assert.equal(store.find('/flows/f1', 'demo'), undefined);
  assert.equal(store.find('/flows/f1', 'viewer')?.sessionId, 'theirs');
});
