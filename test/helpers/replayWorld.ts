// What a recorded cassette assumes of the workspace before its first request, as an emulator seed: the
// named runtimes its answers mention, and the runs it reads without creating them (the recording started
// with them in place). Also the mapping of the recorder's placeholders onto the emulator's workspace.
import type { SeedDocument, SeedRun } from '../../src/emulator/seed';
import {
  BULK_RUN,
  COMPUTE_PLACEHOLDER,
  RECORDED_GROUP,
  RECORDED_SUBSCRIPTION,
  RECORDED_WORKSPACE,
  RUN_DATA,
  RUN_INDEX,
  RUNTIME_PLACEHOLDER,
  lastAnswer,
  submittedRuns,
  type Cassette,
  type Recorded,
} from './recordings';

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const RECORDED_WS_PATH = new RegExp(
  `/subscriptions/${RECORDED_SUBSCRIPTION}/resource[gG]roups/${RECORDED_GROUP}/providers/Microsoft\\.MachineLearningServices/workspaces/${RECORDED_WORKSPACE}`,
  'g',
);

export interface Target {
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  /** The compute instance that stands for the recorder's `fake-compute`. */
  computeInstance: string;
}

const targetPath = (t: Target) =>
  `/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${t.workspace}`;

/** The runtime a run really used: the recorded answers name it where the request was masked. */
export function runtimeOf(c: Cassette, runId: string | undefined): string {
  if (runId) {
    const info = obj(lastAnswer(c, BULK_RUN, runId)?.responseJson);
    if (str(info?.runtimeName)) return String(info!.runtimeName);
    const meta = obj(obj(lastAnswer(c, RUN_DATA, runId)?.responseJson)?.runMetadata);
    const name = str(obj(meta?.properties)?.['azureml.promptflow.runtime_name']);
    if (name) return name;
  }
  return 'automatic';
}

