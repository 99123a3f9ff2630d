// Every diagnostic the fixtures and hostile inputs produce reads in Japanese when the request asks for
// it: the same codes and ranges, and no text left as its English form.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { loadCatalogue } from '../../../../src/core/i18n';

const { catalogue } = loadCatalogue();
import { createValidator, type FileHost, type FlowDiagnostic } from '../../../../src/core/validation';
import { allYamlErrorDescriptions } from '../../../../src/core/validation/yamlErrors';
import { fixtures } from '../../../helpers/validation';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : /\.(ya?ml|txt)$/.test(n) ? [p] : [];
  });
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every text of a diagnostic a user reads, in a fixed order. */
function texts(d: FlowDiagnostic): string[] {
  return [
    d.message,
    ...(d.related ?? []).map((r) => r.message),
    ...(d.fix ? [d.fix.title] : []),
    ...(d.suggestions ?? []).map((s) => s.title),
  ];
}

/** The texts that stayed English: equal to their English form, or without any Japanese. */
function untranslated(en: FlowDiagnostic[], ja: FlowDiagnostic[]): string[] {
  const out: string[] = [];
  ja.forEach((d, i) => {
    const english = texts(en[i]);
    texts(d).forEach((text, j) => {
      if (text === english[j] || !JAPANESE.test(text)) out.push(`${d.code}: ${text}`);
    });
  });
  return out;
}

describe('Japanese diagnostics', () => {
  it('renders every message, related message and fix title of every fixture in Japanese, keeping codes and ranges', () => {
    const validator = createValidator(nodeFileHost);
    let seen = 0;
    const problems: string[] = [];
    for (const path of allFiles(fixtures)) {
      const text = readFileSync(path, 'utf8');
      const workspaceRoot = join(fixtures, 'dag-files/flow');
      const en = validator.validate({ path, text, workspaceRoot });
      const ja = validator.validate({ path, text, workspaceRoot, locale: 'ja' });
      assert.deepEqual(
        ja.map((d) => [d.code, d.range]),
        en.map((d) => [d.code, d.range]),
      );
      problems.push(...untranslated(en, ja));
      seen += ja.length;
    }
    assert.deepEqual(problems, []);
    assert.ok(seen > 60, `${seen}`);
  });

  it('renders the messages of hostile input and of a failing rule in Japanese', () => {
    const broken: FileHost = {
      ...nodeFileHost,
      exists: () => {
        throw new Error('boom');
      },
    };
    const v = createValidator(broken);
    const samples = [
      'inputs:\n  a: [1, 2\n',
      '['.repeat(200) + ']'.repeat(200),
      'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
      'x\u0000y',
      '# ' + 'x'.repeat(1_100_000),
      'nodes:\n- name: a\n  type: python\n  source:\n    type: code\n    path: a.py\n',
    ];
    for (const text of samples) {
      const req = { path: '/w/flow.dag.yaml', text, kind: 'dagFlow' as const };
      const en = v.validate(req);
      const ja = v.validate({ ...req, locale: 'ja' });
      assert.ok(ja.length > 0);
      assert.deepEqual(untranslated(en, ja), []);
    }
  });

  it('speaks English when the request names no locale', () => {
    const d = createValidator(nodeFileHost).validate({
      path: '/w/flow.dag.yaml',
      text: 'outputs:\n  a:\n    reference: ${b.output}\nnodes: []\n',
    });
    assert.ok(d.some((x) => x.message === 'No node is named "b". Fix the reference or add the node.'));
  });

  it('has a catalogue entry for every YAML error description', () => {
    const missing = allYamlErrorDescriptions().filter((id) => !Object.hasOwn(catalogue, id));
    assert.deepEqual(missing, []);
  });
});
