// A string or a bracket left open is reported where it opens, not where the parser gave up (often the
// end of the file), in the editor and the CLI alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator, type DocumentKind } from '../../../../src/core/validation';

const syntax = (text: string, kind: DocumentKind) =>
  createValidator(nodeFileHost, { incremental: false })
    .validate({ path: '/nowhere/flow.dag.yaml', text, kind })
    .filter((d) => d.code === 'PF0001')
    .map((d) => [d.range.start.line, d.range.start.character]);

describe('syntax errors point where the construct opens', () => {
  for (const kind of ['dagFlow', 'run'] as const) {
    it(`an unclosed double or single quote (${kind})`, () => {
      assert.deepEqual(syntax('name: x\ndisplay_name: "abc\ndescription: d\ntags: {}\n', kind), [[1, 14]]);
      assert.deepEqual(syntax("name: x\ndisplay_name: 'it''s\ndescription: d\n", kind), [[1, 14]]);
    });
    it(`an unclosed [ or { (${kind})`, () => {
      assert.deepEqual(syntax('name: x\ntags: [a, "b]",\ndescription: d\n', kind), [[1, 6]]);
      assert.deepEqual(syntax('name: x\ntags: {a: [1], b: 2\ndescription: d\n', kind), [[1, 6]]);
    });
  }
});

describe('the editor and the CLI find the same opening', () => {
  it('a bracket in an earlier entry is not taken for the opening of a later one (FUZZ_SEED=1310651744)', () => {
    const text = [
      'inputs:',
      '  key:',
      '    type: string',
      'outputs: {}',
      'nodes:',
      '- name: print_en',
      '  type: python',
      '  sour{ce:',
      '    type: code',
      '    path: prienv.py',
      '',
      'extra: {[: 1, {c: d}: 2}',
      '',
    ].join('\n');
    const path = '/nowhere/flow.dag.yaml';
    const editor = createValidator(nodeFileHost, { incremental: true });
    editor.validate({ path, text: text.replace('sour{ce', 'source') });
    const cli = createValidator(nodeFileHost, { incremental: false }).validate({ path, text });
    assert.deepEqual(editor.validate({ path, text }), cli);
    // `sour{ce` is a plain scalar of the node: no syntax error is placed there.
    assert.ok(!cli.some((d) => d.code === 'PF0001' && d.range.start.line === 7), JSON.stringify(cli.map((d) => [d.code, d.range.start])));
  });
});

describe('a start on a broken flow names the line where the string opens', () => {
  it('the flow error points at the opening quote, not the end of the file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readFlowEnvironment } = await import('../../../../src/core/flow/environment');
    const dir = mkdtempSync(join(tmpdir(), 'pfs-open-'));
    writeFileSync(join(dir, 'flow.dag.yaml'), 'inputs:\n  q:\n    type: string\n    default: "hello\nnodes: []\noutputs: {}\n');
    assert.throws(() => readFlowEnvironment(dir), /not valid YAML: Missing closing "quote at line 4, column 14/);
  });
});