/** The request as the emulator should get it: its workspace, the real runtime, a real compute instance. */
export function mapRequest(c: Cassette, r: Recorded, t: Target): { path: string; body?: unknown } {
  const url = new URL(r.url.toString());
  url.pathname = url.pathname.replace(RECORDED_WS_PATH, targetPath(t));
  // The recorder stripped many ARM api-versions (README); these are the versions the real calls used.
  if (r.plane === 'arm' && !url.searchParams.has('api-version'))
    url.searchParams.set('api-version', /\/workspaces\/[^/]+$/.test(url.pathname) ? '2023-08-01-preview' : '2023-04-01-preview');
  let body: unknown = undefined;
  if (r.requestText !== undefined) {
    const text = r.requestText.replace(RECORDED_WS_PATH, targetPath(t));
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const b = obj(body);
  if (b) {
    if (b.runtimeName === RUNTIME_PLACEHOLDER) b.runtimeName = runtimeOf(c, str(b.runId) ?? str(b.resumeFromRunId));
    if (b.computeName === COMPUTE_PLACEHOLDER) b.computeName = t.computeInstance;
  }
  return { path: `${url.pathname}${url.search}`, body };
}

/** A run the cassette reads but never submits, rebuilt from what Azure answered about it. */
function seedRunFrom(c: Cassette, runId: string): SeedRun {
  const info = obj(lastAnswer(c, BULK_RUN, runId)?.responseJson) ?? {};
  const meta = obj(obj(lastAnswer(c, RUN_DATA, runId)?.responseJson)?.runMetadata) ?? {};
  const props = (obj(meta.properties) ?? {}) as Record<string, string>;
  return {
    runId,
    status: str(meta.status) ?? 'Completed',
    displayName: str(info.flowRunDisplayName) ?? str(meta.displayName),
    createdOn: str(meta.createdUtc),
    startTime: str(meta.startTimeUtc),
    endTime: str(meta.endTimeUtc),
    description: str(meta.description),
    tags: obj(meta.tags) as Record<string, string> | undefined,
    properties: Object.keys(props).length ? props : undefined,
    request: requestFrom(runId, info, props),
  };
}

function requestFrom(runId: string, info: Record<string, unknown>, props: Record<string, string>): Record<string, unknown> {
  const data = str(obj(info.batchDataInput)?.dataUri) ?? props['azureml.promptflow.input_data'];
  let mapping = obj(info.inputsMapping);
  if (!mapping && props['azureml.promptflow.inputs_mapping']) mapping = obj(JSON.parse(props['azureml.promptflow.inputs_mapping']));
  const req: Record<string, unknown> = {
    runId,
    runDisplayName: str(info.flowRunDisplayName) ?? runId,
    flowDefinitionDataStoreName: props['azureml.promptflow.flow_definition_datastore_name'] ?? 'workspaceblobstore',
    flowDefinitionBlobPath:
      props['azureml.promptflow.flow_definition_blob_path'] ??
      `LocalUpload/${runId}/flow/${str(info.flowDagFileRelativePath) ?? 'flow.dag.yaml'}`,
    batchDataInput: data ? { dataUri: data } : {},
    inputsMapping: mapping ?? {},
    runtimeName: str(info.runtimeName) ?? props['azureml.promptflow.runtime_name'] ?? 'automatic',
    sessionId: str(info.sessionId) ?? props['azureml.promptflow.session_id'],
    flowLineageId: props['azureml.promptflow.flow_lineage_id'],
    nodeVariant: props['azureml.promptflow.node_variant'],
    variantRunId: props['azureml.promptflow.variant_run_id'],
  };
  if (props['azureml.promptflow.disable_trace']) req.disableTrace = props['azureml.promptflow.disable_trace'] === 'true';
  for (const k of Object.keys(req)) if (req[k] === undefined) delete req[k];
  return req;
}

/** The index answer's runs, as runs of the workspace. */
function seedRunsFromIndex(c: Cassette): SeedRun[] {
  const out: SeedRun[] = [];
  for (const r of c.interactions) {
    if (r.endpoint !== RUN_INDEX || r.status >= 300) continue;
    for (const e of (obj(r.responseJson)?.value as unknown[] | undefined) ?? []) {
      const p = obj(obj(e)?.properties) ?? {};
      const a = obj(obj(e)?.annotations) ?? {};
      const runId = str(p.runId);
      if (!runId) continue;
      out.push({
        runId,
        status: str(a.status) ?? 'Completed',
        displayName: str(a.displayName),
        createdOn: str(obj(p.creationContext)?.createdTime),
        startTime: str(p.startTime),
        endTime: str(p.endTime),
        description: str(a.description),
        tags: obj(a.tags) as Record<string, string> | undefined,
        properties: obj(p.userProperties) as Record<string, string> | undefined,
        request: requestFrom(runId, {}, (obj(p.userProperties) ?? {}) as Record<string, string>),
      });
    }
  }
  return out;
}

const RUN_CALL = /\/(BulkRuns\/\{id\}|runs\/\{id\}|rundata$)/;

/** The seed a cassette needs: its named runtimes and the runs it finds already there. */
export function worldFor(c: Cassette, t: Target): SeedDocument {
  const own = submittedRuns(c);
  const runIds = new Set<string>();
  for (const r of c.interactions) if (r.runId && r.status < 300 && RUN_CALL.test(r.endpoint) && !own.has(r.runId)) runIds.add(r.runId);
  const runs = [...runIds].map((id) => seedRunFrom(c, id));
  for (const s of seedRunsFromIndex(c)) if (!runIds.has(s.runId) && !own.has(s.runId)) runs.push(s);
  const runtimes = new Set<string>();
  for (const r of c.interactions) {
    if (r.endpoint === BULK_RUN) runtimes.add(runtimeOf(c, r.runId));
    if (r.endpoint === RUN_DATA && r.runId) runtimes.add(runtimeOf(c, r.runId));
  }
  for (const s of runs) runtimes.add(String(s.request?.runtimeName ?? 'automatic'));
  runtimes.delete('automatic');
  return {
    flowRuntimes: [...runtimes].map((name) => ({ name, computeInstance: t.computeInstance })),
    runs,
  };
}
