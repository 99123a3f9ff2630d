// Parity between a run of a flow and a run of its Agent Framework workflow over the same data: lines
// paired by number, every flow output compared value by value, the share of lines that match against
// thresholds. Pure: values in, a result out (rendered by parityReport.ts).

/** Why a line has no outputs on one side. `missing`: that side has no line with this number at all. */
export interface LineError {
  message: string;
  type?: string;
  node?: string;
  missing?: boolean;
}

/** One line of one side: its outputs, or why it failed. */
export interface SideLine {
  /** 0-based, the data line's number among the non-blank lines. */
  index: number;
  outputs?: Record<string, unknown>;
  error?: LineError;
}

export interface ParityOptions {
  /** Numbers match when |a − b| ≤ tolerance × max(1, |a|, |b|): absolute near zero, relative beyond. */
  tolerance: number;
  /** Texts match when their token F1 (see `textSimilarity`) reaches this, in [0, 1]. */
  similarity: number;
  /** Parity holds when at least this share of the compared lines match, in [0, 1]. */
  minMatch: number;
}

export const DEFAULT_PARITY: Readonly<ParityOptions> = { tolerance: 1e-6, similarity: 0.9, minMatch: 1 };

/**
 * How two values matched, tried in this order: `equal` (the same JSON value), `normalized` (texts equal
 * after whitespace and case normalisation), `number` (within the tolerance), `json` (strings that parse
 * as JSON compared as values, numbers within the tolerance), `similar` (token F1 at or above the
 * threshold); else `different`, or `missing` when one side has no such output.
 */
export type MatchKind = 'equal' | 'normalized' | 'number' | 'json' | 'similar' | 'different' | 'missing';
export const MATCH_KINDS: readonly MatchKind[] = ['equal', 'normalized', 'number', 'json', 'similar', 'different', 'missing'];

export interface ValueComparison {
  kind: MatchKind;
  /** The token F1 of the two texts, when it was computed. */
  similarity?: number;
}

export const matches = (c: ValueComparison) => c.kind !== 'different' && c.kind !== 'missing';

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Equality of JSON values, keys in any order; numbers compared by `same`. */
function deepEqual(a: unknown, b: unknown, same: (x: number, y: number) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return same(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i], same));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k], same));
  }
  return a === b;
}

/** NFKC, one space for any run of whitespace, no leading or trailing space, lower case. */
export const normalizeText = (s: string) => s.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return typeof v === 'string' && NUMERIC.test(v.trim()) ? Number(v.trim()) : undefined;
}

