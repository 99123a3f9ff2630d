import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLinesHuman, runLinesJson, wrapColumns } from '../../../src/cli/commands/runLinesText';
import { displayWidth } from '../../../src/cli/commands/sessionText';
import type { RunLine } from '../../../src/core/session/types';

const lines: RunLine[] = [
  {
    index: 0,
    status: 'Completed',
    inputs: { q: 'hi' },
    outputs: { a: 'hello' },
    durationSeconds: 0.046695,
    tokens: { prompt: 3, completion: 4, total: 7 },
    nodes: [],
  },
  {
    index: 1,
    status: 'Failed',
    inputs: { q: '日本語の質問です。'.repeat(4) },
    outputs: null,
    error: { code: 'UserError', message: 'Execution failure in answer' },
    nodes: [],
  },
];

test('wrapping counts wide characters as two columns and keeps the text whole', () => {
  const pieces = wrapColumns('あいうえおabc', 6);
  assert.deepEqual(pieces, ['あいう', 'えおab', 'c']);
  assert.ok(pieces.every((p) => displayWidth(p) <= 6));
  assert.deepEqual(wrapColumns('one\ntwo', 10), ['one', 'two']);
  assert.deepEqual(wrapColumns('one two three', 8), ['one two', 'three'], 'words stay whole');
});

test('each line: number, status, duration, tokens, then inputs, outputs and error, wrapped to the terminal', () => {
  const text = runLinesHuman('en', 'r1', lines, 40);
  const rows = text.split('\n');
  assert.equal(rows[0], 'run r1: 2 line(s)');
  assert.equal(rows[2], 'line 0: Completed · 0.05 s · 7 tokens');
  assert.equal(rows[3], '  inputs   q: hi');
  assert.equal(rows[4], '  outputs  a: hello');
  assert.equal(rows[6], 'line 1: Failed');
  // The Japanese input wraps under its first column, no row wider than the terminal.
  const input = rows.slice(
    7,
    rows.findIndex((r) => r.startsWith('  error')),
  );
  assert.ok(input.length > 1, text);
  assert.ok(
    rows.every((r) => displayWidth(r) <= 40),
    text,
  );
  assert.equal(input.map((r, i) => (i === 0 ? r.slice('  inputs   q: '.length) : r.trimStart())).join(''), '日本語の質問です。'.repeat(4));
  const error = rows.slice(rows.findIndex((r) => r.startsWith('  error')));
  assert.equal(error[0], '  error    Execution failure in answer');
  assert.deepEqual(
    error.slice(1).map((r) => r.trimStart()),
    ['(UserError)'],
    'the code follows the message, wrapped under it',
  );
});

test('Japanese labels; a run without lines says so', () => {
  const text = runLinesHuman('ja', 'r1', lines, 80);
  assert.match(text, /^実行 r1: 2 行$/m);
  assert.match(text, /^行 0: Completed · 0.05 秒 · 7 トークン$/m);
  assert.match(text, /^ {2}入力 {4}q: hi$/m);
  assert.equal(runLinesHuman('en', 'r2', []), 'run r2 has no lines yet');
});

test('--json: one object per line with index, status, inputs, outputs, error, duration, tokens', () => {
  const out = runLinesJson(lines)
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  assert.deepEqual(out, [
    {
      index: 0,
      status: 'Completed',
      inputs: { q: 'hi' },
      outputs: { a: 'hello' },
      error: null,
      duration: 0.046695,
      tokens: { prompt: 3, completion: 4, total: 7 },
    },
    {
      index: 1,
      status: 'Failed',
      inputs: { q: '日本語の質問です。'.repeat(4) },
      outputs: null,
      error: { code: 'UserError', message: 'Execution failure in answer' },
      duration: null,
      tokens: null,
    },
  ]);
  assert.equal(runLinesJson([]), '');
});
