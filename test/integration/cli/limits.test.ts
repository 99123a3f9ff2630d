// The session verbs' limits, as a user meets them with the built `pfsession` against the emulator: an
// overall --timeout that ends with the session as last read, paths a flow may not reach, what a run
// uploads, and messages that say what to do from a command line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import { CLI, runCli } from '../../helpers/cli';

let fx: Fixture;
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  fx = await startFixture({ azurite: true });
});
after(async () => {
  await fx?.stop();
});

const EN = { LANG: 'en_US.UTF-8', LC_ALL: undefined };
const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(fx, args, { env: { ...EN, ...env } });

test('start past its --timeout exits 124 with the session as last read', async () => {
  const flow = fx.flow('cli-timeout');
  // Every watch of the start's operation is held: the start cannot finish within the limit.
  await fx.control('POST', '/faults', { kind: 'latency', path: '/operations/', count: -1, latencyMs: 20_000 });
  try {
    const r = await cli(['start', flow, '--json', '--timeout', '3s']);
    assert.equal(r.code, 124, r.stdout + r.stderr);
    assert.match(r.stderr, /pfsession start: gave up after 3s \(--timeout\)/);
    const session = JSON.parse(r.stdout) as { state: string; sessionId: string };
    assert.ok(session.sessionId, 'the session the start asked for is named');
    assert.ok(['starting', 'running'].includes(session.state), session.state);
  } finally {
    await fx.control('DELETE', '/faults');
  }
  assert.equal((await cli(['stop', flow, '--json'])).code, 0);
});

test('an emulator that does not answer is named by its variable', async () => {
  const r = await cli(['preflight'], { AZUREML_EMULATOR_ENDPOINT: 'https://127.0.0.1:9' });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /The emulator at https:\/\/127\.0\.0\.1:9 \(AZUREML_EMULATOR_ENDPOINT\) does not answer/);
  assert.doesNotMatch(r.stderr, /proxy|virtual network/);
});

test('a start never sends a requirements file outside the flow, and says why without quoting it', async () => {
  const flow = fx.flow('cli-outside', '', '', { environment: false });
  mkdirSync(join(fx.dir, 'some'), { recursive: true });
  writeFileSync(join(fx.dir, 'some', '.env'), 'API_KEY=abcdSECRET0123456789\n');
  writeFileSync(
    join(flow, 'flow.dag.yaml'),
    'environment:\n  python_requirements_txt: ../../some/.env\ninputs:\n  q:\n    type: string\nnodes: []\n',
  );
  const r = await cli(['start', flow]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /error \(validation\): The requirements file "\.\.\/\.\.\/some\/\.env" leads outside the flow folder/);
  assert.doesNotMatch(r.stdout + r.stderr, /SECRET|abcd/);
  assert.equal(JSON.parse((await cli(['status', flow, '--json'])).stdout).state, 'notStarted', 'nothing was started');
});

test('run submit: a folder for a file says so; what leaves the flow or exceeds the snapshot limits is not uploaded', async () => {
  const flow = fx.flow('cli-upload');
  writeFileSync(join(flow, 'data.jsonl'), '{"q": "hi"}\n');
  const folder = await cli(['run', 'submit', flow]);
  assert.equal(folder.code, 1);
  assert.match(folder.stderr, /is a folder; a file is expected here \(run\.yml\)/);
  assert.doesNotMatch(folder.stderr, /EISDIR/);

  const runYml = join(flow, 'run.yml');
  writeFileSync(runYml, 'flow: .\ndata: data.jsonl\n');
  const flowYaml = join(flow, 'flow.dag.yaml');
  const original = (await import('node:fs')).readFileSync(flowYaml, 'utf8');
  writeFileSync(flowYaml, `additional_includes:\n- /etc/passwd\n${original}`);
  const absolute = await cli(['run', 'submit', runYml]);
  assert.equal(absolute.code, 1, absolute.stdout + absolute.stderr);
  assert.match(absolute.stderr, /additional_includes entry "\/etc\/passwd" is an absolute path; it is not uploaded/);
  assert.doesNotMatch(absolute.stderr, /Uploading/);

  writeFileSync(flowYaml, original);
  writeFileSync(join(flow, 'big.bin'), '');
  truncateSync(join(flow, 'big.bin'), 1024 ** 3);
  const big = await cli(['run', 'submit', runYml]);
  assert.equal(big.code, 1, big.stdout + big.stderr);
  assert.match(big.stderr, /Azure ML takes at most 300 MB in a snapshot/);

  truncateSync(join(flow, 'big.bin'), 0);
  const ok = await cli(['run', 'submit', runYml]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /Uploading 5 file\(s\), [\d.]+ [KB]+, from /, 'the user sees what is uploaded');
  const json = await cli(['run', 'submit', runYml, '--json']);
  assert.equal(json.code, 0, json.stderr);
  assert.equal((JSON.parse(json.stdout) as { uploaded: { files: number } }).uploaded.files, 5);
});

test('throttling that outlasts the retries says to run the command again, not that it will be retried', async () => {
  await fx.control('POST', '/faults', { kind: 'throttle', path: 'workspaces', count: -1, retryAfterSeconds: 1 });
  try {
    const r = await cli(['preflight']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /kept throttling the requests \(HTTP 429\) after every retry/);
    assert.doesNotMatch(r.stdout + r.stderr, /will be retried/);
  } finally {
    await fx.control('DELETE', '/faults');
  }
});
