// Secrets sweep: the built CLI (dist/cli.js) drives the session service against the emulator through
// start, status, install, packages, reset, stop and failing operations, at its most verbose log level,
// with requirements carrying a feed password and the `{private}` feed form. Then every byte it wrote
// (stdout, stderr, its state folder, HOME, the XDG folders and TMPDIR, all pointed into one temp folder)
// is searched for: the emulator's tokens (ready line and token endpoint), any JWT-shaped string (the
// CLI fetches its own tokens, whose exact text only the CLI sees), `aml-user-token` with a value, and
// the feed password.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FEED_PASSWORD, addFeedPassword, addToken, filesUnder, findSecrets } from '../../helpers/secrets.mjs';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

const repoRoot = resolve(__dirname, '..', '..', '..');
const cliPath = join(repoRoot, 'dist', 'cli.js');
const CLI_BOUND_MS = 120_000;

interface CliResult {
  verb: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('secrets sweep over the CLI against the emulator', () => {
  let emu: TestEmulator;
  let sandbox: string;
  let env: NodeJS.ProcessEnv;
  const results: CliResult[] = [];
  const exact = new Map<string, string>();

  /** Runs the CLI asynchronously: the emulator serves from this process, so nothing may block it. */
  const cli = (...args: string[]): Promise<CliResult> =>
    new Promise((resolveRun, reject) => {
      const child = spawn(process.execPath, [cliPath, ...args], { env, cwd: sandbox, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`pfsession ${args.join(' ')} did not finish within ${CLI_BOUND_MS} ms; stderr:\n${stderr.slice(-2000)}`));
      }, CLI_BOUND_MS);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        const r = { verb: args.join(' '), code, stdout, stderr };
        results.push(r);
        resolveRun(r);
      });
    });

  const flow = (name: string, requirements: string): string => {
    const folder = join(sandbox, 'flows', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'flow.dag.yaml'),
      'environment:\n  python_requirements_txt: requirements.txt\ninputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: ${inputs.q}\nnodes: []\n',
    );
    writeFileSync(join(folder, 'requirements.txt'), requirements);
    return folder;
  };

  before(async () => {
    emu = await startTestEmulator();
    sandbox = mkdtempSync(join(tmpdir(), 'pf-secrets-'));
    const dirs = Object.fromEntries(
      ['home', 'state', 'config', 'cache', 'data', 'xdgstate', 'tmp'].map((d) => [d, join(sandbox, 'written', d)]),
    );
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    writeFileSync(join(sandbox, 'ca.pem'), emu.caPem);
    // The control key beside the CA, where the emulator keeps it and the CLI's emulator credential reads it.
    writeFileSync(join(sandbox, 'control.key'), emu.controlKey, { mode: 0o600 });
    env = {
      PATH: process.env.PATH,
      HOME: dirs.home,
      USERPROFILE: dirs.home,
      XDG_CONFIG_HOME: dirs.config,
      XDG_CACHE_HOME: dirs.cache,
      XDG_DATA_HOME: dirs.data,
      XDG_STATE_HOME: dirs.xdgstate,
      TMPDIR: dirs.tmp,
      PFSESSION_STATE_DIR: dirs.state,
      // The CLI's most verbose level: every service log line (trace included) goes to stderr.
      PFSESSION_VERBOSE: '1',
      AZUREML_EMULATOR_ENDPOINT: emu.endpoint,
      AZUREML_EMULATOR_CA: join(sandbox, 'ca.pem'),
      AZUREML_SUBSCRIPTION_ID: emu.subscriptionId,
      AZUREML_RESOURCE_GROUP: emu.resourceGroup,
      AZUREML_WORKSPACE: emu.workspace,
    };
    addToken(exact, emu.token, 'the ARM token from the ready line');
    addToken(exact, emu.mlToken, 'the ML token from the ready line');
    addToken(exact, await emu.control.token({ audience: 'arm' }), 'an ARM token from the token endpoint');
    addToken(exact, await emu.control.token({ audience: 'ml' }), 'an ML token from the token endpoint');
    addToken(exact, emu.controlKey, "the emulator's control key");
    addFeedPassword(exact);
  });

  after(async () => {
    await emu?.stop();
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  it('the sweep finds a planted secret of every kind (it can fail)', () => {
    const [arm] = [...exact.keys()];
    assert.deepEqual(findSecrets(`x ${arm} y`, exact).slice(0, 2), [
      'the ARM token from the ready line',
      'the signature of the ARM token from the ready line',
    ]);
    assert.ok(
      findSecrets(`Authorization: Bearer ${arm.slice(0, -3)}`, exact).some((h) => h.startsWith('a JWT-shaped token')),
      'a cut token is still caught',
    );
    assert.deepEqual(findSecrets(`-i https://user:${FEED_PASSWORD}@pkgs.dev.azure.com/x`, exact), ['the feed password']);
    assert.deepEqual(findSecrets('{"aml-user-token": "abcdefgh12345678"}', exact), ['an aml-user-token value (16 chars)']);
    assert.deepEqual(findSecrets('aml-user-token: ***', exact), []);
    assert.deepEqual(findSecrets('-i https://user:****@pkgs.dev.azure.com/x and https://{private}@pkgs', exact), []);
  });

  it('start, status, install, packages, reset, stop and failing operations leak nothing', async () => {
    const feedLine = `-i https://user:${FEED_PASSWORD}@pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/`;
    const a = flow('with-password', `${feedLine}\n`);
    const b = flow('with-private', '-i https://{private}@pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/\nsomepackage==1.0\n');
    const c = flow('never-started', 'requests\n');

    // A feed needs a user-assigned identity on the session (S9); the demo seed attaches pf-demo-uai.
    const identity = `/subscriptions/${emu.subscriptionId}/resourceGroups/${emu.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pf-demo-uai`;
    const started = await cli('start', a, '--identity', identity, '--json');
    assert.equal(started.code, 0, `start failed: ${started.stdout.slice(-500)} ${started.stderr.slice(-500)}`);
    await cli('status', a, '--json');
    await cli('install', a);
    await cli('packages', a, '--json');
    await cli('reset', a);
    const stopped = await cli('stop', a, '--json');
    assert.equal(stopped.code, 0, `stop failed: ${stopped.stdout.slice(-500)} ${stopped.stderr.slice(-500)}`);
    // Failing operations: a private feed without an identity, an install without a session, a bad token.
    const priv = await cli('start', b);
    assert.equal(priv.code, 1, 'a private feed without an identity fails');
    const unbound = await cli('install', c);
    assert.equal(unbound.code, 1);
    await emu.control.expireTokens();
    await cli('status', a);
    await cli('preflight');
    await cli('instances', '--json');

    // The CLI really ran at the verbose level and touched the secrets' neighbourhood.
    const allStderr = results.map((r) => r.stderr).join('\n');
    assert.match(allStderr, /\[(trace|debug|info)\]/, 'verbose logging is on');
    assert.match(
      results.map((r) => r.stdout + r.stderr).join('\n'),
      /pkgs\.dev\.azure\.com/,
      'the feed URL appears (redacted), so the password had a chance to leak',
    );

    const leaks: string[] = [];
    for (const r of results) {
      for (const [stream, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const)
        for (const h of findSecrets(text, exact)) leaks.push(`${h} in ${stream} of "pfsession ${r.verb}"`);
    }
    const written = filesUnder(join(sandbox, 'written'));
    assert.ok(
      written.some((f) => f.includes(join('written', 'state'))),
      `the CLI wrote its state folder (files: ${written.join(', ')})`,
    );
    for (const f of written)
      for (const h of findSecrets(readFileSync(f, 'latin1'), exact)) leaks.push(`${h} in ${f.slice(sandbox.length)}`);
    assert.deepEqual(leaks, []);
  });
});
