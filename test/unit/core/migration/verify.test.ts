import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowSideLines } from '../../../../src/core/migration/verify';

describe("the prompt flow run's lines as one side of the comparison", () => {
  it('keeps the outputs of a completed line, and says why a line has none', () => {
    assert.deepEqual(
      flowSideLines([
        { index: 0, status: 'Completed', outputs: { a: 1 } },
        { index: 1, status: 'Failed', outputs: null, error: { code: 'UserError', message: 'Execution failure in node x' } },
        { index: 2, status: 'Canceled', outputs: null },
        { index: 3, status: 'Completed', outputs: null },
      ]),
      [
        { index: 0, outputs: { a: 1 } },
        { index: 1, error: { message: 'Execution failure in node x', type: 'UserError' } },
        { index: 2, error: { message: 'Canceled' } },
        { index: 3, error: { message: 'Completed' } },
      ],
    );
  });
});
