// The real language server over stdio, fed ~100 mutated corpus files: it stays alive, publishes
// diagnostics for each with ranges inside the document, and still answers requests afterwards.
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> node test/run-unit.mjs fuzz/server
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { LspTestClient, uriOf } from '../../helpers/lspClient';
import { applyCase, caseArb, fuzzSeed, loadCorpus, rangeProblem } from '../../helpers/mutate';

// Only turns a hang into a failure; no speed claim.
const BOUND_MS = 20_000;
const CASES = 100;

describe('language server under fuzzing (mutated corpus over stdio)', () => {
  const files = loadCorpus();
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pf-fuzz-lsp-'));
    client = await LspTestClient.start({ rootPath: root });
  });
  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a lone carriage return is a line break, as LSP defines it (smallest case the fuzzing found)', async () => {
    const path = join(root, 'cr', 'flow.dag.yaml');
    mkdirSync(dirname(path), { recursive: true });
    const text = 'a\rnodes: 5\n';
    const published = await client.open(uriOf(path), text, 'yaml', BOUND_MS);
    for (const d of published.diagnostics)
      assert.equal(rangeProblem(text, d.range), undefined, `${String(d.code)} ${JSON.stringify(d.range)}`);
  });

  it(`${CASES} mutated files: diagnostics arrive inside the document, the server stays up`, async () => {
    const seed = fuzzSeed();
    // Cases are drawn up front (seeded) and then sent one by one; each keeps its corpus file name so the
    // server picks the same document kind, in a fresh folder so every URI is new.
    const cases = fc.sample(caseArb(files.length), { seed, numRuns: CASES });
    const failures: string[] = [];
    for (const [i, c] of cases.entries()) {
      const { file, text } = applyCase(files, c);
      const path = join(root, String(i), file.rel);
      mkdirSync(dirname(path), { recursive: true });
      const uri = uriOf(path);
      const what = `case ${i} (${file.rel}; ${c.mutations.map((m) => m.name).join(', ')})`;
      try {
        const published = await client.open(uri, text, file.rel.endsWith('.txt') ? 'pip-requirements' : 'yaml', BOUND_MS);
        for (const d of published.diagnostics) {
          const problem = rangeProblem(text, d.range);
          if (problem) failures.push(`${what}: ${String(d.code)} ${problem}`);
        }
      } catch (e) {
        failures.push(`${what}: ${(e as Error).message.split('\n')[0]}`);
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      if (!client.alive) {
        failures.push(`${what}: the server exited`);
        break;
      }
    }
    assert.deepEqual(failures, [], `reproduce with FUZZ_SEED=${seed} node test/run-unit.mjs fuzz/server`);
    assert.ok(client.alive, 'the server is still running');
    // Still answering: a fresh document gets diagnostics and hover answers.
    const probe = join(root, 'probe', 'flow.dag.yaml');
    mkdirSync(dirname(probe), { recursive: true });
    const published = await client.open(uriOf(probe), 'inputs: {}\noutputs: {}\nnodes: []\n', 'yaml', BOUND_MS);
    assert.ok(Array.isArray(published.diagnostics));
    const hover = await client.request<unknown>('textDocument/hover', {
      textDocument: { uri: uriOf(probe) },
      position: { line: 0, character: 2 },
    });
    assert.ok(hover === null || typeof hover === 'object');
  });
});
