// The job a run's executor gets (docs/azure-contract.md §36): node variants resolved, environment
// variables as prompt flow sets them, the run's connection overrides on the nodes they name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlowSetupError, applyConnectionOverrides, environmentOf, parseDag, pyJson, resolveVariants } from '../../../src/emulator/flowJob';

const VARIANT_FLOW = `
inputs:
  text: {type: string}
outputs:
  out: {type: string, reference: "\${summarize.output}"}
nodes:
- name: summarize
  use_variants: true
- name: plain
  type: python
  source: {type: code, path: plain.py}
  inputs: {connection: my_conn}
node_variants:
  summarize:
    default_variant_id: variant_0
    variants:
      variant_0:
        node:
          type: llm
          source: {type: code, path: a.jinja2}
          connection: aoai
          inputs: {deployment_name: gpt-a}
      variant_1:
        node:
          type: llm
          source: {type: code, path: b.jinja2}
          connection: aoai
          inputs: {deployment_name: gpt-b}
`;

describe('flow job', () => {
  it('resolves each use_variants node to the default variant, or the one the run names', () => {
    const dag = parseDag(VARIANT_FLOW);
    const byDefault = resolveVariants(dag, undefined);
    assert.equal('node_variants' in byDefault, false);
    const node = (byDefault.nodes as Record<string, unknown>[])[0];
    assert.deepEqual(node, {
      name: 'summarize',
      type: 'llm',
      source: { type: 'code', path: 'a.jinja2' },
      connection: 'aoai',
      inputs: { deployment_name: 'gpt-a' },
    });
    const chosen = (resolveVariants(dag, '${summarize.variant_1}').nodes as Record<string, unknown>[])[0];
    assert.deepEqual(chosen.source, { type: 'code', path: 'b.jinja2' });
    assert.throws(
      () => resolveVariants(dag, '${summarize.variant_9}'),
      (e: unknown) => e instanceof FlowSetupError && e.innerCode === 'InvalidNodeVariant',
    );
    assert.throws(() => resolveVariants(dag, '${plain.variant_1}'), /has no variants/);
  });

  it('sets non-string environment variables as JSON text (as recorded) with the run’s over the flow’s', () => {
    const dag = parseDag(
      'environment_variables:\n  env1: 2\n  env2: spawn\n  env3: [1, 2, 3]\n  env4: {a: 1, b: "2"}\n  env6: true\nnodes: []\n',
    );
    assert.deepEqual(environmentOf(dag, { env1: '20', env5: 'test' }), {
      env1: '20',
      env2: 'spawn',
      env3: '[1, 2, 3]',
      env4: '{"a": 1, "b": "2"}',
      env5: 'test',
      env6: 'true',
    });
    assert.equal(pyJson({ k: 'é' }), '{"k": "\\u00e9"}', 'ASCII escapes, as json.dumps');
  });

  it("applies the run's connection overrides to the nodes they name", () => {
    const flow = resolveVariants(parseDag(VARIANT_FLOW), undefined);
    const nodes = applyConnectionOverrides(flow, {
      summarize: { connection: 'other_aoai', deployment_name: 'gpt-4o' },
      plain: { connection: 'conn2' },
    }).nodes as Record<string, Record<string, unknown>>[];
    assert.equal(nodes[0].connection, 'other_aoai');
    assert.equal(nodes[0].inputs.deployment_name, 'gpt-4o');
    assert.equal(nodes[1].inputs.connection, 'conn2', 'a python node names its connection in its inputs');
  });

  it('refuses a flow file that is not a mapping with a node list', () => {
    assert.throws(() => parseDag('nodes: {a: 1}\n'), /nodes are a list/);
    assert.throws(() => parseDag('inputs: [\n'), /does not parse/);
  });
});
