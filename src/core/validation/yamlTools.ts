// Small helpers over `yaml` documents: parse a slice safely, find the node of a JSON path, read
// scalars with their ranges, and spot duplicate keys.
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { flowYamlValue, parseFlowYaml } from '../flow/yaml';
import { Codes } from './codes';
import { raw, type RawDiagnostic } from './diag';
import { describeYamlError } from './yamlErrors';
import { msg } from '../i18n';

export { MAX_ALIASES } from '../flow/yaml';

/** A YAML file read whole: its document and plain value. */
export interface ParsedYamlFile {
  doc: Document;
  js: unknown;
}

export interface ParsedText {
  doc?: Document;
  diagnostics: RawDiagnostic[];
}

/**
 * Parses one YAML document as the YAML 1.2 spec reads it (strict: what the spec calls an error is one).
 * Syntax problems and parser crashes become diagnostics (offsets relative to `text`); a second document
 * gets its own code. Line breaks must already be LF or CRLF (see `normalizeLineBreaks`). The parser
 * never logs: its warnings would otherwise reach the language server's log on every keystroke.
 */
export function parseYaml(text: string): ParsedText {
  // Each parser error is an Error object; its stack trace, never read, would cost more than the parse
  // itself on a text with thousands of errors (a stray bracket breaks everything after it).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const doc = parseFlowYaml(text);
    const diagnostics = doc.errors.map((e) => {
      const [s, e2] = e.pos;
      if (e.code === 'MULTIPLE_DOCS') {
        return raw(s, Math.max(e2, s + 1), 'error', Codes.multipleDocuments, msg('validation.secondDocument'));
      }
      return raw(
        s,
        Math.max(e2, s + 1),
        'error',
        Codes.syntax,
        msg('validation.syntax', { problem: describeYamlError(e.code, e.message) }),
      );
    });
    if (text.startsWith('%') || text.includes('\n%')) diagnostics.push(...directiveProblems(text));
    return { doc, diagnostics };
  } catch (err) {
    return {
      diagnostics: [raw(0, 0, 'error', Codes.aliasOrDepth, msg('validation.unreadable', { error: errText(err) }))],
    };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Two rules of the spec the parser does not check: directives end with `---` (also with no content after them), and `%YAML` comes once. */
function directiveProblems(text: string): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  let yamlDirectives = 0;
  let last: [number, number] | undefined;
  for (let at = 0; at < text.length;) {
    const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const line = text.slice(at, end).replace(/\r$/, '');
    if (/^---(\s|$)/.test(line)) return out;
    if (line.startsWith('%')) {
      last = [at, at + line.length];
      if (/^%YAML(\s|$)/.test(line) && ++yamlDirectives > 1)
        out.push(
          raw(
            at,
            at + line.length,
            'error',
            Codes.syntax,
            msg('validation.syntax', { problem: describeYamlError('BAD_DIRECTIVE', 'directive') }),
          ),
        );
    } else if (line.trim() !== '' && !line.trimStart().startsWith('#')) return out; // the parser reports the missing `---`
    at = end + 1;
  }
  if (last)
    out.push(
      raw(
        last[0],
        last[1],
        'error',
        Codes.syntax,
        msg('validation.syntax', { problem: describeYamlError('MISSING_CHAR', 'Missing directives-end indicator line') }),
      ),
    );
  return out;
}

/** A flow or run file that must be one mapping: its document and value, and what stopped it being read. */
export function parseYamlFile(text: string): { file?: ParsedYamlFile; diagnostics: RawDiagnostic[] } {
  const { doc, diagnostics } = parseYaml(text);
  if (!doc) return { diagnostics };
  let js: unknown;
  try {
    js = docJs(doc);
  } catch (err) {
    return {
      diagnostics: [...diagnostics, raw(0, 1, 'error', Codes.aliasOrDepth, msg('validation.notExpandable', { error: errText(err) }))],
    };
  }
  if (doc.contents === null || typeof js !== 'object' || js === null || Array.isArray(js)) {
    if (diagnostics.length === 0) diagnostics.push(raw(0, 0, 'error', Codes.schema, msg('validation.notMapping')));
    return { diagnostics };
  }
  return { file: { doc, js }, diagnostics };
}

/**
 * A lone CR is a line break in YAML 1.2 and in LSP; the parser only knows LF and CRLF. Replacing it by
 * LF keeps every offset, so ranges computed on the result hold for the original text.
 */
export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Plain JS value of a document, bounded against alias bombs. Throws on hostile input. */
export function docJs(doc: Document): unknown {
  return flowYamlValue(doc);
}

export function errText(err: unknown): string {
  return firstLine(err instanceof Error ? err.message : String(err));
}

function firstLine(s: string): string {
  // Messages of thrown errors may quote the document; control characters never reach a diagnostic.
  return (
    s
      .split('\n')[0]
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/[.:]\s*$/, '')
  );
}

export function rangeOf(node: unknown): [number, number] {
  const r = (node as Node | undefined)?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

export function valueOf(map: unknown, key: string): unknown {
  return pairOf(map, key)?.value ?? undefined;
}

export function stringAt(map: unknown, key: string): { value: string; start: number; end: number } | undefined {
  const v = valueOf(map, key);
  if (!isScalar(v) || typeof v.value !== 'string') return undefined;
  const [start, end] = rangeOf(v);
  return { value: v.value, start, end };
}

export function scalarValue(map: unknown, key: string): unknown {
  const v = valueOf(map, key);
  return isScalar(v) ? v.value : undefined;
}

export function keyRange(pair: Pair | undefined): [number, number] {
  return pair ? rangeOf(pair.key) : [0, 0];
}

/**
 * The YAML node at a JSON-pointer path, and the key node that names it (for pointing at a key
 * rather than a whole value).
 */
export function nodeAtPath(root: unknown, segments: string[]): { node: unknown; key?: unknown } {
  let node = root;
  let key: unknown;
  for (const seg of segments) {
    if (isMap(node)) {
      const p = pairOf(node, seg);
      if (!p) break;
      key = p.key;
      node = p.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      key = undefined;
      node = item;
    } else break;
  }
  return { node, key };
}

/** Every duplicate key inside `node` (not counting `node` itself when `skipRoot`). Iterative: nesting can be hostile. */
export function duplicateKeys(node: unknown, skipRoot: boolean): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  const stack: { n: unknown; root: boolean }[] = [{ n: node, root: true }];
  while (stack.length) {
    const { n, root } = stack.pop()!;
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const p of n.items) {
        if (!(root && skipRoot) && isScalar(p.key)) {
          const k = String(p.key.value);
          if (seen.has(k)) {
            const [s, e] = rangeOf(p.key);
            out.push(raw(s, e, 'error', Codes.duplicateKey, msg('validation.duplicateKey', { key: k })));
          }
          seen.add(k);
        }
        stack.push({ n: p.value, root: false });
      }
    } else if (isSeq(n)) {
      for (const it of n.items) stack.push({ n: it, root: false });
    } else if (isPair(n)) {
      stack.push({ n: n.value, root: false });
    }
  }
  return out;
}

/** Every string scalar below a node, with its range (iterative). */
export function stringScalars(node: unknown, visit: (value: string, start: number, end: number) => void): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (isScalar(n)) {
      if (typeof n.value === 'string') {
        const [s, e] = rangeOf(n);
        visit(n.value, s, e);
      }
    } else if (isMap(n)) for (const p of n.items) stack.push(p.value);
    else if (isSeq(n)) for (const it of n.items) stack.push(it);
  }
}
