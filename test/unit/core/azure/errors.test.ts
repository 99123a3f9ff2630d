import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_KINDS,
  classify,
  errorCodes,
  fromHttp,
  fromOperation,
  fromSetupFailure,
  kindOfCode,
  mostSpecificCode,
  reframe,
  toAzureMlError,
} from '../../../../src/core/azure/errors';
import { fixFor } from '../../../../src/core/azure/messages';

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
  const ja = fromHttp({ statusCode: 403, body, requestId: 'rid-ja', operation: 'ワークスペースの読み取り', locale: 'ja' });
  assert.match(ja.message, /^ワークスペースの読み取りに失敗しました: no access \(要求 ID rid-ja\)$/);
  assert.match(ja.info.fix!, /AzureML データ サイエンティスト/);
  assert.equal(ja.info.who, 'ワークスペース所有者');
  assert.equal(ja.detail, 'no access', 'the service text stays available for reframing');
  const en = toAzureMlError(Object.assign(new Error('boom'), { code: 'ECONNRESET' }), 'Reading the workspace', 'en');
  assert.equal(en.kind, 'network');
  assert.match(en.message, /^Reading the workspace failed: boom$/);
  assert.doesNotMatch(en.info.fix!, /[\u3040-\u30ff\u4e00-\u9fff]/);
});

test('a VM size the region lacks is a VM size error, not an identity error (InvalidVmSize holds "msi")', () => {
  const e = fromHttp({
    statusCode: 400,
    body: {
      error: {
        code: 'UserError',
        message: 'VM size Standard_B2x is not available in this region. Pick one of the sizes listed for the workspace location.',
        innerError: { code: 'InvalidVmSize', innerError: null },
      },
    },
    operation: 'Starting the session',
  });
  assert.equal(e.kind, 'validation');
  assert.equal(e.info.code, 'InvalidVmSize');
  assert.doesNotMatch(e.info.fix!, /identity/i);
  assert.match(e.info.fix!, /VM size/);
  const small = fromHttp({
    statusCode: 400,
    body: { error: { code: 'UserError', message: 'too small', innerError: { code: 'UnsupportedVmSize' } } },
    operation: 'Starting the session',
    locale: 'ja',
  });
  assert.equal(small.kind, 'validation');
  assert.match(small.info.fix!, /D シリーズ/);
});

test('the code decides before the status, the status before the words, the words only on word boundaries', () => {
  // A specific code wins over a status that says otherwise.
  assert.equal(classify({ statusCode: 403, codes: ['PrivateFeedIdentityMissing', 'UserError'], message: '' }), 'identity');
  assert.equal(classify({ statusCode: 400, codes: ['QuotaExceeded', 'UserError'], message: 'nothing about it' }), 'quota');
  // A generic code leaves it to the status, whatever the words say.
  assert.equal(classify({ statusCode: 403, codes: ['UserError'], message: 'the managed identity may not' }), 'permission');
  assert.equal(classify({ statusCode: 404, codes: ['UserError'], message: 'quota' }), 'notFound');
  // Words, on word boundaries only.
  assert.equal(classify({ statusCode: 400, codes: ['UserError'], message: 'Standard_InvalidVmSize rejected' }), 'validation');
  assert.equal(classify({ statusCode: 400, codes: ['BadRequest'], message: 'exceeding approved Total Regional Cores quota' }), 'quota');
  assert.equal(classify({ statusCode: 400, codes: [], message: 'the MSI could not get a token' }), 'identity');
  assert.equal(classify({ statusCode: 400, codes: [], message: 'a package named acrobat' }), 'validation');
  assert.equal(classify({ statusCode: 500, codes: ['ServiceError'], message: 'boom' }), 'transient');
  assert.equal(classify({ codes: ['ServiceError'], message: 'boom' }), 'unknown');
  assert.equal(classify({ codes: [], message: 'x', operationStatus: 'Canceled' }), 'cancelled');
  // The chain is read from its deepest link; details come before the top-level code.
  assert.deepEqual(errorCodes({ code: 'UserError', innerError: { code: 'BadArgument', innerError: { code: 'ArgumentInvalid' } } }), [
    'ArgumentInvalid',
    'BadArgument',
    'UserError',
  ]);
  assert.deepEqual(errorCodes({ code: 'BadRequest', details: [{ code: 'QuotaExceeded' }] }), ['QuotaExceeded', 'BadRequest']);
});

/** The rows of docs/azure-contract.md §32: code → kind ("by status" when the code decides nothing). */
function contractCodes(): Map<string, string> {
  const note = readFileSync(join(__dirname, '../../../../docs/azure-contract.md'), 'utf8');
  const start = note.indexOf('## 32.');
  const end = note.indexOf('\n## ', start + 1);
  const section = note.slice(start, end < 0 ? undefined : end);
  const rows = new Map<string, string>();
  for (const m of section.matchAll(/^\| `(\w+)` \| [^|]+ \| ([\w ]+) \|$/gm)) rows.set(m[1], m[2].trim());
  return rows;
}

