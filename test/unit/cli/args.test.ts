// The one parser of pfsession's command line: per-verb specs, strict options, closest matches, and the
// CLI's own fixes where the shared ones speak of the editor or of retries that are over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, parseDuration, VERBS } from '../../../src/cli/args';
import { cliFix } from '../../../src/cli/fixes';
import { verbs as sessionVerbs } from '../../../src/cli/commands/session';
import { verbs as validateVerbs } from '../../../src/cli/commands/validate';
import { verbs as emulatorVerbs } from '../../../src/cli/commands/emulator';
import { verbs as migrateVerbs } from '../../../src/cli/commands/migrate';

const parse = (...argv: string[]) => parseCommandLine(argv);
const usage = (...argv: string[]) => {
  const r = parse(...argv);
  assert.equal(r.kind, 'usage', argv.join(' '));
  return r.kind === 'usage' ? r.text('en') : '';
};

describe('pfsession arguments', () => {
  it('every verb and sub-verb of the specs has an implementation, and no implementation lacks a spec', () => {
    const specs = Object.entries(VERBS).flatMap(([name, s]) => [
      ...(s.subverbs && !s.self ? [] : [name]),
      ...Object.keys(s.subverbs ?? {}).map((sub) => `${name} ${sub}`),
    ]);
    const implemented = Object.keys({ ...sessionVerbs, ...validateVerbs, ...emulatorVerbs, ...migrateVerbs });
    assert.deepEqual([...implemented].sort(), [...specs].sort());
  });

  it('takes the thresholds of migrate verify as numbers in their range, and names the defaults in the help', () => {
    const r = parse('migrate', 'verify', 'f', '--data', 'd.jsonl', '--similarity', '0.8', '--min-match=1', '--tolerance', '0');
    assert.deepEqual(r.kind === 'run' && Object.fromEntries(r.args.flags), {
      data: 'd.jsonl',
      similarity: '0.8',
      'min-match': '1',
      tolerance: '0',
    });
    assert.match(usage('migrate', 'verify', 'f', '--similarity', '1.5'), /--similarity must be a number from 0 to 1, not "1\.5"\./);
    assert.match(usage('migrate', 'verify', 'f', '--min-match', 'most'), /--min-match must be a number from 0 to 1, not "most"\./);
    const help = parse('migrate', 'verify', '--help');
    assert.match(
      help.kind === 'help' ? help.text('en') : '',
      /--similarity X +texts match at this token F1 similarity or above, 0 to 1 \(default 0\.9\)/,
    );
  });

  it('reads options, values and positionals as the verb declares them', () => {
    const r = parse('start', 'flows/f', '--vm-size', 'Standard_D4s_v3', '--idle-minutes=45', '--json');
    assert.equal(r.kind, 'run');
    if (r.kind !== 'run') return;
    assert.equal(r.args.verb, 'start');
    assert.deepEqual(r.args.positional, ['flows/f']);
    assert.deepEqual(Object.fromEntries(r.args.flags), { 'vm-size': 'Standard_D4s_v3', 'idle-minutes': '45', json: true });
    const sub = parse('run', 'submit', 'run.yml', '--timeout', '90s');
    assert.equal(sub.kind === 'run' && sub.args.verb, 'run submit');
    const inst = parse('instances', '--json');
    assert.equal(inst.kind === 'run' && inst.args.verb, 'instances');
  });

  it('refuses what it does not understand, with the closest valid word', () => {
    assert.match(usage('settings', 'f', '--vm-sise', 'X'), /unknown option "--vm-sise"\. Did you mean "--vm-size"\?/);
    assert.match(usage('settings', 'f', '--idle', '30'), /Did you mean "--idle-minutes"\?/);
    assert.match(usage('settings', 'f', '--vm-size'), /--vm-size needs a value/);
    assert.match(usage('settings', 'f', '--vm-size', '--json'), /--vm-size needs a value/);
    assert.match(usage('status', 'f', '--json=yes'), /--json takes no value/);
    assert.match(usage('status', 'f', '--json', '--json'), /more than once/);
    assert.match(usage('validate', '--format', 'jsno', 'x'), /must be one of text, json.*Did you mean "json"/);
    assert.match(usage('strat'), /Did you mean "start"/);
    assert.match(usage('run'), /"run" needs one of: submit, list, status, logs, outputs, cancel/);
    assert.match(usage('instances', 'delet', 'x'), /Did you mean "delete"/);
    assert.match(usage('status'), /give a flow folder/);
    assert.match(usage('emulator', 'x'), /unexpected argument "x"/);
    // An option of another verb is unknown here, even if it exists elsewhere.
    assert.match(usage('status', 'f', '--yes'), /unknown option "--yes"/);
    const ja = parse('status', 'f', '--jsn');
    assert.match(ja.kind === 'usage' ? ja.text('ja') : '', /不明なオプション "--jsn" です。"--json" のことですか/);
  });

  it('--help wins anywhere on the line, for every verb', () => {
    for (const argv of [
      ['--help'],
      ['help', 'start'],
      ['validate', '--help'],
      ['run', '--help'],
      ['run', 'submit', '-h'],
      ['start', '--bogus', '--help'],
    ]) {
      const r = parse(...argv);
      assert.equal(r.kind, 'help', argv.join(' '));
    }
    const r = parse('instances', 'delete', '--help');
    assert.match(r.kind === 'help' ? r.text('en') : '', /usage: pfsession instances delete <name>[\s\S]*--yes/);
  });

  it('durations: seconds by default, s, m, h; nothing at or below zero', () => {
    assert.equal(parseDuration('90'), 90_000);
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('0'), undefined);
    assert.equal(parseDuration('soon'), undefined);
  });
});

