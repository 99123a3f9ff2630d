// A DAG flow as top-level entries plus node units. Built either from independently parsed slices
// (see blocks.ts; cached by slice text, so an edit re-parses one slice) or from one full parse.
// Both paths feed the same per-entry and per-node analysis, so they give the same diagnostics.
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { splitBlocks } from './blocks';
import { Codes } from './codes';
import { raw, shift, type RawDiagnostic } from './diag';
import { summarizeNode, type NodeSummary } from './dagNode';
import { checkSchema, locateIn } from './schema';
import { docJs, duplicateKeys, errText, parseYaml, rangeOf } from './yamlTools';

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
  summary: NodeSummary;
  diagnostics: RawDiagnostic[];
}

interface ParsedSlice {
  entries: { key: string; keyNode: unknown; value: unknown; js: unknown }[];
  items: ParsedItem[];
  diagnostics: RawDiagnostic[];
}

/** Parsed slices of the previous validation of one document, keyed by slice text. */
export class DagCache {
  private slices = new Map<string, ParsedSlice>();
  private items = new Map<string, ParsedSlice>();
  private nextSlices = new Map<string, ParsedSlice>();
  private nextItems = new Map<string, ParsedSlice>();

  slice(text: string): ParsedSlice {
    return this.use(this.slices, this.nextSlices, text, parseSlice);
  }

  item(text: string): ParsedSlice {
    return this.use(this.items, this.nextItems, text, parseItem);
  }

  private use(prev: Map<string, ParsedSlice>, next: Map<string, ParsedSlice>, text: string, make: (t: string) => ParsedSlice): ParsedSlice {
    const hit = prev.get(text) ?? next.get(text) ?? make(text);
    next.set(text, hit);
    return hit;
  }

  /** Keeps only what the last validation used, so memory follows the document size. */
  rotate(): void {
    this.slices = this.nextSlices;
    this.items = this.nextItems;
    this.nextSlices = new Map();
    this.nextItems = new Map();
  }
}

function analyzeItem(node: unknown, js: unknown): ParsedItem {
  try {
    return analyzeItemUnguarded(node, js);
  } catch (err) {
    // One odd node must not hide the diagnostics of the others.
    const [s] = rangeOf(node);
    const summary: NodeSummary = { start: s, end: s + 1, aggregation: false, useVariants: false, refs: [], sources: [] };
    return {
      node,
      summary,
      diagnostics: [
        raw(
          s,
          s + 1,
          'warning',
          Codes.ruleFailed,
          `The check "node" could not finish (${errText(err)}); other checks ran. Please report this file.`,
        ),
      ],
    };
  }
}

function analyzeItemUnguarded(node: unknown, js: unknown): ParsedItem {
  const { summary, diagnostics } = summarizeNode(node);
  const label = summary.name ?? '?';
  return {
    node,
    summary,
    diagnostics: [...diagnostics, ...duplicateKeys(node, false), ...checkSchema('dagNode', js, locateIn(node), ['nodes', label])],
  };
}

/** Entries and items of one parsed YAML mapping (a slice or the whole file). */
function analyzeDocument(doc: Document | undefined, parseDiagnostics: RawDiagnostic[]): ParsedSlice {
  const out: ParsedSlice = { entries: [], items: [], diagnostics: [...parseDiagnostics] };
  if (!doc) return out;
  let js: Record<string, unknown> | undefined;
  try {
    const v = docJs(doc);
    js = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch (err) {
    out.diagnostics.push(
      raw(
        0,
        1,
        'error',
        Codes.aliasOrDepth,
        `The YAML cannot be expanded (${errText(err)}). Remove the aliases that multiply the content.`,
      ),
    );
    return out;
  }
  const root = doc.contents;
  if (root === null || root === undefined) return out;
  if (!isMap(root)) {
    const [s, e] = rangeOf(root);
    out.diagnostics.push(
      raw(s, e, 'error', Codes.schema, 'A flow file is a mapping of keys (inputs, outputs, nodes, ...). Rewrite it as key: value lines.'),
    );
    return out;
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    const entryJs = js?.[key];
    if (key === 'nodes' && isSeq(value)) {
      out.entries.push({ key, keyNode: pair.key, value: undefined, js: [] });
      value.items.forEach((item, i) => out.items.push(analyzeItem(item, Array.isArray(entryJs) ? entryJs[i] : undefined)));
    } else {
      out.entries.push({ key, keyNode: pair.key, value, js: entryJs });
      out.diagnostics.push(...duplicateKeys(value, false));
    }
  }
  return out;
}

function parseSlice(text: string): ParsedSlice {
  const { doc, diagnostics } = parseYaml(text);
  return analyzeDocument(doc, diagnostics);
}

/** A node item parsed alone: `- name: x ...` is a one-item sequence. */
function parseItem(text: string): ParsedSlice {
  const { doc, diagnostics } = parseYaml(text);
  const out: ParsedSlice = { entries: [], items: [], diagnostics: [...diagnostics] };
  if (!doc || !isSeq(doc.contents)) return out;
  let js: unknown[] = [];
  try {
    const v = docJs(doc);
    js = Array.isArray(v) ? v : [];
  } catch (err) {
    out.diagnostics.push(raw(0, 1, 'error', Codes.aliasOrDepth, `The YAML cannot be expanded (${errText(err)}).`));
  }
  doc.contents.items.forEach((item, i) => out.items.push(analyzeItem(item, js[i])));
  return out;
}

function addSlice(model: DagModel, slice: ParsedSlice, base: number): void {
  for (const e of slice.entries) model.top.push({ ...e, base });
  for (const it of slice.items) {
    model.nodes.push({ node: it.node, base, summary: it.summary });
    for (const d of it.diagnostics) model.diagnostics.push(shift(d, base));
  }
  for (const d of slice.diagnostics) model.diagnostics.push(shift(d, base));
}

/** Builds the model, re-using slices from `cache` when given and the text can be split safely. */
export function buildDagModel(text: string, cache?: DagCache): DagModel {
  const model: DagModel = { top: [], nodes: [], diagnostics: [] };
  const blocks = cache ? splitBlocks(text) : undefined;
  if (!cache || !blocks) {
    addSlice(model, parseSlice(text), 0);
    return model;
  }
  for (const b of blocks) {
    if (b.items && b.header) {
      const headerText = text.slice(b.header.start, b.header.end);
      const header = cache.slice(headerText);
      addSlice(model, header, b.header.start);
      // The header parses as `nodes: null`; its items follow as separate units.
      const entry = model.top.at(-1);
      if (entry?.key === 'nodes') Object.assign(entry, { value: undefined, js: [] });
      for (const it of b.items) {
        addSlice(model, cache.item(text.slice(it.start, it.end)), it.start);
      }
    } else {
      addSlice(model, cache.slice(text.slice(b.start, b.end)), b.start);
    }
  }
  cache.rotate();
  return model;
}
