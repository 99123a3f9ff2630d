// Build step: the source of a CommonJS module with every schema validator precompiled by ajv's
// standalone code generation. It exports what schemaValidators.ts exports, so the bundler can put it
// in that module's place; the first validation then costs no schema compilation (hundreds of ms).
import standaloneCode from 'ajv/dist/standalone';
import { schemaAjv, schemaIds } from './schemaSet';

export function generateValidatorsSource(): string {
  const ajv = schemaAjv({ code: { source: true } });
  const body = standaloneCode(ajv, { ...schemaIds });
  // ajv's generated code names its functions validateNN and sets `exports.<kind>` for each export.
  return [
    '// Generated at build time from src/schemas by src/core/validation/schemaCodegen.ts. Do not edit.',
    body,
    'exports.validatorFor = function validatorFor(kind) {',
    '  const v = exports[kind];',
    '  if (typeof v !== "function") throw new Error("no schema for " + kind);',
    '  return v;',
    '};',
    'exports.precompiled = true;',
    '',
  ].join('\n');
}
