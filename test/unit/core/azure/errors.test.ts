import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHttp, fromOperation, mostSpecificCode, toAzureMlError } from '../../../../src/core/azure/errors';

test('status codes and contents map to kinds with a fix', () => {
  const kind = (statusCode: number, code = 'UserError', message = 'm') =>
    fromHttp({ statusCode, body: { error: { code, message } }, operation: 'Doing' }).info;
  assert.equal(kind(401).kind, 'auth');
  assert.equal(kind(403).kind, 'permission');
  assert.equal(kind(403).who, 'workspace Owner');
  assert.equal(kind(404).kind, 'notFound');
  assert.equal(kind(409).kind, 'conflict');
  assert.equal(kind(429).kind, 'throttled');
  assert.equal(kind(503).kind, 'transient');
  assert.equal(
    kind(400, 'BadRequest', 'Operation could not be completed as it results in exceeding approved standardDSv3Family Cores quota').kind,
    'quota',
  );
  assert.equal(kind(400, 'UserError', 'AllocationFailed: not enough capacity').kind, 'capacity');
  assert.equal(kind(400, 'UserError', 'Failed to pull image foo').kind, 'image');
  assert.equal(kind(400).kind, 'validation');
  for (const k of [401, 403, 404, 409, 429, 500, 400]) assert.ok(kind(k).fix);
});

test('the most specific code comes from the innerError chain', () => {
  assert.equal(
    mostSpecificCode({ code: 'UserError', innerError: { code: 'ValidationError', innerError: { code: 'SessionQuotaExceeded' } } }),
    'SessionQuotaExceeded',
  );
  const e = fromHttp({
    statusCode: 400,
    body: { error: { code: 'UserError', message: 'x', innerError: { code: 'QuotaExceeded' } } },
    requestId: 'rid-1',
    operation: 'Starting',
  });
  assert.equal(e.info.code, 'QuotaExceeded');
  assert.match(e.message, /rid-1/);
});

test('tokens and keys never reach the message', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2ln';
  const e = fromHttp({
    statusCode: 400,
    body: { error: { message: `bad header Bearer ${jwt} AccountKey=abc123==; -i https://user:pat@feed/simple` } },
    operation: 'X',
  });
  assert.ok(!e.message.includes(jwt));
  assert.ok(!e.message.includes('abc123'));
  assert.ok(!e.message.includes('pat@'));
  assert.ok(!(e.info.details ?? '').includes(jwt));
});

test('failed operations decode a JSON-encoded error message', () => {
  const e = fromOperation('Starting the session', {
    status: 'Failed',
    error: {
      message: JSON.stringify({
        error: {
          code: 'UserError',
          message: 'ERROR: ResolutionImpossible: conflicting dependencies',
          innerError: { code: 'PipInstallFailed' },
        },
      }),
    },
  });
  assert.equal(e.kind, 'packageConflict');
  assert.equal(e.info.code, 'PipInstallFailed');
  assert.match(e.message, /ResolutionImpossible/);
});

test('network errors and aborts', () => {
  assert.equal(toAzureMlError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'X').kind, 'network');
  assert.equal(toAzureMlError(Object.assign(new Error('t'), { code: 'ETIMEDOUT' }), 'X').kind, 'timeout');
  assert.equal(toAzureMlError(Object.assign(new Error('a'), { name: 'AbortError' }), 'X').kind, 'cancelled');
});

test('a locale given by the caller picks the language of the framing and the fix', () => {
  const body = { error: { code: 'AuthorizationFailed', message: 'no access' } };
  const ja = fromHttp({ statusCode: 403, body, requestId: 'rid-ja', operation: 'ワークスペースの読み取り', locale: 'ja-JP' });
  assert.match(ja.message, /^ワークスペースの読み取りに失敗しました: no access \(要求 ID rid-ja\)$/);
  assert.match(ja.info.fix!, /AzureML データ サイエンティスト/);
  assert.equal(ja.info.who, 'ワークスペース所有者');
  assert.equal(ja.detail, 'no access', 'the service text stays available for reframing');
  const en = toAzureMlError(Object.assign(new Error('boom'), { code: 'ECONNRESET' }), 'Reading the workspace', 'en');
  assert.equal(en.kind, 'network');
  assert.match(en.message, /^Reading the workspace failed: boom$/);
  assert.doesNotMatch(en.info.fix!, /[\u3040-\u30ff\u4e00-\u9fff]/);
});
