import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWorkflowLines } from '../../../../src/core/migration/workflowRun';

describe("main.py's output read as lines", () => {
  it('reads outputs and error records in order, numbering the non-blank lines', () => {
    const text =
      '{"a": 1}\n\n{"__error__": {"type": "ValueError", "message": "bad", "node": "n1"}}\n{"__error__": {"message": 3}}\n{"a": null}\n';
    assert.deepEqual(readWorkflowLines(text), {
      lines: [
        { index: 0, outputs: { a: 1 } },
        { index: 1, error: { message: 'bad', type: 'ValueError', node: 'n1' } },
        { index: 2, error: { message: '3' } },
        { index: 3, outputs: { a: null } },
      ],
    });
  });

  it('refuses a line that is not a JSON object, naming it', () => {
    assert.deepEqual(readWorkflowLines('{"a": 1}\n[1]\n'), { problem: { id: 'migration.verify.workflowOutput', args: { line: 2 } } });
    assert.deepEqual(readWorkflowLines('{"a": \n'), { problem: { id: 'migration.verify.workflowOutput', args: { line: 1 } } });
  });
});
