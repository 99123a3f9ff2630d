// Fuzzing at volume: ≥ 10,000 mutated corpus files (test/helpers/mutate.ts: structure-aware YAML
// edits and byte edits, larger scalars and deeper nesting than the unit tests) through the validation
// core in-process. Reports cases/s, the slowest file, and every failure class (throw, range outside the
// document, over a second) with the seed that replays it: FUZZ_SEED=<seed> node test/bench/fuzz.bench.mjs
// TypeScript is loaded with tsx's scoped CommonJS `require`, as validation.bench.mjs does.
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { require as tsxRequire } from 'tsx/cjs/api';

export const title = 'Fuzzing (mutated corpus through the validator)';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE_BUDGET_MS = 1000;

export async function run({ quick = false } = {}) {
  const fc = tsxRequire('fast-check', import.meta.url);
  const { createValidator } = tsxRequire(join(root, 'src/core/validation/index.ts'), import.meta.url);
  const { nodeFileHost } = tsxRequire(join(root, 'src/core/flow/index.ts'), import.meta.url);
  const fz = tsxRequire(join(root, 'test/helpers/mutate.ts'), import.meta.url);
  const files = fz.loadCorpus();
  const validator = createValidator(nodeFileHost);
  const seed = fz.fuzzSeed();
  const total = quick ? 2_000 : 10_000;

  // Every file at least once (one pass over the corpus), then random files for the rest.
  const [pass] = fc.sample(fz.everyFileArb(files.length, true), { seed, numRuns: 1 });
  const cases = [...pass, ...fc.sample(fz.caseArb(files.length, true), { seed: seed + 1, numRuns: Math.max(0, total - pass.length) })];

  const failures = new Map();
  const note = (kind, detail, c, file) => {
    const key = `${kind}: ${detail.replace(/\d+/g, 'N')}`;
    if (!failures.has(key))
      failures.set(key, { count: 0, example: `${file.rel} [${c.mutations.map((m) => m.name).join(', ')}] ${detail}` });
    failures.get(key).count++;
  };
  let slowest = { ms: 0, rel: '', size: 0, mutations: '' };
  let validateMs = 0;
  let bytes = 0;
  const started = performance.now();
  for (const c of cases) {
    const { file, text } = fz.applyCase(files, c);
    bytes += text.length;
    // CPU time, not wall time, for the per-file figure: on a shared machine a descheduled process
    // would otherwise look slow.
    const t = process.cpuUsage();
    let diags = [];
    try {
      diags = validator.validate({ path: file.abs, text, workspaceRoot: fz.corpusRoot });
    } catch (e) {
      note('throw', String(e?.message ?? e).split('\n')[0], c, file);
    }
    const used = process.cpuUsage(t);
    const ms = (used.user + used.system) / 1000;
    validator.forget(file.abs);
    validateMs += ms;
    if (ms > slowest.ms) slowest = { ms, rel: file.rel, size: text.length, mutations: c.mutations.map((m) => m.name).join(', ') };
    if (ms > FILE_BUDGET_MS) note('over 1 s', `${ms.toFixed(0)} ms`, c, file);
    for (const d of diags) {
      const problem = fz.rangeProblem(text, d.range);
      if (problem) note('range outside the document', `${d.code} ${problem}`, c, file);
    }
  }
  const wallS = (performance.now() - started) / 1000;
  const casesPerS = cases.length / wallS;
  const failing = [...failures.values()].reduce((n, f) => n + f.count, 0);

  const rows = [
    '| figure | value |',
    '| --- | --- |',
    `| cases (every one of ${files.length} corpus files, then random) | ${cases.length.toLocaleString('en-US')} |`,
    `| mutated text validated | ${(bytes / 1e6).toFixed(1)} MB |`,
    `| cases/s (wall, mutation included) | ${casesPerS.toFixed(0)} |`,
    `| mean validation CPU time per case | ${(validateMs / cases.length).toFixed(2)} ms |`,
    `| slowest case (CPU time) | ${slowest.ms.toFixed(0)} ms: \`${slowest.rel}\` (${(slowest.size / 1e3).toFixed(0)} kB after ${slowest.mutations.slice(0, 160)}) |`,
    `| failing cases | ${failing} |`,
    `| seed | ${seed} |`,
  ];
  const failureLines = [...failures.entries()].map(
    ([k, f]) => `- ${k} — ${f.count} case(s); e.g. ${f.example.slice(0, 400).replace(/\|/g, '\\|')}`,
  );
  const markdown = [
    rows.join('\n'),
    '',
    failing
      ? `Failures, by class (replay: \`FUZZ_SEED=${seed} node test/bench/run.mjs fuzz\`):\n\n${failureLines.join('\n')}`
      : 'No case threw, took over a second, or reported a range outside its document.',
  ].join('\n');
  const budgetsExceeded = failing ? [`${failing} fuzz case(s) failed (seed ${seed})`] : [];
  return {
    markdown,
    figures: { cases: cases.length, casesPerS: Math.round(casesPerS), slowestMs: Math.round(slowest.ms), failing, seed },
    budgetsExceeded,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await run({ quick: process.argv.includes('--quick') });
  console.log(r.markdown);
}
