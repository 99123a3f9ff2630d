import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolve } from 'node:path';
import { codes, find, fixtures, validateFixture } from '../../../helpers/validation';

describe('DAG flow rules', () => {
  it('accepts a flow using variants, activate, aggregation, legacy ${flow.x} and chat markers', () => {
    assert.deepEqual(validateFixture('dag-valid/flow.dag.yaml'), []);
  });

  it('PF1001: a duplicate node name is reported on the second name, with the first as related', () => {
    const d = validateFixture('dag-duplicate/flow.dag.yaml');
    assert.deepEqual(codes(d), ['15:PF1001']);
    assert.deepEqual(d[0].range, { start: { line: 15, character: 8 }, end: { line: 15, character: 12 } });
    assert.equal(d[0].related?.[0].range.start.line, 8);
  });

  it('PF1002/PF1003/PF1019/PF1020: unresolved and malformed references, empty output reference', () => {
    const d = validateFixture('dag-references/flow.dag.yaml');
    assert.deepEqual(codes(d), ['6:PF1003', '9:PF1002', '10:PF1019', '19:PF1002', '20:PF1003', '21:PF1003', '23:PF1020']);
    // The range is exactly the reference value.
    assert.deepEqual(find(d, 'PF1002', 19)!.range, { start: { line: 19, character: 7 }, end: { line: 19, character: 20 } });
    assert.match(find(d, 'PF1002', 19)!.message, /no input "txt"/);
  });

  it('PF1004: cycles are reported once per cycle, on one edge of it, including self references', () => {
    const d = validateFixture('dag-cycle/flow.dag.yaml');
    assert.deepEqual(codes(d), ['12:PF1004', '33:PF1004']);
    assert.match(d[0].message, /a → c → b → a/);
    assert.match(d[1].message, /self_loop → self_loop/);
  });

  it('PF1004: a cycle closed by activate.when says so', () => {
    const d = validateFixture('dag-cycle-activate/flow.dag.yaml');
    assert.deepEqual(codes(d), ['16:PF1004']);
    assert.match(d[0].message, /through activate\.when/);
  });

  it('PF1005/PF1006: aggregation rules', () => {
    assert.deepEqual(codes(validateFixture('dag-aggregation/flow.dag.yaml')), ['24:PF1006', '32:PF1005']);
  });

  it('PF1007: activate needs when and is', () => {
    const d = validateFixture('dag-activate/flow.dag.yaml');
    assert.deepEqual(codes(d), ['15:PF1007']);
    assert.match(d[0].message, /add "is"/);
  });

  it('PF1008/PF1009/PF1010: one chat input, one chat output', () => {
    assert.deepEqual(codes(validateFixture('dag-chat/flow.dag.yaml')), ['4:PF1008', '12:PF1009']);
    const missing = validateFixture('dag-chat-nooutput/flow.dag.yaml');
    assert.deepEqual(codes(missing), ['1:PF1010']);
    assert.equal(missing[0].severity, 'warning');
  });

  it('PF1011/PF1012/PF1013: node_variants agree with use_variants and default_variant_id', () => {
    const d = validateFixture('dag-variants/flow.dag.yaml');
    assert.deepEqual(codes(d), ['8:PF1011', '17:PF1012', '25:PF1013', '34:PF1013', '42:PF1014']);
  });

  it('PF1014/PF1015/PF1016: files resolve against the flow folder with additional_includes merged (S6)', () => {
    const d = validateFixture('dag-files/flow/flow.dag.yaml');
    // helper.py and templates/t.jinja2 exist only through includes: no diagnostic for them.
    assert.deepEqual(codes(d), ['1:PF1015', '5:PF1016', '27:PF1014']);
  });

  it('PF1017: paths that leave the workspace are flagged', () => {
    const d = validateFixture('dag-files/flow/flow.dag.yaml', { workspaceRoot: resolve(fixtures, 'dag-files/flow') });
    const outside = d.filter((x) => x.code === 'PF1017').map((x) => x.range.start.line);
    // Both includes, the missing include, and the two sources that come from them.
    assert.deepEqual(outside, [3, 4, 5, 16, 21]);
    assert.ok(d.every((x) => x.code !== 'PF1017' || x.severity === 'warning'));
  });

  it('PF1018: more than one flow file in a folder', () => {
    assert.deepEqual(codes(validateFixture('dag-multiple/flow.dag.yaml')), ['0:PF1018']);
    assert.deepEqual(codes(validateFixture('dag-multiple/flow.dag.yml')), ['0:PF1018']);
  });

  it('PF0002/PF0010/PF1021/PF1022: schema errors and unknown keys (warnings in DAG flows), node checks', () => {
    const d = validateFixture('dag-schema/flow.dag.yaml');
    assert.deepEqual(codes(d), ['0:PF0010', '3:PF0002', '4:PF0002', '18:PF0010', '19:PF0002', '24:PF1021', '28:PF1022', '34:PF0002']);
    assert.equal(find(d, 'PF0010', 0)!.severity, 'warning');
    assert.equal(find(d, 'PF0010', 18)!.severity, 'warning');
    // Unknown key: the range is the key itself.
    assert.deepEqual(find(d, 'PF0010', 18)!.range, { start: { line: 18, character: 2 }, end: { line: 18, character: 9 } });
    assert.match(find(d, 'PF0002', 3)!.message, /"strin".*Use one of: string/);
  });

  it('PF1023: problems of the requirements file named by python_requirements_txt show on that value', () => {
    const d = validateFixture('req-flow/flow.dag.yaml');
    assert.deepEqual(codes(d), ['1:PF1023']);
    assert.equal(d[0].severity, 'error');
    const viaInclude = validateFixture('req-include/flow/flow.dag.yaml');
    assert.deepEqual(codes(viaInclude), ['1:PF1023']);
    assert.equal(viaInclude[0].severity, 'warning');
  });

  it('suppression comments silence the listed codes (or all) on the next line only', () => {
    assert.deepEqual(codes(validateFixture('dag-suppress/flow.dag.yaml')), ['17:PF1003']);
  });
});

describe('DAG flow rules inside node_variants', () => {
  it('PF1002/PF1003/PF1004: variant references resolve, and the default variant takes part in cycles', () => {
    const d = validateFixture('dag-variant-refs/flow.dag.yaml');
    assert.deepEqual(codes(d), ['14:PF1004', '36:PF1002', '37:PF1003']);
    assert.match(d[0].message, /prepare → summarize → prepare/);
  });
});
