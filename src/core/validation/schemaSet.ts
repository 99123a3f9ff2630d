// The one definition of how our JSON schemas are compiled: ajv options, the schemas and which schema
// each kind is checked against. Shared by the runtime compiler and the build-time code generator so
// both produce the same validators (and so the same errors).
import Ajv, { type Options } from 'ajv';
import dagSchema from '../../schemas/flow.dag.schema.json';
import flexSchema from '../../schemas/flow.flex.schema.json';
import runSchema from '../../schemas/run.schema.json';

export type SchemaKind = 'dagFlow' | 'dagNode' | 'flexFlow' | 'run';

/**
 * The meta-schema check is skipped (it costs a large part of a compile); a unit test checks our
 * schema files against draft-07 instead.
 */
export const ajvOptions: Options = { allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false };

/** A single node is checked on its own (incremental revalidation), through this wrapper schema. */
const dagNodeSchema = { $id: 'https://pfsessions.local/schemas/flow.dag.node', $ref: `${dagSchema.$id}#/definitions/node` };

/** Schema id per kind. */
export const schemaIds: Record<SchemaKind, string> = {
  dagFlow: dagSchema.$id,
  dagNode: dagNodeSchema.$id,
  flexFlow: flexSchema.$id,
  run: runSchema.$id,
};

/** An ajv holding every schema, not yet compiled (ajv compiles each on first `getSchema`). */
export function schemaAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ ...ajvOptions, ...extra });
  for (const s of [dagSchema, dagNodeSchema, flexSchema, runSchema]) ajv.addSchema(s as object);
  return ajv;
}
