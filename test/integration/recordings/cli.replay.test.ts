// `pfsession run status` and `run logs` (the built CLI, as shipped) against what real Azure ML answered:
// FlowRunInfo carries no status in any recording, so the status the CLI prints must be run history's.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BULK_RUN,
  RECORDED_GROUP,
  RECORDED_SUBSCRIPTION,
  RECORDED_WORKSPACE,
  RUN_DATA,
  RUN_LOG,
  lastAnswer,
  loadCassettes,
  type Recorded,
} from '../../helpers/recordings';
import { replayToken, startReplayServer, type StandIn } from '../../helpers/replayServer';

const CLI = join(__dirname, '../../../dist/cli.js');
before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first'));

/** The CLI signs in through the token endpoint at its endpoint; here it hands out an unsigned test token. */
const TOKENS: StandIn = (method, endpoint) =>
  method === 'POST' && endpoint === 'POST /_identity/token'
    ? {
        status: 200,
        body: {
          access_token: replayToken({ oid: '11111111-2222-3333-4444-555555555555', upn: 'replay@contoso.com' }),
          expires_on: Math.floor(Date.now() / 1000) + 3600,
        },
      }
    : undefined;

function cli(args: string[], endpoint: string, caFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        AZUREML_EMULATOR_ENDPOINT: endpoint,
        AZUREML_EMULATOR_CA: caFile,
        AZUREML_SUBSCRIPTION_ID: RECORDED_SUBSCRIPTION,
        AZUREML_RESOURCE_GROUP: RECORDED_GROUP,
        AZUREML_WORKSPACE: RECORDED_WORKSPACE,
        PFSESSION_STATE_DIR: mkdtempSync(join(tmpdir(), 'pfs-cli-replay-')),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('run status and run logs print what Azure recorded, for a run of every recorded status', async () => {
  const cassettes = loadCassettes();
  // The service-level replay reads every run; here one process per recorded status (and one log) shows the CLI.
  const statuses = new Set<string>();
  let logged = false;
  let checked = 0;
  for (const c of cassettes) {
    const runs = [...new Set(c.interactions.filter((r) => r.endpoint === RUN_DATA && r.status === 200).map((r) => r.runId!))].filter(
      (id) => {
        const s = (lastAnswer(c, RUN_DATA, id)!.responseJson as { runMetadata: { status: string } }).runMetadata.status;
        const wanted = !statuses.has(s) || (!logged && !!lastAnswer(c, RUN_LOG, id));
        statuses.add(s);
        return wanted;
      },
    );
    if (!runs.length) continue;
    const server = await startReplayServer(c, TOKENS, cassettes);
    const caFile = join(mkdtempSync(join(tmpdir(), 'pfs-cli-ca-')), 'ca.pem');
    writeFileSync(caFile, server.caPem);
    try {
      for (const id of runs) {
        const meta = (lastAnswer(c, RUN_DATA, id)!.responseJson as { runMetadata: { status: string } }).runMetadata;
        assert.ok(!('status' in ((lastAnswer(c, BULK_RUN, id)?.responseJson as object) ?? {})), 'FlowRunInfo has no status');
        const status = await cli(['run', 'status', id, '--json'], server.endpoint, caFile);
        assert.equal(status.code, 0, `${c.name}: ${status.stderr}`);
        assert.equal(JSON.parse(status.stdout).status, meta.status, `${c.name}: run ${id}`);
        const log: Recorded | undefined = logged ? undefined : lastAnswer(c, RUN_LOG, id);
        if (log) {
          logged = true;
          const logs = await cli(['run', 'logs', id, '--json'], server.endpoint, caFile);
          assert.equal(logs.code, 0, `${c.name}: ${logs.stderr}`);
          assert.equal(JSON.parse(logs.stdout), JSON.parse(log.responseText), `${c.name}: logs of ${id}`);
        }
        checked++;
      }
    } finally {
      await server.stop();
    }
  }
  assert.ok(checked > 0 && logged, 'no recorded run was checked');
});
