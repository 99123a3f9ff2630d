// A flow's session is the service's answer, from every front end: the extension's service and the
// built `pfsession` find it the same way (the derived id asked of the service), whatever either
// recorded; concurrent commands lose no record; a stop reports only what the service confirmed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import { CLI, runCli } from '../../helpers/cli';

let fx: Fixture;
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

const freshStateDir = () => mkdtempSync(join(fx.dir, 'fresh-state-'));
const cliIn = (stateDir: string, args: string[], env: Record<string, string | undefined> = {}) =>
  runCli(fx, args, { env: { PFSESSION_STATE_DIR: stateDir, ...env } });
const json = <T = Record<string, unknown>>(r: { code: number; stdout: string; stderr: string }): T => {
  assert.equal(r.code, 0, `${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};
type Operation = { sessionId: string; action: string };
const operationsOf = async (sessionId: string) =>
  (await fx.emu.control.state()).operations.filter((o: Operation) => o.sessionId === sessionId).map((o: Operation) => o.action);

test('a session started in the editor on a compute instance is reported by a fresh shell, which does not recreate it', async () => {
  await fx.emu.control.putComputeInstance('demo-ci', { state: 'Running', assignedUser: 'demo' });
  const flow = fx.flow('editor-ci');
  const editor = fx.service({ stateDir: join(fx.dir, 'editor-state') });
  const started = (await editor.startWithSettings(flow, { computeType: 'computeInstance', computeInstanceName: 'demo-ci' })).session;
  assert.equal(started.computeName, 'demo-ci');
  const opsBefore = await operationsOf(started.sessionId);

  const shell = freshStateDir();
  const status = json<{ sessionId: string; state: string; computeName?: string; settings: { computeType: string } }>(
    await cliIn(shell, ['status', flow, '--json']),
  );
  assert.equal(status.sessionId, started.sessionId, 'the CLI finds the session the editor started');
  assert.equal(status.state, 'running');
  assert.equal(status.computeName, 'demo-ci');
  assert.equal(status.settings.computeType, 'computeInstance');

  const again = json<{ sessionId: string; state: string; computeName?: string }>(await cliIn(freshStateDir(), ['start', flow, '--json']));
  assert.equal(again.sessionId, started.sessionId);
  assert.equal(again.computeName, 'demo-ci', 'a start without settings keeps the compute the session runs on');
  assert.deepEqual(await operationsOf(started.sessionId), opsBefore, 'the CLI asked the service for nothing new');

  const human = await cliIn(freshStateDir(), ['status', flow]);
  assert.match(human.stdout, new RegExp(`session ${started.sessionId}: running`));

  // A change the CLI makes shows in the editor's service on its next read.
  const moved = json<{ settings: { computeType: string } }>(await cliIn(shell, ['settings', flow, '--serverless', '--json']));
  assert.equal(moved.settings.computeType, 'serverless');
  const seen = await editor.status(flow);
  assert.equal(seen.state, 'running');
  assert.equal(seen.settings.computeType, 'serverless', 'the editor reports the settings the CLI gave the session');
  assert.notEqual(seen.computeName, 'demo-ci');
  json(await cliIn(shell, ['stop', flow, '--json']));
  assert.equal((await editor.status(flow)).state, 'notStarted', 'a stop from the CLI shows in the editor');
});

test('20 concurrent starts on 20 flows lose no record: instances and status list every session', async () => {
  const shared = freshStateDir();
  const flows = Array.from({ length: 20 }, (_, i) => fx.flow(`parallel-${i}`));
  const results = await Promise.all(flows.map((f) => cliIn(shared, ['start', f, '--json'])));
  const ids = results.map((r) => json<{ sessionId: string; state: string }>(r)).map((s) => s.sessionId);
  assert.equal(new Set(ids).size, 20);

  const listed = json<{ sessions: { sessionId: string }[] }[]>(await cliIn(shared, ['instances', '--json'])).flatMap((i) =>
    i.sessions.map((s) => s.sessionId),
  );
  for (const id of ids) assert.ok(listed.includes(id), `instances lists session ${id}`);
  // The extension's service, on the same store, lists them too.
  const editorList = (await fx.service({ stateDir: shared }).instances()).flatMap((i) => i.sessions.map((s) => s.sessionId));
  for (const id of ids) assert.ok(editorList.includes(id), `the editor lists session ${id}`);
  const states = await Promise.all(flows.map(async (f) => json<{ state: string }>(await cliIn(shared, ['status', f, '--json'])).state));
  assert.deepEqual(states, Array<string>(20).fill('running'));
});

test('stop says "no session" when there is none, and another user\'s stop drops nothing of the owner', async () => {
  const state = freshStateDir();
  const none = fx.flow('never-started');
  const nothing = await cliIn(state, ['stop', none]);
  assert.equal(nothing.code, 0, nothing.stderr);
  assert.match(nothing.stdout, /No session for .*never-started.*nothing was stopped/);
  assert.doesNotMatch(nothing.stdout, /stopped$/m);
  assert.equal(json<{ noSession?: boolean }>(await cliIn(state, ['stop', none, '--json'])).noSession, true);

  const flow = fx.flow('owned');
  const owner = json<{ sessionId: string }>(await cliIn(state, ['start', flow, '--json']));
  // The viewer's stop on the same state folder: the service has no session of theirs for the flow.
  const other = await cliIn(state, ['stop', flow], { AZUREML_EMULATOR_USER: 'viewer' });
  assert.equal(other.code, 0, other.stderr);
  assert.match(other.stdout, /No session for/);
  const after = json<{ sessionId: string; state: string }>(await cliIn(state, ['status', flow, '--json']));
  assert.equal(after.sessionId, owner.sessionId);
  assert.equal(after.state, 'running', "the owner's session runs on");
  const listed = json<{ sessions: { sessionId: string }[] }[]>(await cliIn(state, ['instances', '--json'])).flatMap((i) =>
    i.sessions.map((s) => s.sessionId),
  );
  assert.ok(listed.includes(owner.sessionId), "the owner's record is kept");

  const stopped = await cliIn(state, ['stop', flow]);
  assert.match(stopped.stdout, new RegExp(`session ${owner.sessionId} stopped`));
  assert.equal(json<{ state: string }>(await cliIn(state, ['status', flow, '--json'])).state, 'notStarted');
});

test('a failed install leaves the session as the service reports it, with the install named as what failed', async () => {
  const flow = fx.flow('bad-install', 'pf-demo-text==1.0.0\n');
  // One store for both front ends: the edited requirements derive another id, and the record names the session.
  const shared = freshStateDir();
  const svc = fx.service({ stateDir: shared });
  const started = (await svc.start(flow)).session;
  writeFileSync(join(flow, 'requirements.txt'), 'pf-demo-text==1.0.0\nno-such-package-anywhere==9.9.9\n');
  const failed = await svc.installRequirements(flow).then(
    () => undefined,
    (e: { info: { message: string } }) => e.info,
  );
  assert.ok(failed, 'the install fails');
  const seen = svc.peek(flow);
  assert.equal(seen?.state, 'running', 'the session itself runs: the service says so');
  assert.equal(seen?.sessionId, started.sessionId);
  assert.equal(seen?.error?.message, failed.message, 'the failed install is what the flow shows');
  const cliStatus = json<{ state: string }>(await cliIn(shared, ['status', flow, '--json']));
  assert.equal(cliStatus.state, seen?.state, 'the CLI and the editor say the same');
});

test('what the read costs: one request per status, and a start reads no more than before', async () => {
  const flow = fx.flow('cost');
  const svc = fx.service({ stateDir: freshStateDir() });
  await svc.status(flow); // the first call of a service also reads the workspace (its discovery URL)
  let before = svc.requestCount;
  assert.equal((await svc.status(flow)).state, 'notStarted');
  assert.equal(svc.requestCount - before, 1, 'a flow with no session: one read of the derived id');
  await svc.start(flow);
  before = svc.requestCount;
  await svc.status(flow);
  assert.equal(svc.requestCount - before, 1, 'a running session: one read');
  before = svc.requestCount;
  await svc.start(flow);
  assert.equal(svc.requestCount - before, 1, 'a start that reuses the running session: the one read it reports');
  await svc.stop(flow);
});
