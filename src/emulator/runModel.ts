// What the service derives from a submitted run, in one place for every answer that shows it: the display
// name with its macros expanded, run history's `azureml.promptflow.*` properties, durations, and the child
// runs (one per input line). Shapes follow the recorded answers (docs/azure-contract.md §10–§12).
import { randomUUID } from 'node:crypto';
import type { RunRecord } from './state';

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
    p['azureml.promptflow.total_tokens'] = '0';
    p['azureml.promptflow.completion_tokens'] = '0';
    p['azureml.promptflow.prompt_tokens'] = '0';
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
 * run's line of the same index (`${run.inputs.x}`, `${run.outputs.x}`); no mapping passes the row through.
 */
export function lineInputs(
  mapping: Record<string, unknown> | undefined,
  row: Record<string, unknown>,
  parent?: Record<string, unknown>,
): Record<string, unknown> {
  if (!mapping || !Object.keys(mapping).length) return { ...row };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(mapping)) {
    const m = typeof v === 'string' ? /^\$\{(data|run\.inputs|run\.outputs)\.([^}]+)\}$/.exec(v) : null;
    if (!m) out[k] = v;
    else if (m[1] === 'data') out[k] = row[m[2]];
    else out[k] = m[1] === 'run.inputs' ? parent?.[m[2]] : undefined;
  }
  return out;
}

/**
 * A child run as `BulkRuns/{id}/childRuns` lists it (23 keys, recorded). The emulator executes no flow
 * code, so a line's output is empty and its one API call is the flow itself.
 */
export function childRun(r: RunRecord, index: number): Record<string, unknown> {
  const line = r.lines?.[index];
  const inputs = { ...(line?.inputs ?? {}), line_number: index };
  const start = r.startTime ?? r.createdOn;
  const end = r.endTime ?? start;
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  const duration = Math.max(0, seconds(end) - seconds(start));
  const metrics = { duration, prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const status = line?.status ?? r.status;
  const output = status === 'Completed' ? {} : null;
  return {
    run_id: `${r.runId}_${index}`,
    status,
    error: null,
    inputs,
    output,
    metrics: null,
    request: null,
    parent_run_id: r.runId,
    root_run_id: r.runId,
    source_run_id: null,
    flow_id: 'default_flow_id',
    start_time: start,
    end_time: end,
    index,
    api_calls: [
      {
        name: 'flow',
        node_name: 'flow',
        type: 'Flow',
        start_time: seconds(start),
        end_time: seconds(end),
        children: [],
        system_metrics: metrics,
        inputs,
        output,
        error: null,
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
