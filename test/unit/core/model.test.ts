// The facts of ARM resource ids every layer and front end reads from core/model.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resourceName, USER_ASSIGNED_IDENTITY_ID } from '../../../src/core/model';

const UAI = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-flows';

test('a resource is named by the last segment of its id; a bare name passes through', () => {
  assert.equal(resourceName(UAI), 'uai-flows');
  assert.equal(resourceName(`${UAI}/`), 'uai-flows');
  assert.equal(resourceName('uai-flows'), 'uai-flows');
  assert.equal(resourceName('/providers/Microsoft.Authorization/roleDefinitions/F6C7C914-8db3'), 'F6C7C914-8db3');
});

test('the identity id pattern takes a user-assigned identity and nothing else', () => {
  assert.ok(USER_ASSIGNED_IDENTITY_ID.test(UAI));
  assert.ok(USER_ASSIGNED_IDENTITY_ID.test(UAI.toLowerCase()));
  assert.ok(!USER_ASSIGNED_IDENTITY_ID.test(`${UAI}/extra`));
  assert.ok(!USER_ASSIGNED_IDENTITY_ID.test(UAI.replace('userAssignedIdentities', 'vaults')));
  assert.ok(!USER_ASSIGNED_IDENTITY_ID.test('uai-flows'));
});
