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

/**
 * The fixture flow and run file that name what a workspace may lack, and what the checks report on them
 * against the emulator's demo workspace (its connections, deployments and promptflow-tools), as `codes`.
 */
export const workspaceFixture = {
  flow: 'dag-workspace/flow.dag.yaml',
  run: 'run-workspace/run.yml',
  flowCodes: [
    '14:PF1042',
    '25:PF1040',
    '35:PF1041',
    '43:PF1041',
    '45:PF1046',
    '46:PF1044',
    '51:PF1043',
    '60:PF1045',
    '67:PF1043',
    '76:PF1026',
    '77:PF0002',
  ],
  runCodes: ['7:PF1040', '11:PF1042', '14:PF3009'],
  /** Without workspace data: only the checks that need none. */
  flowCodesOffline: ['76:PF1026', '77:PF0002'],
  runCodesOffline: ['14:PF3009'],
};
