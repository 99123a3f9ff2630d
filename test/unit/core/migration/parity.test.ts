import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareRuns,
  compareValues,
  DEFAULT_PARITY,
  textSimilarity,
  tokens,
  type ParityOptions,
  type SideLine,
} from '../../../../src/core/migration/parity';

const opts: ParityOptions = { tolerance: 1e-6, similarity: 0.8, minMatch: 1 };
const ok = (index: number, outputs: Record<string, unknown>): SideLine => ({ index, outputs });
const failed = (index: number, message: string, type?: string): SideLine => ({ index, error: { message, ...(type ? { type } : {}) } });

describe('compareValues', () => {
  it('finds the same JSON value equal, keys in any order', () => {
    assert.deepEqual(compareValues({ a: 1, b: [1, 'x'] }, { b: [1, 'x'], a: 1 }, opts), { kind: 'equal' });
    assert.deepEqual(compareValues(null, null, opts), { kind: 'equal' });
    assert.deepEqual(compareValues(undefined, undefined, opts), { kind: 'equal' });
  });

  it('finds texts equal after whitespace and case normalisation', () => {
    assert.deepEqual(compareValues('  Hello,\n\tWORLD ', 'hello, world', opts), { kind: 'normalized' });
    // NFKC: a full-width letter is its ASCII form.
    assert.deepEqual(compareValues('ＡＢＣ', 'abc', opts), { kind: 'normalized' });
  });

  it('finds numbers equal within the tolerance, absolute near zero and relative beyond one', () => {
    assert.deepEqual(compareValues(0.1 + 0.2, 0.3, opts), { kind: 'number' });
    assert.deepEqual(compareValues(1_000_000, 1_000_000.5, opts), { kind: 'number' });
    assert.deepEqual(compareValues(1_000_000, 1_000_002, opts), { kind: 'different' });
    assert.deepEqual(compareValues('3.0', 3, opts), { kind: 'number' });
    assert.deepEqual(compareValues(1, 1.1, { ...opts, tolerance: 0.1 }), { kind: 'number' });
    assert.deepEqual(compareValues(1, 1.2, { ...opts, tolerance: 0.1 }), { kind: 'different' }, 'no text similarity between numbers');
  });

  it('compares strings that parse as JSON as values', () => {
    assert.deepEqual(compareValues('{"a": 1, "b": [true]}', { b: [true], a: 1 }, opts), { kind: 'json' });
    assert.deepEqual(compareValues('[1, 2]', '[1,2]', opts), { kind: 'json' });
    assert.deepEqual(compareValues({ x: 0.30000000000000004 }, { x: 0.3 }, opts), { kind: 'json' });
    assert.equal(compareValues('{"a": 1}', '{"a": 2}', opts).kind, 'different');
  });

  it('falls back on the token F1 of the texts, against the threshold', () => {
    assert.deepEqual(compareValues('the cat sat on the mat', 'on the mat the cat sat', opts), { kind: 'similar', similarity: 1 });
    const c = compareValues('yes it is', 'yes it is not', opts);
    assert.equal(c.kind, 'similar');
    assert.equal(c.similarity!.toFixed(4), (6 / 7).toFixed(4));
    assert.deepEqual(compareValues('odd', 'even', opts), { kind: 'different', similarity: 0 });
    assert.equal(compareValues('yes it is', 'yes it is not', { ...opts, similarity: 0.9 }).kind, 'different');
  });

  it('says an output is missing when one side has none', () => {
    assert.deepEqual(compareValues('x', undefined, opts), { kind: 'missing' });
    assert.deepEqual(compareValues(undefined, null, opts), { kind: 'missing' });
  });
});

describe('textSimilarity', () => {
  it('counts words as a multiset and Japanese characters one by one', () => {
    assert.deepEqual(tokens('Hello, hello WORLD!'), ['hello', 'hello', 'world']);
    assert.deepEqual(tokens('東京は晴れ'), ['東', '京', 'は', '晴', 'れ']);
    assert.deepEqual(tokens('GPT4は速い'), ['gpt4', 'は', '速', 'い']);
    assert.equal(textSimilarity('a a b', 'a b b'), (2 * 2) / 6);
    assert.equal(textSimilarity('東京は晴れ', '東京は雨'), (2 * 3) / 9);
    assert.equal(textSimilarity('', ''), 1);
    assert.equal(textSimilarity('...', '!!!'), 0);
    assert.equal(textSimilarity('word', ''), 0);
  });
});

