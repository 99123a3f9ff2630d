// Limits checked on the raw text before anything is parsed. They are functions of the whole text, so
// the editor (which parses a flow piece by piece) and the CLI (which parses it whole) stop on the same
// files with the same diagnostic. Each limit sits far above any real flow, run or requirements file
// and well below what would stall the editor (the YAML parser spends a few microseconds per element,
// and recurses once per nesting level).
import { Codes } from './codes';
import { raw, type RawDiagnostic } from './diag';
import { msg } from '../i18n';

/** Above this size a file is not parsed: no real flow is this large, and parsing would stall the editor. */
export const MAX_VALIDATED_BYTES = 1_000_000;
/** Nesting levels (indentation, brackets, dashes and keys on one line); real flows use fewer than 15. */
export const MAX_NESTING = 100;
/** Characters on one line; a real flow's longest line (an inline prompt) is a few thousand. */
export const MAX_LINE_CHARS = 100_000;
/** YAML elements (lines, indicators, flow items); a 1,000-node flow has about 30,000. */
export const MAX_ELEMENTS = 150_000;

function sizeOrBinary(text: string): RawDiagnostic | undefined {
  if (text.length > MAX_VALIDATED_BYTES) {
    return raw(
      0,
      0,
      'warning',
      Codes.tooLarge,
      msg('validation.tooLarge', { size: (text.length / 1e6).toFixed(1), limit: MAX_VALIDATED_BYTES / 1e6 }),
    );
  }
  // NUL bytes: a binary file opened as text (YAML and pip files never contain them).
  if (text.includes('\u0000')) {
    return raw(0, 0, 'error', Codes.binary, msg('validation.binary'));
  }
  return undefined;
}

const isBreak = (c: number) => c === 10 || c === 13;
const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);

function tooDeep(at: number): RawDiagnostic {
  return raw(at, at, 'error', Codes.aliasOrDepth, msg('validation.tooDeep', { limit: MAX_NESTING }));
}

/**
 * One pass over a YAML text: the first line that nests too deep or is too long, and the element count.
 * Nesting is over-estimated on purpose (every indentation level counts twice, since a sequence may sit at
 * its key's indentation; brackets count inside strings too), so the parser never sees more than the limit.
 */
function yamlShape(text: string): RawDiagnostic | undefined {
  const indents: number[] = [];
  let brackets = 0;
  let elements = 0;
  let i = 0;
  while (i < text.length) {
    const lineStart = i;
    let indent = 0;
    while (text.charCodeAt(i) === 32) i++;
    indent = i - lineStart;
    const first = text.charCodeAt(i);
    const content = !isBreak(first) && !Number.isNaN(first) && first !== 35;
    if (content) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let lineDepth = 2 * indents.length;
    // `- - x` and `? ? x` open a level each on the same line.
    while ((text.charCodeAt(i) === 45 || text.charCodeAt(i) === 63) && isBlank(text.charCodeAt(i + 1)) && !isBreak(text.charCodeAt(i))) {
      lineDepth++;
      elements++;
      i++;
      while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    }
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart > MAX_LINE_CHARS) {
      return raw(
        lineStart,
        lineStart,
        'warning',
        Codes.tooComplex,
        msg('validation.longLine', { length: lineEnd - lineStart, limit: MAX_LINE_CHARS }),
      );
    }
    let keys = 0;
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 91 || c === 123) {
        brackets++;
        elements += 2;
      } else if (c === 93 || c === 125) {
        if (brackets > 0) brackets--;
        elements++;
      } else if (c === 44) elements += 2;
      else if (c === 58 && isBlank(text.charCodeAt(i + 1))) {
        elements++;
        // `a: b: c` nests a mapping per key on one line (outside flow collections, where it does not).
        if (brackets === 0) keys++;
      } else continue;
      if (lineDepth + keys + brackets > MAX_NESTING) {
        return tooDeep(lineStart);
      }
    }
    if (lineDepth + keys + brackets > MAX_NESTING) {
      return tooDeep(lineStart);
    }
    elements += 2;
    if (elements > MAX_ELEMENTS) {
      return raw(lineStart, lineStart, 'warning', Codes.tooComplex, msg('validation.tooManyElements', { limit: MAX_ELEMENTS }));
    }
    i = lineEnd + 1;
  }
  return undefined;
}

/** The reason this text is not validated, or undefined. `yaml`: the text is parsed as YAML. */
export function guardText(text: string, yaml: boolean): RawDiagnostic | undefined {
  return sizeOrBinary(text) ?? (yaml ? yamlShape(text) : undefined);
}
