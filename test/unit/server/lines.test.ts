// The line-level YAML reading behind hover, completion, links and codelenses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest } from '../../../src/core/validation/closest';
import { outlineOf } from '../../../src/server/outline';
import { pathAt, shapeOf } from '../../../src/server/yamlLines';

const FLOW = [
  'environment:',
  '  image: my.azurecr.io/img:1',
  '  python_requirements_txt: "reqs.txt"  # pinned',
  'inputs:',
  '  question: {type: string}',
  'nodes:',
  '- name: a',
  '  source:',
  '    type: code',
  '    path: a.py',
  '  inputs:',
  '    x: ${inputs.question}',
  '- name: b',
  '  use_variants: true',
  'node_variants:',
  '  b:',
  '    default_variant_id: v1',
  '    variants:',
  '      v1:',
  '        node: {}',
  '      v2:',
  '        node: {}',
  'additional_includes:',
  '  - ../shared/utils.py',
].join('\n');

describe('yaml lines', () => {
  it('reads keys, list markers, quotes and comments of one line', () => {
    assert.deepEqual(shapeOf('- - name: x # c'), { dashes: [0, 2], key: 'name', keyCol: 4, value: 'x', valueCol: 10 });
    assert.equal(shapeOf('url: https://example.com/a:b')?.value, 'https://example.com/a:b');
    assert.equal(shapeOf('"quoted key": 1')?.key, 'quoted key');
    assert.equal(shapeOf('  # only a comment'), undefined);
    assert.equal(shapeOf('- plain item')?.key, undefined);
    assert.equal(shapeOf('[a, b]: not a key')?.key, undefined);
  });

  it('finds the key path at a position', () => {
    const lines = FLOW.split('\n');
    assert.deepEqual(pathAt(lines, 9, 5), { path: ['nodes', '[]', 'source'], onKey: true, key: 'path' });
    assert.deepEqual(pathAt(lines, 9, 12).path, ['nodes', '[]', 'source', 'path']);
    assert.equal(pathAt(lines, 9, 12).onKey, false);
    assert.deepEqual(pathAt(lines, 12, 3).path, ['nodes', '[]']);
    assert.deepEqual(pathAt(lines, 16, 6), { path: ['node_variants', 'b'], onKey: true, key: 'default_variant_id' });
  });

  it('outlines inputs, nodes, variants, environment and paths', () => {
    const o = outlineOf(FLOW);
    assert.deepEqual(
      o.inputs.map((i) => i.name),
      ['question'],
    );
    assert.deepEqual(
      o.nodes.map((n) => n.name),
      ['a', 'b'],
    );
    assert.deepEqual([...o.variants], [['b', ['v1', 'v2']]]);
    assert.equal(o.image?.line, 1);
    assert.equal(o.requirements?.value, 'reqs.txt');
    assert.deepEqual(
      o.paths.map((p) => p.value),
      ['reqs.txt', 'a.py', '../shared/utils.py'],
    );
  });

  it('stays linear on deep nesting and binary text', () => {
    const deep = `a:\n${'- '.repeat(10_000)}x\n`;
    assert.equal(pathAt(deep.split('\n'), 1, 20_001).path.length, 10_000 + 1);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1');
    assert.doesNotThrow(() => outlineOf(binary));
  });

  it('suggests the one close known key', () => {
    assert.equal(closest('conection', ['connection', 'api', 'inputs']), 'connection');
    assert.equal(closest('zzz', ['connection', 'api']), undefined);
    assert.equal(closest('ab', ['ac', 'ad']), undefined, 'a tie suggests nothing');
  });
});
