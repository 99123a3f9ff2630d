// The run verbs as a user runs them (the built dist/cli.js) against the emulator with Azurite: submit says
// where the run went when run.yml asks for other resources than the flow's session has, status comes from
// run history, and the run list shows this user's runs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../helpers/emulator';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';

let fx: Fixture;
const CLI = join(__dirname, '../../../dist/cli.js');
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  fx = await startFixture({ azurite: true });
});
after(async () => {
  await fx?.stop();
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('run submit says why the run left the flow session; run status and run list read run history and the index', async () => {
  const flow = fx.flow('cli-runs');
  writeFileSync(join(flow, 'data.jsonl'), '{"q": "hi"}\n');
  const runYml = join(flow, 'run.yml');
  writeFileSync(runYml, 'flow: .\ndata: data.jsonl\nresources:\n  instance_type: Standard_D4s_v3\n');
  const started = await cli(['start', flow, '--compute-instance', 'demo-ci', '--json']);
  assert.equal(started.code, 0, started.stderr);
  const session = JSON.parse(started.stdout) as { sessionId: string };

  const submitted = await cli(['run', 'submit', runYml, '--json']);
  assert.equal(submitted.code, 0, submitted.stderr);
  const r = JSON.parse(submitted.stdout) as { runId: string; sessionId: string; notice?: string; run?: { status: string } };
  assert.notEqual(r.sessionId, session.sessionId, 'the run did not go to the session on demo-ci');
  assert.match(submitted.stderr, /Standard_D4s_v3.*demo-ci|demo-ci.*Standard_D4s_v3/s, 'the CLI says where the run went and why');
  assert.equal(r.notice && submitted.stderr.includes(r.notice), true);
  assert.ok(r.run?.status, 'the submit reports the status read back');

  const done = await waitFor('the run done', async () => {
    const s = await cli(['run', 'status', r.runId, '--json']);
    const status = (JSON.parse(s.stdout) as { status: string }).status;
    return ['Completed', 'Failed', 'Canceled'].includes(status) ? status : undefined;
  });
  assert.equal(done, 'Completed');
  const list = await cli(['run', 'list', '--json']);
  assert.equal(list.code, 0, list.stderr);
  const runs = JSON.parse(list.stdout) as { runId: string; status: string }[];
  assert.equal(runs.find((x) => x.runId === r.runId)?.status, 'Completed');
  assert.equal((await cli(['stop', flow, '--json'])).code, 0);
});
