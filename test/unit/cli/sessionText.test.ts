// What the session verbs print comes from the catalogue in the CLI's locale, in columns a terminal lines up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliText, displayWidth, table } from '../../../src/cli/commands/sessionText';

test('the same lines in English and Japanese', () => {
  const en = cliText('en');
  const ja = cliText('ja');
  assert.equal(en.stateWord('running'), 'running', 'English keeps the state names scripts read');
  assert.equal(ja.stateWord('running'), '実行中');
  assert.equal(en.computeKept('serverless-1'), 'The serverless compute serverless-1 stays: other sessions still use it.');
  assert.equal(ja.gone(['a', 'b']), '削除されたセッション: a、b');
  assert.equal(en.gone([]), 'sessions gone: (none)');
  assert.equal(ja.check('pass'), '合格');
});

test('columns are padded to the width a terminal shows, wide characters counting two', () => {
  assert.equal(displayWidth('状態'), 4);
  assert.equal(displayWidth('ok'), 2);
  const lines = table([
    ['パッケージ', '状態'],
    ['pf', 'OK'],
  ]).split('\n');
  assert.deepEqual(lines, ['パッケージ  状態', 'pf          OK']);
});