test('every code of the contract note classifies as the note says', () => {
  const rows = contractCodes();
  assert.ok(rows.size >= 50, `the note lists the codes (${rows.size} found)`);
  for (const [code, kind] of rows) {
    if (kind === 'by status') {
      assert.equal(kindOfCode(code), undefined, `${code} decides nothing by itself`);
      // Then the status decides, and the words after it.
      assert.equal(classify({ statusCode: 404, codes: [code], message: 'quota' }), 'notFound', code);
      assert.equal(classify({ statusCode: 400, codes: [code], message: 'the approved quota is used up' }), 'quota', code);
      assert.equal(classify({ statusCode: 400, codes: [code], message: 'no' }), 'validation', code);
      continue;
    }
    // A decisive code wins over any status and any words.
    for (const statusCode of [400, 403, 404, 500, undefined]) {
      assert.equal(classify({ statusCode, codes: [code, 'UserError'], message: 'quota capacity msi' }), kind, `${code} at ${statusCode}`);
    }
    const e = fromHttp({ statusCode: 400, body: { error: { code: 'UserError', message: 'm', innerError: { code } } }, operation: 'X' });
    assert.equal(e.kind, kind, code);
    assert.ok(e.info.fix, `${code} comes with a fix`);
    assert.ok(fixFor(e.kind, 'ja', code).fix.length > 0, `${code} has a Japanese fix`);
  }
  // Every decisive code of the classifier is in the note, so the note is the whole list.
  for (const code of Object.keys(CODE_KINDS)) assert.ok(rows.has(code), `${code} is missing from docs/azure-contract.md §32`);
});

/** Every error code the emulator's source can send: HttpError codes, innerError codes, operation error codes. */
function emulatorCodes(): Set<string> {
  const dir = join(__dirname, '../../../../src/emulator');
  const codes = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(join(dir, file), 'utf8');
    // new HttpError(status, <code expression>, …): every quoted name in the code expression.
    for (const m of src.matchAll(/new HttpError\(\s*[^,]+,\s*([^,]+),/g)) for (const c of m[1].matchAll(/'([A-Z]\w+)'/g)) codes.add(c[1]);
    for (const m of src.matchAll(/innerCode:\s*'([A-Z]\w+)'/g)) codes.add(m[1]);
    for (const m of src.matchAll(/new OperationError\(\s*'([A-Z]\w+)'(?:[^;]*?,\s*'([A-Z]\w+)'\s*,?\s*\))?/gs)) {
      codes.add(m[1]);
      if (m[2]) codes.add(m[2]);
    }
    for (const m of src.matchAll(/\bcode:\s*'([A-Z]\w+)'/g)) codes.add(m[1]);
    // Tables of codes by status (`…_CODES = { 404: 'NotFound', … }`).
    for (const m of src.matchAll(/_CODES[^=]*=\s*\{([^}]*)\}/g)) for (const c of m[1].matchAll(/'([A-Z]\w+)'/g)) codes.add(c[1]);
    // badRequest(message, 'Code'): the last argument.
    for (const m of src.matchAll(/badRequest\(([^;]*?),\s*'([A-Z]\w+)',?\s*\)/gs)) codes.add(m[2]);
  }
  return codes;
}

test('every error code the emulator can send is in the contract note, with its kind', () => {
  const rows = contractCodes();
  const codes = emulatorCodes();
  assert.ok(codes.size >= 30, `the scan finds the emulator's codes (${codes.size})`);
  for (const code of ['InvalidVmSize', 'QuotaExceeded', 'AuthorizationFailed', 'PipInstallFailed', 'GatewayTimeout'])
    assert.ok(codes.has(code), code);
  for (const code of codes) assert.ok(rows.has(code), `the emulator sends ${code}, which docs/azure-contract.md §32 does not list`);
});

test("a failed operation's message keeps pip's last lines, and the fix speaks the caller's language", () => {
  const e = fromOperation(
    'Installing requirements',
    {
      status: 'Failed',
      error: {
        code: 'UserError',
        message:
          'Package installation failed: pip exited with code 1.\nCollecting x\nERROR: Cannot install a and b\nERROR: ResolutionImpossible: for help visit …',
        innerError: { code: 'PipInstallFailed' },
      },
    },
    'rid-9',
    'ja',
  );
  assert.equal(e.kind, 'packageConflict');
  assert.match(e.message, /^Installing requirementsに失敗しました: Package installation failed: pip exited with code 1\. … /);
  assert.match(e.message, /ResolutionImpossible/);
  assert.match(e.info.fix!, /requirements\.txt/);
  assert.match(e.info.fix!, /[\u3040-\u30ff]/);
  const pip = fromSetupFailure('要件のインストール', 'a\nb\nERROR: No matching distribution found for nope', 1, 'ja');
  assert.match(pip.message, /^要件のインストールに失敗しました: pip が終了コード 1 で終了しました: .*No matching distribution/);
});

test('an error is reframed in the language and operation of its caller, unless it is framed for the user already', () => {
  const raw = fromHttp({ statusCode: 400, body: { error: { code: 'UserError', message: 'no' } }, operation: 'Starting the session' });
  const ja = reframe(raw, 'セッションの開始', 'ja');
  assert.equal(ja.message, 'セッションの開始に失敗しました: no');
  assert.match(ja.info.fix!, /[\u3040-\u30ff]/);
  assert.equal(reframe(ja, 'Other', 'en'), ja, 'framed once, kept');
});