describe('compareRuns', () => {
  it('pairs lines by number and counts the lines whose every output matches', () => {
    const flow = [ok(0, { a: 'x', n: 1 }), ok(1, { a: 'y', n: 2 }), ok(2, { a: 'z', n: 3 })];
    const workflow = [ok(2, { a: 'Z', n: 3 }), ok(0, { a: 'x', n: 1 }), ok(1, { a: 'y', n: 5 })];
    const r = compareRuns(flow, workflow, { ...opts, minMatch: 0.6 });
    assert.deepEqual([r.lines, r.compared, r.matched, r.holds, r.reason], [3, 3, 2, true, undefined]);
    assert.equal(r.share, 2 / 3);
    assert.deepEqual(r.outputs, ['a', 'n']);
    assert.deepEqual(
      r.perOutput.map((o) => [o.output, o.matched, o.share]),
      [
        ['a', 3, 1],
        ['n', 2, 2 / 3],
      ],
    );
    assert.deepEqual(r.differences, [{ index: 1, output: 'n', comparison: { kind: 'different' }, flow: 2, workflow: 5 }]);
    assert.deepEqual(r.kinds, { equal: 4, normalized: 1, number: 0, json: 0, similar: 0, different: 1, missing: 0 });
  });

  it('fails below the share of matching lines, and holds at it', () => {
    const flow = [ok(0, { a: 1 }), ok(1, { a: 2 }), ok(2, { a: 3 }), ok(3, { a: 4 })];
    const workflow = [ok(0, { a: 1 }), ok(1, { a: 2 }), ok(2, { a: 3 }), ok(3, { a: 0 })];
    assert.equal(compareRuns(flow, workflow, { ...opts, minMatch: 0.75 }).holds, true);
    const strict = compareRuns(flow, workflow, opts);
    assert.deepEqual([strict.holds, strict.reason], [false, 'belowThreshold']);
    assert.equal(compareRuns(flow, flow, DEFAULT_PARITY).holds, true);
  });

  it('reports lines that failed on one side only, on both, or are missing on one side', () => {
    const flow = [ok(0, { a: 1 }), failed(1, 'boom', 'UserError'), failed(2, 'bad'), ok(3, { a: 4 })];
    const workflow = [ok(0, { a: 1 }), ok(1, { a: 2 }), failed(2, 'bad too', 'ValueError')];
    const r = compareRuns(flow, workflow, { ...opts, minMatch: 0.3 });
    assert.deepEqual(r.failures, [
      { index: 1, side: 'flow', flowError: { message: 'boom', type: 'UserError' }, workflowError: undefined },
      { index: 2, side: 'both', flowError: { message: 'bad' }, workflowError: { message: 'bad too', type: 'ValueError' } },
      { index: 3, side: 'workflow', flowError: undefined, workflowError: { message: '', missing: true } },
    ]);
    // A line that failed on both sides is the same behaviour: left out of the shares, not counted against them.
    assert.deepEqual([r.lines, r.compared, r.matched, r.share, r.holds], [4, 3, 1, 1 / 3, true]);
    assert.deepEqual(
      r.perOutput.map((o) => o.matched),
      [1],
    );
  });

  it('does not hold when no line could be compared', () => {
    const r = compareRuns([failed(0, 'x')], [failed(0, 'y')], opts);
    assert.deepEqual([r.compared, r.holds, r.reason], [0, false, 'nothingCompared']);
    const empty = compareRuns([], [], opts);
    assert.deepEqual([empty.lines, empty.holds, empty.reason], [0, false, 'nothingCompared']);
  });

  it('compares the outputs it is given, a missing one as missing', () => {
    const r = compareRuns([ok(0, { a: 1, b: 2 })], [ok(0, { a: 1 })], opts, ['a', 'b']);
    assert.deepEqual(r.differences, [{ index: 0, output: 'b', comparison: { kind: 'missing' }, flow: 2, workflow: undefined }]);
    assert.equal(r.holds, false);
  });
});
