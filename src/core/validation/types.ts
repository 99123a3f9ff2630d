// What a validation rule reports. Pure data: the language server maps it to LSP diagnostics,
// the CLI prints it as text or JSON.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Zero-based, like LSP. `character` counts UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

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
  /** Extra locations (e.g. the other duplicate). */
  related?: { uri: string; range: Range; message: string }[];
}

export type DocumentKind = 'dagFlow' | 'flexFlow' | 'run' | 'requirements' | 'unknown';

/** How validators see the disk. The language server serves open documents from memory first. */
export interface FileHost {
  /** Returns text, or undefined when the file does not exist. */
  readFile(absPath: string): string | undefined;
  exists(absPath: string): boolean;
  isDirectory(absPath: string): boolean;
  listDir(absPath: string): string[];
}
