// The actions table is the one home of what each state allows; "busy" is read from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedActions, isBusy } from '../../../../src/core/session/actions';
import type { SessionState } from '../../../../src/core/session/types';

const STATES: SessionState[] = [
  'notStarted',
  'starting',
  'running',
  'installing',
  'resetting',
  'updating',
  'stopping',
  'failed',
  'unknown',
];

test('a state is busy when the table allows nothing in it but giving up with a stop', () => {
  assert.deepEqual(STATES.filter(isBusy), ['starting', 'installing', 'resetting', 'updating', 'stopping']);
  for (const s of STATES)
    assert.equal(
      isBusy(s),
      allowedActions(s).every((a) => a === 'stop'),
      s,
    );
});
