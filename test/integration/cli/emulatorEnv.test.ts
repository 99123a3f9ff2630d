// `pfsession emulator --env` as a user runs it (the built dist/cli.js): the lines it prints, evaluated by
// a real shell, point the session verbs at the emulator running on the data folder; without a running
// emulator it says how to start one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { CLI } from '../../helpers/cli';

let emu: TestEmulator;
let home: string;
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  home = mkdtempSync(join(tmpdir(), 'pfs-env-'));
  // A data folder whose path a shell would split or end early if it were not quoted.
  const dataDir = join(home, "emu data 'quoted'");
  mkdirSync(dataDir);
  emu = await startTestEmulator({ dataDir, keepData: true });
});
after(async () => {
  await emu?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** A shell command run with none of the emulator's or workspace's variables set. */
function sh(script: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AZUREML_') && !k.startsWith('PFSESSION_')));
  return new Promise((done) =>
    execFile(
      'sh',
      ['-c', script],
      { env: { ...clean, PFSESSION_STATE_DIR: join(home, 'state'), LANG: 'C', ...env } },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const pfs = `${q(process.execPath)} ${q(CLI)}`;

test('the exports, evaluated by sh, point the session verbs at the running emulator', async () => {
  const env = await sh(`${pfs} emulator --env --data-dir ${q(emu.dataDir)}`);
  assert.equal(env.code, 0, env.stderr);
  assert.match(env.stdout, /^export AZUREML_EMULATOR_ENDPOINT='https:\/\/127\.0\.0\.1:\d+'$/m);
  assert.equal(env.stdout.trim().split('\n').length, 5, env.stdout);
  assert.ok(!env.stdout.includes(emu.controlKey) && !env.stdout.includes(emu.token), 'no key and no token in the exports');

  const run = await sh(
    `eval "$(${pfs} emulator --env --data-dir ${q(emu.dataDir)})" && printf '%s\\n' "$AZUREML_EMULATOR_CA" "$AZUREML_WORKSPACE" && ${pfs} preflight --json`,
  );
  assert.equal(run.code, 0, run.stderr);
  const [ca, workspace, ...json] = run.stdout.split('\n');
  assert.equal(ca, emu.ca, 'the CA path survives the quoting');
  assert.equal(workspace, emu.workspace);
  const report = JSON.parse(json.join('\n')) as { ok: boolean; checks: unknown[] };
  assert.equal(report.ok, true, 'the CLI reached the emulator and its workspace');
  assert.ok(report.checks.length > 0);
});

test('fish and PowerShell get their own syntax', async () => {
  const fish = await sh(`${pfs} emulator --env --shell fish --data-dir ${q(emu.dataDir)}`);
  assert.equal(fish.code, 0, fish.stderr);
  assert.match(fish.stdout, /^set -gx AZUREML_EMULATOR_CA '.*emu data \\'quoted\\'.*ca\.pem'$/m);
  const ps = await sh(`${pfs} emulator --env --shell powershell --data-dir ${q(emu.dataDir)}`);
  assert.match(ps.stdout, /^\$env:AZUREML_EMULATOR_CA = '.*emu data ''quoted''.*ca\.pem'$/m);
  assert.match(ps.stdout, new RegExp(`^\\$env:AZUREML_SUBSCRIPTION_ID = '${emu.subscriptionId}'$`, 'm'));
});

test('no emulator on the folder, or one that ended: a message that says how to start one, exit 1', async () => {
  const empty = join(home, 'empty');
  const none = await sh(`${pfs} emulator --env --data-dir ${q(empty)}`);
  assert.equal(none.code, 1);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /No emulator is running on .*empty\. Start one there with `pfsession emulator --data-dir /);

  // The ready.json of an emulator whose process is gone (a pid no process has).
  const ended = join(home, 'ended');
  mkdirSync(ended);
  writeFileSync(join(ended, 'ready.json'), JSON.stringify({ ready: true, endpoint: 'https://127.0.0.1:1', ca: 'x', pid: 2 ** 22 + 1 }));
  const gone = await sh(`${pfs} emulator --env --data-dir ${q(ended)}`);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /\(process 4194305\) has ended/);
  const ja = await sh(`${pfs} emulator --env --data-dir ${q(empty)}`, { LANG: 'ja_JP.UTF-8' });
  assert.match(ja.stderr, /実行中のエミュレーターはありません/);

  const mixed = await sh(`${pfs} emulator --env --port 8123`);
  assert.equal(mixed.code, 2);
  assert.match(mixed.stderr, /--env .* only --data-dir and --shell/);
  assert.equal((await sh(`${pfs} emulator --shell fish`)).code, 2);
  assert.equal((await sh(`${pfs} emulator --env --shell tcsh`)).code, 2);
});
