// Hostile input never throws and always yields a diagnostic. (Speed is measured by the bench, not here.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator, type DocumentKind, type FileHost, type FlowDiagnostic } from '../../../../src/core/validation';

const validator = createValidator(nodeFileHost);

function check(text: string, kind: DocumentKind = 'dagFlow', path = '/nowhere/flow.dag.yaml'): FlowDiagnostic[] {
  let out: FlowDiagnostic[] | undefined;
  assert.doesNotThrow(() => {
    out = validator.validate({ path, text, kind });
  });
  return out!;
}

describe('hostile input', () => {
  it('malformed YAML: a syntax diagnostic, in DAG, flex and run files', () => {
    for (const kind of ['dagFlow', 'flexFlow', 'run'] as const) {
      const d = check('inputs:\n  a: [1, 2\nnodes:\n- name: x\n  bad: "unterminated\n', kind);
      assert.ok(
        d.some((x) => x.code === 'PF0001' && x.severity === 'error'),
        kind,
      );
    }
  });

  it('alias bomb (billion laughs): stopped by the alias limit', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const p = String.fromCharCode(97 + i - 1);
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill('*' + p)
          .join(',')}]`,
      );
    }
    for (const kind of ['dagFlow', 'flexFlow', 'run'] as const) {
      const d = check(lines.join('\n') + '\n', kind);
      assert.ok(
        d.some((x) => x.code === 'PF0006'),
        kind,
      );
    }
  });

  it('a 5 MB file: a size diagnostic instead of a stalled editor', () => {
    const big = 'inputs:\n' + '  # ' + 'x'.repeat(5 * 1024 * 1024) + '\n';
    const d = check(big);
    assert.deepEqual(
      d.map((x) => x.code),
      ['PF0004'],
    );
  });

  it('10,000-deep nesting, block and flow style', () => {
    const flow = 'nodes: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n';
    assert.ok(check(flow).length > 0);
    let block = '';
    for (let i = 0; i < 10000; i++) block += ' '.repeat(i % 40) + (i % 40 === 39 ? '- x:\n' : 'a:\n');
    assert.ok(check(block).length > 0);
    const seq = '- '.repeat(10000) + 'x\n';
    assert.ok(check(seq, 'run').length > 0);
  });

  it('binary bytes: a diagnostic saying the file is not text', () => {
    const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe, 0, 0x1b]).toString('latin1');
    for (const kind of ['dagFlow', 'run', 'requirements'] as const) {
      assert.deepEqual(
        check(bin, kind).map((x) => x.code),
        ['PF0005'],
        kind,
      );
    }
  });

  it('a rule that throws becomes one diagnostic and the other rules still run', () => {
    const exploding: FileHost = {
      readFile: () => undefined,
      exists: () => {
        throw new Error('disk on fire');
      },
      isDirectory: () => false,
      listDir: () => [],
    };
    const d = createValidator(exploding).validate({
      path: '/w/flow.dag.yaml',
      text: 'inputs: {}\noutputs:\n  o:\n    type: string\n    reference: ${nope.output}\nnodes:\n- name: a\n  type: python\n  source:\n    type: code\n    path: a.py\n',
    });
    assert.ok(d.some((x) => x.code === 'PF0099' && /files/.test(x.message)));
    assert.ok(
      d.some((x) => x.code === 'PF1003'),
      'the reference rule still ran',
    );
  });

  it('odd shapes: empty file, a scalar, a list root, non-string text', () => {
    // An empty flow cannot pass: nothing in it was checked (unchecked.test.ts).
    assert.deepEqual(
      check('').map((x) => x.code),
      ['PF0009'],
    );
    assert.ok(check('just a string\n').some((x) => x.code === 'PF0002'));
    assert.ok(check('- a\n- b\n', 'run').some((x) => x.code === 'PF0002'));
    assert.ok(check('nodes: 5\ninputs: [1]\n').some((x) => x.code === 'PF0002'));
    assert.deepEqual(
      check(undefined as unknown as string).map((x) => x.code),
      ['PF0009'],
    );
  });
});
