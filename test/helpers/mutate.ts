// Mutations of the shared corpus for property-based fuzzing: structure-aware YAML edits (lines,
// indentation, references, anchors, nesting, truncation) and plain byte edits. Shared by the fuzz
// tests and test/bench/fuzz.bench.mjs, so a seed printed by either reproduces in the other.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { corpusEntries, corpusRoot } from './corpus';
import { repoRoot } from './validation';

export { corpusRoot, repoRoot };

export interface CorpusFile {
  /** Path relative to the corpus root, as MANIFEST.tsv lists it. */
  rel: string;
  abs: string;
  kind: string;
  text: string;
}

/** Every file MANIFEST.tsv lists, read once. */
export function loadCorpus(): CorpusFile[] {
  return corpusEntries().map((e) => ({ rel: e.path, abs: e.abs, kind: e.kind, text: readFileSync(e.abs, 'utf8') }));
}

/** One edit; `apply` is pure so a failing case can be replayed and printed. */
export interface Mutation {
  name: string;
  apply(text: string): string;
}

const splitLines = (t: string) => t.split('\n');
const at = (n: number, len: number) => (len === 0 ? 0 : n % len);

function lineEdit(name: string, f: (lines: string[], a: number, b: number) => void): fc.Arbitrary<Mutation> {
  return fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => ({
    name: `${name}(${a},${b})`,
    apply(text: string) {
      const lines = splitLines(text);
      f(lines, at(a, lines.length), at(b, lines.length));
      return lines.join('\n');
    },
  }));
}

/** Names no flow defines, in the shapes the reference grammar knows (and some it does not). */
const unknownRef = fc.constantFrom(
  '${nope.output}',
  '${inputs.missing}',
  '${ghost_node.output.text}',
  '${}',
  '${',
  '${a.b.c.d.e}',
  '${ inputs . q }',
  '${node_\u00e9.output}',
  '${${inputs.q}}',
);

function insertText(name: string, text: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  return fc.tuple(fc.nat(), text).map(([pos, t]) => ({
    name: `${name}@${pos}(${JSON.stringify(t.length > 60 ? `${t.slice(0, 60)}… ${t.length} chars` : t)})`,
    apply(text: string) {
      const i = at(pos, text.length + 1);
      return text.slice(0, i) + t + text.slice(i);
    },
  }));
}

/** Replaces the value after the first `key:` on a line with `value`. */
function replaceValue(name: string, value: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  return fc.tuple(fc.nat(), value).map(([n, v]) => ({
    name: `${name}(${n}, ${v.length} chars)`,
    apply(text: string) {
      const lines = splitLines(text);
      const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*-?\s*[\w.-]+:/.test(l));
      if (keyed.length === 0) return `${text}\nkey: ${v}\n`;
      const [line, i] = keyed[at(n, keyed.length)];
      lines[i] = line.replace(/^(\s*-?\s*[\w.-]+:).*$/, `$1 ${v}`);
      return lines.join('\n');
    },
  }));
}

export function bounds(big: boolean) {
  // Block nesting grows quadratically (indentation), so its depth stays lower.
  return { hugeScalar: big ? 400_000 : 60_000, depth: big ? 3_000 : 600, blockDepth: big ? 700 : 250 };
}

