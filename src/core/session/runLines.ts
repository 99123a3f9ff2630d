// A run's lines and metrics as Azure keeps them: `BulkRuns/{id}/childRuns` paged the SDK's way, each child run
// made a `RunLine` (its inputs, outputs, error, times, tokens and the nodes that ran), and the metric
// service's last values (docs/azure-contract.md §12, §25). The mapping is pure and tolerant: the service
// may leave any field null or out.
import type { ChildRunDto, PfsClient } from '../azure/pfs';
import type { MetricDto } from '../azure/runHistory';
import { AzureMlError } from '../azure/errors';
import { t, type Locale } from '../i18n';
import { obj, str } from './runs';
import type { RunLine, RunLineNode, RunTokens } from './types';

/** Lines a page asks for: the SDK's page (`startIndex=0&endIndex=24`, then 25…49, …). */
export const LINES_PER_PAGE = 25;
/** Pages read at most (100,000 lines): a service that never answers an empty page must not loop forever. */
export const MAX_PAGES = 4000;
/** Depth of the call tree read at most; deeper calls are left out rather than overflow the stack. */
const MAX_CALL_DEPTH = 64;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** `prompt_tokens`, `completion_tokens`, `total_tokens` of a `system_metrics`; none when no count is there. */
export function tokensOf(metrics: unknown): RunTokens | undefined {
  const m = obj(metrics) ?? {};
  const prompt = num(m.prompt_tokens);
  const completion = num(m.completion_tokens);
  const total = num(m.total_tokens);
  if (prompt === undefined && completion === undefined && total === undefined) return undefined;
  return { prompt: prompt ?? 0, completion: completion ?? 0, total: total ?? (prompt ?? 0) + (completion ?? 0) };
}

/** An error as the service gives it (a dict with `message` and `code`, or a bare string); none for null. */
function errorOf(v: unknown): { code?: string; message: string } | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string') return { message: v };
  const e = obj(v);
  if (!e) return { message: String(v) };
  const message = str(e.message) ?? str(obj(e.error)?.message) ?? JSON.stringify(e);
  const code = str(e.code) ?? str(obj(e.error)?.code);
  return code ? { code, message } : { message };
}

function nodeOf(call: Record<string, unknown>): RunLineNode {
  const metrics = obj(call.system_metrics);
  const start = num(call.start_time);
  const end = num(call.end_time);
  // The call's own times are epoch seconds; `system_metrics.duration`, when given, is the service's measure.
  const duration = num(metrics?.duration) ?? (start !== undefined && end !== undefined && end >= start ? end - start : undefined);
  const node: RunLineNode = { node: str(call.node_name) ?? str(call.name) ?? str(call.function) ?? '?' };
  const tool = str(call.function) ?? str(call.name);
  if (tool) node.tool = tool;
  if (str(call.type)) node.type = str(call.type);
  if ('inputs' in call) node.inputs = call.inputs;
  if ('output' in call) node.output = call.output;
  const error = errorOf(call.error);
  if (error) node.error = error.message;
  if (duration !== undefined) node.durationSeconds = duration;
  const tokens = tokensOf(metrics);
  if (tokens) node.tokens = tokens;
  return node;
}

/** Calls in the order the service lists them, each before the calls it made (depth first). */
function flatten(calls: unknown, depth: number, out: RunLineNode[]): void {
  if (!Array.isArray(calls) || depth > MAX_CALL_DEPTH) return;
  for (const c of calls) {
    const call = obj(c);
    if (!call) continue;
    out.push(nodeOf(call));
    flatten(call.children, depth + 1, out);
  }
}

/**
 * The nodes of a line: a DAG flow's `api_calls` is one `Flow` entry whose children are the nodes; a flex
 * flow's is the entry function itself, with no children, which is then the one node.
 */
function nodesOf(apiCalls: unknown): RunLineNode[] {
  const root = Array.isArray(apiCalls) ? obj(apiCalls[0]) : undefined;
  if (!root) return [];
  const out: RunLineNode[] = [];
  if (Array.isArray(root.children) && root.children.length) flatten(root.children, 1, out);
  else if (str(root.type) !== 'Flow') flatten([root], 1, out);
  return out;
}

/** The line number of a child run: `index`, else its inputs' `line_number`, else its id's `_<n>` suffix. */
function indexOf(c: ChildRunDto): number | undefined {
  const fromId = /_(\d+)$/.exec(str(c.run_id) ?? '')?.[1];
  const n = num(c.index) ?? num(obj(c.inputs)?.line_number) ?? (fromId === undefined ? undefined : Number(fromId));
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** One child run as a `RunLine`; undefined when it names no line. */
export function toRunLine(c: ChildRunDto): RunLine | undefined {
  const index = indexOf(c);
  if (index === undefined) return undefined;
  const { line_number: _lineNumber, ...inputs } = obj(c.inputs) ?? {};
  const line: RunLine = {
    index,
    status: str(c.status) ?? 'Unknown',
    inputs,
    outputs: obj(c.output) ?? null,
    nodes: nodesOf(c.api_calls),
  };
  const error = errorOf(c.error);
  if (error) line.error = error;
  if (str(c.start_time)) line.startedAt = str(c.start_time);
  if (str(c.end_time)) line.endedAt = str(c.end_time);
  const duration = num(obj(c.system_metrics)?.duration);
  if (duration !== undefined) line.durationSeconds = duration;
  const tokens = tokensOf(c.system_metrics);
  if (tokens) line.tokens = tokens;
  return line;
}

/**
 * Every line of a run: pages of 25 until one comes back empty, at most MAX_PAGES. Lines come in any order
 * and a line met twice is kept once; the result is sorted by line number.
 */
export async function readRunLines(
  pfs: PfsClient,
  runId: string,
  loc: Locale,
  signal?: AbortSignal,
  log?: (message: string) => void,
): Promise<RunLine[]> {
  const lines = new Map<number, RunLine>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const start = page * LINES_PER_PAGE;
    const children = await pfs.childRuns(runId, start, start + LINES_PER_PAGE - 1, signal);
    if (!children.length) return [...lines.values()].sort((a, b) => a.index - b.index);
    for (const c of children) {
      const line = toRunLine(c);
      if (line) lines.set(line.index, line);
      else log?.(`A child run of ${runId} names no line (run_id ${String(c.run_id)}); left out`);
    }
  }
  throw new AzureMlError({ kind: 'unknown', message: t(loc, 'session.runLines.tooMany', { runId, lines: MAX_PAGES * LINES_PER_PAGE }) });
}

/** `lastvalues` as name → number: each metric's last value under its own name (§25); non-numbers are left out. */
export function metricsOf(list: MetricDto[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of list) {
    const name = str(m.name);
    const values = Array.isArray(m.value) ? m.value : [];
    const last = obj(values[values.length - 1]);
    const value = name ? num(obj(last?.data)?.[name]) : undefined;
    if (name && value !== undefined) out[name] = value;
  }
  return out;
}
