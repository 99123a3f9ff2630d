// The real server over stdio, typed into as an editor does (incremental changes, one version after the
// other): after every edit the published diagnostics are exactly those of a whole-file validation of the
// same text, as `pfsession validate` runs it, and nothing is written to the server's log. Once with an
// English client and once with a Japanese one: the server renders in the locale of its initialize
// request what the CLI renders for --locale.
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npm run test:integration server/editorEqualsCli
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { nodeFileHost } from '../../../src/core/flow';
import { createValidator } from '../../../src/core/validation';
import { toLsp } from '../../../src/server/diagnostics';
import { LspTestClient, uriOf } from '../../helpers/lspClient';
import { corpusRoot, fuzzSeed, loadCorpus, typingEditArb } from '../../helpers/mutate';
import { fixtures } from '../../helpers/validation';

const BOUND_MS = 20_000;
const FLOWS = 10;
const EDITS = 20;

/** The LSP position of an offset (line breaks: CRLF, LF and a lone CR). */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** The one range change that turns `before` into `after` (common prefix and suffix kept; a CRLF is never split). */
function change(before: string, after: string) {
  let s = 0;
  while (s < before.length && s < after.length && before[s] === after[s]) s++;
  let e = 0;
  while (e < before.length - s && e < after.length - s && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
  while (s > 0 && (before[s - 1] === '\r' || before[s] === '\n')) s--;
  while (e > 0 && before[before.length - e] === '\n' && before[before.length - e - 1] === '\r') e--;
  return {
    range: { start: positionAt(before, s), end: positionAt(before, before.length - e) },
    text: after.slice(s, after.length - e),
  };
}

for (const locale of ['en', 'ja'] as const)
  describe(`the server publishes what pfsession validate reports, after every edit (${locale})`, () => {
    let client: LspTestClient;
    const full = createValidator(nodeFileHost, { incremental: false });
    before(async () => {
      client = await LspTestClient.start({ rootPath: corpusRoot, locale });
    });
    after(async () => {
      await client?.stop();
    });

    it(`random typed edits into ${FLOWS} corpus flows and the yaml-edge fixtures; the log stays empty`, async () => {
      const seed = fuzzSeed();
      const flows = loadCorpus().filter((f) => /flow\.dag\.ya?ml$/.test(f.rel));
      const picked = fc.sample(fc.nat({ max: flows.length - 1 }), { seed, numRuns: FLOWS }).map((i) => flows[i]);
      const edge = readdirSync(join(fixtures, 'yaml-edge'))
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => ({ abs: join(fixtures, 'yaml-edge', n), text: readFileSync(join(fixtures, 'yaml-edge', n), 'utf8') }));
      const failures: string[] = [];
      let edits = 0;
      let published = 0;
      let japanese = 0;
      const logBefore = client.stderr.length;
      for (const [i, f] of [...picked, ...edge].entries()) {
        const uri = uriOf(f.abs);
        let text = f.text;
        let version = 1;
        await client.open(uri, text, 'yaml', BOUND_MS).catch((e: unknown) => {
          throw new Error(`${e instanceof Error ? e.message : String(e)} (reproduce with FUZZ_SEED=${seed})`);
        });
        // A key that is a collection: the parser would log a warning on every validation if it could.
        const typed = [
          { name: 'collectionKey', apply: (t: string) => `${t}\nextra: {[a, b]: 1, {c: d}: 2}\n` },
          ...fc.sample(typingEditArb(), { seed: seed + i, numRuns: EDITS }),
        ];
        for (const edit of typed) {
          const next = edit.apply(text);
          if (next === text) continue;
          version++;
          edits++;
          const pending = client.diagnostics(uri, BOUND_MS, (p) => p.version === version);
          await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [change(text, next)],
          });
          text = next;
          const got = (await pending).diagnostics;
          published += got.length;
          japanese += got.filter((d) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(d.message)).length;
          const want = full.validate({ path: f.abs, text, workspaceRoot: corpusRoot, locale }).map(toLsp);
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            failures.push(`${f.abs} after ${edit.name} (version ${version})`);
            break;
          }
        }
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      assert.ok(edits >= FLOWS * EDITS, `${edits} edits`);
      assert.ok(published > 0, 'some edit gave diagnostics');
      if (locale === 'ja') assert.ok(japanese > 0, 'the diagnostics were in Japanese');
      assert.deepEqual(failures, [], `reproduce with FUZZ_SEED=${seed} npm run test:integration server/editorEqualsCli`);
      assert.deepEqual(client.stderr.slice(logBefore), [], 'nothing is logged while typing');
      assert.ok(client.alive);
    });
  });
