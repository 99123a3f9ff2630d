// Session ids must match the prompt flow SDK byte for byte; python3 computes the expected values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userAliasFromToken } from '../../../../src/core/azure/credential';
import { deriveSessionId, deviceId, flowLineageId, pyJsonDumps } from '../../../../src/core/flow/sessionId';
import { pySplitLines, readFlowEnvironment } from '../../../../src/core/flow/environment';

function py(code: string, input: unknown): string {
  const r = spawnSync('python3', ['-c', code], { input: JSON.stringify(input), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const ENVIRONMENTS: unknown[] = [
  {},
  { image: 'mcr.microsoft.com/azureml/promptflow/promptflow-runtime:latest' },
  { python_requirements_txt: ['pandas==2.0.0', '', '# comment', '-i https://pkgs.dev.azure.com/x/_packaging/f/pypi/simple/'], image: 'x' },
  { z: 1, a: [true, false, null, 2, -3], m: { b: 'é', a: '日本語 "q" \\ \t\n' } },
  { ключ: 'значение', emoji: '😀', ctrl: '\u0001\u007f', B: 1, a: 2, _: 3 },
  { nested: { deeper: { list: [{ y: 1, x: 2 }] } }, float: 1.5 },
];

test('pyJsonDumps equals json.dumps(sort_keys=True) with ensure_ascii', () => {
  // One python process for all vectors: print one dump per line.
  const expected = py('import json,sys\nfor e in json.load(sys.stdin): print(json.dumps(e, sort_keys=True))', ENVIRONMENTS).split('\n');
  assert.deepEqual(ENVIRONMENTS.map(pyJsonDumps), expected);
});

test('deriveSessionId equals the SDK formula computed by python', () => {
  const code = [
    'import json,sys,hashlib',
    'for d in json.load(sys.stdin):',
    '  env=hashlib.sha256(json.dumps(d["env"], sort_keys=True).encode()).hexdigest()',
    "  print(hashlib.sha256(f\"{d['alias']}_{d['lineage']}_{env}\".encode()).hexdigest()[:48])",
  ].join('\n');
  const inputs = ENVIRONMENTS.map((env, i) => ({ alias: i % 2 ? 'alice' : '0000-oid', lineage: `abc${i}`, env }));
  const expected = py(code, inputs).split('\n');
  const ids = inputs.map((d) => deriveSessionId(d.alias, d.lineage, d.env));
  assert.deepEqual(ids, expected);
  for (const id of ids) assert.equal(id.length, 48);
  assert.notEqual(deriveSessionId('alice', 'l', { image: 'a' }), deriveSessionId('alice', 'l', { image: 'b' }));
});

test('flow lineage outside git hashes "<device>/<absolute posix path>"', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'lineage-')));
  const expected = py('import json,sys,hashlib; d=json.load(sys.stdin); print(hashlib.sha256(f"{d[0]}/{d[1]}".encode()).hexdigest())', [
    '12345',
    dir,
  ]);
  assert.equal(flowLineageId(dir, '12345'), expected);
});

test('flow lineage inside git hashes "<repo folder>/<relative path>"', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'repo-')));
  const r = spawnSync('git', ['init', '-q', root]);
  assert.equal(r.status, 0);
  mkdirSync(join(root, 'flows', 'web'), { recursive: true });
  writeFileSync(join(root, 'flows', 'web', 'flow.dag.yaml'), 'nodes: []\n');
  const name = root.split('/').pop()!;
  const [web, top] = py('import sys,json,hashlib\nfor s in json.load(sys.stdin): print(hashlib.sha256(s.encode()).hexdigest())', [
    `${name}/flows/web`,
    `${name}/.`,
  ]).split('\n');
  assert.equal(flowLineageId(join(root, 'flows', 'web')), web);
  // A file path means its folder; the repo root itself is "name/." as pathlib writes it.
  assert.equal(flowLineageId(join(root, 'flows', 'web', 'flow.dag.yaml')), web);
  assert.equal(flowLineageId(root), top);
});

test('device id matches uuid.getnode() when Python finds a real MAC', () => {
  const node = BigInt(py('import uuid; print(uuid.getnode())', null));
  const multicast = (node >> 40n) & 1n;
  if (multicast === 0n) assert.equal(deviceId(), node.toString(10));
  else assert.ok(deviceId() === undefined || /^\d+$/.test(deviceId()!));
});

function jwt(claims: object): string {
  return `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
}

test('user alias from upn, email, oid, or unknown_user', () => {
  assert.equal(userAliasFromToken(jwt({ upn: 'alice@contoso.com', email: 'x@y', oid: 'o' })), 'alice');
  assert.equal(userAliasFromToken(jwt({ email: 'bob@contoso.com', oid: 'o' })), 'bob');
  assert.equal(userAliasFromToken(jwt({ oid: '0000-1111' })), '0000-1111');
  assert.equal(userAliasFromToken(jwt({})), 'unknown_user');
  assert.equal(userAliasFromToken(undefined), 'unknown_user');
  assert.equal(userAliasFromToken('not a jwt'), 'unknown_user');
});

test('pySplitLines equals str.splitlines()', () => {
  const samples = ['a\nb\n', 'a\r\nb\rc', '', '\n', 'x\u2028y\x0bz\n\n', 'no newline'];
  const expected = JSON.parse(
    py('import sys,json; print(json.dumps([s.splitlines() for s in json.load(sys.stdin)]))', samples),
  ) as string[][];
  assert.deepEqual(samples.map(pySplitLines), expected);
});

test('environment merges additional_includes requirements and hashes as the SDK does', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'envflow-')));
  const flow = join(root, 'flow');
  mkdirSync(flow);
  writeFileSync(join(root, 'requirements.txt'), 'requests==2.31.0\n# pinned\nnumpy>=1.20\n');
  writeFileSync(
    join(flow, 'flow.dag.yaml'),
    'additional_includes:\n  - ../requirements.txt\nenvironment:\n  python_requirements_txt: requirements.txt\n  image: myacr.azurecr.io/pf:1\nnodes: []\n',
  );
  const env = readFlowEnvironment(flow);
  assert.deepEqual(env.requirements, ['requests==2.31.0', '# pinned', 'numpy>=1.20']);
  assert.equal(env.baseImage, 'myacr.azurecr.io/pf:1');
  assert.deepEqual(env.environment, { python_requirements_txt: env.requirements, image: 'myacr.azurecr.io/pf:1' });
  assert.throws(() => readFlowEnvironment(root), /No flow\.dag\.yaml/);
  writeFileSync(join(flow, 'flow.dag.yaml'), 'environment: [unclosed\n');
  assert.throws(() => readFlowEnvironment(flow), /not valid YAML/);
  writeFileSync(join(flow, 'flow.dag.yaml'), 'environment:\n  python_requirements_txt: missing.txt\n');
  assert.throws(() => readFlowEnvironment(flow), /missing\.txt/);
});
