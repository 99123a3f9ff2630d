// Every diagnostic the fixtures and hostile inputs produce has a Japanese message.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator, localizeMessage, type FileHost } from '../../../../src/core/validation';
import { jaYamlError } from '../../../../src/core/validation/localize';
import { allYamlErrorDescriptions } from '../../../../src/core/validation/yamlErrors';
import { fixtures } from '../../../helpers/validation';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : /\.(ya?ml|txt)$/.test(n) ? [p] : [];
  });
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('Japanese diagnostics', () => {
  it('translates every message of every fixture, keeping codes and ranges', () => {
    const en = createValidator(nodeFileHost);
    const ja = createValidator(nodeFileHost, { locale: 'ja' });
    let seen = 0;
    for (const path of allFiles(fixtures)) {
      const text = readFileSync(path, 'utf8');
      const a = en.validate({ path, text, workspaceRoot: join(fixtures, 'dag-files/flow') });
      const b = ja.validate({ path, text, workspaceRoot: join(fixtures, 'dag-files/flow') });
      assert.deepEqual(
        b.map((d) => [d.code, d.range]),
        a.map((d) => [d.code, d.range]),
      );
      for (const d of b) {
        assert.match(d.message, JAPANESE, `${d.code}: ${d.message}`);
        for (const r of d.related ?? []) assert.match(r.message, JAPANESE);
        seen++;
      }
    }
    assert.ok(seen > 60, `${seen}`);
  });

  it('translates the messages of hostile input and of a failing rule', () => {
    const broken: FileHost = {
      ...nodeFileHost,
      exists: () => {
        throw new Error('boom');
      },
    };
    const v = createValidator(broken, { locale: 'ja' });
    const samples = [
      'inputs:\n  a: [1, 2\n',
      '['.repeat(200) + ']'.repeat(200),
      'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
      'x\u0000y',
      '# ' + 'x'.repeat(1_100_000),
      'nodes:\n- name: a\n  type: python\n  source:\n    type: code\n    path: a.py\n',
    ];
    for (const text of samples) {
      const d = v.validate({ path: '/w/flow.dag.yaml', text, kind: 'dagFlow' });
      assert.ok(d.length > 0);
      for (const x of d) assert.match(x.message, JAPANESE, `${x.code}: ${x.message}`);
    }
  });

  it('has the Japanese of every YAML error description', () => {
    const missing = allYamlErrorDescriptions().filter((d) => !jaYamlError(d) || !JAPANESE.test(jaYamlError(d)!));
    assert.deepEqual(missing, []);
  });

  it('leaves English as it is', () => {
    assert.equal(
      localizeMessage('No node is named "a". Fix the reference or add the node.', 'en'),
      'No node is named "a". Fix the reference or add the node.',
    );
    assert.equal(
      localizeMessage('No node is named "a". Fix the reference or add the node.', 'ja'),
      'ノード "a" はありません。参照を修正するかノードを追加してください。',
    );
  });
});
