// What the service derives from a submitted run, in one place for every answer that shows it: the display
// name with its macros expanded, run history's `azureml.promptflow.*` properties, durations, and the child
// runs (one per input line). Shapes follow the recorded answers (docs/azure-contract.md §10–§12, §36).
import { createHash, randomUUID } from 'node:crypto';
import type { NodeResult, RunLine, RunRecord, TokenCounts } from './state';

export const TERMINAL_RUN_STATUSES = new Set(['Completed', 'Failed', 'Canceled']);
export const AUTOMATIC_RUNTIME = 'automatic';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** `${summarize.variant_1}` → `variant_1`; no variant is `variant_0`, as the service names it. */
export function variantIdOf(nodeVariant: unknown): string {
  const m = /^\$\{[^.}]+\.([^}]+)\}$/.exec(String(nodeVariant ?? ''));
  return m ? m[1] : 'variant_0';
}

/**
 * The service expands `${variant_id}`, `${run}` and `${timestamp}` (UTC, yyyyMMddHHmm) in a display name
 * submitted with `runDisplayNameGenerationType: UserProvidedMacro` (recorded:
 * `my_display_name_${variant_id}_${timestamp}` became `my_display_name_variant_0_202405130804`).
 */
export function expandDisplayName(body: Record<string, unknown>, runId: string, now: Date): string {
  const name = str(body.runDisplayName) ?? runId;
  if (body.runDisplayNameGenerationType !== undefined && body.runDisplayNameGenerationType !== 'UserProvidedMacro') return name;
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 12);
  return name
    .replace(/\$\{variant_id\}/g, variantIdOf(body.nodeVariant))
    .replace(/\$\{run\}/g, str(body.variantRunId) ?? '')
    .replace(/\$\{timestamp\}/g, stamp);
}

/** The flow file a run names: the last segment of its blob path (`flow.dag.yaml`, `flow.flex.yaml`). */
export function definitionFileName(r: RunRecord): string {
  const path = str(r.request.flowDefinitionBlobPath) ?? str(r.request.flowDefinitionDataUri);
  const last = path?.split('/').filter(Boolean).pop();
  return last && /\.ya?ml$/.test(last) ? last : 'flow.dag.yaml';
}

const FLOW_ID = /\/flows\/([^/]+)\/?$/;

/** The flow id of a remote flow (`azureml://locations/…/workspaces/…/flows/<id>/`). */
export function remoteFlowId(r: Pick<RunRecord, 'request'>): string | undefined {
  return FLOW_ID.exec(str(r.request.flowDefinitionResourceId) ?? '')?.[1];
}

const started = (r: RunRecord) => !!r.startTime || (TERMINAL_RUN_STATUSES.has(r.status) && r.status !== 'Canceled');

/**
 * Run history's `properties` (all strings). `session_id` is there only for runs on `automatic` (18 of 18
 * recorded; none on a named runtime); snapshot and runtime version once the run started; token counts and
 * the evaluation artifacts once it completed.
 */
