// `pfsession` and prompt flow's retirement: `status` states the days left (and, with --json, the dates),
// and past the read-only date (the emulator's clock) `start` fails with the retired error and its fix.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { render } from '../../../src/core/i18n';
import { MIGRATION_GUIDE_URL, daysLeft, retirementSentence } from '../../../src/core/retirement';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import { CLI, runCli } from '../../helpers/cli';

let fx: Fixture;
before(async () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first');
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

const english = { LC_ALL: 'en_US.UTF-8', LANG: 'en_US.UTF-8' };
const japanese = { LC_ALL: 'ja_JP.UTF-8', LANG: 'ja_JP.UTF-8' };

/** Runs the CLI and gives the times around it: the texts depend on the day it ran. */
async function timed(args: string[], env: Record<string, string>) {
  const from = Date.now();
  const r = await runCli(fx, args, { env });
  return { ...r, days: new Set([daysLeft(from), daysLeft(Date.now())]), times: [from, Date.now()] };
}

test('status prints the days left and the guide, in the locale, and --json carries the dates', async () => {
  const flow = fx.flow('cli-retirement');
  const en = await timed(['status', flow], english);
  assert.equal(en.code, 0, en.stderr);
  assert.ok(
    en.times.some((t) => en.stdout.includes(render('en', retirementSentence(t)))),
    `the days left are stated:\n${en.stdout}`,
  );
  assert.ok(en.stdout.includes(`Migration guide: ${MIGRATION_GUIDE_URL}`));

  const ja = await timed(['status', flow], japanese);
  assert.ok(
    ja.times.some((t) => ja.stdout.includes(render('ja', retirementSentence(t)))),
    ja.stdout,
  );
  assert.ok(ja.stdout.includes(`移行ガイド: ${MIGRATION_GUIDE_URL}`));

  const json = await timed(['status', flow, '--json'], english);
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as { state: string; retirement: Record<string, unknown> };
  assert.equal(out.state, 'notStarted');
  assert.equal(out.retirement.readOnlyFrom, '2027-04-20');
  assert.equal(out.retirement.featureDevelopmentEnded, '2026-04-20');
  assert.equal(out.retirement.migrationGuide, MIGRATION_GUIDE_URL);
  assert.ok(json.days.has(out.retirement.daysLeft as number), `daysLeft ${String(out.retirement.daysLeft)}`);
  assert.equal(out.retirement.readOnly, out.retirement.daysLeft === 0);
});

test('start past the read-only date exits non-zero with the retired error and the migration as the fix', async () => {
  const flow = fx.flow('cli-retired-start');
  await fx.emu.control.setClock('2027-04-20T00:00:00Z');
  const human = await runCli(fx, ['start', flow], { env: english });
  assert.equal(human.code, 1, human.stdout);
  assert.match(human.stderr, /error \(retired\): .*prompt flow is retired: read-only since 2027-04-20/);
  assert.match(human.stderr, /fix: Move the flow to Microsoft Agent Framework: `pfsession migrate plan <flow>`/);
  const json = await runCli(fx, ['start', flow, '--json'], { env: english });
  assert.equal(json.code, 1);
  const e = (JSON.parse(json.stdout) as { error: { kind: string; code: string } }).error;
  assert.equal(e.kind, 'retired');
  assert.equal(e.code, 'PromptFlowRetired');
});
