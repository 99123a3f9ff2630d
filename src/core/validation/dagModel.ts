// A DAG flow as top-level entries plus node units, built from one parse of the whole text (the CLI)
// or from pieces parsed on their own (the editor: blocks.ts splits the text, pieces are cached by their
// text, so an edit re-parses one piece). Both must give exactly the same diagnostics, so a piece's own
// parse is used only when it is provably the one the whole-file parse gives:
//
// - A piece is parsed followed by a probe, a line that starts the way the next piece starts (`- ` at
//   the item indentation, or a key at column 0). The piece is sealed when that parse has no error and
//   the probe lands as the next item or key: nothing of the piece (an open quote, bracket or block
//   text) runs on into what follows, and the parser is back where a whole-file parse would be.
// - An error only carries forward. From an unsealed piece the text is parsed in growing windows, each
//   ended by a probe that also reproduces what the parser looks ahead for (a closing quote somewhere
//   later in the file), until a probe lands: up to there the window's parse is the whole file's. When
//   no probe lands, the rest of the file is parsed in one go; when even that cannot be matched to the
//   whole file (an error before the window), the whole file is parsed. Nothing is guessed.
import { CST, isMap, isScalar, isSeq, Lexer, type Document, type Node } from 'yaml';
import { splitSlices, type Slice } from './blocks';
import { Codes } from './codes';
import { raw, shift, type RawDiagnostic } from './diag';
import { summarizeNode, type NodeSummary } from './dagNode';
import { checkSchema, locateIn } from './schema';
import { duplicateKeys, errText, MAX_ALIASES, parseYaml, rangeOf } from './yamlTools';
import { msg } from '../i18n';

export interface TopEntry {
  key: string;
  keyNode: unknown;
  /** YAML value node; ranges relative to `base`. Undefined for itemized `nodes`. */
  value: unknown;
  base: number;
  js: unknown;
}

export interface NodeUnit {
  node: unknown;
  /** Add to every offset of `node` and `summary` (kept relative so unchanged nodes cost no copy). */
  base: number;
  summary: NodeSummary;
}

export interface DagModel {
  top: TopEntry[];
  nodes: NodeUnit[];
  /** Parse, duplicate-key, node-local and node-schema diagnostics (absolute offsets). */
  diagnostics: RawDiagnostic[];
}

interface ParsedItem {
  node: unknown;
  /** Offset of the node in the parsed text. */
  at: number;
  summary: NodeSummary;
  diagnostics: RawDiagnostic[];
}

interface ParsedEntry {
  key: string;
  keyNode: unknown;
  value: unknown;
  js: unknown;
  /** Offset of the key in the parsed text. */
  at: number;
}

/** One parse, with offsets relative to the parsed text. */
interface Parsed {
  entries: ParsedEntry[];
  items: ParsedItem[];
  diagnostics: RawDiagnostic[];
  /**
   * The parse could not be expanded to values (an alias without its anchor, too many aliases). Whether
   * the whole text can be is a property of the whole text only (an anchor may be in another piece), so a
   * model with such a piece is built from the whole text, as the CLI builds it.
   */
  expandFailed?: true;
}

/** A piece parsed on its own: what of it belongs to the piece, and whether it is sealed. */
interface Piece extends Parsed {
  sealed: boolean;
  /** Where the piece's text starts in the parsed text (after the header it was parsed under). */
  origin: number;
}

/** Key of the probe line; any plain key would do. */
const PROBE_KEY = 'pf_probe__';

/** Parsed pieces of the previous validation of one document, keyed by their parse input. */
export class DagCache {
  // Keyed by header and probe, then by the piece's text: no key is built by copying a piece's text.
  private pieces = new Map<string, Map<string, Piece>>();
  private next = new Map<string, Map<string, Piece>>();

  /** True until the first validation of the document. */
  fresh = true;

  /** The piece `text` parsed under `prefix` and followed by the probe for `next` (none at the end of the file). */
  piece(prefix: string, text: string, next: Slice | undefined): Piece {
    const outer = `${next ? probeLine(next, '') : ''}\u0000${prefix}`;
    const hit = this.pieces.get(outer)?.get(text) ?? this.next.get(outer)?.get(text) ?? parsePiece(prefix, text, next);
    this.keep(outer, text, hit);
    return hit;
  }

  /** Records a piece known from a parse of the whole text (see `seedFromWhole`). */
  seed(prefix: string, text: string, next: Slice | undefined, piece: Piece): void {
    this.keep(`${next ? probeLine(next, '') : ''}\u0000${prefix}`, text, piece);
  }