/** A string that parses as a JSON object or array, parsed; `undefined` for anything else. */
function asJson(v: unknown): unknown {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!/^[[{]/.test(s)) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

// Words of letters and digits; a Han, Hiragana or Katakana character is a word of its own, since
// Japanese and Chinese text has no spaces between words.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');

export const tokens = (s: string): string[] => normalizeText(s).match(TOKEN) ?? [];

/**
 * Token F1 (the unigram F-measure of ROUGE-1): 2·|A ∩ B| / (|A| + |B|) over the multisets of words of
 * the two normalised texts. 1 for the same words in any order, 0 for no word in common; linear in the
 * texts' length, so long answers compare quickly.
 */
export function textSimilarity(a: string, b: string): number {
  return similarityOfNormalized(normalizeText(a), normalizeText(b));
}

/** `textSimilarity` of texts normalised already (normalising is most of the work on long answers). */
function similarityOfNormalized(a: string, b: string): number {
  const ta = a.match(TOKEN) ?? [];
  const tb = b.match(TOKEN) ?? [];
  if (!ta.length && !tb.length) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

export function compareValues(a: unknown, b: unknown, opts: ParityOptions): ValueComparison {
  if (a === undefined || b === undefined) return { kind: a === b ? 'equal' : 'missing' };
  if (deepEqual(a, b, (x, y) => x === y)) return { kind: 'equal' };
  const normA = normalizeText(text(a));
  const normB = normalizeText(text(b));
  if (typeof a === 'string' && typeof b === 'string' && normA === normB) return { kind: 'normalized' };
  const near = (x: number, y: number) => Math.abs(x - y) <= opts.tolerance * Math.max(1, Math.abs(x), Math.abs(y));
  const na = asNumber(a);
  const nb = asNumber(b);
  // Two numbers that differ are different: the likeness of their digits says nothing.
  if (na !== undefined && nb !== undefined) return { kind: near(na, nb) ? 'number' : 'different' };
  const ja = asJson(a);
  const jb = asJson(b);
  if ((ja !== undefined || jb !== undefined) && deepEqual(ja ?? a, jb ?? b, near)) return { kind: 'json' };
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && deepEqual(a, b, near)) return { kind: 'json' };
  const similarity = similarityOfNormalized(normA, normB);
  return { kind: similarity >= opts.similarity ? 'similar' : 'different', similarity };
}

export type FailureSide = 'flow' | 'workflow' | 'both';

export interface LineFailure {
  index: number;
  side: FailureSide;
  flowError?: LineError;
  workflowError?: LineError;
}

export interface LineDifference {
  index: number;
  output: string;
  comparison: ValueComparison;
  flow: unknown;
  workflow: unknown;
}

export interface OutputShare {
  output: string;
  matched: number;
  share: number;
}

export interface ParityResult {
  options: ParityOptions;
  outputs: string[];
  /** Lines on either side. */
  lines: number;
  /** Lines that count: all but those that failed on both sides (the same behaviour, reported apart). */
  compared: number;
  /** Compared lines where both sides succeeded and every output matched. */
  matched: number;
  share: number;
  perOutput: OutputShare[];
  /** How many value comparisons ended in each kind. */
  kinds: Record<MatchKind, number>;
  differences: LineDifference[];
  failures: LineFailure[];
  holds: boolean;
  /** Why parity does not hold: no line could be compared, or too few matched. */
  reason?: 'nothingCompared' | 'belowThreshold';
}

const MISSING: LineError = { message: '', missing: true };

/** The outputs of both sides' lines, in the order they first appear. */
function outputNames(lines: SideLine[]): string[] {
  const names = new Set<string>();
  for (const l of lines) for (const k of Object.keys(l.outputs ?? {})) names.add(k);
  return [...names];
}

/** Compares the lines of both sides; `outputs` defaults to every output either side produced. */
export function compareRuns(flow: SideLine[], workflow: SideLine[], opts: ParityOptions, outputs?: string[]): ParityResult {
  const byIndex = (lines: SideLine[]) => new Map(lines.map((l) => [l.index, l]));
  const f = byIndex(flow);
  const w = byIndex(workflow);
  const indexes = [...new Set([...f.keys(), ...w.keys()])].sort((a, b) => a - b);
  const names = outputs ?? outputNames([...flow, ...workflow]);
  const kinds = Object.fromEntries(MATCH_KINDS.map((k) => [k, 0])) as Record<MatchKind, number>;
  const perOutput = new Map(names.map((n) => [n, 0]));
  const differences: LineDifference[] = [];
  const failures: LineFailure[] = [];
  let matched = 0;
  for (const index of indexes) {
    const a = f.get(index);
    const b = w.get(index);
    const flowError = a ? (a.outputs ? undefined : (a.error ?? MISSING)) : MISSING;
    const workflowError = b ? (b.outputs ? undefined : (b.error ?? MISSING)) : MISSING;
    if (flowError || workflowError) {
      failures.push({ index, side: flowError && workflowError ? 'both' : flowError ? 'flow' : 'workflow', flowError, workflowError });
      continue;
    }
    let all = true;
    for (const output of names) {
      const fv = a!.outputs![output];
      const wv = b!.outputs![output];
      const comparison = compareValues(fv, wv, opts);
      kinds[comparison.kind]++;
      if (matches(comparison)) perOutput.set(output, perOutput.get(output)! + 1);
      else {
        all = false;
        differences.push({ index, output, comparison, flow: fv, workflow: wv });
      }
    }
    if (all) matched++;
  }
  const compared = indexes.length - failures.filter((x) => x.side === 'both').length;
  const share = compared ? matched / compared : 0;
  const holds = compared > 0 && share >= opts.minMatch;
  return {
    options: { ...opts },
    outputs: names,
    lines: indexes.length,
    compared,
    matched,
    share,
    perOutput: names.map((output) => ({
      output,
      matched: perOutput.get(output)!,
      share: compared ? perOutput.get(output)! / compared : 0,
    })),
    kinds,
    differences,
    failures,
    holds,
    ...(holds ? {} : { reason: compared ? ('belowThreshold' as const) : ('nothingCompared' as const) }),
  };
}
