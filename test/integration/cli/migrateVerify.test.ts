// `pfsession migrate verify` as a user runs it (the built dist/cli.js): the flow of test/fixtures/parity
// (python, prompt, llm, activate and aggregation nodes) run on its compute session in the emulator, its
// generated workflow run here on the Agent Framework test double (test/doubles on PYTHONPATH, its chat
// client calling the emulator's chat service with the emulator's CA), and the two compared line by line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, runCli } from '../../helpers/cli';
import { chatAccess } from '../../helpers/emulator';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import { repoRoot } from '../../helpers/validation';

const doubles = resolve(repoRoot, 'test/doubles');
const fixture = resolve(repoRoot, 'test/fixtures/parity/flow');

interface VerifyJson {
  verdict: string;
  reason?: string;
  run: { runId: string; status: string };
  lines: number;
  compared: number;
  matched: number;
  outputs: { output: string; matched: number }[];
  differences: { line: number; output: string; kind: string; flow: unknown; workflow: unknown }[];
  failures: { line: number; side: string; flowError?: { message: string }; workflowError?: { message: string } }[];
}

let fx: Fixture;
let flow: string;
let env: Record<string, string>;
before(async () => {
  fx = await startFixture({ azurite: true });
  flow = join(fx.dir, 'flows', 'parity');
  mkdirSync(flow, { recursive: true });
  cpSync(fixture, flow, { recursive: true });
  env = { PYTHONPATH: doubles, SSL_CERT_FILE: fx.emu.ca, PARITY_SIDE: 'workflow' };
});
after(async () => {
  await fx?.stop();
});

const verify = (args: string[], extra: Record<string, string> = {}) =>
  runCli(fx, ['migrate', 'verify', ...args], { env: { ...env, ...extra } });
