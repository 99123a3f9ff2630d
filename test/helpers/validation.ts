// Shared by the validation tests: run the validator over fixture files on disk.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeFileHost } from '../../src/core/flow';
import { createValidator, type FlowDiagnostic, type ValidateRequest, type ValidatorOptions } from '../../src/core/validation';

export const repoRoot = resolve(__dirname, '../..');
export const fixtures = resolve(repoRoot, 'test/fixtures/validation');

export function validateFixture(rel: string, extra: Partial<ValidateRequest> = {}, options: ValidatorOptions = {}): FlowDiagnostic[] {
  const path = resolve(fixtures, rel);
  return createValidator(nodeFileHost, options).validate({ path, text: readFileSync(path, 'utf8'), workspaceRoot: fixtures, ...extra });
}

/** Compact form for assertions: `line:code` with zero-based lines, in document order. */
export function codes(list: FlowDiagnostic[]): string[] {
  return list.map((d) => `${d.range.start.line}:${d.code}`);
}

export function find(list: FlowDiagnostic[], code: string, line?: number): FlowDiagnostic | undefined {
  return list.find((d) => d.code === code && (line === undefined || d.range.start.line === line));
}
