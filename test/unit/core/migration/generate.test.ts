import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { generateProject, planFlow, writeProject, type GeneratedProject } from '../../../../src/core/migration';
import { repoRoot } from '../../../helpers/validation';

const fixtures = resolve(repoRoot, 'test/fixtures/migration');
const project = (name: string, locale: 'en' | 'ja' = 'en') =>
  generateProject(planFlow(resolve(fixtures, name, 'flow.dag.yaml'), nodeFileHost), nodeFileHost, locale, `${name}/flow.dag.yaml`);
const file = (p: GeneratedProject, path: string) => {
  const f = p.files.find((x) => x.path === path);
  assert.ok(f, `${path} is generated`);
  return String(f.content);
};
const scratch = mkdtempSync(join(tmpdir(), 'pfs-migrate-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('generated Agent Framework project', () => {
  it('is the same bytes every time', () => {
    const a = project('kinds');
    const b = project('kinds');
    assert.deepEqual(
      a.files.map((f) => [f.path, f.content]),
      b.files.map((f) => [f.path, f.content]),
    );
  });

  it('builds a module-level workflow with WorkflowBuilder, one executor per node, edges from the references', () => {
    const wf = file(project('activate'), 'workflow.py');
    assert.match(wf, /^from agent_framework import WorkflowBuilder$/m);
    assert.match(
      wf,
      /^workflow = \(\n {4}WorkflowBuilder\(name="activate", description="prompt flow activate\/flow\.dag\.yaml", start_executor=flow_inputs\)/m,
    );
    for (const n of ['classify', 'on_a', 'on_b', 'after_a', 'combine'])
      assert.match(wf, new RegExp(`^x_${n} = rt\\.NodeExecutor\\("${n}"`, 'm'));
    assert.match(wf, /\.add_edge\(x_classify, x_on_a, condition=rt\.condition\(NodeOutput\("classify"\), "a"\)\)/);
    assert.match(wf, /\.add_edge\(x_classify, x_on_a_bypassed, condition=rt\.condition\(NodeOutput\("classify"\), "a", negate=True\)\)/);
    assert.match(wf, /\.add_fan_in_edges\(\[x_on_a_done, x_on_b_done\], x_combine\)/);
    assert.match(file(project('fanout'), 'workflow.py'), /\.add_fan_out_edges\(flow_inputs, \[x_double, x_square\]\)/);
    const manifest = JSON.parse(file(project('activate'), 'migration.json')) as {
      nodes: { node: string; executor: string }[];
      edges: { kind: string; sources: string[]; targets: string[] }[];
    };
    assert.deepEqual(
      manifest.edges.filter((e) => e.targets.includes('combine') || e.targets.includes('on_a.done')),
      [
        { kind: 'edge', sources: ['on_a', 'on_a.bypassed'], targets: ['on_a.done'] },
        { kind: 'fanIn', sources: ['on_a.done', 'on_b.done'], targets: ['combine'] },
      ],
    );
    assert.deepEqual(
      manifest.nodes.map((n) => [n.node, n.executor]),
      ['classify', 'on_a', 'on_b', 'after_a', 'combine'].map((n) => [n, n]),
    );
  });

  it('calls the chat client that fits the connection with the deployment and the node parameters', () => {
    const chat = file(project('chat'), 'workflow.py');
    assert.match(chat, /^from agent_framework\.openai import OpenAIChatCompletionClient$/m);
    assert.match(
      chat,
      /client = OpenAIChatCompletionClient\(\n {8}model="gpt-4o",\n {8}azure_endpoint=rt\.env\("AOAI_API_BASE"\),\n {8}api_version=rt\.env\("AOAI_API_VERSION", required=False\),\n {8}api_key=rt\.env\("AOAI_API_KEY"\),\n {4}\)/,
    );
    assert.match(chat, /response = await client\.get_response\(messages, options=rt\.chat_options\(inputs\)\)/);
    const kinds = file(project('kinds'), 'workflow.py');
    assert.match(
      kinds,
      /model="gpt-3\.5-turbo-instruct",\n {8}api_key=rt\.env\("OAI_API_KEY"\),\n {8}base_url=rt\.env\("OAI_BASE_URL", required=False\),\n {8}org_id=/,
    );
    assert.match(kinds, /^from agent_framework import Message, WorkflowBuilder$/m);
    assert.match(kinds, /model="phi-3",\n {8}api_key=rt\.env\("PHI_API_KEY"\),\n {8}base_url=rt\.env\("PHI_API_BASE"\),/);
    assert.match(
      kinds,
      /raise rt\.ManualNode\("Node lookup has no Agent Framework equivalent: Package tool my_company\.tools\.lookup\.search/,
    );
  });

  it('writes requirements without prompt flow, the variables of every connection, and a README with every item to check', () => {
    const p = project('python-chain');
    assert.equal(
      file(p, 'requirements.txt'),
      [
        '# Agent Framework (the generated code is written for agent-framework-core 1.13.0)',
        'agent-framework-core>=1.13.0,<2',
        'jinja2>=3',
        'python-dotenv>=1',
        'typing-extensions>=4.8',
        '',
        "# From the flow's requirements (without promptflow and promptflow-tools)",
        'requests>=2',
        '',
      ].join('\n'),
    );
    const env = file(p, '.env.example');
    assert.match(env, /^MY_AOAI_API_KEY=$/m);
    assert.match(env, /^# MY_CUSTOM_SECRET_<KEY>=$/m);
    assert.doesNotMatch(env, /=\S/);
    for (const copied of ['flow/upper.py', 'flow/helpers.py', 'flow/flow.dag.yaml', 'flow/pixel.png']) {
      const f = p.files.find((x) => x.path === copied);
      assert.ok(f && Buffer.isBuffer(f.content), copied);
      assert.ok(f.content.equals(readFileSync(resolve(fixtures, 'python-chain', copied.slice(5)))), `${copied} is copied byte for byte`);
    }
    const kinds = project('kinds');
    const readme = file(kinds, 'README.md');
    const wf = file(kinds, 'workflow.py');
    const line = wf.split('\n').findIndex((l) => l.startsWith('async def node_lookup(')) + 1;
    assert.ok(readme.includes(`- manual: node lookup, workflow.py:${line} (node_lookup): Package tool my_company.tools.lookup.search`));
    assert.match(readme, /- review: node summarize, workflow\.py:\d+ \(node_summarize\): .*not generated: long\./);
    assert.match(file(project('kinds', 'ja'), 'README.md'), /## 確認と作業が必要な項目/);
    // How main.py writes a line that failed, in the README's words and in main.py itself.
    assert.ok(
      readme.includes('a line that fails is written as {"__error__": {"type": …, "message": …, "node": …}} and the other lines go on'),
    );
    assert.match(file(kinds, 'main.py'), /^ {4}return \{"__error__": record\}$/m);
  });

  it('does not overwrite a file the user changed unless forced, and writes nothing then', () => {
    const dir = join(scratch, 'chain');
    const p = project('python-chain');
    const first = writeProject(dir, p, false);
    assert.equal(first.written.length, p.files.length);
    assert.deepEqual(writeProject(dir, p, false), { written: [], unchanged: p.files.map((f) => f.path), refused: [] });
    writeFileSync(join(dir, 'workflow.py'), '# mine\n');
    rmSync(join(dir, 'main.py'));
    const refused = writeProject(dir, p, false);
    assert.deepEqual(refused.refused, ['workflow.py']);
    assert.deepEqual(refused.written, []);
    assert.equal(readFileSync(join(dir, 'workflow.py'), 'utf8'), '# mine\n');
    assert.throws(() => readFileSync(join(dir, 'main.py')), /ENOENT/, 'a refused run writes no file');
    const forced = writeProject(dir, p, true);
    assert.deepEqual(forced.written.sort(), ['main.py', 'workflow.py']);
    assert.equal(readFileSync(join(dir, 'workflow.py'), 'utf8'), file(p, 'workflow.py'));
  });
});
