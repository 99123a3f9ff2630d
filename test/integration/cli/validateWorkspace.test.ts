// `pfsession validate --workspace-aware` as CI runs it (the built dist/cli.js) against the emulator: the
// workspace's connections, deployments and tools are read once and the editor's workspace checks run;
// the language server given the same workspace data publishes exactly what the CLI reports.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import { CLI, runCli, workspaceFlags } from '../../helpers/cli';
import { fixtures, workspaceFixture } from '../../helpers/validation';
import { LspTestClient, uriOf } from '../../helpers/lspClient';
import { WorkspaceFactsRequest } from '../../../src/shared/protocol';
import { unmaskedSecrets } from '../../../src/core/redact';

let fx: Fixture;
const FLOW = join(fixtures, workspaceFixture.flow);
const RUN = join(fixtures, workspaceFixture.run);

before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

interface Finding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}

const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli(fx, ['validate', ...args], { cwd: fixtures, workspaceEnv: false, env });

const codes = (list: Finding[]) => list.map((f) => `${f.range.start.line}:${f.code}`);

test('reads the workspace data once and reports what the workspace lacks', async () => {
  const r = await cli(['--workspace-aware', '--json', ...workspaceFlags(fx), FLOW, RUN], { PFSESSION_VERBOSE: '1' });
  assert.equal(r.code, 1, r.stderr);
  const found = JSON.parse(r.stdout) as Finding[];
  const flow = found.filter((f) => f.file === FLOW);
  assert.deepEqual(codes(flow), workspaceFixture.flowCodes);
  assert.match(flow[0].message, /connection "azure_open_ai_connection" has no deployment "gpt-35-turbo-16k"\. Its deployments: .*"gpt-4o"/);
  assert.match(
    flow[1].message,
    /^Workspace "pf-demo-ws" has no connection "azure_open_ai_connection_111"\. Did you mean "azure_open_ai_connection"/,
  );
  assert.deepEqual(codes(found.filter((f) => f.file === RUN)), workspaceFixture.runCodes);
  // One read of each part for the whole run.
  const reads = (re: RegExp) => r.stderr.split('\n').filter((l) => re.test(l)).length;
  assert.equal(reads(/ GET \S+\/connections → 200/), 1, r.stderr);
  assert.equal(reads(/ GET \S+\/Tools\/packageTools → 200/), 1, r.stderr);
  assert.deepEqual(unmaskedSecrets(r.stdout + r.stderr), []);
});

test('the text format names the workspace the checks used', async () => {
  const r = await cli(['--workspace-aware', ...workspaceFlags(fx), FLOW]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^Checked against workspace pf-demo-rg\/pf-demo-ws \(data read \d{4}-\d\d-\d\dT/);
  assert.match(r.stdout, /dag-workspace\/flow\.dag\.yaml:26:15: error PF1040: Workspace "pf-demo-ws" has no connection/);
});

test('without --workspace-aware no workspace check runs; the Azure ML flags alone are a usage error', async () => {
  const r = await cli(['--json', FLOW]);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(codes(JSON.parse(r.stdout) as Finding[]), workspaceFixture.flowCodesOffline);
  const misuse = await cli(['--workspace', fx.emu.workspace, FLOW]);
  assert.equal(misuse.code, 2);
  assert.match(misuse.stderr, /--workspace names the Azure ML workspace of --workspace-aware checks; add --workspace-aware/);
});

test('a workspace that cannot be read fails the run with exit 2 and says why, rather than passing unchecked', async () => {
  const unreachable = await cli(['--workspace-aware', ...workspaceFlags(fx), FLOW], { AZUREML_EMULATOR_ENDPOINT: 'https://127.0.0.1:9' });
  assert.equal(unreachable.code, 2, unreachable.stdout);
  assert.match(unreachable.stderr, /^pfsession validate: --workspace-aware: Signing in to Azure failed: connect ECONNREFUSED/m);
  assert.equal(unreachable.stdout, '');
  const none = await cli(['--workspace-aware', FLOW]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Choose the workspace: --subscription, --resource-group and --workspace/);
});

test('the language server given the same workspace data publishes what the CLI reports', async () => {
  const r = await cli(['--workspace-aware', '--json', ...workspaceFlags(fx), FLOW]);
  const fromCli = (JSON.parse(r.stdout) as Finding[]).map(({ range, severity, code, message }) => ({ range, severity, code, message }));
  const svc = fx.service();
  const facts = await svc.workspaceFacts({ refresh: true });
  const client = await LspTestClient.start({ rootPath: fixtures });
  try {
    const uri = uriOf(FLOW);
    await client.open(uri, readFileSync(FLOW, 'utf8'));
    // The data arrives after the file is open: the server checks the file again with it.
    const next = client.diagnostics(uri, 10_000, (p) => p.diagnostics.some((d) => d.code === 'PF1040'));
    await client.request(WorkspaceFactsRequest, { facts });
    const published = (await next).diagnostics;
    const severity = ['', 'error', 'warning', 'information', 'hint'];
    assert.deepEqual(
      published.map((d) => ({ range: d.range, severity: severity[d.severity ?? 1], code: d.code, message: d.message })),
      fromCli,
    );
    // Signed out: the data is taken away and the workspace checks go with it.
    const cleared = client.diagnostics(uri, 10_000, (p) => !p.diagnostics.some((d) => d.code === 'PF1040'));
    await client.request(WorkspaceFactsRequest, { facts: null });
    assert.deepEqual(
      (await cleared).diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`),
      workspaceFixture.flowCodesOffline,
    );
  } finally {
    await client.stop();
  }
});
