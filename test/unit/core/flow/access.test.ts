// What a flow may reach, and how files are read: through symlinks, regular files only, bounded before
// the first byte; the validator reports every path that leaves the flow, the session never reads it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { flowReach, includeReach, readBounded } from '../../../../src/core/flow/access';
import { readFlowEnvironment } from '../../../../src/core/flow/environment';
import { FlowError } from '../../../../src/core/flow/errors';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator } from '../../../../src/core/validation';

const SECRET = 'abcdSECRETvalue0123456789';

/** A workspace with a flow folder and a secret file beside it (outside the flow). */
function workspace(flowYaml: string): { root: string; flow: string } {
  const root = mkdtempSync(join(tmpdir(), 'pfs-access-'));
  mkdirSync(join(root, 'some'));
  writeFileSync(join(root, 'some', '.env'), `API_KEY=${SECRET}\n`);
  const flow = join(root, 'flows', 'f');
  mkdirSync(flow, { recursive: true });
  writeFileSync(join(flow, 'flow.dag.yaml'), flowYaml);
  writeFileSync(join(flow, 'hello.py'), 'def hello(): pass\n');
  return { root, flow };
}

const dag = (extra: string) =>
  `${extra}inputs:\n  q:\n    type: string\noutputs:\n  a:\n    type: string\n    reference: \${n.output}\nnodes:\n- name: n\n  type: python\n  source:\n    type: code\n    path: hello.py\n  inputs: {}\n`;

function validate(flow: string) {
  const path = join(flow, 'flow.dag.yaml');
  return createValidator(nodeFileHost, { incremental: false }).validate({ path, text: nodeFileHost.readFile(path)! });
}

describe('file access', () => {
  it('never opens a FIFO or a device, and stops at the bound before reading', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfs-fifo-'));
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(readBounded(fifo, 1000), { problem: { kind: 'notFile', type: 'fifo' } });
    assert.deepEqual(readBounded('/dev/zero', 1000), { problem: { kind: 'notFile', type: 'device' } });
    assert.deepEqual(readBounded(dir, 1000), { problem: { kind: 'notFile', type: 'directory' } });
    writeFileSync(join(dir, 'big'), 'x'.repeat(2000));
    assert.deepEqual(readBounded(join(dir, 'big'), 1000), { problem: { kind: 'tooLarge', size: 2000, limit: 1000 } });
    assert.equal(nodeFileHost.readFile(fifo), undefined);
  });

  it('a flow reaches its folder and its includes; absolute paths and links out of it are refused', () => {
    const { root, flow } = workspace('');
    symlinkSync(join(root, 'some', '.env'), join(flow, 'link.txt'));
    assert.equal(flowReach(flow, [], 'hello.py', join(flow, 'hello.py')), undefined);
    assert.equal(flowReach(flow, [], '../../some/.env', join(root, 'some', '.env')), 'outside');
    assert.equal(flowReach(flow, [], join(root, 'some', '.env'), join(root, 'some', '.env')), 'absolute');
    assert.equal(flowReach(flow, [], 'link.txt', join(flow, 'link.txt')), 'outside');
    // A relative include may leave the flow folder, as prompt flow allows; what it brings is reachable.
    assert.equal(includeReach(flow, '../../some'), undefined);
    assert.equal(flowReach(flow, ['../../some'], 'some/.env', join(root, 'some', '.env')), undefined);
    assert.equal(includeReach(flow, '/etc/passwd'), 'absolute');
    assert.equal(includeReach(flow, 'link.txt'), 'outside');
  });

  it('validate reports a requirements file outside the flow as an error and quotes nothing of it', () => {
    const { flow } = workspace(dag('environment:\n  python_requirements_txt: ../../some/.env\n'));
    const found = validate(flow);
    const leaves = found.find((d) => d.code === 'PF1025');
    assert.ok(leaves, JSON.stringify(found));
    assert.equal(leaves.severity, 'error');
    assert.match(leaves.message, /leads outside the flow folder/);
    for (const d of found) assert.doesNotMatch(d.message, /SECRET|abcd/);
  });

  it('validate reports absolute includes and links out of the flow, in Japanese too', () => {
    const { root, flow } = workspace(dag('additional_includes:\n- /etc/passwd\n- link\n'));
    symlinkSync(join(root, 'some'), join(flow, 'link'));
    const found = validate(flow).filter((d) => d.code === 'PF1025');
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.ok(found.every((d) => d.severity === 'error'));
    const path = join(flow, 'flow.dag.yaml');
    const ja = createValidator(nodeFileHost, { incremental: false })
      .validate({ path, text: nodeFileHost.readFile(path)!, locale: 'ja' })
      .filter((d) => d.code === 'PF1025');
    assert.match(ja[0].message, /絶対パス/);
  });

  it('a node source that is a symlink out of the flow is an error', () => {
    const { root, flow } = workspace(dag(''));
    writeFileSync(join(root, 'some', 'hello.py'), 'x\n');
    const { rmSync } = require('node:fs') as typeof import('node:fs');
    rmSync(join(flow, 'hello.py'));
    symlinkSync(join(root, 'some', 'hello.py'), join(flow, 'hello.py'));
    assert.ok(validate(flow).some((d) => d.code === 'PF1025' && d.severity === 'error'));
  });

  it('a session never reads a requirements file outside the flow, a FIFO or a device', () => {
    const { flow } = workspace(dag('environment:\n  python_requirements_txt: ../../some/.env\n'));
    assert.throws(
      () => readFlowEnvironment(flow),
      (e: unknown) => e instanceof FlowError && /outside the flow folder/.test(e.message) && !/SECRET/.test(e.message),
    );
    for (const [name, make] of [
      ['pipe', (p: string) => execFileSync('mkfifo', [p])],
      ['dev', (p: string) => symlinkSync('/dev/zero', p)],
    ] as const) {
      const w = workspace(dag(`environment:\n  python_requirements_txt: ${name}\n`));
      make(join(w.flow, name));
      assert.throws(
        () => readFlowEnvironment(w.flow),
        (e: unknown) => e instanceof FlowError,
      );
    }
  });

  it('an alias bomb or deep nesting on start says the input is too large or too deep, not a bug', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const { flow } = workspace(`${bomb.join('\n')}\nnodes: []\n`);
    assert.throws(
      () => readFlowEnvironment(flow),
      (e: unknown) => e instanceof FlowError && /too large or nests too deep/.test(e.message) && !/report/i.test(e.message),
    );
    const deep = workspace(`${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    assert.throws(
      () => readFlowEnvironment(deep.flow),
      (e: unknown) =>
        e instanceof FlowError && /too large or nests too deep|not valid YAML/.test(e.message) && !/call stack/.test(e.message),
    );
  });
});
