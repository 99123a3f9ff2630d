import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { generateValidatorsSource } from '../../../../src/core/validation/schemaCodegen';
import type { SchemaKind } from '../../../../src/core/validation/schemaSet';
import * as runtime from '../../../../src/core/validation/schemaValidators';
import { corpusEntries } from '../../../helpers/corpus';
import { repoRoot } from '../../../helpers/validation';

interface ValidatorModule {
  validatorFor(kind: SchemaKind): ValidateFunction;
  precompiled: boolean;
}

/** Loads the generated source as the bundler would see it: a CommonJS module resolving from the repo. */
function loadGenerated(): ValidatorModule {
  const module = { exports: {} as Record<string, unknown> };
  const requireFromRepo = createRequire(resolve(repoRoot, 'package.json'));
  new Function('exports', 'require', 'module', generateValidatorsSource())(module.exports, requireFromRepo, module);
  return module.exports as unknown as ValidatorModule;
}

const kindOfFile = (path: string): SchemaKind | undefined =>
  /flow\.dag\.ya?ml$/.test(path)
    ? 'dagFlow'
    : /flow\.flex\.ya?ml$/.test(path)
      ? 'flexFlow'
      : /run\.ya?ml$|_run\.ya?ml$/.test(path)
        ? 'run'
        : undefined;

/** Every corpus document of a schema kind, each node of DAG flows on its own, and hand-made bad values. */
function instances(): [SchemaKind, string, unknown][] {
  const out: [SchemaKind, string, unknown][] = [];
  for (const e of corpusEntries()) {
    const kind = kindOfFile(e.path);
    if (!kind) continue;
    for (const doc of parseAllDocuments(readFileSync(e.abs, 'utf8'))) {
      if (!('toJS' in doc)) continue;
      const value: unknown = doc.toJS();
      out.push([kind, e.path, value]);
      const nodes = kind === 'dagFlow' && value && typeof value === 'object' ? (value as { nodes?: unknown }).nodes : undefined;
      if (Array.isArray(nodes)) nodes.forEach((n, i) => out.push(['dagNode', `${e.path}#nodes/${i}`, n]));
    }
  }
  const hostile: unknown[] = [
    null,
    0,
    'text',
    [],
    [1, 2],
    {},
    { nodes: 'x' },
    { nodes: [{}] },
    { entry: 1, extra: true },
    { flow: [], data: {}, resources: { bad: 1 }, identity: 'x' },
  ];
  const badNodes: unknown[] = [
    { name: 1, type: 'nope', source: 'a.py' },
    { name: 'n', type: 'llm', source: { type: 'code' }, inputs: [], activate: { when: 1 } },
    { name: 'n', type: 'python', source: { type: 'code', path: 'a.py' }, unknown_key: 1, inputs: { a: { b: [] } } },
  ];
  for (const kind of ['dagFlow', 'dagNode', 'flexFlow', 'run'] as SchemaKind[]) {
    for (const [i, v] of [...hostile, ...badNodes].entries()) out.push([kind, `hand-made #${i}`, v]);
  }
  out.push(['dagFlow', 'bad nodes in a flow', { inputs: { q: { type: 'nope' } }, nodes: badNodes }]);
  return out;
}

describe('precompiled schema validators', () => {
  const generated = loadGenerated();

  it('export a validator for every kind, and say they are precompiled', () => {
    assert.equal(generated.precompiled, true);
    assert.equal(runtime.precompiled, false);
    for (const kind of ['dagFlow', 'dagNode', 'flexFlow', 'run'] as SchemaKind[])
      assert.equal(typeof generated.validatorFor(kind), 'function');
    assert.throws(() => generated.validatorFor('nope' as SchemaKind), /no schema for nope/);
  });

  it('give the same verdict and the same errors as the runtime compiler, on the corpus and on bad values', () => {
    const all = instances();
    let failing = 0;
    const keywords = new Set<string>();
    for (const [kind, label, value] of all) {
      const a = runtime.validatorFor(kind);
      const b = generated.validatorFor(kind);
      const okA = a(value);
      const okB = b(value);
      assert.equal(okB, okA, `${kind} ${label}: verdict`);
      assert.deepEqual(b.errors ?? null, a.errors ?? null, `${kind} ${label}: errors`);
      if (!okA) failing++;
      for (const e of a.errors ?? []) keywords.add(e.keyword);
    }
    // The comparison must cover both outcomes, with many errors of many keywords.
    assert.ok(all.length > 300, `only ${all.length} instances`);
    for (const k of ['additionalProperties', 'required', 'enum', 'type']) assert.ok(keywords.has(k), `no ${k} error compared`);
    assert.ok(failing > 40 && failing < all.length - 100, `${failing} of ${all.length} failing`);
  });
});
