import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { render } from '../../../../src/core/i18n';
import { flowFilesUnder, planFlow, planJson, planMarkdown, summarize, type FlowPlan } from '../../../../src/core/migration';
import { repoRoot } from '../../../helpers/validation';
import { corpusRoot } from '../../../helpers/corpus';

const fixtures = resolve(repoRoot, 'test/fixtures/migration');
const plan = (name: string) => planFlow(resolve(fixtures, name, 'flow.dag.yaml'), nodeFileHost);
const node = (p: FlowPlan, name: string) => {
  const n = p.nodes.find((x) => x.name === name);
  assert.ok(n, `node ${name} in the plan`);
  return { ...n, text: n.notes.map((m) => render('en', m)).join(' ') };
};

describe('migration plan', () => {
  it('maps python, prompt and llm nodes, with the connections each needs as variables', () => {
    const chain = plan('python-chain');
    assert.equal(chain.readiness, 'automatic');
    assert.deepEqual(
      chain.nodes.map((n) => [n.name, n.readiness]),
      [
        ['upper', 'automatic'],
        ['repeat', 'automatic'],
        ['endpoint', 'automatic'],
      ],
    );
    assert.match(node(chain, 'repeat').mapsTo, /repeat\.py:repeat\(\)/);
    assert.deepEqual(
      chain.connections.map((c) => [c.name, c.type, c.variables]),
      [
        ['my_aoai', 'AzureOpenAIConnection', ['MY_AOAI_API_KEY', 'MY_AOAI_API_BASE', 'MY_AOAI_API_VERSION']],
        ['my_custom', 'CustomConnection', []],
      ],
    );
    const chat = plan('chat');
    assert.equal(node(chat, 'chat').readiness, 'automatic');
    assert.match(node(chat, 'chat').mapsTo, /OpenAIChatCompletionClient \(AzureOpenAI\)/);
    assert.equal(node(chat, 'system').mapsTo, 'Executor → jinja2.Template.render');
    assert.deepEqual(
      chat.items.map((i) => i.subject),
      ['inputs.chat_history', 'inputs.question', 'outputs.answer'],
    );
  });

  it('names what a person must review, and what has no equivalent', () => {
    const kinds = plan('kinds');
    const r = Object.fromEntries(kinds.nodes.map((n) => [n.name, n.readiness]));
    assert.deepEqual(r, {
      complete: 'review',
      serverless: 'review',
      guessed: 'review',
      embed: 'manual',
      lookup: 'manual',
      summarize: 'review',
      other: 'manual',
    });
    assert.match(node(kinds, 'complete').text, /Completion API/);
    assert.match(node(kinds, 'guessed').text, /names no provider.*Not passed to the client: n\./);
    assert.match(node(kinds, 'embed').text, /OpenAIEmbeddingClient/);
    assert.match(node(kinds, 'lookup').text, /my_company\.tools\.lookup\.search/);
    assert.match(node(kinds, 'summarize').text, /Variant short \(the default\) is generated; not generated: long\./);
    assert.deepEqual(
      kinds.items.map((i) => [i.subject, i.readiness]),
      [
        ['inputs.picture', 'review'],
        ['environment.image', 'review'],
      ],
    );
    assert.equal(kinds.readiness, 'manual');
    assert.equal(kinds.generatable, true, 'manual nodes do not stop generation');
    assert.deepEqual(
      kinds.blockers.map((b) => [b.kind, b.node]),
      [
        ['noEquivalent', 'embed'],
        ['unknownTool', 'lookup'],
        ['unknownNodeType', 'other'],
      ],
    );
  });

  it('describes activate, fan-out, fan-in and aggregation', () => {
    const act = plan('activate');
    assert.match(node(act, 'on_a').text, /Runs only when classify\.output is "a"/);
    assert.match(node(act, 'classify').text, /Feeds on_a, on_b, which run in parallel/);
    assert.match(node(act, 'combine').text, /Waits for on_a, on_b \(fan-in\)/);
    assert.match(node(plan('aggregation'), 'count').text, /runs once after all lines/);
  });

  it('says a flow that fails validation cannot be generated until it is fixed', () => {
    const bad = plan('invalid');
    assert.equal(bad.generatable, false);
    assert.equal(bad.readiness, 'manual');
    const invalid = bad.blockers.filter((b) => b.kind === 'invalidFlow').map((b) => render('en', b.note));
    assert.deepEqual(
      invalid.map((s) => s.slice(0, 15)),
      ['Line 7: PF1003 ', 'Line 13: PF1014'],
    );
    assert.match(planMarkdown('en', [bad]), /cannot be generated until the flow validates/);
  });

  it('does not read a flow file the validator refuses for its size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfs-migrate-big-'));
    try {
      const path = join(dir, 'flow.dag.yaml');
      writeFileSync(path, `nodes:\n${'- name: n\n  type: python\n'.repeat(60_000)}`);
      const big = planFlow(path, nodeFileHost);
      assert.equal(big.generatable, false);
      assert.deepEqual(big.nodes, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plans a flex flow as one executor calling its entry', () => {
    const flex = planFlow(resolve(corpusRoot, 'promptflow/examples/flex-flows/basic/flow.flex.yaml'), nodeFileHost);
    assert.equal(flex.kind, 'flexFlow');
    assert.deepEqual(
      flex.nodes.map((n) => [n.type, n.mapsTo, n.readiness]),
      [['flex', 'Executor → programmer:write_simple_program', 'automatic']],
    );
  });

  it('gives the JSON shape and a folder summary in English and Japanese', () => {
    const plans = flowFilesUnder(fixtures, nodeFileHost).map((f) => planFlow(f, nodeFileHost));
    const json = planJson('en', plans, fixtures);
    assert.deepEqual(
      json.flows.map((f) => f.path),
      [
        'activate/flow.dag.yaml',
        'aggregation/flow.dag.yaml',
        'chat/flow.dag.yaml',
        'fanout/flow.dag.yaml',
        'flex/flow.flex.yaml',
        'invalid/flow.dag.yaml',
        'kinds/flow.dag.yaml',
        'python-chain/flow.dag.yaml',
      ],
    );
    const kinds = json.flows.find((f) => f.path.startsWith('kinds'))!;
    assert.deepEqual(Object.keys(kinds.nodes[0]), ['name', 'type', 'mapsTo', 'readiness', 'note']);
    assert.equal(kinds.readiness, 'manual');
    const s = summarize(plans);
    assert.deepEqual(s.nodes, { automatic: 16, review: 5, manual: 4 });
    assert.deepEqual(s.blockers, { invalidFlow: 2, missingSource: 1, noEquivalent: 1, unknownTool: 1, unknownNodeType: 1 });
    const ja = planMarkdown('ja', plans, fixtures);
    assert.match(ja, /概要: フロー 8 件 \(生成可能 7 件\)。ノード: 自動 16、要確認 5、手動 4。/);
    assert.match(ja, /# 移行計画: kinds\/flow\.dag\.yaml/);
    assert.doesNotMatch(ja, /Summary|Nodes\n/);
  });
});
