import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codes, find, validateFixture } from '../../../helpers/validation';

describe('requirements.txt rules', () => {
  const d = validateFixture('req/requirements.txt');

  it('reports each problem on its line', () => {
    assert.deepEqual(codes(d), [
      '1:PF2001',
      '2:PF2001',
      '4:PF2002',
      '5:PF2002',
      '6:PF2003',
      '7:PF2004',
      '10:PF2005',
      '11:PF2006',
      '12:PF2006',
      '13:PF2006',
    ]);
  });

  it('PF2001: a pinned promptflow is a warning with a quick fix that removes the specifier only', () => {
    const pin = find(d, 'PF2001', 2)!;
    assert.equal(pin.severity, 'warning');
    // `promptflow-tools[azure] >= 1.4 ; python_version > "3.8"`: extras and marker stay.
    assert.deepEqual(pin.fix!.edits, [{ range: { start: { line: 2, character: 24 }, end: { line: 2, character: 30 } }, newText: '' }]);
  });

  it('PF2003: a {private} feed is information about the user-assigned identity', () => {
    const info = find(d, 'PF2003')!;
    assert.equal(info.severity, 'information');
    assert.match(info.message, /user-assigned managed identity.*session settings/);
  });

  it('files without problems give nothing', () => {
    assert.deepEqual(validateFixture('req/other-requirements.txt'), []);
    assert.deepEqual(validateFixture('dag-valid/requirements.txt'), []);
  });

  it('applies to any requirements file a flow names, whatever its name', () => {
    assert.deepEqual(codes(validateFixture('req-flow/deps/reqs.txt')), ['0:PF2001', '1:PF2002']);
  });
});