describe('fixes a command-line user can follow', () => {
  const env = { LANG: 'en_US.UTF-8' };
  it('an emulator that does not answer is named by its variable', () => {
    const info = cliFix(
      { kind: 'network', message: 'Signing in failed: connect ECONNREFUSED', fix: 'Check your network connection, proxy …' },
      'en',
      { ...env, AZUREML_EMULATOR_ENDPOINT: 'https://127.0.0.1:9' },
    );
    assert.match(info.fix ?? '', /AZUREML_EMULATOR_ENDPOINT/);
    assert.match(info.fix ?? '', /127\.0\.0\.1:9/);
    assert.doesNotMatch(info.fix ?? '', /proxy|virtual network/);
  });

  it('no credential names the ways to sign in', () => {
    const info = cliFix({ kind: 'unknown', message: 'ChainedTokenCredential authentication failed.' }, 'en', env);
    assert.equal(info.kind, 'auth');
    assert.match(info.message, /az login/);
    assert.match(info.message, /device code/);
    assert.match(info.message, /AZUREML_EMULATOR_ENDPOINT/);
    assert.doesNotMatch(info.message, /ChainedTokenCredential/);
  });

  it('a 429 after the retries gave up does not promise a retry; a VM size fix names no wizard', () => {
    const throttled = cliFix(
      { kind: 'throttled', message: 'x', fix: 'Azure is throttling requests; the operation will be retried.' },
      'en',
      env,
    );
    assert.doesNotMatch(throttled.fix ?? '', /will be retried/);
    assert.match(throttled.fix ?? '', /run it again/);
    for (const code of ['InvalidVmSize', 'Preflight.vmSize']) {
      const vm = cliFix({ kind: 'validation', message: 'x', code, fix: 'Choose a VM size (the wizard lists them).' }, 'en', env);
      assert.doesNotMatch(vm.fix ?? '', /wizard/);
      assert.match(vm.fix ?? '', /pfsession preflight/);
    }
    assert.match(cliFix({ kind: 'throttled', message: 'x' }, 'ja').fix ?? '', /もう一度実行/);
  });
});
