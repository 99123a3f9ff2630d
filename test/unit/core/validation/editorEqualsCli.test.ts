// The editor (incremental: pieces of a flow parsed on their own and cached) and `pfsession validate`
// (one whole-file parse) give the same diagnostics on texts whose YAML is broken, and the YAML is read
// as the spec says. Each fixture in yaml-edge/ arrives in the editor as an edit of the same flow
// without the problem.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator, type DocumentKind, type FlowDiagnostic } from '../../../../src/core/validation';
import { fixtures } from '../../../helpers/validation';

const dir = join(fixtures, 'yaml-edge');
const CLEAN = readFileSync(join(dir, 'unclosed-quote.yaml'), 'utf8').replace('    text: "oops\n', '    text: hello\n');

function both(name: string, text = readFileSync(join(dir, name), 'utf8')): { editor: FlowDiagnostic[]; cli: FlowDiagnostic[] } {
  const path = join(dir, name);
  const editor = createValidator(nodeFileHost);
  editor.validate({ path, text: CLEAN, workspaceRoot: fixtures });
  return {
    editor: editor.validate({ path, text, workspaceRoot: fixtures }),
    cli: createValidator(nodeFileHost, { incremental: false }).validate({ path, text, workspaceRoot: fixtures }),
  };
}

const at = (list: FlowDiagnostic[]) => list.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

describe('the editor and pfsession validate agree on broken YAML', () => {
  it('every yaml-edge fixture: the same codes, ranges, messages and order', () => {
    const names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
    assert.ok(names.length >= 12);
    for (const name of names) {
      const { editor, cli } = both(name);
      assert.deepEqual(editor, cli, name);
    }
  });

  it('an unclosed quote runs to the end of the file, so node b is gone in both', () => {
    const { editor } = both('unclosed-quote.yaml');
    // The error points at the quote that opens the string, not at the end of the file where the parser stopped.
    assert.deepEqual(at(editor), ['4:16 PF1003', '12:11 PF0001']);
    assert.match(editor[0].message, /No node is named "b"/);
    assert.match(editor[1].message, /double-quoted string is not closed/);
  });

  it('a stray } breaks everything after it, in both', () => {
    const { editor } = both('stray-brace.yaml');
    assert.ok(editor.filter((d) => d.code === 'PF0001').length > 20, `${editor.length} diagnostics`);
    assert.ok(editor.some((d) => d.code === 'PF1003' && /"b"/.test(d.message)));
  });

  it('at most 100 syntax errors are listed, then one that counts the rest, in both', () => {
    const node = (i: number) =>
      `- name: n${i}\n  type: python\n  source:\n    type: code\n    path: shout.py\n  inputs:\n    text: \${n${i + 1}.output}\n`;
    const many = `nodes:\n${node(0).replace('    text:', '    }x: 1\n    text:')}${Array.from({ length: 200 }, (_, i) => node(i + 1)).join('')}`;
    const { editor, cli } = both('stray-brace.yaml', many);
    assert.deepEqual(editor, cli);
    const syntax = editor.filter((d) => d.code === 'PF0001');
    assert.equal(syntax.length, 101);
    assert.match(syntax[100].message, /^\d+ more YAML syntax errors follow from here/);
  });

  it('an empty alias, anchor or tag, and a node the nesting guard rejects, do not make node a vanish', () => {
    for (const name of ['empty-alias.yaml', 'empty-anchor.yaml', 'empty-tag.yaml', 'deep-node.yaml']) {
      const { editor } = both(name);
      assert.ok(!editor.some((d) => d.code === 'PF1003' && /"a"/.test(d.message)), `${name}: ${at(editor).join(', ')}`);
    }
    const deep = both('deep-node.yaml').editor;
    assert.deepEqual(at(deep), ['12:1 PF0006']);
  });

  it('strict YAML: the errors the spec requires are reported', () => {
    for (const name of readdirSync(dir).filter((n) => n.startsWith('strict-'))) {
      const { editor } = both(name);
      assert.ok(
        editor.some((d) => d.code === 'PF0001' && d.severity === 'error'),
        `${name}: ${at(editor).join(', ')}`,
      );
    }
  });

  it('a second document has its own code and a message that names no parser API', () => {
    const { editor } = both('multi-document.yaml');
    assert.deepEqual(
      editor.map((d) => d.code),
      ['PF0007'],
    );
    assert.match(editor[0].message, /holds one YAML document/);
    assert.doesNotMatch(editor[0].message, /parseAllDocuments|YAML\./);
    assert.equal(editor[0].range.start.line, 19, 'on the --- line');
  });

  it('lone CR line ends are read like LF, with no control character in any message', () => {
    const cr = both('lone-cr.yaml').editor;
    const lf = both('lone-cr.yaml', readFileSync(join(dir, 'lone-cr.yaml'), 'utf8').replace(/\r/g, '\n')).editor;
    assert.deepEqual(cr, lf);
    assert.deepEqual(at(cr), ['12:11 PF1003']);
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    for (const d of cr) assert.doesNotMatch(d.message, /[\r\n\u0000-\u001f]/);
  });
});

describe('inputs up to the size limit get a clear guard diagnostic instead of a stack overflow or a stall', () => {
  const cases: Record<string, () => string> = {
    // 1,000 levels of indentation: 510 KB, under the size limit.
    'deep indentation': () => Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' leaf\n',
    'a one-line flow sequence of 490,000 items': () => `nodes: [${Array.from({ length: 490_000 }, () => '1').join(',')}]\n`,
    'keys nested on one line': () => `inputs: ${'a: '.repeat(5_000)}1\n`,
    '250,000 list items': () => `nodes:\n${'- 1\n'.repeat(240_000)}`,
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, () => {
      const text = make();
      assert.ok(text.length < 1_000_000, `${text.length}`);
      for (const kind of ['dagFlow', 'flexFlow', 'run'] as DocumentKind[]) {
        const d = createValidator(nodeFileHost).validate({ path: '/nowhere/flow.dag.yaml', text, kind });
        assert.equal(d.length, 1, `${kind}: ${d.map((x) => `${x.code} ${x.message}`).join('; ')}`);
        assert.ok(['PF0006', 'PF0008'].includes(d[0].code), `${kind}: ${d[0].code} ${d[0].message}`);
        assert.doesNotMatch(d[0].message, /call stack|YAML syntax error/);
      }
    });
  }
});
