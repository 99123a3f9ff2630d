// Splits a flow file on the raw text into top-level blocks and the items of `nodes:`, by
// indentation only. Each piece parses on its own, so an edit re-parses one piece instead of the
// whole file. Anything the split cannot be sure about (anchors, directives, flow-style roots, odd
// indentation) returns undefined and the caller parses the whole text instead.

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

const TOP_KEY = /^([A-Za-z_$][\w$.-]*)[ \t]*:(?:[ \t]|$)/;
// Anchors, aliases, tags and document markers tie pieces together; leave those to a full parse.
const NOT_SPLITTABLE = /(?:^|[\s[{,:-])[&*!][^\s,\]}]|^(?:---|\.\.\.|%)/m;

interface Line {
  start: number;
  end: number;
  text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    out.push({ start, end: nl, text: text.slice(start, nl) });
    start = nl + 1;
  }
  return out;
}

function isBlankOrComment(s: string): boolean {
  const t = s.trimStart();
  return t === '' || t === '\r' || t.startsWith('#');
}

export function splitBlocks(text: string): TopBlock[] | undefined {
  if (NOT_SPLITTABLE.test(text)) return undefined;
  const all = lines(text);
  const blocks: TopBlock[] = [];
  for (let i = 0; i < all.length; i++) {
    const l = all[i];
    if (isBlankOrComment(l.text)) continue;
    const c = l.text.charCodeAt(0);
    if (c === 32) {
      if (blocks.length === 0) return undefined;
      continue;
    }
    if (l.text.startsWith('-') && blocks.at(-1)?.key === 'nodes') continue;
    const m = TOP_KEY.exec(l.text);
    if (!m) return undefined;
    // Leading comments belong to the first block so every offset is covered.
    const start = blocks.length === 0 ? 0 : l.start;
    if (blocks.length > 0) blocks[blocks.length - 1].end = start;
    blocks.push({ key: m[1], start, end: text.length });
  }
  for (const b of blocks) if (b.key === 'nodes') itemize(b, all);
  return blocks;
}

function itemize(block: TopBlock, all: Line[]): void {
  const headerLine = all.find((l) => l.start >= block.start && TOP_KEY.test(l.text));
  if (!headerLine) return;
  const afterColon = headerLine.text.slice(headerLine.text.indexOf(':') + 1).trim();
  if (afterColon !== '' && !afterColon.startsWith('#')) return;
  const body = all.filter((l) => l.start > headerLine.start && l.start < block.end);
  const first = body.find((l) => !isBlankOrComment(l.text));
  if (!first) return;
  const m = /^( *)-(?: |$)/.exec(first.text);
  if (!m) return;
  const indent = m[1].length;
  const starts: number[] = [];
  for (const l of body) {
    if (isBlankOrComment(l.text)) continue;
    const lead = l.text.length - l.text.trimStart().length;
    if (lead === indent && /^-(?: |$)/.test(l.text.slice(indent))) starts.push(l.start);
    else if (lead <= indent) return; // something other than an item at item level: parse the block whole
  }
  block.header = { start: block.start, end: starts[0] };
  block.items = starts.map((s, i) => ({ start: s, end: i + 1 < starts.length ? starts[i + 1] : block.end }));
}
