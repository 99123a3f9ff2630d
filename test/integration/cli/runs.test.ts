// The run verbs as a user runs them (the built dist/cli.js) against the emulator with Azurite: submit says
// where the run went when run.yml asks for other resources than the flow's session has, status comes from
// run history, and the run list shows this user's runs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../helpers/emulator';
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

const cli = (args: string[]) => runCli(fx, args);

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

test('run cancel prints the status run history has after the request, not "cancelled"', async () => {
  const flow = fx.flow('cli-cancel');
  writeFileSync(join(flow, 'data.jsonl'), '{"q": "hi"}\n');
  const runYml = join(flow, 'run.yml');
  writeFileSync(runYml, 'flow: .\ndata: data.jsonl\n');
  const submitted = await cli(['run', 'submit', runYml, '--json']);
  assert.equal(submitted.code, 0, submitted.stderr);
  const { runId } = JSON.parse(submitted.stdout) as { runId: string };
  const cancel = await cli(['run', 'cancel', runId]);
  assert.equal(cancel.code, 0, cancel.stderr);
  const shown = /^run (\S+): cancel requested; run history says (\w+)$/m.exec(cancel.stdout);
  assert.ok(shown, cancel.stdout);
  assert.equal(shown[1], runId);
  const final = await waitFor('the run ended', async () => {
    const s = (JSON.parse((await cli(['run', 'status', runId, '--json'])).stdout) as { status: string }).status;
    return ['Completed', 'Failed', 'Canceled'].includes(s) ? s : undefined;
  });
  // What the cancel printed is a status the run went through on its way to the end it reached.
  assert.ok(final === 'Canceled' ? ['CancelRequested', 'Canceled'].includes(shown[2]) : shown[2] !== 'Canceled', `${shown[2]} → ${final}`);
  assert.equal((await cli(['stop', flow])).code, 0);
});

test('run status labels what it shows: the display name as "display name", the flow folder as "flow"', async () => {
  const flow = fx.flow('cli-labels');
  writeFileSync(join(flow, 'data.jsonl'), '{"q": "hi"}\n');
  const runYml = join(flow, 'run.yml');
  writeFileSync(runYml, 'flow: .\ndata: data.jsonl\ndisplay_name: nightly check\n');
  const submitted = await cli(['run', 'submit', runYml, '--json']);
  assert.equal(submitted.code, 0, submitted.stderr);
  const { runId } = JSON.parse(submitted.stdout) as { runId: string };
  const status = await cli(['run', 'status', runId]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /^ {2}display name: nightly check$/m);
  assert.match(status.stdout, /^ {2}flow: cli-labels$/m, 'the flow is the flow folder the run uploaded');
  assert.doesNotMatch(status.stdout, /flow: nightly check/);
  const ja = await cli(['run', 'status', runId, '--locale', 'ja']);
  assert.match(ja.stdout, /^ {2}表示名: nightly check$/m);
  await cli(['run', 'cancel', runId]);
  assert.equal((await cli(['stop', flow])).code, 0);
});

test('run outputs prints each line of a run, and --json one object per line; an unknown run fails with exit 1', async () => {
  const flow = fx.flow('cli-outputs');
  const questions = Array.from({ length: 30 }, (_, i) => `質問 ${i}`);
  writeFileSync(join(flow, 'data.jsonl'), questions.map((q) => JSON.stringify({ q })).join('\n') + '\n');
  const runYml = join(flow, 'run.yml');
  writeFileSync(runYml, 'flow: .\ndata: data.jsonl\ncolumn_mapping:\n  q: ${data.q}\n');
  const submitted = await cli(['run', 'submit', runYml, '--json']);
  assert.equal(submitted.code, 0, submitted.stderr);
  const { runId } = JSON.parse(submitted.stdout) as { runId: string };
  const svc = fx.service();
  assert.equal((await svc.waitForRun(runId)).status, 'Completed');
  // What the session service reads for the run is what the CLI prints, in both forms.
  const lines = await svc.runOutputs(runId);
  assert.equal(lines.length, 30, 'two pages of lines');

  const json = await cli(['run', 'outputs', runId, '--json']);
  assert.equal(json.code, 0, json.stderr);
  const objects = json.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    objects,
    lines.map((l) => ({
      index: l.index,
      status: l.status,
      inputs: l.inputs,
      outputs: l.outputs,
      error: l.error ?? null,
      duration: l.durationSeconds ?? null,
      tokens: l.tokens ?? null,
    })),
  );
  assert.deepEqual(
    objects.map((o) => o.inputs),
    questions.map((q) => ({ q })),
  );

  const text = await cli(['run', 'outputs', runId]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^run ${runId}: 30 line\\(s\\)$`, 'm'));
  for (const l of lines) {
    assert.match(text.stdout, new RegExp(`^line ${l.index}: ${l.status}`, 'm'));
    assert.match(text.stdout, new RegExp(`^ {2}inputs {3}q: 質問 ${l.index}$`, 'm'));
  }
  const ja = await cli(['run', 'outputs', runId, '--locale', 'ja']);
  assert.match(ja.stdout, /^行 29: Completed/m);
  assert.match(ja.stdout, /^ {2}入力 {4}q: 質問 29$/m);

  const unknown = await cli(['run', 'outputs', 'no-such-run']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^error \(notFound\): /m);
  const usage = await cli(['run', 'outputs']);
  assert.equal(usage.code, 2, usage.stderr);
  const help = await cli(['run', '--help']);
  assert.match(help.stdout, /outputs <run id>/);
  assert.equal((await cli(['stop', flow])).code, 0);
});

test('the web-summary sample runs offline on the emulator: each line is the first words of its page', async () => {
  // The sample `npm start` opens: its pages are data: URLs, so a run needs no network and a user sees outputs.
  const sample = join(__dirname, '../../fixtures/samples/web-summary');
  const dir = fx.flow('sample-web-summary');
  cpSync(sample, dir, { recursive: true });
  const submitted = await cli(['run', 'submit', join(dir, 'run.yml'), '--json']);
  assert.equal(submitted.code, 0, submitted.stderr);
  const { runId } = JSON.parse(submitted.stdout) as { runId: string };
  const svc = fx.service();
  const ended = await svc.waitForRun(runId);
  assert.equal(ended.status, 'Completed', ended.error);
  const pages = readFileSync(join(sample, 'data.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => decodeURIComponent((JSON.parse(l) as { url: string }).url.split(',').slice(1).join(',')));
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
  const lines = await svc.runOutputs(runId);
  assert.deepEqual(
    lines.map((l) => [l.status, l.outputs]),
    pages.map((p) => ['Completed', { summary: text(p).slice(0, 40).join(' '), words: text(p).length }]),
  );
  assert.equal((await cli(['stop', dir])).code, 0);
});