  private keep(outer: string, text: string, piece: Piece): void {
    let inner = this.next.get(outer);
    if (!inner) this.next.set(outer, (inner = new Map()));
    inner.set(text, piece);
  }

  /** Keeps only what the last validation used, so memory follows the document size. */
  rotate(): void {
    this.pieces = this.next;
    this.next = new Map();
  }
}

function nodeJs(doc: Document, node: unknown): unknown {
  return node && typeof (node as Node).toJSON === 'function' ? (node as Node).toJS(doc, { maxAliasCount: MAX_ALIASES }) : node;
}

function analyzeItem(node: unknown, js: unknown): ParsedItem {
  const [at] = rangeOf(node);
  try {
    const { summary, diagnostics } = summarizeNode(node);
    const label = summary.name ?? '?';
    return {
      node,
      at,
      summary,
      diagnostics: [...diagnostics, ...duplicateKeys(node, false), ...checkSchema('dagNode', js, locateIn(node), ['nodes', label])],
    };
  } catch (err) {
    // One odd node must not hide the diagnostics of the others.
    const summary: NodeSummary = { start: at, end: at + 1, aggregation: false, useVariants: false, refs: [], sources: [] };
    return {
      node,
      at,
      summary,
      diagnostics: [raw(at, at + 1, 'warning', Codes.ruleFailed, msg('validation.ruleFailed', { rule: 'node', error: errText(err) }))],
    };
  }
}

/**
 * Entries and items of one parsed YAML mapping (a piece, a window or the whole file) that start in
 * [from, to): the header a piece is parsed under and the probe after it are not analyzed.
 */
function analyzeDocument(doc: Document | undefined, parseDiagnostics: RawDiagnostic[], from = 0, to = Infinity): Parsed {
  const out: Parsed = { entries: [], items: [], diagnostics: [...parseDiagnostics] };
  const root = doc?.contents;
  if (!doc || root === null || root === undefined) return out;
  if (!isMap(root)) {
    const [s, e] = rangeOf(root);
    out.diagnostics.push(raw(s, e, 'error', Codes.schema, msg('validation.flowNotMapping')));
    return out;
  }
  try {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const [at] = rangeOf(pair.key);
      const value = pair.value;
      const inside = at >= from && at < to;
      if (key === 'nodes' && isSeq(value)) {
        if (inside) out.entries.push({ key, keyNode: pair.key, value: undefined, js: [], at });
        for (const item of value.items) {
          const [itemAt] = rangeOf(item);
          if (itemAt >= from && itemAt < to) out.items.push(analyzeItem(item, nodeJs(doc, item)));
        }
      } else if (inside) {
        out.entries.push({ key, keyNode: pair.key, value, js: nodeJs(doc, value), at });
        out.diagnostics.push(...duplicateKeys(value, false));
      }
    }
  } catch (err) {
    return {
      entries: [],
      items: [],
      expandFailed: true,
      diagnostics: [...parseDiagnostics, raw(0, 1, 'error', Codes.aliasOrDepth, msg('validation.notExpandable', { error: errText(err) }))],
    };
  }
  return out;
}

/** The whole text as one document (the CLI, and texts the editor cannot split). */
export function parseWhole(text: string): Parsed {
  const { doc, diagnostics } = parseYaml(text);
  return analyzeDocument(doc, diagnostics);
}

/** The line a piece's successor starts with, as far as the parser can tell; `quotes` close open quotes. */
function probeLine(next: Slice, quotes: string): string {
  const comment = quotes ? ` #${quotes}` : '';
  return next.kind === 'item' ? `${' '.repeat(next.indent)}- ${PROBE_KEY}: 0${comment}\n` : `${PROBE_KEY}: 0${comment}\n`;
}

/** Whether the probe that starts at `at` was read as the next item (or key) of the flow. */
function probeLanded(doc: Document | undefined, at: number, next: Slice): boolean {
  const root = doc?.contents;
  if (!isMap(root) || root.items.length === 0) return false;
  const last = root.items[root.items.length - 1];
  if (next.kind !== 'item') return isScalar(last.key) && last.key.value === PROBE_KEY && rangeOf(last.key)[0] === at;
  if (!isScalar(last.key) || last.key.value !== 'nodes' || !isSeq(last.value)) return false;
  const probe = last.value.items[last.value.items.length - 1];
  return (
    isMap(probe) &&
    probe.items.length === 1 &&
    isScalar(probe.items[0].key) &&
    probe.items[0].key.value === PROBE_KEY &&
    rangeOf(probe)[0] === at + next.indent + 2
  );
}

