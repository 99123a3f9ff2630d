// Splits a flow file on the raw text into top-level blocks and the items of `nodes:`, by
// indentation only. Each piece is parsed on its own (dagModel.ts checks that the parse of a piece is
// the one a whole-file parse gives), so an edit re-parses one piece instead of the whole file. Texts
// whose pieces are tied together (anchors and aliases, directives, document markers) or whose shape
// the split cannot read (flow-style roots, odd indentation) return undefined: the caller parses them
// whole.

export interface Span {
  start: number;
  end: number;
}

export interface TopBlock extends Span {
  key: string;
  /** For an itemized `nodes:` block: the header (key line and comments) and each `- ` item. */
  header?: Span;
  items?: Span[];
}

const TOP_KEY = /^([A-Za-z_$][\w$.-]*)[ \t]*:(?:[ \t\r]|$)/;
// An anchor or alias (also an empty one) wherever the parser may read one, directives and document
// markers tie pieces together. Over-matching (a `*` in prose) only costs a whole-file parse.
const NOT_SPLITTABLE = /(?:^|[\s,[\]{}])[&*]|^(?:---|\.\.\.|%)/m;

/** Start offsets of every line; strings are only cut for the few lines that need a regex. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Indentation of a line, or -1 when it is blank or a comment. */
function indentOf(text: string, start: number): number {
  let i = start;
  while (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  if (Number.isNaN(c) || c === 10 || c === 13 || c === 35) return -1;
  return i - start;
}

function lineText(text: string, starts: number[], i: number): string {
  const end = i + 1 < starts.length ? starts[i + 1] - 1 : text.length;
  return text.slice(starts[i], end);
}

export type SliceKind = 'top' | 'header' | 'item';

export interface Slice extends Span {
  kind: SliceKind;
  /** Indentation of the first line: 0, or that of the `- ` of an item. */
  indent: number;
}

/** The pieces of `text` in order, covering it without gaps, or undefined when it must be parsed whole. */
export function splitSlices(text: string): Slice[] | undefined {
  const blocks = splitBlocks(text);
  if (!blocks) return undefined;
  const slices: Slice[] = [];
  for (const b of blocks) {
    if (b.header && b.items) {
      slices.push({ ...b.header, kind: 'header', indent: 0 });
      for (const it of b.items) slices.push({ ...it, kind: 'item', indent: indentOf(text, it.start) });
    } else slices.push({ start: b.start, end: b.end, kind: 'top', indent: 0 });
  }
  return slices;
}

export function splitBlocks(text: string): TopBlock[] | undefined {
  if (NOT_SPLITTABLE.test(text)) return undefined;
  const starts = lineStarts(text);
  const blocks: TopBlock[] = [];
  const headerLine: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    const at = starts[i];
    const indent = indentOf(text, at);
    if (indent !== 0) {
      if (indent > 0 && blocks.length === 0) return undefined;
      continue;
    }
    const c = text.charCodeAt(at);
    if (c === 45 && blocks.at(-1)?.key === 'nodes') continue;
    const m = TOP_KEY.exec(lineText(text, starts, i));
    // Anything else at column 0 (broken text, a tab) stays in the block before it; the parse of that
    // block then says whether it runs on (dagModel.ts).
    if (!m) {
      if (blocks.length === 0) return undefined;
      continue;
    }
    // Leading comments belong to the first block so every offset is covered.
    const start = blocks.length === 0 ? 0 : at;
    if (blocks.length > 0) blocks[blocks.length - 1].end = start;
    blocks.push({ key: m[1], start, end: text.length });
    headerLine.push(i);
  }
  blocks.forEach((b, k) => {
    if (b.key === 'nodes') itemize(text, starts, headerLine[k], b);
  });
  return blocks;
}

function itemize(text: string, starts: number[], header: number, block: TopBlock): void {
  const head = lineText(text, starts, header);
  const afterColon = head.slice(head.indexOf(':') + 1).trim();
  if (afterColon !== '' && !afterColon.startsWith('#')) return;
  let indent = -1;
  const items: number[] = [];
  for (let i = header + 1; i < starts.length && starts[i] < block.end; i++) {
    const at = starts[i];
    const lead = indentOf(text, at);
    if (lead < 0) continue;
    const next = text.charCodeAt(at + lead + 1);
    const isItem = text.charCodeAt(at + lead) === 45 && (next === 32 || next === 10 || next === 13 || Number.isNaN(next));
    if (indent < 0) {
      if (!isItem) return;
      indent = lead;
    }
    // Anything else, even at item level (broken text, a tab), stays in the item before it.
    if (lead === indent && isItem) items.push(at);
  }
  if (items.length === 0) return;
  block.header = { start: block.start, end: items[0] };
  block.items = items.map((s, i) => ({ start: s, end: i + 1 < items.length ? items[i + 1] : block.end }));
}
