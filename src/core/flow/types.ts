// The plain types of the flow layer: positions in a text, and the disk as the core sees it. Every
// layer above (validation, the language server, the session service) uses these same types.

/** Zero-based, like LSP. `character` counts UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** How the core sees the disk. The language server serves open documents from memory first. */
export interface FileHost {
  /** Returns text, or undefined when the file does not exist. */
  readFile(absPath: string): string | undefined;
  exists(absPath: string): boolean;
  isDirectory(absPath: string): boolean;
  listDir(absPath: string): string[];
  /** The path with symlinks resolved (undefined when it does not exist); without it, paths are taken as written. */
  realPath?(absPath: string): string | undefined;
}
