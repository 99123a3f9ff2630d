// The host suite's secrets sweep (test/integration/host/runTest.mjs) can fail: planted secrets in the output and in
// written files are found, named without the secret, and fixtures left as they were are not reported.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FEED_PASSWORD, addFeedPassword, addToken } from '../../helpers/secrets.mjs';
// @ts-expect-error: a plain ES module without type declarations
import { sweepSecrets } from '../host/runTest.mjs';

const fakeJwt = ['eyJhbGciOiJSUzI1NiJ9', 'eyJzdWIiOiJkZW1vIiwiYXVkIjoiYXJtIn0', 'c2lnbmF0dXJlLW9mLXRoZS10b2tlbg'].join('.');

test('the host sweep finds planted secrets in output and written files, and skips unchanged fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pfs-sweep-'));
  try {
    const exact = new Map<string, string>();
    addToken(exact, fakeJwt, 'the ARM token');
    addFeedPassword(exact);
    mkdirSync(join(dir, 'runner', 'logs'), { recursive: true });
    mkdirSync(join(dir, 'workspace'), { recursive: true });
    writeFileSync(join(dir, 'runner', 'logs', 'exthost.log'), `GET … Authorization: Bearer ${fakeJwt.slice(0, -4)}\n`);
    const fixture = join(dir, 'workspace', 'requirements.txt');
    const edited = join(dir, 'workspace', 'edited.txt');
    writeFileSync(fixture, `-i https://u:${FEED_PASSWORD}@feed/simple/\n`);
    writeFileSync(edited, `-i https://u:${FEED_PASSWORD}@feed/simple/\nmore\n`);
    const inputs = new Map([
      [fixture, `-i https://u:${FEED_PASSWORD}@feed/simple/\n`],
      [edited, `-i https://u:${FEED_PASSWORD}@feed/simple/\n`],
    ]);
    const r = sweepSecrets(dir, `[promptflow trace] token ${fakeJwt}`, exact, inputs);
    assert.ok(r.logged);
    assert.ok(r.leaks.includes("the ARM token in the host's output"), r.leaks.join('\n'));
    assert.ok(
      r.leaks.some((l: string) => l.startsWith('a JWT-shaped token') && l.endsWith(join('runner', 'logs', 'exthost.log'))),
      r.leaks.join('\n'),
    );
    assert.ok(
      r.leaks.some((l: string) => l === `the feed password in ${join('/workspace', 'edited.txt')}`),
      r.leaks.join('\n'),
    );
    assert.ok(!r.leaks.some((l: string) => l.includes('requirements.txt')), 'an unchanged fixture is not a leak');
    for (const l of r.leaks) assert.ok(!l.includes(FEED_PASSWORD) && !l.includes(fakeJwt.split('.')[2]), 'a hit never repeats the secret');
    assert.equal(sweepSecrets(dir, 'no log line here', new Map(), new Map()).logged, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
