// A file the validator could not check is an error, never a pass, in the editor and the CLI alike: over
// the size limit, empty, or not valid UTF-8 (read with replacement characters).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator, type DocumentKind } from '../../../../src/core/validation';

const check = (text: string, kind: DocumentKind = 'dagFlow', locale: 'en' | 'ja' = 'en') =>
  createValidator(nodeFileHost, { incremental: false }).validate({ path: '/nowhere/flow.dag.yaml', text, kind, locale });

describe('what validation could not check', () => {
  it('a file over the size limit is an error: padding a flow with comments hides nothing', () => {
    const padded = `nodes:\n- name: a\n  type: nope\n${'# pad\n'.repeat(200_000)}`;
    const d = check(padded);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity]),
      [['PF0004', 'error']],
    );
  });

  it('an empty (or comment-only) flow or run file is an error; an empty requirements file is not', () => {
    for (const kind of ['dagFlow', 'flexFlow', 'run'] as const) {
      for (const text of ['', '\n\n', '# nothing here\n']) {
        const d = check(text, kind);
        assert.ok(
          d.some((x) => x.severity === 'error'),
          `${kind} ${JSON.stringify(text)}: ${JSON.stringify(d)}`,
        );
      }
    }
    assert.equal(check('', 'requirements').filter((x) => x.severity === 'error').length, 0);
    assert.match(check('', 'dagFlow', 'ja')[0].message, /空/);
  });

  it('text that was not valid UTF-8 is an error', () => {
    const text = Buffer.from([0x6e, 0x6f, 0x64, 0x65, 0x73, 0x3a, 0x20, 0xff, 0xfe, 0x0a]).toString('utf8');
    for (const kind of ['dagFlow', 'run', 'requirements'] as const) {
      const d = check(text, kind);
      assert.ok(
        d.some((x) => x.code === 'PF0009' && x.severity === 'error'),
        `${kind}: ${JSON.stringify(d)}`,
      );
    }
  });
});
