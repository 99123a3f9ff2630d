// The CLI finds its workspace through Azure ML's config.json when no flag or variable names one (the
// built dist/cli.js against the emulator).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AZUREML_EMULATOR_ENDPOINT: fx.emu.endpoint,
      AZUREML_EMULATOR_CA: fx.emu.ca,
      PFSESSION_STATE_DIR: join(fx.dir, 'cli-state'),
      PFSESSION_VERBOSE: '1',
    };
    for (const v of ['AZUREML_SUBSCRIPTION_ID', 'AZUREML_RESOURCE_GROUP', 'AZUREML_WORKSPACE']) delete env[v];
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('a config.json in a parent of the flow folder names the workspace', async () => {
  const flow = fx.flow('configured');
  const config = join(dirname(flow), '.azureml', 'config.json');
  mkdirSync(dirname(config), { recursive: true });
  writeFileSync(
    config,
    JSON.stringify({ subscription_id: fx.emu.subscriptionId, resource_group: fx.emu.resourceGroup, workspace_name: fx.emu.workspace }),
  );
  const r = await cli(['status', flow, '--json'], fx.dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).state, 'notStarted');
  assert.ok(r.stderr.includes(`workspace ${fx.emu.workspace} from ${config}`), r.stderr);
  // Verbs without a folder look from the current one.
  const pre = await cli(['preflight', '--json'], flow);
  assert.equal(pre.code, 0, pre.stderr);
  assert.equal(JSON.parse(pre.stdout).workspace.workspace, fx.emu.workspace);
});

test('a flag or variable wins over config.json; a config that names no workspace is a usage error', async () => {
  const folder = join(fx.dir, 'elsewhere', 'flow');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'config.json'), JSON.stringify({ subscription_id: fx.emu.subscriptionId }));
  const bad = await cli(['status', folder], fx.dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /config\.json has no resource_group, workspace_name\. Name the workspace with --subscription/);
  const flagged = await cli(
    [
      'status',
      folder,
      '--json',
      '--subscription',
      fx.emu.subscriptionId,
      '--resource-group',
      fx.emu.resourceGroup,
      '--workspace',
      fx.emu.workspace,
    ],
    fx.dir,
  );
  assert.equal(flagged.code, 0, flagged.stderr);
  assert.match(flagged.stderr, /from flags/);
});
