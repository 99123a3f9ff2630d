// `pfsession validate` as CI runs it: the built dist/cli.js on fixture folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { fixtures, repoRoot } from '../../helpers/validation';

const cli = resolve(repoRoot, 'dist/cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : st.mtimeMs);
  }
  return newest;
}

/** The language variables of this process left out, so a test names the language it expects. */
const ENGLISH: NodeJS.ProcessEnv = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', VSCODE_NLS_CONFIG: '' };

function pfsessionIn(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'validate', ...args], { cwd: fixtures, encoding: 'utf8', timeout: 60_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const pfsession = (...args: string[]) => pfsessionIn(ENGLISH, ...args);

describe('pfsession validate', () => {
  before(() => {
    // Build only when the bundle is missing or older than what it is built from.
    let built = 0;
    try {
      built = statSync(cli).mtimeMs;
    } catch {
      built = 0;
    }
    const src = Math.max(
      ...['src/cli', 'src/core/validation', 'src/core/flow', 'src/schemas'].map((d) => newestSource(resolve(repoRoot, d))),
    );
    if (built < src) {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
      assert.equal(r.status, 0, r.stderr);
    }
  });

  it('exits 0 on valid files and folders', () => {
    const r = pfsession('dag-valid', 'flex-valid', 'run-valid/run.yml');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /5 file\(s\) checked, 0 error\(s\)/);
  });

  it('exits 1 and prints file:line:col, severity and code for each finding', () => {
    const r = pfsession('dag-cycle');
    assert.equal(r.code, 1);
    assert.match(r.out, /dag-cycle\/flow\.dag\.yaml:13:8: error PF1004: Circular dependency: a → c → b → a/);
  });

  it('--format json prints one array of {file, range, severity, code, message}', () => {
    const r = pfsession('--format', 'json', 'req', 'dag-duplicate');
    assert.equal(r.code, 1);
    const list = JSON.parse(r.out) as Record<string, unknown>[];
    assert.ok(Array.isArray(list));
    for (const d of list) assert.deepEqual(Object.keys(d).sort(), ['code', 'file', 'message', 'range', 'severity']);
    const dup = list.find((d) => d.code === 'PF1001')!;
    assert.equal(dup.file, resolve(fixtures, 'dag-duplicate/flow.dag.yaml'));
    assert.deepEqual(dup.range, { start: { line: 15, character: 8 }, end: { line: 15, character: 12 } });
    // The folder walk picks requirements*.txt files.
    assert.ok(list.some((d) => d.code === 'PF2003' && d.severity === 'information'));
  });

  it('validates files passed explicitly whatever their name', () => {
    const r = pfsession('--format=json', 'modeline/custom.yaml', 'req-flow/deps/reqs.txt');
    assert.equal(r.code, 1);
    assert.deepEqual(
      (JSON.parse(r.out) as { code: string }[]).map((d) => d.code),
      ['PF1031', 'PF2001', 'PF2002'],
    );
  });

  it('a folder walk validates the files the editor validates by name, in any case', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfs-walk-'));
    try {
      const picked = ['dev-requirements.txt', 'other-requirements.txt', 'requirements-dev.txt', 'Requirements.txt'];
      picked.push('flow.dag.yml', 'Run.yaml', 'eval.run.yml');
      for (const name of [...picked, 'notes.txt', 'data.yaml', 'flow.yaml'])
        writeFileSync(join(dir, name), name.endsWith('.txt') ? 'six\n' : 'x: 1\n');
      const r = pfsession(dir);
      assert.match(r.out, new RegExp(`^${picked.length} file\\(s\\) checked`, 'm'), r.out + r.err);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 2 on bad usage, exit 1 on a missing path', () => {
    assert.equal(pfsession().code, 2);
    assert.equal(pfsession('--format', 'xml', 'dag-valid').code, 2);
    const missing = pfsession('no-such-folder');
    assert.equal(missing.code, 1);
    assert.match(missing.out, /not found/);
  });

  it('--json is --format json', () => {
    const a = pfsession('--json', 'dag-duplicate');
    const b = pfsession('--format', 'json', 'dag-duplicate');
    assert.equal(a.code, 1, a.err);
    assert.deepEqual(JSON.parse(a.out), JSON.parse(b.out));
    assert.ok((JSON.parse(a.out) as unknown[]).length > 0);
  });

  it('reports each file once when a folder and its file, or nested folders, are given together', () => {
    const once = pfsession('--json', 'dag-duplicate');
    const twice = pfsession('--json', 'dag-duplicate', 'dag-duplicate/flow.dag.yaml', '.', 'dag-duplicate');
    const findings = (r: { out: string }) =>
      (JSON.parse(r.out) as { file: string; code: string; range: unknown }[]).filter((d) => d.file.endsWith('dag-duplicate/flow.dag.yaml'));
    assert.deepEqual(findings(twice), findings(once));
    const text = pfsession('dag-valid', 'dag-valid/flow.dag.yaml');
    assert.match(text.out, /2 file\(s\) checked/);
  });

  it('--locale ja prints the diagnostics in Japanese, with the same codes and places', () => {
    const en = pfsession('dag-cycle', 'run-bad');
    const ja = pfsession('--locale', 'ja', 'dag-cycle', 'run-bad');
    assert.equal(ja.code, 1, ja.err);
    assert.match(
      ja.out,
      /dag-cycle\/flow\.dag\.yaml:13:8: error PF1004: 循環依存: a → c → b → a。これらの参照のどれかを削除してください。/,
    );
    const where = (out: string) =>
      out
        .split('\n')
        .map((l) => /^(\S+:\d+:\d+: \w+ PF\d+): /.exec(l)?.[1])
        .filter(Boolean);
    assert.deepEqual(where(ja.out), where(en.out));
    assert.ok(where(ja.out).length > 3);
    assert.match(ja.out, /2 個のファイルをチェックしました。/);
    for (const line of ja.out.split('\n').filter((l) => / PF\d+: /.test(l)))
      assert.match(line.split(/ PF\d+: /)[1], /[\u3040-\u30ff\u4e00-\u9fff]/, line);
  });

  it('speaks the language of LANG (and LC_ALL over it) when --locale is not given', () => {
    const byLang = pfsessionIn({ ...ENGLISH, LANG: 'ja_JP.UTF-8' }, '--json', 'dag-cycle');
    const byFlag = pfsession('--json', '--locale', 'ja', 'dag-cycle');
    assert.equal(byLang.code, 1, byLang.err);
    assert.deepEqual(JSON.parse(byLang.out), JSON.parse(byFlag.out));
    assert.match(byLang.out, /循環依存/);
    const overridden = pfsessionIn({ ...ENGLISH, LANG: 'ja_JP.UTF-8', LC_ALL: 'en_US.UTF-8' }, 'dag-cycle');
    assert.match(overridden.out, /Circular dependency/);
    const flagWins = pfsessionIn({ ...ENGLISH, LANG: 'ja_JP.UTF-8' }, '--locale', 'en', 'dag-cycle');
    assert.match(flagWins.out, /Circular dependency/);
  });

  it('--locale takes en or ja, and the usage names it', () => {
    const r = pfsession('--locale', 'fr', 'dag-valid');
    assert.equal(r.code, 2);
    assert.match(r.err, /--locale/);
    assert.match(pfsession().err, /\[--locale en\|ja\]/);
  });

  it('the editor and the CLI agree on broken YAML: an unclosed quote swallows the rest of the flow', () => {
    const r = pfsession('--json', 'yaml-edge/unclosed-quote.yaml');
    assert.equal(r.code, 1);
    const list = JSON.parse(r.out) as { code: string; range: { start: { line: number; character: number } } }[];
    assert.deepEqual(
      list.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`),
      ['4:16 PF1003', '20:1 PF0001'],
    );
  });
});
