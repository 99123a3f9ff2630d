// The CLI verbs as a user runs them (the built dist/cli.js, as shipped), against the emulator (its
// endpoint and CA through the environment). `npm test` builds before the unit tests run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import { CLI, runCli } from '../../helpers/cli';

let fx: Fixture;
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  // Azurite too: `run submit` uploads the flow.
  fx = await startFixture({ azurite: true });
});
after(async () => {
  await fx?.stop();
});

const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(fx, args, { env });

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

test('every verb prints lines and tables for a person without --json', async () => {
  const flow = fx.flow('cli-human', 'pf-demo-text==1.0.0\n');
  assert.equal((await cli(['start', flow, '--idle-minutes', '45'])).code, 0);
  const status = await cli(['status', flow]);
  assert.equal(status.code, 0, status.stderr);
  assert.doesNotMatch(status.stdout, /^\s*[{[]/m, 'no raw JSON');
  assert.match(status.stdout, /VM size: +Standard_D4s_v3/);
  assert.match(status.stdout, /idle deadline: +\S+ \(in 4[45] min\)/);
  assert.match(status.stdout, /Python: +3\.\d+\.\d+/);
  assert.match(status.stdout, /identity: +the user's identity/);

  writeFileSync(join(flow, 'requirements.txt'), 'pf-demo-text==1.1.0\npf-private-lib\n');
  const pk = await cli(['packages', flow]);
  assert.equal(pk.code, 0, pk.stderr);
  assert.match(pk.stdout, /^PACKAGE +INSTALLED +REQUIRED +STATUS$/m);
  assert.match(pk.stdout, /^pf-demo-text +1\.0\.0 +==1\.1\.0 +different$/m, 'each installed package with its version and mark');
  assert.match(pk.stdout, /^pf-private-lib +— +any +missing$/m);
  assert.match(pk.stdout, /^promptflow +\d[\w.]* +extra$/m);
  assert.match(pk.stdout, /requirements: .*requirements\.txt/);

  const inst = await cli(['instances']);
  assert.equal(inst.code, 0, inst.stderr);
  assert.match(inst.stdout, /^NAME +TYPE +VM SIZE +STATE +IDLE LEFT +SESSIONS +RUNS$/m);
  assert.match(inst.stdout, /^serverless-\w+ +serverless +Standard_D4s_v3 /m);
  assert.match(inst.stdout, /session cli-human \(\w+\): running/);
  assert.doesNotMatch(inst.stdout, /^\s*[{[]/m);

  const stop = await cli(['stop', flow]);
  assert.equal(stop.code, 0, stop.stderr);
  assert.match(stop.stdout, /^session \w+ stopped\nNo session remained on serverless-\w+, so the serverless compute was deleted too\.$/m);
});

test('in a Japanese locale the session verbs print Japanese lines, states and headings; --locale decides over the environment', async () => {
  const flow = fx.flow('cli-ja', 'pf-demo-text==1.0.0\n');
  const ja = { LANG: 'ja_JP.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined };
  const start = await cli(['start', flow], ja);
  assert.equal(start.code, 0, start.stderr);
  assert.match(start.stderr, /^ {2}開始 \d+:\d\d セッションを要求しています$/m, 'progress lines name the phase in Japanese');

  const status = await cli(['status', flow], ja);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /^セッション \w+: 実行中$/m, 'the state is said in Japanese');
  assert.match(status.stdout, /^ {2}VM サイズ: +Standard_D4s_v3$/m);
  assert.match(status.stdout, /^ {2}ID: +ユーザーの ID$/m);
  assert.match(status.stdout, /^ {2}設定: +サーバーレス · サービスの既定 · ユーザーの ID$/m);

  const pk = await cli(['packages', flow], ja);
  assert.equal(pk.code, 0, pk.stderr);
  assert.match(pk.stdout, /^パッケージ +インストール済み +要件 +状態$/m);
  assert.match(pk.stdout, /^pf-demo-text +1\.0\.0 +OK$/m);
  // Columns line up as a terminal shows them: wide characters take two columns.
  const [head, row] = pk.stdout.split('\n').filter((l) => /^(パッケージ|pf-demo-text) /.test(l));
  assert.equal(columnOf(head, 'インストール済み'), columnOf(row, '1.0.0'));

  const inst = await cli(['instances'], ja);
  assert.equal(inst.code, 0, inst.stderr);
  assert.match(inst.stdout, /^名前 +種類 +VM サイズ +状態 +アイドル残り +セッション +実行$/m);
  assert.match(inst.stdout, /^ {2}セッション cli-ja \(\w+\): 実行中$/m);

  const pre = await cli(['preflight'], ja);
  assert.equal(pre.code, 0, pre.stderr);
  assert.match(pre.stdout, /^合格 +AzureML データ サイエンティスト ロール$/m);

  const both = await cli(['settings', flow, '--identity', '/x', '--user-identity'], ja);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /どちらか一方/);

  // --locale wins over the environment, both ways; a language the product does not speak is a usage error.
  const en = await cli(['status', flow, '--locale', 'en'], ja);
  assert.match(en.stdout, /^session \w+: running$/m);
  assert.match(en.stdout, /^ {2}identity: +the user's identity$/m);
  const jaFlag = await cli(['status', flow, '--locale', 'ja'], { LANG: 'en_US.UTF-8' });
  assert.match(jaFlag.stdout, /^セッション \w+: 実行中$/m);
  const fr = await cli(['status', flow, '--locale', 'fr'], ja);
  assert.equal(fr.code, 2);
  assert.match(fr.stderr, /--locale/);

  const stop = await cli(['stop', flow], ja);
  assert.equal(stop.code, 0, stop.stderr);
  assert.match(
    stop.stdout,
    /^セッション \w+ を停止しました\nserverless-\w+ にセッションが残っていないため、サーバーレス コンピューティングも削除されました。$/m,
  );
});

/** The terminal column a text starts at in a line (wide characters take two). */
function columnOf(line: string, text: string): number {
  return [...line.slice(0, line.indexOf(text))].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
}

test('stop exits 1 and names the session when the service still has it after the delete', async () => {
  const flow = fx.flow('cli-stop-kept');
  const start = await cli(['start', flow, '--json']);
  assert.equal(start.code, 0, start.stderr);
  const { sessionId } = JSON.parse(start.stdout) as { sessionId: string };
  await fx.control('POST', '/faults', { kind: 'keepSession', path: `FlowSessions/${sessionId}$`, count: 1 });
  const kept = await cli(['stop', flow]);
  assert.equal(kept.code, 1, kept.stdout);
  assert.doesNotMatch(kept.stdout, /stopped/);
  assert.match(
    kept.stderr,
    new RegExp(`^error \\(unknown\\): .*session ${sessionId}, but it still reports the session\\.\\n\\s+fix: .*stop it again`, 'm'),
  );
  assert.match((await cli(['status', flow])).stdout, new RegExp(`session ${sessionId}: running`));
  const stop = await cli(['stop', flow]);
  assert.equal(stop.code, 0, stop.stderr);
  assert.match(stop.stdout, new RegExp(`^session ${sessionId} stopped`));
});

test('settings changes the VM size of a running session, and status reads it back', async () => {
  const flow = fx.flow('cli-settings');
  assert.equal((await cli(['start', flow])).code, 0);
  const shown = await cli(['settings', flow]);
  assert.match(shown.stdout, /settings: +serverless · service default · the user's identity/);
  const changed = await cli(['settings', flow, '--vm-size', 'Standard_D2s_v3', '--json']);
  assert.equal(changed.code, 0, changed.stderr);
  assert.equal(JSON.parse(changed.stdout).vmSize, 'Standard_D2s_v3');
  const st = JSON.parse((await cli(['status', flow, '--json'])).stdout);
  assert.equal(st.vmSize, 'Standard_D2s_v3', 'what the service runs');
  assert.equal(st.settings.vmSize, 'Standard_D2s_v3');
  // A start that asks for other settings applies them too: it never exits 0 keeping the old ones.
  const start = await cli(['start', flow, '--vm-size', 'Standard_D4s_v3', '--json']);
  assert.equal(start.code, 0, start.stderr);
  assert.equal(JSON.parse(start.stdout).vmSize, 'Standard_D4s_v3');
  assert.equal((await cli(['settings', flow, '--identity', 'x', '--user-identity'])).code, 2);
  assert.equal((await cli(['stop', flow])).code, 0);
});

test('a VM size too small is a VM size error, not an identity error', async () => {
  const flow = fx.flow('cli-b2s');
  const r = await cli(['start', flow, '--vm-size', 'Standard_B2s']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error \(validation\): .*Standard_B2s/m);
  assert.doesNotMatch(r.stderr, /identity/i);
});

test('preflight: cannot tell is a non-zero exit; a folder has its settings checked', async () => {
  await fx.control('POST', '/users', { alias: 'cli-nobody' });
  const nobody = await cli(['preflight'], { AZUREML_EMULATOR_USER: 'cli-nobody' });
  assert.equal(nobody.code, 1, nobody.stdout);
  assert.match(nobody.stdout, /^UNKNOWN /m);
  assert.doesNotMatch(nobody.stdout, /^PASS /m);
  const flow = fx.flow('cli-pre');
  const ok = await cli(['preflight', flow]);
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /^prerequisites for .*cli-pre/m);
  const small = await cli(['preflight', flow, '--vm-size', 'Standard_B2s']);
  assert.equal(small.code, 1);
  assert.match(small.stdout, /^FAIL +VM size Standard_B2s/m);
});

test('instances delete lists what it affects, deletes only with --yes and confirms what is gone', async () => {
  const flow = fx.flow('cli-inst');
  const s = JSON.parse((await cli(['start', flow, '--json'])).stdout);
  const asked = await cli(['instances', 'delete', s.computeName]);
  assert.equal(asked.code, 1);
  assert.match(asked.stdout, new RegExp(`deleting ${s.computeName} affects:\\n  session cli-inst \\(${s.sessionId}\\): running`));
  assert.match(asked.stdout, /add --yes/);
  assert.equal(JSON.parse((await cli(['status', flow, '--json'])).stdout).state, 'running', 'nothing deleted without --yes');
  const done = await cli(['instances', 'delete', s.computeName, '--yes']);
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stdout, new RegExp(`compute ${s.computeName}: (deleted|being deleted)`));
  assert.match(done.stdout, new RegExp(`sessions gone: ${s.sessionId}`));
  assert.equal(JSON.parse((await cli(['status', flow, '--json'])).stdout).state, 'notStarted');
});

test('run submit and status print lines; progress is labelled as the submit it is', async () => {
  const flow = fx.flow('cli-run');
  const dir = join(fx.dir, 'runs', 'cli');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'data.jsonl'), '{"q": "hi"}\n');
  writeFileSync(join(dir, 'run.yml'), `flow: ${flow}\ndata: data.jsonl\ncolumn_mapping:\n  q: \${data.q}\n`);
  const sub = await cli(['run', 'submit', join(dir, 'run.yml')]);
  assert.equal(sub.code, 0, sub.stderr);
  assert.match(sub.stdout, /^run \S+ submitted\n {2}session: \w+/);
  assert.match(sub.stderr, /^ {2}submit \d+:\d\d Uploading the flow$/m);
  assert.doesNotMatch(sub.stderr, /^ {2}start /m);
  const runId = /^run (\S+) submitted/.exec(sub.stdout)![1];
  const st = await cli(['run', 'status', runId]);
  assert.equal(st.code, 0, st.stderr);
  assert.match(st.stdout, new RegExp(`^run ${runId}: \\w+`));
  assert.doesNotMatch(st.stdout, /^\s*[{[]/m);
});

test('instances from another machine: the sessions its runs started are counted, the serverless instance has a state, and runs of one display name are told apart', async () => {
  const flow = fx.flow('cli-twins');
  writeFileSync(join(flow, 'data.jsonl'), '{"q": "hi"}\n');
  writeFileSync(join(flow, 'run.yml'), 'flow: .\ndata: data.jsonl\ndisplay_name: twin\n');
  const s = JSON.parse((await cli(['start', flow, '--json'])).stdout) as { sessionId: string; computeName: string };
  const ids: string[] = [];
  for (let n = 0; n < 2; n++) {
    const sub = await cli(['run', 'submit', join(flow, 'run.yml'), '--json']);
    assert.equal(sub.code, 0, sub.stderr);
    ids.push((JSON.parse(sub.stdout) as { runId: string }).runId);
  }
  // Another state folder: no record of the session, as on another machine; only the runs name it.
  const elsewhere = { PFSESSION_STATE_DIR: join(fx.dir, 'cli-state-elsewhere') };
  const inst = await cli(['instances'], elsewhere);
  assert.equal(inst.code, 0, inst.stderr);
  // The compute may hold sessions of earlier tests too: the counts are those of the lines below the table.
  const row = new RegExp(`^${s.computeName} +serverless +\\S+ +running +(?:in \\d+ min +)?(\\d+) +(\\d+)$`, 'm').exec(inst.stdout);
  assert.ok(row, inst.stdout);
  const detail = inst.stdout.slice(inst.stdout.indexOf(`\n${s.computeName}:`));
  assert.equal(Number(row[1]), (detail.match(/^ {2}session /gm) ?? []).length, 'SESSIONS counts the sessions listed');
  assert.equal(Number(row[2]), (detail.match(/^ {2}run /gm) ?? []).length, 'RUNS counts the runs listed');
  assert.match(inst.stdout, new RegExp(`^ {2}session cli-twins \\(${s.sessionId}\\): running$`, 'm'));
  for (const id of ids) assert.match(inst.stdout, new RegExp(`^ {2}run twin \\(${id}\\): \\w+$`, 'm'));
  const asked = await cli(['instances', 'delete', s.computeName], elsewhere);
  assert.match(asked.stdout, new RegExp(`^deleting ${s.computeName} affects:$`, 'm'));
  assert.match(
    asked.stdout,
    new RegExp(`^ {2}session cli-twins \\(${s.sessionId}\\): running$`, 'm'),
    'the preview names what the listing counts',
  );
  assert.equal((asked.stdout.match(/^ {2}session /gm) ?? []).length, (detail.match(/^ {2}session /gm) ?? []).length);
  for (const id of ids) await cli(['run', 'cancel', id]);
  assert.equal((await cli(['stop', flow])).code, 0);
});
