// What a validation rule reports. Pure data: the language server maps it to LSP diagnostics,
// the CLI prints it as text or JSON.
import type { Range } from '../flow/types';

export type { FileHost, Position, Range } from '../flow/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FlowDiagnostic {
  range: Range;
  severity: Severity;
  /** Stable rule code, e.g. `PF1001`; used by suppression comments and the docs. */
  code: string;
  message: string;
  /** A fix that is certain, offered as a quick fix. */
  fix?: { title: string; edits: TextEdit[] };
  /** Fixes that may be what the user meant (closest names), offered as quick fixes, none preferred. */
  suggestions?: { title: string; edits: TextEdit[] }[];
  /** Extra locations (e.g. the other duplicate). */
  related?: { uri: string; range: Range; message: string }[];
}

export type { DocumentKind } from '../flow/files';
