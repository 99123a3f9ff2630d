// Validator per schema kind, compiled at run time on first use. The bundles replace this module with
// code that ajv generated at build time (see schemaCodegen.ts and esbuild.mjs), so the product never
// compiles a schema; this path serves the unit tests and tools that run from the TypeScript sources.
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { schemaAjv, schemaIds, type SchemaKind } from './schemaSet';

let ajv: Ajv | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();

export function validatorFor(kind: SchemaKind): ValidateFunction {
  let hit = compiled.get(kind);
  if (!hit) {
    ajv ??= schemaAjv();
    hit = ajv.getSchema(schemaIds[kind]);
    if (!hit) throw new Error(`no schema for ${kind}`);
    compiled.set(kind, hit);
  }
  return hit;
}

/** True when validators come from generated code (the bundles), false when compiled here. */
export const precompiled = false;
