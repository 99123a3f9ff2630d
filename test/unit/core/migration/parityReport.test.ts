import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRuns, type SideLine } from '../../../../src/core/migration/parity';
import { parityJson, parityMarkdown, type ParitySides } from '../../../../src/core/migration/parityReport';

const sides: ParitySides = {
  flow: 'chat/flow.dag.yaml',
  run: { runId: 'chat_run_1', status: 'Completed' },
  workflow: '/tmp/maf',
  generated: false,
  python: 'python3',
};
const flow: SideLine[] = [
  { index: 0, outputs: { answer: 'Paris', n: 1 } },
  { index: 1, outputs: { answer: 'x'.repeat(500), n: 2 } },
  { index: 2, error: { message: 'Execution failure in node classify', type: 'UserError' } },
  { index: 3, outputs: { answer: 'a ``` fence', n: 4 } },
];
const workflow: SideLine[] = [
  { index: 0, outputs: { answer: 'paris', n: 1 } },
  { index: 1, outputs: { answer: 'y', n: 2 } },
  { index: 2, outputs: { answer: 'ok', n: 3 } },
  { index: 3, error: { message: 'boom', type: 'ValueError', node: 'chat' } },
];
const result = compareRuns(flow, workflow, { tolerance: 1e-6, similarity: 0.9, minMatch: 0.5 });

describe('parity report', () => {
  it('says the verdict, the shares, every differing line with both values clipped, and the failed lines', () => {
    const md = parityMarkdown('en', result, sides);
    assert.match(md, /^# Parity: chat\/flow\.dag\.yaml and its Agent Framework workflow$/m);
    assert.match(md, /^\*\*✗ Parity does not hold: 1 of 4 line\(s\) match \(25\.0%; at least 50\.0% needed\)\.\*\*$/m);
    assert.match(md, /^Prompt flow run: chat_run_1 \(Completed\)\. Workflow: \/tmp\/maf, run with python3\.$/m);
    assert.match(md, /^\| ✗ answer \| 1 \/ 4 \| 25\.0% \|$/m);
    assert.match(md, /^\| ✗ n \| 2 \/ 4 \| 50\.0% \|$/m);
    assert.match(md, /^How the values compared: equal 2, equal after whitespace and case normalisation 1, different 1\.$/m);
    assert.match(md, /^### ✗ Line 2, output answer: different \(similarity 0\.00\)$/m);
    assert.ok(md.includes(`${'x'.repeat(400)}… (100 more characters)`), 'a long value is clipped');
    assert.match(md, /^- ✗ Line 3: failed in the prompt flow run only: UserError: Execution failure in node classify$/m);
    assert.match(md, /^- ✗ Line 4: failed in the workflow only: ValueError: boom \(node chat\)$/m);
    const ja = parityMarkdown('ja', result, { ...sides, generated: true, workflow: '' });
    assert.match(ja, /^\*\*✗ 同等ではありません: 4 行中 1 行が一致しました/m);
    assert.match(ja, /ワークフロー: この確認のためにフローから生成 \(python3 で実行\)/);
  });

  it('fences a value so that backticks inside it cannot close the block', () => {
    const r = compareRuns([{ index: 0, outputs: { a: 'one ``` two' } }], [{ index: 0, outputs: { a: 'three' } }], result.options);
    const md = parityMarkdown('en', r, sides);
    assert.ok(md.includes('````\none ``` two\n````'), md);
    const absent = parityMarkdown('en', compareRuns([{ index: 0, outputs: {} }], [{ index: 0, outputs: { a: 1 } }], result.options), sides);
    assert.ok(
      absent.includes('### ✗ Line 1, output a: missing on one side\n\nPrompt flow:\n\n_(no such output)_\n\nWorkflow:\n\n```\n1\n```'),
      absent,
    );
  });

  it('gives CI the same facts as JSON, long values clipped', () => {
    const j = parityJson(result, sides);
    assert.equal(j.verdict, 'fails');
    assert.equal(j.reason, 'belowThreshold');
    assert.deepEqual([j.lines, j.compared, j.matched, j.share], [4, 4, 1, 0.25]);
    assert.deepEqual(j.differences, [
      { line: 2, output: 'answer', kind: 'different', similarity: 0, flow: 'x'.repeat(500), workflow: 'y' },
    ]);
    assert.deepEqual(j.failures, [
      { line: 3, side: 'flow', flowError: { message: 'Execution failure in node classify', type: 'UserError' } },
      { line: 4, side: 'workflow', workflowError: { message: 'boom', type: 'ValueError', node: 'chat' } },
    ]);
    const long = compareRuns([{ index: 0, outputs: { a: 'z'.repeat(3000) } }], [{ index: 0, outputs: { a: 1 } }], result.options);
    assert.deepEqual(parityJson(long, sides).differences[0].flow, { truncated: 'z'.repeat(2000), length: 3000 });
  });
});
