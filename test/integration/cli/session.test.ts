// The CLI verbs as a user runs them (the built dist/cli.js, as shipped), against the emulator (its
// endpoint and CA through the environment). `npm test` builds before the unit tests run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';

let fx: Fixture;
const CLI = join(__dirname, '../../../dist/cli.js');
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        AZUREML_EMULATOR_ENDPOINT: fx.emu.endpoint,
        AZUREML_EMULATOR_CA: fx.emu.ca,
        AZUREML_SUBSCRIPTION_ID: fx.emu.subscriptionId,
        AZUREML_RESOURCE_GROUP: fx.emu.resourceGroup,
        AZUREML_WORKSPACE: fx.emu.workspace,
        PFSESSION_STATE_DIR: join(fx.dir, 'cli-state'),
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('start, status, packages, install, stop, preflight and instances with --json', async () => {
  const flow = fx.flow('cli', 'pf-demo-text==1.0.0\n');
  const pre = await cli(['preflight', '--json']);
  assert.equal(pre.code, 0, pre.stderr);
  assert.equal(JSON.parse(pre.stdout).ok, true);

  const start = await cli(['start', flow, '--json']);
  assert.equal(start.code, 0, start.stderr);
  const s = JSON.parse(start.stdout);
  assert.equal(s.state, 'running');

  const status = await cli(['status', flow, '--json']);
  assert.equal(JSON.parse(status.stdout).sessionId, s.sessionId, 'the binding is kept between processes');
  const pk = JSON.parse((await cli(['packages', flow, '--json'])).stdout);
  assert.deepEqual(pk.missing, []);
  assert.equal(JSON.parse((await cli(['install', flow, '--json'])).stdout).state, 'running');
  const inst = JSON.parse((await cli(['instances', '--json'])).stdout);
  assert.ok(inst.some((i: { sessions: { sessionId: string }[] }) => i.sessions.some((x) => x.sessionId === s.sessionId)));
  const human = await cli(['status', flow]);
  assert.match(human.stdout, new RegExp(`session ${s.sessionId}: running`));
  const stop = await cli(['stop', flow, '--json']);
  assert.equal(JSON.parse(stop.stdout).computeDeleted, true);
});

test('bad input: missing workspace, missing folder, unknown run verb', async () => {
  const noWs = await cli(['status', 'x'], { AZUREML_WORKSPACE: '' });
  assert.equal(noWs.code, 2);
  assert.match(noWs.stderr, /--workspace/);
  const missing = await cli(['start', join(fx.dir, 'nowhere'), '--json']);
  assert.equal(missing.code, 1);
  assert.equal(JSON.parse(missing.stdout).error.kind, 'validation');
  const human = await cli(['reset', join(fx.dir, 'nowhere')]);
  assert.match(human.stderr, /error \(validation\): No flow\.dag\.yaml.*\n\s+fix: /);
  assert.equal((await cli(['run', 'frobnicate'])).code, 2);
});
