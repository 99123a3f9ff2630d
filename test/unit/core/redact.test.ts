// The one list of secret shapes (src/core/redact.ts), tested once: every shape is masked, by the
// function every bundle uses and on the paths that reach a user (error messages and their details),
// and the sweep of the tests finds the certain shapes that were not masked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHttp, fromOperation, fromSetupFailure } from '../../../src/core/azure/errors';
import { redact, redactLines, SECRET_SHAPES, unmaskedSecrets } from '../../../src/core/redact';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2ln';

/** One text per shape: the secret inside it, and what must remain around it. */
const samples: { shape: string; text: string; secret: string; kept: string }[] = [
  {
    shape: 'a bearer token',
    text: 'authorization: Bearer abcdefghijklmnopqrstuvwxyz0123',
    secret: 'abcdefghijklmnopqrstuvwxyz0123',
    kept: 'Bearer ***',
  },
  {
    shape: 'an aml-user-token value',
    text: '{"aml-user-token": "opaque-user-token-value"}',
    secret: 'opaque-user-token-value',
    kept: '"aml-user-token": "***',
  },
  { shape: 'a JWT-shaped token', text: `token ${jwt} end`, secret: jwt, kept: 'token *** end' },
  {
    shape: 'a credential field',
    text: 'https://acct.blob.core.windows.net/c/f?sv=2021&sig=s1gnature%2B&se=1',
    secret: 's1gnature%2B',
    kept: 'sig=***&se=1',
  },
  {
    shape: 'a credential field',
    text: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc123==;',
    secret: 'abc123==',
    kept: 'AccountKey=***;',
  },
  { shape: 'a credential field', text: 'password: hunter2', secret: 'hunter2', kept: 'password: ***' },
  {
    shape: 'credentials in a URL',
    text: '-i https://user:S3cretFeedPass@pkgs.dev.azure.com/org/_packaging/f/pypi/simple/',
    secret: 'S3cretFeedPass',
    kept: 'https://***@pkgs.dev.azure.com',
  },
  {
    shape: 'credentials in a URL',
    text: '--extra-index-url https://pat0123456789@feed.example/simple',
    secret: 'pat0123456789',
    kept: 'https://***@feed.example',
  },
];

describe('redaction', () => {
  it('has a sample for every shape', () => {
    for (const s of SECRET_SHAPES)
      assert.ok(
        samples.some((x) => x.shape === s.name),
        `no sample for ${s.name}`,
      );
  });

  for (const s of samples) {
    it(`masks ${s.shape}: ${s.text.slice(0, 40)}…`, () => {
      const out = redact(s.text);
      assert.ok(!out.includes(s.secret), out);
      assert.ok(out.includes(s.kept), out);
    });
  }

  it('leaves the {private} feed placeholder alone: it names an identity, not a secret (S9)', () => {
    const line = '-i https://{private}@pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/';
    assert.equal(redact(line), line);
  });

  it('redacts line by line', () => {
    assert.deepEqual(redactLines(['pf-demo-text==1.0', '-i https://u:p4ss@feed/simple']), [
      'pf-demo-text==1.0',
      '-i https://***@feed/simple',
    ]);
  });

  it('every shape stays out of error messages and their details', () => {
    for (const s of samples) {
      const http = fromHttp({ statusCode: 400, body: { error: { message: `rejected: ${s.text}` } }, operation: 'X' });
      const op = fromOperation('X', { status: 'Failed', error: { message: `failed: ${s.text}` } });
      const pip = fromSetupFailure('X', `ERROR: ${s.text}`, 1);
      for (const e of [http, op, pip]) {
        assert.ok(!e.message.includes(s.secret), `${s.shape} in "${e.message}"`);
        assert.ok(!(e.info.details ?? '').includes(s.secret), `${s.shape} in the details of "${e.message}"`);
      }
    }
  });

  it('the sweep finds the certain shapes unmasked, and not once they are masked', () => {
    assert.deepEqual(unmaskedSecrets(`x ${jwt} y`), [`a JWT-shaped token (${jwt.length} chars)`]);
    assert.equal(unmaskedSecrets('aml-user-token: abcdefgh12345').length, 1);
    assert.deepEqual(unmaskedSecrets(redact(`aml-user-token: abcdefgh12345 ${jwt}`)), []);
    // Not certain enough to flag anywhere (VS Code's own files say `"key": "ctrl+p"`): masked, never swept.
    assert.deepEqual(unmaskedSecrets('"key": "ctrl+shift+p"'), []);
  });
});
