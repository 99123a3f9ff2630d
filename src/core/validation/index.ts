// Public face of the validation core, used by the language server and the CLI.
// (Signatures fixed here; the pipeline behind them lives in this folder.)
import type { DocumentKind, FileHost, FlowDiagnostic } from './types';

export * from './types';

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
}

export interface Validator {
  validate(req: ValidateRequest): FlowDiagnostic[];
  /** Drop cached state of a closed document. */
  forget(path: string): void;
}

export function detectKind(_path: string, _text: string): DocumentKind {
  return 'unknown';
}

export function createValidator(_files: FileHost): Validator {
  return { validate: () => [], forget: () => undefined };
}