/** Structure-aware and byte-level edits; `big` allows larger scalars and deeper nesting (bench). */
export function mutationArb(big = false): fc.Arbitrary<Mutation> {
  const b = bounds(big);
  return fc.oneof(
    lineEdit('deleteLine', (l, a) => void l.splice(a, 1)),
    lineEdit('duplicateLine', (l, a, c) => void l.splice(c, 0, l[a] ?? '')),
    lineEdit('swapLines', (l, a, c) => ([l[a], l[c]] = [l[c], l[a]])),
    lineEdit('indentLine', (l, a, c) => (l[a] = ' '.repeat((c % 9) + 1) + l[a])),
    lineEdit('dedentLine', (l, a) => (l[a] = l[a].trimStart())),
    lineEdit('tabIndent', (l, a) => (l[a] = `\t${l[a]}`)),
    lineEdit('truncateLine', (l, a, c) => (l[a] = l[a].slice(0, at(c, l[a].length + 1)))),
    lineEdit('keepPrefixLines', (l, a) => void l.splice(a)),
    insertText('insertRef', unknownRef),
    replaceValue('refValue', unknownRef),
    replaceValue('anchorValue', fc.constantFrom('&a1 x', '*a1', '&a1 [1, *a1]', '*undefined_alias', '&x &y z', '<<: *a1')),
    insertText('anchorMerge', fc.constantFrom('\nbase: &b {type: string}\nextra:\n  <<: *b\n', '\n- &n {name: n0}\n- *n\n', '\nx: *x\n')),
    fc.nat().map((n) => ({ name: `truncate(${n})`, apply: (t: string) => t.slice(0, at(n, t.length + 1)) })),
    insertText(
      'binaryBytes',
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((a) => Buffer.from(a).toString('latin1')),
    ),
    insertText(
      'controlChars',
      fc.constantFrom('\u0000', '\ufeff', '\r', '\r\n', '\u2028', '\ud800', '\udc00x', '\u{1F600}', '\t\t', '\u000b'),
    ),
    replaceValue(
      'hugeScalar',
      fc.integer({ min: 1_000, max: b.hugeScalar }).map((n) => `"${'x'.repeat(n)}"`),
    ),
    replaceValue(
      'hugeRefScalar',
      fc.integer({ min: 100, max: b.hugeScalar / 20 }).map((n) => '${inputs.q} '.repeat(n)),
    ),
    replaceValue(
      'deepFlow',
      fc
        .tuple(fc.integer({ min: 10, max: b.depth }), fc.boolean())
        .map(([d, seq]) => (seq ? '['.repeat(d) + ']'.repeat(d) : '{a: '.repeat(d) + '1' + '}'.repeat(d))),
    ),
    fc.integer({ min: 10, max: b.blockDepth }).map((d) => ({
      name: `deepBlock(${d})`,
      apply: (t: string) => `${t}\nnodes:\n${Array.from({ length: d }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} leaf\n`,
    })),
    // Plain byte edits: flip, delete or insert a byte anywhere, ignoring structure.
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([p, v]) => ({
      name: `setByte(${p},${v})`,
      apply(t: string) {
        const buf = Buffer.from(t, 'utf8');
        if (buf.length === 0) return String.fromCharCode(v);
        buf[at(p, buf.length)] = v;
        return buf.toString('utf8');
      },
    })),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 16 })).map(([p, n]) => ({
      name: `deleteBytes(${p},${n})`,
      apply(t: string) {
        const buf = Buffer.from(t, 'utf8');
        const i = at(p, buf.length + 1);
        return Buffer.concat([buf.subarray(0, i), buf.subarray(i + n)]).toString('utf8');
      },
    })),
  );
}

export interface FuzzCase {
  file: number;
  mutations: Mutation[];
}

export function caseArb(fileCount: number, big = false): fc.Arbitrary<FuzzCase> {
  return fc.record({ file: fc.nat({ max: fileCount - 1 }), mutations: fc.array(mutationArb(big), { minLength: 1, maxLength: 4 }) });
}

export function applyCase(files: CorpusFile[], c: FuzzCase): { file: CorpusFile; text: string } {
  const file = files[c.file];
  return { file, text: c.mutations.reduce((t, m) => m.apply(t), file.text) };
}

/** Cases that walk every corpus file once, in order, each with random mutations (coverage of the whole corpus). */
export function everyFileArb(fileCount: number, big = false): fc.Arbitrary<FuzzCase[]> {
  return fc
    .array(fc.array(mutationArb(big), { minLength: 1, maxLength: 3 }), { minLength: fileCount, maxLength: fileCount })
    .map((all) => all.map((mutations, file) => ({ file, mutations })));
}

interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Why `range` does not lie inside `text` (LSP line breaks: \r\n, \n, \r; UTF-16 characters), or undefined. */
export function rangeProblem(text: string, range: RangeLike): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  for (const [which, p] of [
    ['start', range.start],
    ['end', range.end],
  ] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0)
      return `${which} ${JSON.stringify(p)} is not a valid position`;
    if (p.line >= lines.length) return `${which} line ${p.line} is past the last line (${lines.length} lines)`;
    if (p.character > lines[p.line].length)
      return `${which} character ${p.character} is past the end of line ${p.line} (length ${lines[p.line].length})`;
  }
  if (range.end.line < range.start.line || (range.end.line === range.start.line && range.end.character < range.start.character))
    return `end ${JSON.stringify(range.end)} is before start ${JSON.stringify(range.start)}`;
  return undefined;
}

/** The seed for this run: FUZZ_SEED reproduces an earlier failure; otherwise a fresh one. */
export function fuzzSeed(): number {
  const env = process.env.FUZZ_SEED;
  return env !== undefined && env !== '' ? Number(env) : (Date.now() ^ (process.pid << 8)) | 0;
}

/** What a user may type at any place, one keystroke or paste at a time: syntax that can break the YAML. */
const TYPED = [
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  ': ',
  '- ',
  '? ',
  '#',
  ' #',
  '#x',
  '\n#c\n',
  '&a ',
  '&',
  '*a',
  '*',
  '!',
  '!!str ',
  '!tag ',
  '---\n',
  '...\n',
  '\n---\n',
  '%YAML 1.2\n',
  '\t',
  '  ',
  '\n',
  '\r',
  '\r\n',
  '|',
  '>',
  '|-\n',
  '\\',
  '${',
  '"oops',
  '    }x: 1',
  '[ "key"\n  :value ]',
  ' ># c',
  '"value"# c',
  '[ a, b, c, ]#x',
  '\n- name: typed\n  type: python\n',
  '\nnodes:\n',
  'x: ',
];

/** One edit as a user makes it: type a piece of syntax, delete a few characters or a line, indent or dedent a line. */
export function typingEditArb(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 5, arbitrary: insertText('type', fc.constantFrom(...TYPED)) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 1, max: 24 })).map(([p, n]) => ({
        name: `delete(${p},${n})`,
        apply: (t: string) => {
          const i = at(p, t.length + 1);
          return t.slice(0, i) + t.slice(i + n);
        },
      })),
    },
    { weight: 1, arbitrary: lineEdit('deleteLine', (l, a) => void l.splice(a, 1)) },
    { weight: 1, arbitrary: lineEdit('indentLine', (l, a, c) => (l[a] = ' '.repeat((c % 4) + 1) + l[a])) },
    { weight: 1, arbitrary: lineEdit('dedentLine', (l, a) => (l[a] = l[a].replace(/^ {1,2}/, ''))) },
    { weight: 1, arbitrary: lineEdit('duplicateLine', (l, a, c) => void l.splice(c, 0, l[a] ?? '')) },
  );
}

/** A two-node flow whose node `a` has a `text: hello` input: the host the YAML suite's cases are put into. */
export const SUITE_HOST_FLOW = [
  'outputs:',
  '  answer:',
  '    type: string',
  '    reference: ${b.output}',
  'nodes:',
  '- name: a',
  '  type: python',
  '  source:',
  '    type: code',
  '    path: shout.py',
  '  inputs:',
  '    text: hello',
  '- name: b',
  '  type: python',
  '  source:',
  '    type: code',
  '    path: shout.py',
  '  inputs:',
  '    text: ${a.output}',
  '',
].join('\n');

/** A YAML text as the value of node a's `text` input, indented under it. */
export function inNodeInput(yaml: string): string {
  const block = yaml
    .split('\n')
    .map((l) => (l === '' ? l : `      ${l}`))
    .join('\n');
  return SUITE_HOST_FLOW.replace('    text: hello\n', `    text:\n${block}${block.endsWith('\n') ? '' : '\n'}`);
}
