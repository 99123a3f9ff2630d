// Property-based fuzzing of the validation core over mutated corpus files: it never throws, every
// range lies inside the document, and no file takes anywhere near a second. The time bound is only
// a safety net that turns a runaway into a failure; benchmarks measure speed.
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> node test/run-unit.mjs fuzz/validator
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator } from '../../../../src/core/validation';
import {
  applyCase,
  caseArb,
  corpusRoot,
  everyFileArb,
  fuzzSeed,
  loadCorpus,
  rangeProblem,
  type CorpusFile,
  type FuzzCase,
} from '../../../helpers/mutate';

const SAFETY_NET_MS = 5_000;
const files = loadCorpus();
const validator = createValidator(nodeFileHost);

function check(c: FuzzCase): void {
  const { file, text } = applyCase(files, c);
  checkText(file, text);
}

function checkText(file: CorpusFile, text: string): void {
  const started = performance.now();
  const diags = validator.validate({ path: file.abs, text, workspaceRoot: corpusRoot });
  const ms = performance.now() - started;
  validator.forget(file.abs);
  assert.ok(Array.isArray(diags), `${file.rel}: validate returned ${typeof diags}`);
  for (const d of diags) {
    const problem = rangeProblem(text, d.range);
    assert.equal(problem, undefined, `${file.rel}: ${d.code} "${d.message.slice(0, 120)}" has a range outside the document: ${problem}`);
    assert.ok(
      typeof d.code === 'string' && d.code && typeof d.message === 'string' && d.message,
      `${file.rel}: diagnostic without code or message`,
    );
  }
  assert.ok(ms < SAFETY_NET_MS, `${file.rel}: validation took ${ms.toFixed(0)} ms`);
}

/** fast-check's report (first counterexample, not shrunk: each case is already small to read) plus the command that replays it. */
function run<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, prop: (v: T) => void): void {
  const seed = fuzzSeed();
  const details = fc.check(fc.property(arb, prop), { seed, numRuns, endOnFailure: true });
  if (details.failed) {
    const message = fc.defaultReportMessage(details) ?? 'failed';
    assert.fail(`${name} failed; reproduce with FUZZ_SEED=${seed} node test/run-unit.mjs fuzz/validator\n${message}`);
  }
}

describe('validator under fuzzing (mutated corpus)', () => {
  it('the corpus is there and every kind of file is in it', () => {
    assert.ok(files.length >= 500, `only ${files.length} corpus files`);
    for (const kind of ['flow', 'run', 'requirements', 'other'])
      assert.ok(
        files.some((f) => f.kind === kind),
        `no ${kind} files`,
      );
  });

  it('every corpus file, mutated once: no throw, ranges inside, bounded time', () => {
    // One draw covers the whole corpus; failures are collected (not shrunk: a shrink would re-run
    // hundreds of files per step) and the first few printed with their mutations.
    const seed = fuzzSeed();
    const [cases] = fc.sample(everyFileArb(files.length), { seed, numRuns: 1 });
    const failures: string[] = [];
    for (const c of cases) {
      try {
        check(c);
      } catch (e) {
        failures.push(`${(e as Error).message.split('\n')[0]} [mutations: ${c.mutations.map((m) => m.name).join(', ')}]`);
      }
    }
    assert.equal(
      failures.length,
      0,
      `${failures.length} of ${cases.length} files failed; reproduce with FUZZ_SEED=${seed} node test/run-unit.mjs fuzz/validator\n${failures.slice(0, 5).join('\n')}`,
    );
  });

  it('300 random mutated files (1 to 4 mutations each)', () => {
    run('random cases', caseArb(files.length), 300, check);
  });

  it('a lone carriage return is a line break, as LSP defines it (smallest case the fuzzing found)', () => {
    const flow = files.find((f) => f.rel.endsWith('flow.dag.yaml'));
    assert.ok(flow);
    checkText(flow, 'a\rnodes: 5\n');
    checkText(flow, 'inputs:\r  q:\r    type: strin\routputs: {}\rnodes: []\r');
  });

  it('the range check itself rejects ranges outside the document', () => {
    const text = 'a: 1\r\nbb: 2\n';
    assert.equal(rangeProblem(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } }), undefined);
    assert.match(rangeProblem(text, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }) ?? '', /past the last line/);
    assert.match(rangeProblem(text, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }) ?? '', /past the end of line 0/);
    assert.match(rangeProblem(text, { start: { line: 1, character: 2 }, end: { line: 1, character: 1 } }) ?? '', /before start/);
  });
});