export function runProperties(r: RunRecord, location: string, workspaceId: string): Record<string, string> {
  const b = r.request;
  const p: Record<string, string> = { 'azureml.promptflow.runtime_name': r.runtimeName ?? AUTOMATIC_RUNTIME };
  if (typeof b.disableTrace === 'boolean') p['azureml.promptflow.disable_trace'] = String(b.disableTrace);
  const data = str((b.batchDataInput as { dataUri?: unknown } | undefined)?.dataUri);
  if (data) p['azureml.promptflow.input_data'] = data;
  const mapping = b.inputsMapping as Record<string, unknown> | undefined;
  if (mapping && typeof mapping === 'object' && Object.keys(mapping).length)
    p['azureml.promptflow.inputs_mapping'] = JSON.stringify(mapping);
  if (str(b.variantRunId)) {
    p['azureml.promptflow.input_run_id'] = String(b.variantRunId);
    p['azureml.promptflow.variant_run_id'] = String(b.variantRunId);
  }
  if ((r.runtimeName ?? AUTOMATIC_RUNTIME) === AUTOMATIC_RUNTIME && r.sessionId) p['azureml.promptflow.session_id'] = r.sessionId;
  p['azureml.promptflow.definition_file_name'] = definitionFileName(r);
  if (str(b.flowLineageId)) p['azureml.promptflow.flow_lineage_id'] = String(b.flowLineageId);
  else if (remoteFlowId(r)) p['azureml.promptflow.flow_lineage_id'] = remoteFlowId(r)!;
  if (str(b.nodeVariant)) p['azureml.promptflow.node_variant'] = String(b.nodeVariant);
  if (str(b.flowDefinitionDataStoreName)) p['azureml.promptflow.flow_definition_datastore_name'] = String(b.flowDefinitionDataStoreName);
  if (str(b.flowDefinitionBlobPath)) p['azureml.promptflow.flow_definition_blob_path'] = String(b.flowDefinitionBlobPath);
  const remote = remoteFlowId(r);
  if (remote) {
    p['azureml.promptflow.flow_definition_resource_id'] = `azureml://locations/${location}/workspaces/${workspaceId}/flows/${remote}`;
    p['azureml.promptflow.flow_id'] = remote;
  }
  if (b.initKWargs && typeof b.initKWargs === 'object') p['azureml.promptflow.init_kwargs'] = JSON.stringify(b.initKWargs);
  if (definitionFileName(r).startsWith('flow.flex.')) p['azureml.promptflow.run_mode'] = 'Eager';
  p['_azureml.evaluation_run'] = 'promptflow.BatchRun';
  if (started(r)) {
    p['azureml.promptflow.snapshot_id'] = snapshotIdOf(r);
    p['azureml.promptflow.runtime_version'] = 'emulator';
  }
  if (r.status === 'Completed') {
    p['_azureml.evaluate_artifacts'] = JSON.stringify([{ path: 'instance_results.jsonl', type: 'table' }]);
    const tokens = runTokens(r);
    p['azureml.promptflow.total_tokens'] = String(tokens.total_tokens);
    p['azureml.promptflow.completion_tokens'] = String(tokens.completion_tokens);
    p['azureml.promptflow.prompt_tokens'] = String(tokens.prompt_tokens);
  }
  return { ...p, ...(r.properties ?? {}) };
}