/** Lexer tokens that stand for no source text. */
const MARKERS = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * Whether the lexer, reading `input`, reaches offset `to` between two tokens and outside any flow
 * collection. A window with errors needs it: the parser's recovery at the end of the window can make
 * a probe land that was read inside an open `{` or `[`, where the real next line would be read too.
 */
function lexedCleanlyTo(input: string, to: number): boolean {
  let offset = 0;
  let depth = 0;
  for (const token of new Lexer().lex(input)) {
    const type = CST.tokenType(token);
    if (MARKERS.has(token)) {
      if (type === 'flow-error-end') {
        if (offset >= to) return false;
        depth = 0;
      }
      continue;
    }
    if (offset >= to) return offset === to && depth === 0;
    if (offset + token.length > to) return false;
    if (type === 'flow-map-start' || type === 'flow-seq-start') depth++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && depth > 0) depth--;
    offset += token.length;
  }
  return offset === to && depth === 0;
}

/** Every parse diagnostic inside [from, to) (nothing reported on the header or the probe). */
function diagnosticsWithin(list: RawDiagnostic[], from: number, to: number): boolean {
  return list.every((d) => d.start >= from && d.start < to && d.end <= to);
}

/** A piece parsed alone; sealed when it parses without error and the probe after it lands. */
function parsePiece(prefix: string, text: string, next: Slice | undefined): Piece {
  const input = prefix + text + (next ? probeLine(next, '') : '');
  const { doc, diagnostics } = parseYaml(input);
  const from = prefix.length;
  const to = from + text.length;
  const parsed = analyzeDocument(doc, diagnostics, from, next ? to : Infinity);
  const sealed =
    diagnostics.length === 0 &&
    (!next || (probeLanded(doc, to, next) && diagnosticsWithin(parsed.diagnostics, from, to) && lexedCleanlyTo(input, to)));
  return { ...parsed, sealed, origin: from };
}

/** Whether the parser, looking for the end of a quoted string, finds one in `text` from `at` on. */
function closesLater(text: string, at: number, quote: '"' | "'"): boolean {
  let end = text.indexOf(quote, at);
  if (quote === "'") {
    while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
    return end !== -1;
  }
  while (end !== -1) {
    let n = 0;
    while (text[end - 1 - n] === '\\') n++;
    if (n % 2 === 0) return true;
    end = text.indexOf('"', end + 1);
  }
  return false;
}

interface Window {
  parsed: Parsed;
  base: number;
  /** Index of the first slice after the window. */
  next: number;
}

/**
 * The parse of the text from slice `k` on, up to the first slice boundary where a probe lands (tried 1
 * and 4 slices on: an error either stays near or runs on to the end), else to the end. Undefined when
 * it cannot be matched to the whole file's parse.
 */
function parseWindow(text: string, slices: Slice[], k: number, prefix: string): Window | undefined {
  const start = slices[k].start;
  const from = prefix.length;
  const base = start - from;
  for (const step of [1, 4]) {
    if (k + step >= slices.length) break;
    const next = slices[k + step];
    const quotes = (closesLater(text, next.start, '"') ? '"' : '') + (closesLater(text, next.start, "'") ? "'" : '');
    const body = text.slice(start, next.start);
    const input = prefix + body + probeLine(next, quotes);
    const { doc, diagnostics } = parseYaml(input);
    const to = from + body.length;
    if (!probeLanded(doc, to, next) || !diagnosticsWithin(diagnostics, from, to) || !lexedCleanlyTo(input, to)) continue;
    const parsed = analyzeDocument(doc, diagnostics, from, to);
    if (!diagnosticsWithin(parsed.diagnostics, from, to)) continue;
    return { parsed, base, next: k + step };
  }
  const { doc, diagnostics } = parseYaml(prefix + text.slice(start));
  const parsed = analyzeDocument(doc, diagnostics, from);
  if (!diagnosticsWithin(parsed.diagnostics, from, Infinity)) return undefined;
  return { parsed, base, next: slices.length };
}

function add(model: DagModel, p: Parsed, base: number): void {
  for (const e of p.entries) model.top.push({ key: e.key, keyNode: e.keyNode, value: e.value, js: e.js, base });
  for (const it of p.items) {
    model.nodes.push({ node: it.node, base, summary: it.summary });
    for (const d of it.diagnostics) model.diagnostics.push(shift(d, base));
  }
  for (const d of p.diagnostics) model.diagnostics.push(shift(d, base));
}

