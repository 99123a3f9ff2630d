// Small helpers over `yaml` documents: parse a slice safely, find the node of a JSON path, read
// scalars with their ranges, and spot duplicate keys.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { Codes } from './codes';
import { raw, type RawDiagnostic } from './diag';

export const MAX_ALIASES = 100;

export interface ParsedText {
  doc?: Document;
  diagnostics: RawDiagnostic[];
}

/** No real file nests this deep; deeper input only serves to exhaust the parser. */
export const MAX_NESTING = 100;

/**
 * A cheap upper bound of YAML nesting on the raw text: flow brackets, and block sequences opened
 * on one line (`- - - x`); deep indentation is already bounded by the size limit.
 */
export function nestingDepth(text: string): number {
  let max = 0;
  let brackets = 0;
  let lineDashes = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      lineDashes = 0;
      continue;
    }
    if (c === 91 || c === 123) {
      if (++brackets + lineDashes > max) max = brackets + lineDashes;
    } else if ((c === 93 || c === 125) && brackets > 0) brackets--;
    else if (atLineStart && c === 45 && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10)) {
      if (brackets + ++lineDashes > max) max = brackets + lineDashes;
    } else if (c !== 32) atLineStart = false;
  }
  return max;
}

/**
 * Parses YAML; syntax problems, hostile nesting and parser crashes become diagnostics (offsets
 * relative to `text`). DAG flows call this per slice, so the depth scan is cached with the slice.
 */
export function parseYaml(text: string): ParsedText {
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    return {
      diagnostics: [
        raw(
          0,
          0,
          'error',
          Codes.aliasOrDepth,
          `This file nests ${depth} levels deep; more than ${MAX_NESTING} is not a flow or run file. Flatten it.`,
        ),
      ],
    };
  }
  try {
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false });
    const diagnostics = doc.errors.map((e) => {
      const [s, e2] = e.pos;
      return raw(s, Math.max(e2, s + 1), 'error', Codes.syntax, `YAML syntax error: ${firstLine(e.message)}. Fix the YAML at this place.`);
    });
    return { doc, diagnostics };
  } catch (err) {
    return {
      diagnostics: [raw(0, 0, 'error', Codes.aliasOrDepth, `The file cannot be read as YAML (${errText(err)}). Simplify its structure.`)],
    };
  }
}

/** Plain JS value of a document, bounded against alias bombs. Throws on hostile input. */
export function docJs(doc: Document): unknown {
  return doc.toJS({ maxAliasCount: MAX_ALIASES });
}

export function errText(err: unknown): string {
  return firstLine(err instanceof Error ? err.message : String(err));
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/[.:]\s*$/, '');
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
            out.push(raw(s, e, 'error', Codes.duplicateKey, `Key "${k}" appears more than once in this mapping; keep one.`));
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
