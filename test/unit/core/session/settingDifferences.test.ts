// How settings compare with what a session's read reports, and how a difference is told to the user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idleDiffers, placementDiffers, settingDifferences, type Placement } from '../../../../src/core/session/sessionState';
import { settingDifferencesText } from '../../../../src/core/session/operationText';

const runs: Placement = { computeType: 'serverless', vmSize: 'Standard_D4s_v3', identity: '', maxIdleTimeSeconds: 3600 };

test('what a read does not report, or the settings leave to the service, never differs', () => {
  assert.deepEqual(settingDifferences({ computeType: 'serverless' }, runs), []);
  assert.deepEqual(settingDifferences({ computeType: 'serverless', vmSize: 'standard_d4s_v3', idleMinutes: 60 }, runs), []);
  assert.deepEqual(
    settingDifferences({ computeType: 'serverless', vmSize: 'Standard_D8s_v3', identityResourceId: '/x' }, { computeType: 'serverless' }),
    [],
  );
});

test('each differing setting is named once, and the placement and idle checks read the same list', () => {
  const want = { computeType: 'serverless' as const, vmSize: 'Standard_D8s_v3', identityResourceId: '/ids/uai', idleMinutes: 45 };
  assert.deepEqual(settingDifferences(want, runs), [
    { field: 'vmSize', asked: 'Standard_D8s_v3', runs: 'Standard_D4s_v3' },
    { field: 'identity', asked: '/ids/uai', runs: '' },
    { field: 'idleMinutes', asked: 45, runs: 60 },
  ]);
  assert.equal(placementDiffers(want, runs), true);
  assert.equal(idleDiffers(want, runs), true);
  assert.equal(placementDiffers({ computeType: 'serverless', idleMinutes: 45 }, runs), false, 'idle time alone is no other placement');
  const ci: Placement = { computeType: 'computeInstance', computeInstanceName: 'demo-ci', vmSize: 'Standard_E4s_v3' };
  assert.deepEqual(
    settingDifferences({ computeType: 'computeInstance', computeInstanceName: 'demo-ci', vmSize: 'Standard_D4s_v3' }, ci),
    [],
  );
  assert.deepEqual(settingDifferences({ computeType: 'serverless' }, ci), [
    { field: 'computeType', asked: 'serverless', runs: 'computeInstance' },
  ]);
});

test('a difference is told with what runs and what was asked for, in English and Japanese', () => {
  const d = settingDifferences(
    { computeType: 'serverless', vmSize: 'Standard_D8s_v3', identityResourceId: '/ids/uai', idleMinutes: 45 },
    runs,
  );
  assert.equal(
    settingDifferencesText(d, 'en'),
    "VM size Standard_D4s_v3 (asked for Standard_D8s_v3), identity the user's identity (asked for /ids/uai), idle time 60 min (asked for 45 min)",
  );
  assert.equal(
    settingDifferencesText(d, 'ja'),
    'VM サイズ は Standard_D4s_v3 (要求: Standard_D8s_v3)、ID は ユーザーの ID (要求: /ids/uai)、アイドル時間 は 60 分 (要求: 45 分)',
  );
});