/**
 * The pieces of a whole-text parse without error, for the cache: a piece parsed on its own would be the
 * same when each piece's successor was read where its probe would be (every top-level piece starts a
 * key of the root mapping, every item piece an item of its `nodes` list). Otherwise nothing is kept.
 */
function seedFromWhole(cache: DagCache, text: string, slices: Slice[], doc: Document | undefined, parsed: Parsed): void {
  const root = doc?.contents;
  if (!isMap(root)) return;
  const slot = (at: number) => {
    let lo = 0;
    let hi = slices.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (slices[mid].start <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const keys = root.items.map((p) => rangeOf(p.key)[0]);
  const tops = slices.filter((s) => s.kind !== 'item');
  if (keys.length !== tops.length || tops.some((s, i) => (i === 0 ? keys[0] >= s.end : keys[i] !== s.start))) return;
  const itemStarts: number[] = [];
  for (const p of root.items)
    if (isScalar(p.key) && p.key.value === 'nodes' && isSeq(p.value)) for (const it of p.value.items) itemStarts.push(rangeOf(it)[0]);
  const items = slices.filter((s) => s.kind === 'item');
  const firstLineEnd = (s: Slice) => {
    const nl = text.indexOf('\n', s.start);
    return nl < 0 || nl > s.end ? s.end : nl;
  };
  // Items of itemized `nodes` lists only (a flow-style or inline list is inside its top-level piece).
  const itemized = itemStarts.filter((at) => slices[slot(at)].kind === 'item');
  if (itemized.length !== items.length || items.some((s, i) => itemized[i] < s.start + s.indent + 2 || itemized[i] >= firstLineEnd(s)))
    return;
  // Entries and items come in text order, like the slices; diagnostics are sorted into their slice.
  const pieces: Piece[] = slices.map((s) => ({ entries: [], items: [], diagnostics: [], sealed: true, origin: s.start }));
  for (const e of parsed.entries) pieces[slot(e.at)].entries.push(e);
  for (const i of parsed.items) pieces[slot(i.at)].items.push(i);
  for (const d of parsed.diagnostics) pieces[slot(d.start)].diagnostics.push(d);
  let header = '';
  for (const [k, s] of slices.entries()) {
    if (s.kind === 'header') header = text.slice(s.start, s.end);
    cache.seed(s.kind === 'item' ? header : '', text.slice(s.start, s.end), slices[k + 1], pieces[k]);
  }
}

function wholeModel(text: string): DagModel {
  const model: DagModel = { top: [], nodes: [], diagnostics: [] };
  add(model, parseWhole(text), 0);
  return model;
}

/** Builds the model, re-using pieces from `cache` when given and the text can be split. */
export function buildDagModel(text: string, cache?: DagCache): DagModel {
  const slices = cache ? splitSlices(text) : undefined;
  if (!cache || !slices) return wholeModel(text);
  // The first validation of a document parses it whole, as the CLI does, and keeps its pieces; a text
  // with errors goes the way of the pieces instead, so that later edits find them in the cache.
  if (cache.fresh) {
    cache.fresh = false;
    const { doc, diagnostics } = parseYaml(text);
    if (diagnostics.length === 0) {
      const parsed = analyzeDocument(doc, diagnostics);
      seedFromWhole(cache, text, slices, doc, parsed);
      cache.rotate();
      const model: DagModel = { top: [], nodes: [], diagnostics: [] };
      add(model, parsed, 0);
      return model;
    }
  }
  const model: DagModel = { top: [], nodes: [], diagnostics: [] };
  // What cannot be matched to a whole-file parse, or cannot be expanded, is parsed whole.
  const whole = () => {
    cache.rotate();
    return wholeModel(text);
  };
  let header = '';
  for (let k = 0; k < slices.length;) {
    const s = slices[k];
    if (s.kind === 'header') header = text.slice(s.start, s.end);
    // Items are parsed under their `nodes:` header, so a window can run on into the keys after them.
    const prefix = s.kind === 'item' ? header : '';
    const next = slices[k + 1];
    const piece = cache.piece(prefix, text.slice(s.start, s.end), next);
    if (piece.expandFailed) return whole();
    if (piece.sealed) {
      add(model, piece, s.start - piece.origin);
      k++;
      continue;
    }
    const w = parseWindow(text, slices, k, prefix);
    if (!w || w.parsed.expandFailed) return whole();
    add(model, w.parsed, w.base);
    // A window that ends inside an itemized `nodes` block leaves the next items under the same header.
    for (let i = k; i < w.next; i++) if (slices[i].kind === 'header') header = text.slice(slices[i].start, slices[i].end);
    k = w.next;
  }
  cache.rotate();
  return model;
}
