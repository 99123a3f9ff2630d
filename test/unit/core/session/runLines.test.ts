// The mapping of child runs to run lines, on the bodies real Azure ML answered (the recordings), and of
// `lastvalues` to metrics; values are read from the recorded bodies and checked one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildRunDto } from '../../../../src/core/azure/pfs';
import type { MetricDto } from '../../../../src/core/azure/runHistory';
import { metricsOf, toRunLine, tokensOf } from '../../../../src/core/session/runLines';
import { cassette } from '../../../helpers/recordings';

const pages = (file: string) =>
  cassette(file)
    .filter((i) => /\/childRuns\?/.test(i.uri) && i.status === 200)
    .map((i) => i.body as ChildRunDto[]);

test('the environment-variable run: six lines with their inputs (no line_number), outputs, times, duration, tokens and node', () => {
  const [first, second] = pages('test_run_operations_TestFlowRun_test_run_with_environment_variables.yaml');
  assert.deepEqual(second, [], 'the recorded second page is empty');
  const lines = first.map((c) => toRunLine(c)!);
  // The service lists them in its own order (3 before 2): the mapping keeps each line's own number.
  assert.deepEqual(
    lines.map((l) => l.index),
    [0, 1, 3, 2, 4, 5],
  );
  const expected: [number, string, string | null][] = [
    [0, 'env1', '2'],
    [1, 'env2', 'spawn'],
    [3, 'env4', '{"a": 1, "b": "2"}'],
    [2, 'env3', '[1, 2, 3, 4, 5]'],
    [4, 'env5', null],
    [5, 'env10', null],
  ];
  for (const [i, [index, key, output]] of expected.entries()) {
    const l = lines[i];
    assert.equal(l.index, index);
    assert.equal(l.status, 'Completed');
    assert.deepEqual(l.inputs, { key });
    assert.deepEqual(l.outputs, { output });
    assert.equal(l.error, undefined);
    assert.deepEqual(l.tokens, { prompt: 0, completion: 0, total: 0 });
    assert.equal(l.nodes.length, 1);
    const node = l.nodes[0];
    assert.equal(node.node, 'print_env');
    assert.equal(node.tool, 'get_env_var');
    assert.equal(node.type, 'Function');
    assert.deepEqual(node.inputs, { key });
    assert.deepEqual(node.output, { value: output });
    assert.equal(node.error, undefined);
    assert.equal(node.tokens, undefined, 'the node recorded no token counts');
  }
  assert.equal(lines[0].startedAt, '2024-05-13T08:53:08.389886Z');
  assert.equal(lines[0].endedAt, '2024-05-13T08:53:08.436581Z');
  assert.equal(lines[0].durationSeconds, 0.046695);
  // The node's duration is its own end less start (epoch seconds), as the service has no duration for it.
  assert.ok(Math.abs(lines[0].nodes[0].durationSeconds! - (1715590388.431544 - 1715590388.428622)) < 1e-9);
});

test('a flex flow line: the entry function is the one node, named by its function when it has no node name', () => {
  const [first] = pages('test_run_operations_TestFlowRun_test_model_config_dict_in_init.yaml');
  const lines = first.map((c) => toRunLine(c)!);
  assert.deepEqual(
    lines.map((l) => [l.index, l.inputs]),
    [
      [0, { func_input: 'func_input1' }],
      [1, { func_input: 'func_input2' }],
    ],
  );
  assert.equal(lines[0].outputs?.azure_open_ai_model_config_deployment, 'my_deployment');
  assert.equal(lines[0].outputs?.open_ai_model_config_model, 'my_model');
  assert.equal(lines[0].durationSeconds, 0.027954);
  assert.equal(lines[0].tokens, undefined, 'no token counts recorded');
  assert.equal(lines[0].nodes.length, 1);
  assert.equal(lines[0].nodes[0].node, 'MyFlow.__call__');
  assert.equal(lines[0].nodes[0].tool, 'MyFlow.__call__');
  assert.equal(lines[0].nodes[0].type, 'Function');
});

test('a failed line and a nested call tree: error message and code, tokens, nodes depth first', () => {
  const line = toRunLine({
    run_id: 'r_7',
    status: 'Failed',
    inputs: { q: 'x', line_number: 7 },
    output: null,
    error: { message: 'Execution failure in answer: boom', code: 'UserError' },
    system_metrics: { duration: 1.5, prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    api_calls: [
      {
        type: 'Flow',
        node_name: 'flow',
        children: [
          {
            node_name: 'answer',
            name: 'AzureOpenAI.chat',
            type: 'LLM',
            error: { message: 'boom' },
            children: [{ name: 'openai.chat', type: 'LLM', system_metrics: { total_tokens: 15 } }],
          },
          { node_name: 'format', function: 'format', type: 'Function', system_metrics: { duration: 0.25 } },
        ],
      },
    ],
  })!;
  assert.equal(line.index, 7, 'no index field: the inputs line_number');
  assert.equal(line.status, 'Failed');
  assert.deepEqual(line.inputs, { q: 'x' });
  assert.equal(line.outputs, null);
  assert.deepEqual(line.error, { code: 'UserError', message: 'Execution failure in answer: boom' });
  assert.deepEqual(line.tokens, { prompt: 10, completion: 5, total: 15 });
  assert.deepEqual(
    line.nodes.map((n) => [n.node, n.tool, n.type, n.error]),
    [
      ['answer', 'AzureOpenAI.chat', 'LLM', 'boom'],
      ['openai.chat', 'openai.chat', 'LLM', undefined],
      ['format', 'format', 'Function', undefined],
    ],
  );
  assert.deepEqual(line.nodes[1].tokens, { prompt: 0, completion: 0, total: 15 });
  assert.equal(line.nodes[2].durationSeconds, 0.25);
});

test('missing fields are tolerated; a child run that names no line is left out', () => {
  assert.deepEqual(toRunLine({ run_id: 'r_3' }), { index: 3, status: 'Unknown', inputs: {}, outputs: null, nodes: [] });
  assert.equal(toRunLine({ run_id: 'r', inputs: null, api_calls: null }), undefined);
  assert.equal(toRunLine({ index: -1 }), undefined);
  assert.deepEqual(toRunLine({ index: 0, error: 'plain text', api_calls: ['x', null] })?.error, { message: 'plain text' });
  assert.equal(tokensOf(null), undefined);
  assert.equal(tokensOf({ duration: 1 }), undefined);
});

test('lastvalues: the recorded metrics, each its last value under its name', () => {
  const answer = cassette('test_run_operations_TestFlowRun_test_show_metrics.yaml').find((i) => /\/lastvalues$/.test(i.uri))!;
  const list = (answer.body as { value: MetricDto[] }).value;
  assert.deepEqual(metricsOf(list), {
    '__pf__.nodes.grade.completed': 3,
    '__pf__.nodes.calculate_accuracy.completed': 1,
    '__pf__.lines.completed': 3,
    '__pf__.lines.failed': 0,
    accuracy: 0,
  });
  assert.deepEqual(metricsOf([{ name: 'x', value: [{ data: { x: 1 } }, { data: { x: 2 } }] }, { name: 'y', value: null }, { value: [] }]), {
    x: 2,
  });
});
