// Public face of the validation core, used by the language server and the CLI.
// (Signatures fixed here; the pipeline behind them lives in this folder.)
import type { DocumentKind, FileHost, FlowDiagnostic } from './types';
import type { WorkspaceFacts } from '../flow/workspaceFacts';
import type { Locale } from '../i18n';
import { createValidatorImpl, type ValidatorOptions } from './validator';

export * from './types';
export { detectKind } from '../flow/files';
export { Codes } from './codes';
export { type ValidatorOptions } from './validator';
export { MAX_VALIDATED_BYTES } from './guard';
export { checkRunForSubmit, isRemoteData, type RunFileError } from './runFileRules';
export type { Locale } from '../i18n';

export interface ValidateRequest {
  /** Absolute file path of the document. */
  path: string;
  text: string;
  /** Document version (LSP); lets the validator reuse work between edits. */
  version?: number;
  /** Detected from the path and text when absent. */
  kind?: DocumentKind;
  /** Workspace root: paths that escape it are flagged. */
  workspaceRoot?: string;
  /**
   * What the chosen workspace has (connections, deployments, package tools). Absent: offline, signed
   * out or not read yet, and then no check that needs it runs.
   */
  facts?: WorkspaceFacts;
  /** The language of the messages (the front end's: VS Code's display language, the CLI's `--locale`); English when absent. */
  locale?: Locale;
}

export interface Validator {
  validate(req: ValidateRequest): FlowDiagnostic[];
  /** Drop cached state of a closed document. */
  forget(path: string): void;
}

/** A validator over `files`; keep one per workspace so edits re-use earlier work. */
export function createValidator(files: FileHost, options?: ValidatorOptions): Validator {
  return createValidatorImpl(files, options);
}
