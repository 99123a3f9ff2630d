// The one way flow and run files are parsed: YAML 1.2 as the spec reads it (strict), duplicate keys
// left for the validator to point at, errors as data without the parser's code frames (a broken file
// can have thousands), and never a log line of the parser's own. The validator, the flow readers, the
// image edit, run submission and the language server all parse through here.
import { parseDocument, type Document } from 'yaml';

/** Aliases a document may expand: far above real flows, far below an alias bomb. */
export const MAX_ALIASES = 100;

const OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' } as const;

/** The document of a flow or run file's text; its `errors` say what the parser could not read. */
export function parseFlowYaml(text: string): Document.Parsed {
  return parseDocument(text, OPTIONS);
}

/** Plain JS value of a document, bounded against alias bombs (`maxAliases`). Throws on hostile input. */
export function flowYamlValue(doc: Document, maxAliases: number = MAX_ALIASES): unknown {
  return doc.toJS({ maxAliasCount: maxAliases });
}

/** Where a parser error starts, as people count (1-based line and column). */
export function errorPlace(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
