// VM sizes read as a person reads them: by family, then by their number (D2 before D11), families that
// can start a session now first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareNatural, groupVmSizes } from '../../../../src/core/session/vmSizeRules';
import type { VmSizeOption } from '../../../../src/core/session/types';

const size = (name: string, family: string, vCPUs: number, quotaAvailable: number): VmSizeOption => ({
  name,
  family,
  vCPUs,
  memoryGB: vCPUs * 4,
  quotaAvailable,
  seriesEligible: !/^Standard_[AB]\d/.test(name) && vCPUs >= 2,
  hasQuota: quotaAvailable >= vCPUs,
});

test('names compare by the value of their numbers, not their text', () => {
  const names = [
    'Standard_D11',
    'Standard_D2',
    'Standard_D13_v2',
    'Standard_D3_v2',
    'Standard_DS11-1_v2',
    'Standard_DS11_v2',
    'Standard_D1',
  ];
  assert.deepEqual([...names].sort(compareNatural), [
    'Standard_D1',
    'Standard_D2',
    'Standard_D3_v2',
    'Standard_D11',
    'Standard_D13_v2',
    'Standard_DS11-1_v2',
    'Standard_DS11_v2',
  ]);
  assert.ok(compareNatural('Standard_D2s_v3', 'Standard_D16s_v3') < 0);
  assert.equal(compareNatural('standard_d4s_v3', 'Standard_D4s_v3'), 0);
});

test('sizes are grouped by quota family, D families with quota first, sizes in each by number', () => {
  const groups = groupVmSizes([
    size('Standard_NC6', 'standardNCFamily', 6, 0),
    size('Standard_E4s_v3', 'standardESv3Family', 4, 100),
    size('Standard_D11_v2', 'standardDv2Family', 2, 24),
    size('Standard_D2_v2', 'standardDv2Family', 2, 24),
    size('Standard_A2_v2', 'standardAv2Family', 2, 8),
    size('Standard_D16s_v3', 'standardDSv3Family', 16, 10),
    size('Standard_D2s_v3', 'standardDSv3Family', 2, 10),
    size('Standard_D4s_v3', 'standardDSv3Family', 4, 10),
    size('Standard_D1_v2', 'standardDv2Family', 1, 24),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.family, g.quotaAvailable, g.sizes.map((s) => s.name)]),
    [
      ['standardDSv3Family', 10, ['Standard_D2s_v3', 'Standard_D4s_v3', 'Standard_D16s_v3']],
      ['standardDv2Family', 24, ['Standard_D1_v2', 'Standard_D2_v2', 'Standard_D11_v2']],
      ['standardESv3Family', 100, ['Standard_E4s_v3']],
      // No quota left: after every family that can start now.
      ['standardNCFamily', 0, ['Standard_NC6']],
      // Not a series a serverless session takes: last.
      ['standardAv2Family', 8, ['Standard_A2_v2']],
    ],
  );
});

test('no sizes, no groups', () => {
  assert.deepEqual(groupVmSizes([]), []);
});
