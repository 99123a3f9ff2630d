import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codes, find, validateFixture } from '../../../helpers/validation';

describe('flex flow rules', () => {
  it('accepts a class entry in a package, init and sample', () => {
    assert.deepEqual(validateFixture('flex-valid/flow.flex.yaml'), []);
  });

  it('PF1030/PF0010/PF0002: bad entry; unknown keys are errors in flex flows; flex input types', () => {
    const d = validateFixture('flex-bad/flow.flex.yaml');
    assert.deepEqual(codes(d), ['0:PF1030', '1:PF0010', '2:PF0010', '5:PF0002']);
    assert.equal(find(d, 'PF0010', 1)!.severity, 'error');
  });

  it('PF1031: the entry module must exist under the flow folder', () => {
    assert.deepEqual(codes(validateFixture('flex-nomodule/flow.flex.yaml')), ['0:PF1031']);
  });
});

describe('run.yml rules', () => {
  it('accepts flow folder, data, run outputs mapping, a real variant, resources and a managed identity', () => {
    assert.deepEqual(validateFixture('run-valid/run.yml'), []);
  });

  it('PF3001-PF3005/PF0010: paths, remote forms, column mapping, identity, unknown keys by place', () => {
    const d = validateFixture('run-bad/run.yml');
    assert.deepEqual(codes(d), ['0:PF3001', '1:PF3002', '2:PF0010', '5:PF3005', '6:PF3004', '7:PF3004', '10:PF0010', '13:PF3003']);
    assert.equal(find(d, 'PF0010', 2)!.severity, 'warning', 'unknown top-level key: warning');
    assert.equal(find(d, 'PF0010', 10)!.severity, 'error', 'unknown key in resources: error');
  });

  it('PF3006/PF0002: remote flow and data forms pass; variant form and identity type are checked', () => {
    assert.deepEqual(codes(validateFixture('run-remote/run.yml')), ['2:PF3006', '4:PF0002']);
  });

  it('PF3007: the variant must name a node with variants of the referenced flow', () => {
    const d = validateFixture('run-variant/run.yml');
    assert.deepEqual(codes(d), ['2:PF3007']);
    assert.match(d[0].message, /Use one of: chat/);
  });
});

describe('kind from $schema and modelines', () => {
  it('a modeline makes any yaml a run file', () => {
    assert.deepEqual(validateFixture('modeline/pipeline.yaml'), []);
  });
  it('a $schema key makes any yaml a flex flow', () => {
    assert.deepEqual(codes(validateFixture('modeline/custom.yaml')), ['1:PF1031']);
  });
});
