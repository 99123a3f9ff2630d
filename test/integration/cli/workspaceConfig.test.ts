// The CLI finds its workspace through Azure ML's config.json when no flag or variable names one (the
// built dist/cli.js against the emulator).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import { CLI, runCli, workspaceFlags } from '../../helpers/cli';

let fx: Fixture;
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

const cli = (args: string[], cwd: string) => runCli(fx, args, { cwd, workspaceEnv: false, env: { PFSESSION_VERBOSE: '1' } });

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
  const flagged = await cli(['status', folder, '--json', ...workspaceFlags(fx)], fx.dir);
  assert.equal(flagged.code, 0, flagged.stderr);
  assert.match(flagged.stderr, /from flags/);
});
