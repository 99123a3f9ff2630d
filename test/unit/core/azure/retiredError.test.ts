// A refusal because prompt flow is retired is its own kind, with our words and the migration as the fix,
// and is never a transient failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, fromHttp, fromOperation, isTransient } from '../../../../src/core/azure/errors';

const refusal = (status: number, body: unknown, locale?: 'en' | 'ja') =>
  fromHttp({ statusCode: status, body, requestId: 'rid-9', operation: 'Starting the session', locale });

test("the emulator's refusal reads as retired, with the migration fix, in both languages", () => {
  const body = {
    error: {
      code: 'UserError',
      message: 'Prompt flow is retired and read-only since 2027-04-20: a compute session cannot be created.',
      innerError: { code: 'PromptFlowRetired', innerError: null },
    },
  };
  const e = refusal(403, body, 'en');
  assert.equal(e.kind, 'retired');
  assert.equal(e.info.code, 'PromptFlowRetired');
  assert.equal(e.message, 'Starting the session failed: prompt flow is retired: read-only since 2027-04-20 (request id rid-9)');
  assert.match(e.info.fix ?? '', /Microsoft Agent Framework: `pfsession migrate plan <flow>` or the command Plan Migration/);
  assert.equal(e.info.who, undefined);
  assert.equal(isTransient(e), false);
  const ja = refusal(403, body, 'ja');
  assert.match(ja.message, /プロンプト フローは提供終了しました: 2027-04-20 から読み取り専用です/);
  assert.match(ja.info.fix ?? '', /pfsession migrate plan <フロー>/);
});

test('a message naming the retirement wins over the status; "read-only" alone does not', () => {
  const k = (status: number, message: string) => classify({ statusCode: status, codes: ['UserError'], message });
  assert.equal(k(403, 'Prompt flow has been retired.'), 'retired');
  assert.equal(k(400, 'This workspace is read-only: prompt flow was retired on 2027-04-20'), 'retired');
  assert.equal(k(503, 'PromptFlow is in read-only mode'), 'retired');
  assert.equal(k(403, 'The client does not have authorization'), 'permission');
  assert.equal(k(500, "OSError: [Errno 30] Read-only file system: '/tmp/x'"), 'transient');
  assert.notEqual(k(400, 'The storage account is read-only'), 'retired');
  // A specific code still decides first.
  assert.equal(classify({ statusCode: 429, codes: ['TooManyRequests'], message: 'prompt flow retired' }), 'throttled');
});

test('a failed operation that says so is retired too', () => {
  const e = fromOperation('Installing requirements', {
    status: 'Failed',
    error: { code: 'UserError', message: 'x', innerError: { code: 'PromptFlowRetired' } },
  });
  assert.equal(e.kind, 'retired');
  assert.match(e.message, /prompt flow is retired: read-only since 2027-04-20/);
});
