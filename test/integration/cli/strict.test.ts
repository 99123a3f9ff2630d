// The built `pfsession` reads its command line strictly and `validate` fails what it could not check,
// as a CI gate needs: no Azure, no emulator, only the bundle as shipped.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CLI } from '../../helpers/cli';

function pfsession(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('pfsession command line', () => {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.mjs` first'));

  it('an unknown option is a usage error naming the closest one, and changes nothing', () => {
    for (const [args, suggestion] of [
      [['settings', 'f', '--vm-sise', 'X'], '--vm-size'],
      [['settings', 'f', '--idle', '30'], '--idle-minutes'],
      [['status', 'f', '--jsn'], '--json'],
      [['validate', '--fromat', 'json', 'x'], '--format'],
    ] as const) {
      const r = pfsession([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, new RegExp(`Did you mean "${suggestion}"\\?`), args.join(' '));
      assert.equal(r.out, '', 'nothing is printed as if it had run');
    }
  });

  it('an option without its value, or an argument too many, is a usage error', () => {
    const noValue = pfsession(['settings', 'f', '--vm-size']);
    assert.equal(noValue.code, 2);
    assert.match(noValue.err, /--vm-size needs a value \(SIZE\)/);
    assert.equal(pfsession(['settings', 'f', '--vm-size', '--json']).code, 2);
    const extra = pfsession(['status', 'a', 'b']);
    assert.equal(extra.code, 2);
    assert.match(extra.err, /unexpected argument "b"/);
    assert.equal(pfsession(['start']).code, 2);
    assert.equal(pfsession(['start', 'f', '--timeout', 'soon']).code, 2);
  });

  it('a mistyped verb or sub-verb gets the closest one', () => {
    const verb = pfsession(['strat', 'f']);
    assert.equal(verb.code, 2);
    assert.match(verb.err, /unknown verb "strat"\. Did you mean "start"\?/);
    const sub = pfsession(['run', 'sumbit', 'run.yml']);
    assert.equal(sub.code, 2);
    assert.match(sub.err, /Did you mean "submit"\?/);
  });

  it('--help works for every verb and sub-verb, generated from the same specs', () => {
    const all = pfsession(['--help']);
    assert.equal(all.code, 0);
    const verbs = [...all.out.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]);
    assert.ok(verbs.length >= 12, all.out);
    for (const v of [...verbs, 'run submit', 'instances delete']) {
      const r = pfsession([...v.split(' '), '--help']);
      assert.equal(r.code, 0, `${v}: ${r.err}`);
      assert.match(r.out, new RegExp(`usage: pfsession ${v}`), v);
    }
    assert.match(pfsession(['start', '--help']).out, /--timeout TIME .*default 60m.*124/);
    assert.match(pfsession(['--help'], { LANG: 'ja_JP.UTF-8' }).out, /使い方/);
  });

  it('validate fails files it could not check: too large, empty, not UTF-8, a FIFO', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfs-unchecked-'));
    const write = (name: string, body: string | Buffer) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'flow.dag.yaml'), body);
      return join(dir, name, 'flow.dag.yaml');
    };
    const padded = write('padded', `nodes:\n- name: a\n  type: nope\n${'# padding\n'.repeat(110_000)}`);
    const empty = write('empty', '');
    const latin1 = write('latin1', Buffer.from('nodes: []\n# caf\xe9\n', 'latin1'));
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'run.yml'), '');
    for (const file of [padded, empty, latin1, join(dir, 'run', 'run.yml')]) {
      const r = pfsession(['validate', file]);
      assert.equal(r.code, 1, `${file}: ${r.out}${r.err}`);
      assert.match(r.out, /: error PF000[49]/, file);
    }
    const fifo = join(dir, 'requirements.txt');
    execFileSync('mkfifo', [fifo]);
    const r = pfsession(['validate', fifo]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /named pipe \(FIFO\), not a file/);
  });

  it('validate reads no file outside the flow and says so without quoting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfs-outside-'));
    mkdirSync(join(dir, 'some'));
    writeFileSync(join(dir, 'some', '.env'), 'API=abcdSECRET0123456789\n');
    mkdirSync(join(dir, 'flows', 'f'), { recursive: true });
    writeFileSync(join(dir, 'flows', 'f', 'flow.dag.yaml'), 'environment:\n  python_requirements_txt: ../../some/.env\nnodes: []\n');
    const r = pfsession(['validate', join(dir, 'flows', 'f')]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /error PF1025: The requirements file "\.\.\/\.\.\/some\/\.env" leads outside the flow folder/);
    assert.doesNotMatch(r.out + r.err, /SECRET|abcd/);
  });
});