/** A stable snapshot id per run (the service gives each run's uploaded flow one). */
export function snapshotIdOf(r: RunRecord): string {
  const hex = Buffer.from(r.runUuid ?? r.runId)
    .toString('hex')
    .padEnd(32, '0')
    .slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `hh:mm:ss.fffffff`, as run history writes durations. */
export function durationText(fromIso?: string, toIso?: string): string | null {
  if (!fromIso || !toIso) return null;
  const ms = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad((ms % 1000) * 10_000, 7)}`;
}

/** Fills the fields run history keeps for every run (uuid, number, revisions). */
export function withHistoryFields(r: RunRecord): RunRecord {
  r.runUuid ??= randomUUID();
  r.runNumber ??= Math.floor(Date.parse(r.createdOn) / 1000);
  r.revision ??= 1;
  r.statusRevision ??= 0;
  r.tags ??= {};
  return r;
}

/**
 * The inputs of each line: `inputsMapping` applied to the data row (`${data.col}`) and to the parent
 * run's line of the same index (`${run.inputs.x}`, `${run.outputs.x}`: its outputs once it was executed);
 * no mapping passes the row through.
 */
export function lineInputs(
  mapping: Record<string, unknown> | undefined,
  row: Record<string, unknown>,
  parent?: Pick<RunLine, 'inputs' | 'output'>,
): Record<string, unknown> {
  if (!mapping || !Object.keys(mapping).length) return { ...row };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(mapping)) {
    const m = typeof v === 'string' ? /^\$\{(data|run\.inputs|run\.outputs)\.([^}]+)\}$/.exec(v) : null;
    if (!m) out[k] = v;
    else if (m[1] === 'data') out[k] = row[m[2]];
    else out[k] = m[1] === 'run.inputs' ? parent?.inputs[m[2]] : parent?.output?.[m[2]];
  }
  return out;
}

const ZERO_TOKENS: TokenCounts = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** Token counts summed over a run's lines and its aggregation nodes (run properties, §36). */
export function runTokens(r: RunRecord): TokenCounts {
  const sum = { ...ZERO_TOKENS };
  const add = (t?: TokenCounts | null) => {
    if (!t) return;
    sum.prompt_tokens += t.prompt_tokens;
    sum.completion_tokens += t.completion_tokens;
    sum.total_tokens += t.total_tokens;
  };
  for (const l of r.lines ?? []) add(l.tokens);
  for (const n of r.aggregation?.nodes ?? []) add(n.tokens);
  return sum;
}

/** `2024-05-13T08:53:08.389886Z`: epoch seconds as child runs write their times (microseconds). */
function isoMicros(seconds: number): string {
  const micros = Math.round(seconds * 1e6) % 1e6;
  return `${new Date(Math.floor(seconds) * 1000).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

/** A stable id for a traced call (the service gives each a GUID). */
function callId(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * A node's traced call under the line's flow call, with the keys recorded (`name` is the tool's function).
 * Bypassed nodes ran nothing, so they have no call.
 */
export function nodeCall(runId: string, index: number, n: NodeResult, fallback: number): Record<string, unknown> {
  return {
    name: n.tool ?? n.node,
    type: n.type ?? 'Function',
    inputs: n.inputs ?? {},
    output: n.output ?? null,
    start_time: n.start ?? fallback,
    end_time: n.end ?? fallback,
    error: n.error ?? null,
    children: [],
    node_name: n.node,
    parent_id: '',
    id: callId(runId, index, n.node),
    function: n.tool ?? n.node,
    system_metrics: n.tokens ? { ...n.tokens } : {},
  };
}

/**
 * A child run as `BulkRuns/{id}/childRuns` lists it (23 keys, recorded): the line's status, output, error
 * and times as the executor reported them, its one flow call with a call per node that ran (§36). A line
 * of a run that was not executed has an empty output and a flow call without children.
 */
export function childRun(r: RunRecord, index: number): Record<string, unknown> {
  const line = r.lines?.[index];
  const inputs = { ...(line?.inputs ?? {}), line_number: index };
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  const start = line?.start ?? seconds(r.startTime ?? r.createdOn);
  const end = line?.end ?? seconds(r.endTime ?? r.startTime ?? r.createdOn);
  const duration = Math.max(0, Math.round((end - start) * 1e6) / 1e6);
  const metrics = { duration, ...(line?.tokens ?? ZERO_TOKENS) };
  const status = line?.status ?? r.status;
  const output = status === 'Completed' ? (line?.output ?? {}) : null;
  const error = line?.error ?? null;
  const children = (line?.nodes ?? []).filter((n) => !n.bypassed).map((n) => nodeCall(r.runId, index, n, start));
  return {
    run_id: `${r.runId}_${index}`,
    status,
    error,
    inputs,
    output,
    metrics: null,
    request: null,
    parent_run_id: r.runId,
    root_run_id: r.runId,
    source_run_id: null,
    flow_id: 'default_flow_id',
    start_time: isoMicros(start),
    end_time: isoMicros(end),
    index,
    api_calls: [
      {
        name: 'flow',
        node_name: 'flow',
        type: 'Flow',
        start_time: start,
        end_time: end,
        children,
        system_metrics: metrics,
        inputs,
        output,
        error,
      },
    ],
    name: '',
    description: '',
    tags: null,
    system_metrics: metrics,
    result: output,
    upload_metrics: false,
    otel_trace_id: `0x${Buffer.from(`${r.runId}_${index}`).toString('hex').padEnd(32, '0').slice(0, 32)}`,
    message_format: 'basic',
  };
}
