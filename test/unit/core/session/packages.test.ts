import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePackages, parsePipPackages, satisfies } from '../../../../src/core/session/packages';

test('PEP 440 comparisons on release segments', () => {
  const cases: [string, string, boolean][] = [
    ['1.2.0', '==1.2', true],
    ['1.2.1', '==1.2', false],
    ['1.2.1', '==1.2.*', true],
    ['1.3.0', '==1.2.*', false],
    ['2.0', '>=1.9,<3', true],
    ['3.0', '>=1.9,<3', false],
    ['1.4.5', '~=1.4.2', true],
    ['1.5.0', '~=1.4.2', false],
    ['1.9', '~=1.4', true],
    ['2.0', '~=1.4', false],
    ['1.0', '!=1.0', false],
    ['1.0.1', '!=1.0', true],
    ['0.9', '>1.0', false],
    ['1.0', '<=1.0.0', true],
    ['2.31.0rc1', '==2.31.0', true],
  ];
  for (const [v, spec, want] of cases) assert.equal(satisfies(v, spec), want, `${v} ${spec}`);
});

test('pipPackages is parsed defensively: freeze, list columns, JSON', () => {
  assert.deepEqual(parsePipPackages('requests==2.31.0\nnumpy==1.26.4\n'), [
    { name: 'requests', version: '2.31.0' },
    { name: 'numpy', version: '1.26.4' },
  ]);
  assert.deepEqual(parsePipPackages('Package    Version\n---------- -------\nrequests   2.31.0\n'), [
    { name: 'requests', version: '2.31.0' },
  ]);
  assert.deepEqual(parsePipPackages('[{"name":"a","version":"1"}]'), [{ name: 'a', version: '1' }]);
  assert.deepEqual(parsePipPackages('"x==1\\ny==2"'), [
    { name: 'x', version: '1' },
    { name: 'y', version: '2' },
  ]);
  assert.deepEqual(parsePipPackages('garbage ### \n\n'), []);
});

test('missing, different and extra against requirements', () => {
  const r = comparePackages(
    's',
    ['Requests==2.31.0', 'numpy>=2', 'pandas', '-i https://feed/simple', '# c'],
    'requests==2.31.0\nnumpy==1.26.4\npromptflow==1.10.0\n',
  );
  assert.deepEqual(r.missing, [{ name: 'pandas', required: '' }]);
  assert.deepEqual(r.different, [{ name: 'numpy', required: '>=2', installed: '1.26.4' }]);
  assert.deepEqual(r.extra, [{ name: 'promptflow', installed: '1.10.0' }]);
});
