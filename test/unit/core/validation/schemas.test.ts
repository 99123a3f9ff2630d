import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { detectKind } from '../../../../src/core/validation';
import { repoRoot } from '../../../helpers/validation';

const files = ['flow.dag.schema.json', 'flow.flex.schema.json', 'run.schema.json'];

/** Every property schema (at any depth), with its path; walks subschema keywords only (not `if`). */
function properties(schema: unknown, path = '#'): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    out.push([`${path}/properties/${k}`, v as Record<string, unknown>]);
    out.push(...properties(v, `${path}/properties/${k}`));
  }
  for (const [k, v] of Object.entries((s.definitions ?? {}) as Record<string, unknown>))
    out.push(...properties(v, `${path}/definitions/${k}`));
  for (const key of ['additionalProperties', 'items', 'then', 'else']) out.push(...properties(s[key], `${path}/${key}`));
  for (const key of ['oneOf', 'anyOf', 'allOf'])
    if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((x, i) => out.push(...properties(x, `${path}/${key}/${i}`)));
  return out;
}

describe('our JSON schemas', () => {
  for (const f of files) {
    const schema = JSON.parse(readFileSync(resolve(repoRoot, 'src/schemas', f), 'utf8'));

    it(`${f} is a valid draft-07 schema whose $refs resolve`, () => {
      const ajv = new Ajv({ strict: false, allowUnionTypes: true });
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.doesNotThrow(() => ajv.compile(schema));
    });

    it(`${f} gives every property an English title and description (hover text)`, () => {
      const props = properties(schema);
      assert.ok(props.length > 10);
      for (const [path, p] of props) {
        assert.equal(typeof p.title, 'string', `${path} title`);
        assert.ok(typeof p.description === 'string' && p.description.length > 5, `${path} description`);
      }
    });
  }
});

describe('detectKind', () => {
  it('uses the file name', () => {
    assert.equal(detectKind('/a/flow.dag.yaml', 'nodes: []'), 'dagFlow');
    assert.equal(detectKind('/a/flow.dag.yml', ''), 'dagFlow');
    assert.equal(detectKind('/a/flow.flex.yaml', ''), 'flexFlow');
    assert.equal(detectKind('/a/run.yml', ''), 'run');
    assert.equal(detectKind('/a/eval.run.yaml', ''), 'run');
    assert.equal(detectKind('/a/requirements-dev.txt', ''), 'requirements');
    assert.equal(detectKind('/a/README.md', 'flow: x'), 'unknown');
  });
  it('prefers $schema and modelines over the name', () => {
    assert.equal(
      detectKind('/a/flow.dag.yaml', '$schema: https://azuremlschemas.azureedge.net/promptflow/latest/Run.schema.json\nflow: .'),
      'run',
    );
    assert.equal(detectKind('/a/x.yaml', '# yaml-language-server: $schema=../schemas/flow.flex.schema.json\nentry: a:b'), 'flexFlow');
    assert.equal(
      detectKind('/a/x.yaml', '# yaml-language-server: $schema=https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json\n'),
      'dagFlow',
    );
  });
  it('falls back to the top-level keys', () => {
    assert.equal(detectKind('/a/x.yaml', 'entry: a:b\n'), 'flexFlow');
    assert.equal(detectKind('/a/x.yaml', 'inputs: {}\nnodes: []\n'), 'dagFlow');
    assert.equal(detectKind('/a/batch_run.yaml', 'flow: ../f\ndata: d.jsonl\n'), 'run');
    assert.equal(detectKind('/a/flow.dag.yaml', 'entry: a:b\n'), 'flexFlow');
  });
});