const json = (r: { code: number; stdout: string; stderr: string }) => {
  try {
    return JSON.parse(r.stdout) as VerifyJson;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
};

describe('pfsession migrate verify', () => {
  let runId: string;
  before(async () => {
    const access = await chatAccess(fx.emu);
    // The workflow's connection, as .env.example names it, is the demo's Azure OpenAI account on the emulator.
    Object.assign(env, { AZURE_OPEN_AI_CONNECTION_API_BASE: access.aoaiBase, AZURE_OPEN_AI_CONNECTION_API_KEY: access.aoaiKey });
  });

  it('runs the flow on its session and the generated workflow here, and finds parity on every line (exit 0)', async () => {
    assert.ok(CLI);
    const r = await verify([flow, '--data', join(flow, 'data.jsonl'), '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const report = json(r);
    runId = report.run.runId;
    assert.ok(![r.stdout, r.stderr].some((o) => o.includes(env.AZURE_OPEN_AI_CONNECTION_API_KEY)), 'the connection key is never printed');
    assert.deepEqual(
      [report.verdict, report.run.status, report.lines, report.compared, report.matched, report.differences, report.failures],
      ['holds', 'Completed', 4, 4, 4, [], []],
    );
    assert.deepEqual(
      report.outputs.map((o) => [o.output, o.matched]),
      [
        ['answer', 4],
        ['prompt', 4],
        ['kind', 4],
        ['shouted', 4],
      ],
    );
    // The flow's own outputs on the session, by value: python, prompt, llm (the chat service's answer) and a
    // node that ran only where its activate condition held.
    const lines = await fx.service().runOutputs(runId);
    assert.deepEqual(
      lines.map((l) => [l.index, l.status, l.outputs]),
      [
        [
          0,
          'Completed',
          { answer: '[gpt-4o] Question: What is one? (odd)', prompt: 'Question: What is one? (odd)', kind: 'odd', shouted: null },
        ],
        [
          1,
          'Completed',
          {
            answer: '[gpt-4o] Question: What is two? (even)',
            prompt: 'Question: What is two? (even)',
            kind: 'even',
            shouted: 'WHAT IS TWO?!',
          },
        ],
        [
          2,
          'Completed',
          { answer: '[gpt-4o] Question: What is three? (odd)', prompt: 'Question: What is three? (odd)', kind: 'odd', shouted: null },
        ],
        [
          3,
          'Completed',
          {
            answer: '[gpt-4o] Question: What is four? (even)',
            prompt: 'Question: What is four? (even)',
            kind: 'even',
            shouted: 'WHAT IS FOUR?!',
          },
        ],
      ],
    );
    // The same run again, as a person reads it.
    const md = await verify([flow, '--data', join(flow, 'data.jsonl'), '--run', runId]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^\*\*✓ Parity holds: 4 of 4 line\(s\) match \(100\.0%; at least 100\.0% needed\)\.\*\*$/m);
    assert.match(
      md.stdout,
      new RegExp(`^Prompt flow run: ${runId} \\(Completed\\)\\. Workflow: generated from the flow for this check`, 'm'),
    );
  });

  it('fails parity on exactly the lines a changed node changes (exit 1)', async () => {
    const out = join(fx.dir, 'changed');
    const generated = await runCli(fx, ['migrate', 'generate', flow, '--out', out]);
    assert.equal(generated.code, 0, generated.stderr);
    const workflowPy = join(out, 'workflow.py');
    const original = readFileSync(workflowPy, 'utf8');
    const body = /^( {4}return await rt\.call_python\(rt\.python_tool\("shout\.py", "shout"\), inputs\))$/m;
    assert.match(original, body);
    writeFileSync(workflowPy, original.replace(body, '    return "changed"'));
    const r = await verify([flow, '--data', join(flow, 'data.jsonl'), '--run', runId, '--workflow', out, '--json']);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const report = json(r);
    assert.deepEqual(
      [report.verdict, report.reason, report.compared, report.matched, report.failures],
      ['fails', 'belowThreshold', 4, 2, []],
    );
    // shout runs on the even lines only: those differ, and nothing else.
    assert.deepEqual(
      report.differences.map((d) => [d.line, d.output, d.kind, d.flow, d.workflow]),
      [
        [2, 'shouted', 'different', 'WHAT IS TWO?!', 'changed'],
        [4, 'shouted', 'different', 'WHAT IS FOUR?!', 'changed'],
      ],
    );
  });

  it('reports a line that failed in the prompt flow run only', async () => {
    const data = join(fx.dir, 'unlucky.jsonl');
    writeFileSync(data, '{"question": "One?", "n": 1}\n{"question": "Thirteen?", "n": 13}\n{"question": "Two?", "n": 2}\n');
    const r = await verify([flow, '--data', data, '--json']);
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const report = json(r);
    assert.deepEqual([report.compared, report.matched, report.differences], [3, 2, []]);
    assert.equal(report.failures.length, 1);
    const [failure] = report.failures;
    assert.deepEqual([failure.line, failure.side, failure.workflowError], [2, 'flow', undefined]);
    assert.match(failure.flowError!.message, /13 is refused on the session/);
    const md = await verify([flow, '--data', data, '--run', report.run.runId, '--min-match', '0.6']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^- ✗ Line 2: failed in the prompt flow run only: .*13 is refused on the session/m);
  });
});

describe('pfsession migrate verify when a side cannot run', () => {
  it('exits 2 with the reason when the Python cannot start, before anything is submitted', async () => {
    const missing = join(fx.dir, 'no-such-python');
    const r = await verify([flow, '--data', join(flow, 'data.jsonl'), '--python', missing]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      new RegExp(`The Agent Framework side could not run: ${missing.replace(/[/\\.]/g, '\\$&')} cannot start \\(ENOENT\\)`),
    );
    const j = await verify([flow, '--data', join(flow, 'data.jsonl'), '--python', missing, '--json']);
    assert.equal(j.code, 2);
    assert.deepEqual(Object.keys(JSON.parse(j.stdout) as object), ['verdict', 'side', 'reason']);
  });

  it('exits 2 when the workflow folder holds no project, and on bad usage', async () => {
    const r = await verify([flow, '--data', join(flow, 'data.jsonl'), '--workflow', fx.dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /has no main\.py: name the folder that pfsession migrate generate wrote\./);
    const noData = await verify([flow]);
    assert.equal(noData.code, 2);
    assert.match(noData.stderr, /--data names the JSON Lines file of inputs/);
    const missing = await verify([flow, '--data', join(fx.dir, 'nowhere.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere\.jsonl: file or folder not found/);
  });
});

describe('main.py --data', () => {
  it('writes a line that fails as an error record naming its node, runs the other lines and aggregates the ones that succeeded', async () => {
    const dir = join(fx.dir, 'aggregation');
    const generated = await runCli(fx, ['migrate', 'generate', resolve(repoRoot, 'test/fixtures/migration/aggregation'), '--out', dir]);
    assert.equal(generated.code, 0, generated.stderr);
    writeFileSync(join(dir, 'bad.jsonl'), '{"n": 1}\n{"n": null}\n["not", "an", "object"]\n{"n": 4}\n');
    const r = spawnSync('python3', ['main.py', '--data', 'bad.jsonl', '--output', 'bad.out.jsonl'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: doubles },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^2 of 4 line\(s\) failed: see the __error__ records\.$/m);
    assert.deepEqual(
      readFileSync(join(dir, 'bad.out.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
      [
        { parity: 'odd' },
        { __error__: { type: 'TypeError', message: "unsupported operand type(s) for %: 'NoneType' and 'int'", node: 'grade' } },
        { __error__: { type: 'ValueError', message: 'A line of the data must be a JSON object.' } },
        { parity: 'even' },
      ],
    );
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'bad.out.aggregation.json'), 'utf8')), {
      count: { even: 1, odd: 1, sum: 5 },
      report: '1 even, 1 odd',
    });
  });
});
