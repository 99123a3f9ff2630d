// Runs bound to a session (S5): run.yml → upload → BulkRuns/submit, as the SDK maps it (docs/azure-contract.md
// §9), and a run's state read where Azure keeps it: run history (§11) and the run index (§14), with what
// FlowRunInfo adds (§10).
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ARM_SCOPE, userAliasFromToken } from '../azure/credential';
import { AzureMlError, toAzureMlError } from '../azure/errors';
import type { FlowRunInfo, GetTrainingSessionDto } from '../azure/pfs';
import { RunHistoryClient, type IndexEntity, type RunMetadata } from '../azure/runHistory';
import { containerClient, uploadFiles } from '../azure/storage';
import { readTextBounded, realPath } from '../flow/access';
import { accessProblemText } from '../flow/accessText';
import { FlowError } from '../flow/errors';
import { collectFiles, flowSnapshot, snapshotSummary } from '../flow/snapshot';
import { readFlowEnvironment, type FlowEnvironment } from '../flow/environment';
import { LineIndex } from '../flow/lineIndex';
import { nodeFileHost } from '../flow/fileHost';
import { checkRunForSubmit, isRemoteData, MAX_VALIDATED_BYTES } from '../validation';
import { deriveSessionId, flowLineageId } from '../flow/sessionId';
import { msg, render, t, type Locale } from '../i18n';
import { redactLines } from '../redact';
import type { Binding } from './bindings';
import type { ServiceContext } from './context';
import { otherEnvironmentText, otherResourcesText, type PlacementWords } from './runText';
import { phaseText } from './operationText';
import { infoFromDto, placementOf } from './sessionState';
import type { RunInfo, RuntimeInfo, SessionSettings, SubmitRunResult } from './types';
import { prerequisiteError, settingsChecks } from './workspaceChecks';

/** run.yml asks for something that cannot be: the reason, and the fix every such failure shares. */
function bad(loc: Locale, message: string): never {
  throw new AzureMlError({ kind: 'validation', message, fix: t(loc, 'session.run.fixRunYaml') });
}

/** The data file of a run of a flow folder cannot be read as JSON Lines. */
function badData(loc: Locale, message: string): never {
  throw new AzureMlError({ kind: 'validation', message, fix: t(loc, 'session.run.fixData') });
}

export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const strMap = (v: unknown): Record<string, unknown> => obj(v) ?? {};

/** Where run.yml wants the run: `resources` and an explicit `identity` (S5). */
export type WantedPlacement = PlacementWords;

/** The session a run goes to, and why when it is not the flow's own. */
export interface RunSessionChoice {
  sessionId: string;
  notice?: string;
}

async function derive(ctx: ServiceContext, env: FlowEnvironment, extra?: Record<string, unknown>): Promise<string> {
  const alias = userAliasFromToken(await ctx.tokens.get(ARM_SCOPE));
  return deriveSessionId(alias, flowLineageId(env.flowFolder), extra ? { ...env.environment, ...extra } : env.environment);
}

/** What the session runs on, from its read-back (`placementOf`), and where the read is silent, from its binding. */
function runPlacementOf(dto: GetTrainingSessionDto, binding: Binding): PlacementWords {
  const read = placementOf(dto);
  const ci =
    read.computeInstanceName ?? (binding.settings.computeType === 'computeInstance' ? binding.settings.computeInstanceName : undefined);
  if (ci) return { computeInstanceName: ci };
  return { vmSize: read.vmSize ?? binding.settings.vmSize, identity: read.identity || binding.settings.identityResourceId || '' };
}

const same = (a?: string, b?: string) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** Whether the session's placement gives what run.yml asks for. */
function satisfies(actual: PlacementWords, wanted: WantedPlacement): boolean {
  if (wanted.computeInstanceName && !same(actual.computeInstanceName, wanted.computeInstanceName)) return false;
  if (wanted.vmSize && (actual.computeInstanceName || !same(actual.vmSize, wanted.vmSize))) return false;
  // A compute instance brings its own identity (S4); a serverless session's is the one it was started with.
  if (wanted.identity !== undefined && !actual.computeInstanceName && !same(actual.identity, wanted.identity)) return false;
  return true;
}

/**
 * The session a run of this flow goes to (S5, S12). The flow's own session, as the service reports it
 * (found the way every front end finds it, whatever this process recorded), when it runs the flow's current image and
 * requirements and has what run.yml asks for. Otherwise the id the official CLI derives, so that runs
 * from either share a session; when that id is the flow's own session and run.yml asks for other
 * resources, a session derived for those resources, so the run really gets them.
 */
export async function chooseRunSession(
  ctx: ServiceContext,
  env: FlowEnvironment,
  wanted: WantedPlacement,
  found: { binding: Binding; dto?: GetTrainingSessionDto },
): Promise<RunSessionChoice> {
  const derived = await derive(ctx, env);
  // The flow's session as the session service finds it for every front end (sessionsService.ts `locate`).
  const { binding, dto } = found;
  if (!dto) return { sessionId: derived };
  const info = infoFromDto(dto, binding);
  const current =
    !!info &&
    info.state === 'running' &&
    (binding.baseImage ?? '') === (env.baseImage ?? '') &&
    (info.requirements ?? []).join('\n') === redactLines(env.requirements).join('\n');
  if (!current || !dto) {
    const notice = derived !== binding.sessionId && info ? otherEnvironmentText(binding.sessionId, derived, ctx.locale) : undefined;
    return { sessionId: derived, notice };
  }
  const actual = runPlacementOf(dto, binding);
  if (satisfies(actual, wanted)) return { sessionId: binding.sessionId };
  const target = derived !== binding.sessionId ? derived : await derive(ctx, env, { resources: { ...wanted } });
  return { sessionId: target, notice: otherResourcesText(wanted, actual, binding.sessionId, target, ctx.locale) };
}

/** `disableTrace` as the SDK derives it from TraceSessions: true only when tracing is switched off (§15). */
async function disableTrace(ctx: ServiceContext): Promise<boolean | undefined> {
  try {
    const meta = await (await ctx.pfs()).traceSessions();
    return typeof meta.traceCosmosConfiguration === 'string' ? meta.traceCosmosConfiguration.toLowerCase() === 'disabled' : undefined;
  } catch (e) {
    // Older services have no TraceSessions; the SDKs before it sent no disableTrace either (§9).
    ctx.log(
      'debug',
      `TraceSessions could not be read (${toAzureMlError(e, msg('azure.op.readTraceSettings')).message}); submitting without disableTrace`,
    );
    return undefined;
  }
}

/**
 * The run file, the flow it names, its local data and the flow's snapshot, read and checked on this
 * machine: paths through symlinks, regular files only, bounded reads, Azure ML's snapshot limits.
 */
function readLocal(runYamlPath: string, loc: Locale) {
  const path = resolve(runYamlPath);
  const read = readTextBounded(path, MAX_VALIDATED_BYTES);
  if ('problem' in read) {
    if (read.problem.kind === 'missing') bad(loc, t(loc, 'session.run.missing', { path: runYamlPath }));
    throw FlowError.of(accessProblemText(read.problem, runYamlPath, 'run.yml'), msg('access.fix'));
  }
  // The run-file checks of the editor and `pfsession validate`, with their messages: the first error refuses the submit.
  const text = read.text;
  const checked = checkRunForSubmit(path, text, nodeFileHost);
  if ('error' in checked) {
    const { error } = checked;
    const line = new LineIndex(text).range(error.start, error.start).start.line + 1;
    bad(loc, t(loc, 'validation.run.at', { file: basename(path), line, problem: error.message }));
  }
  // Paths in a run file are relative to where the run file really is.
  return localRun(checked.run, dirname(realPath(path) ?? path), loc);
}

/** A run as run.yml describes it (`flow`, `data`, …; paths relative to `base`): its flow, data and snapshot read here. */
function localRun(run: Record<string, unknown>, base: string, loc: Locale) {
  const flowRef = str(run.flow) ?? bad(loc, t(loc, 'session.run.noFlow'));
  const flowPath = resolve(base, flowRef);
  const env = readFlowEnvironment(realPath(flowPath) ?? flowPath);
  const data = str(run.data);
  const named = data && !isRemoteData(data) ? resolve(base, data) : undefined;
  const dataPath = named && (realPath(named) ?? named);
  for (const inc of env.additionalIncludes)
    if (!existsSync(resolve(env.flowFolder, inc))) bad(loc, t(loc, 'session.run.includeMissing', { include: inc }));
  const snapshot = flowSnapshot(env.flowFolder, env.flowName, env.additionalIncludes);
  const dataSnapshot = dataPath
    ? collectFiles(dataPath, statSync(dataPath).isDirectory() ? `data/${basename(dataPath)}/` : 'data/', Infinity)
    : undefined;
  return { run, env, data, dataPath, snapshot, dataSnapshot };
}

/** The largest data file a run of a flow folder reads for its columns. */
const MAX_DATA_BYTES = 64 * 1024 * 1024;

/**
 * A run of a flow folder over a local JSON Lines file, as the run file a person would write for it: each
 * flow input that the data has a column for is mapped from that column (`${data.<input>}`); an input the
 * data lacks takes its default, as prompt flow gives a mapping precedence over a default.
 */
function readFlowRun(flowFolder: string, dataPath: string, loc: Locale) {
  const env = readFlowEnvironment(realPath(flowFolder) ?? flowFolder);
  const read = readTextBounded(dataPath, MAX_DATA_BYTES);
  if ('problem' in read) {
    if (read.problem.kind === 'missing') badData(loc, t(loc, 'session.run.dataMissing', { path: dataPath }));
    throw FlowError.of(accessProblemText(read.problem, dataPath, basename(dataPath)), msg('access.fix'));
  }
  const columns = new Set<string>();
  read.text
    .split('\n')
    .filter((l) => l.trim())
    .forEach((l, i) => {
      let row: unknown;
      try {
        row = JSON.parse(l);
      } catch {
        row = undefined;
      }
      if (!obj(row)) badData(loc, t(loc, 'session.run.badDataLine', { path: dataPath, line: i + 1 }));
      for (const k of Object.keys(row as object)) columns.add(k);
    });
  const mapping = Object.fromEntries(env.inputs.filter((i) => columns.has(i)).map((i) => [i, `\${data.${i}}`]));
  return localRun({ flow: env.flowFolder, data: resolve(dataPath), column_mapping: mapping }, env.flowFolder, loc);
}

/** The run, its flow, data and snapshot as read and checked on this machine (`localRun`). */
type LocalRun = ReturnType<typeof localRun>;

/** Where the run goes, checked on Azure: the default datastore (blob), the identity and placement run.yml asks for. */
interface RunTarget {
  datastore: string;
  storage: { datastoreType?: string; accountName?: string; containerName?: string; endpoint?: string; protocol?: string };
  identity?: string;
  wanted: WantedPlacement;
}

/** What went to the datastore: the run's id, the folder it went to and the data's address. */
interface Uploaded {
  runId: string;
  prefix: string;
  dataUri?: string;
}

/**
 * S5: run.yml → a submitted run, in steps: read and check it here, check where it goes, choose its
 * session, upload the snapshot and data, submit, and read the run back.
 */
export function submitRunFromYaml(
  ctx: ServiceContext,
  runYamlPath: string,
  chooseSession: (env: FlowEnvironment, wanted: WantedPlacement) => Promise<RunSessionChoice>,
  signal: AbortSignal | undefined,
  phase: (p: string) => void,
): Promise<SubmitRunResult> {
  return submitLocal(ctx, () => readLocal(runYamlPath, ctx.locale), chooseSession, signal, phase);
}

/** S5 for a flow folder and a local data file, with the default column mapping (`readFlowRun`); the same steps. */
export function submitRunFromFlow(
  ctx: ServiceContext,
  flowFolder: string,
  dataPath: string,
  chooseSession: (env: FlowEnvironment, wanted: WantedPlacement) => Promise<RunSessionChoice>,
  signal: AbortSignal | undefined,
  phase: (p: string) => void,
): Promise<SubmitRunResult> {
  return submitLocal(ctx, () => readFlowRun(flowFolder, dataPath, ctx.locale), chooseSession, signal, phase);
}

async function submitLocal(
  ctx: ServiceContext,
  read: () => LocalRun,
  chooseSession: (env: FlowEnvironment, wanted: WantedPlacement) => Promise<RunSessionChoice>,
  signal: AbortSignal | undefined,
  phase: (p: string) => void,
): Promise<SubmitRunResult> {
  const local = readAndCheck(ctx, read);
  const target = await checkTarget(ctx, local);
  const choice = await chooseSession(local.env, target.wanted);
  const uploaded = await upload(ctx, local, target, signal, phase);
  const id = await submit(ctx, local, target, uploaded, choice, phase);
  return readBack(ctx, id, choice, local);
}

/**
 * Everything that can be checked locally is checked before anything is uploaded or even asked of
 * Azure: the run file, the flow, the data and the snapshot, each read through core/flow/access.ts.
 */
function readAndCheck(ctx: ServiceContext, read: () => LocalRun): LocalRun {
  try {
    return read();
  } catch (e) {
    throw e instanceof FlowError ? toAzureMlError(e, '', ctx.locale) : e;
  }
}

/** The workspace's default datastore must be blob storage; what run.yml asks to run on is checked like a start's settings. */
async function checkTarget(ctx: ServiceContext, { run }: LocalRun): Promise<RunTarget> {
  const loc = ctx.locale;
  const w = await ctx.workspace();
  const ds = await ctx.arm.defaultDatastore(ctx.ws);
  const dsp = ds?.properties as RunTarget['storage'] | undefined;
  if (!ds?.name || dsp?.datastoreType !== 'AzureBlob') {
    throw new AzureMlError({
      kind: 'storage',
      message: t(loc, 'session.run.notBlob'),
      fix: t(loc, 'session.run.notBlobFix'),
      who: t(loc, 'azure.who.workspaceOwner'),
    });
  }
  const identity = resolveIdentity(obj(run.identity), w, loc);
  const resources = obj(run.resources) ?? {};
  const wanted: WantedPlacement = {
    vmSize: str(resources.instance_type),
    computeInstanceName: str(resources.compute),
    ...(run.identity !== undefined ? { identity: identity ?? '' } : {}),
  };
  // What run.yml asks to run on is checked like a start's settings (S4, S5): its VM size, its compute
  // instance, and a managed identity's roles. A failed check stops the submit before anything is uploaded.
  const placement: SessionSettings = wanted.computeInstanceName
    ? { computeType: 'computeInstance', computeInstanceName: wanted.computeInstanceName }
    : { computeType: 'serverless', vmSize: wanted.vmSize, identityResourceId: identity };
  const refused = prerequisiteError(await settingsChecks(ctx, placement), ctx.locale);
  if (refused) throw refused;
  return { datastore: ds.name, storage: dsp, identity, wanted };
}

/** The flow's snapshot and the run's local data, uploaded to the datastore under `LocalUpload/<run id>`. */
async function upload(
  ctx: ServiceContext,
  { run, env, data, dataPath, snapshot, dataSnapshot }: LocalRun,
  { datastore, storage: dsp }: RunTarget,
  signal: AbortSignal | undefined,
  phase: (p: string) => void,
): Promise<Uploaded> {
  const secrets = await ctx.arm.datastoreSecrets(ctx.ws, datastore);
  const container = containerClient(
    {
      accountName: dsp.accountName ?? '',
      containerName: dsp.containerName ?? '',
      endpoint: dsp.endpoint ?? 'core.windows.net',
      protocol: dsp.protocol ?? 'https',
      key: secrets.key,
      sasToken: secrets.sasToken,
    },
    ctx.locale,
  );

  const runId =
    str(run.name) ??
    `${env.flowName.replace(/[^\w-]/g, '_')}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomUUID().slice(0, 6)}`;
  const prefix = `LocalUpload/${runId}`;
  const phases = phaseText(ctx.locale);
  phase(phases.uploadingFlow);
  // What is uploaded, said before it goes (the CLI prints the phase; the log keeps it).
  const summary = render(ctx.locale, snapshotSummary(snapshot, env.flowFolder));
  ctx.log('info', summary);
  phase(summary);
  await uploadFiles(container, snapshot.files, prefix, signal, ctx.locale);

  let dataUri: string | undefined = data && !dataPath ? data : undefined;
  if (dataPath && dataSnapshot) {
    phase(phases.uploadingData);
    const name = basename(dataPath);
    await uploadFiles(container, dataSnapshot.files, prefix, signal, ctx.locale);
    dataUri = `azureml://datastores/${datastore}/paths/${prefix}/data/${name}${statSync(dataPath).isDirectory() ? '/' : ''}`;
  }
  return { runId, prefix, dataUri };
}

/** BulkRuns/submit with the request pfazure sends; answers with the run id the service gives. */
async function submit(
  ctx: ServiceContext,
  { run, env }: LocalRun,
  { datastore, identity, wanted }: RunTarget,
  { runId, prefix, dataUri }: Uploaded,
  choice: RunSessionChoice,
  phase: (p: string) => void,
): Promise<string> {
  const columnMapping = obj(run.column_mapping);
  // The SubmitBulkRunRequest pfazure sends (§9): the maps always, `{}` when empty; description and tags
  // only when given (the SDK sets them from run.yml); run.yml `properties` stay local, as in the SDK.
  const body: Record<string, unknown> = {
    flowDefinitionDataStoreName: datastore,
    flowDefinitionBlobPath: `${prefix}/${env.flowName}/${basename(env.flowFile)}`,
    runId,
    runDisplayName: str(run.display_name) ?? runId,
    description: str(run.description),
    tags: obj(run.tags) && Object.fromEntries(Object.entries(obj(run.tags)!).map(([k, v]) => [k, String(v)])),
    // The service names the experiment after the flow folder; pfazure sends an empty name (30 of 30).
    runExperimentName: '',
    nodeVariant: str(run.variant),
    variantRunId: str(run.run),
    sessionId: choice.sessionId,
    sessionSetupMode: 'SystemWait',
    flowLineageId: flowLineageId(env.flowFolder),
    runDisplayNameGenerationType: 'UserProvidedMacro',
    batchDataInput: dataUri ? { dataUri } : {},
    inputsMapping: Object.fromEntries(
      Object.entries(columnMapping ?? {}).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v]),
    ),
    environmentVariables: strMap(run.environment_variables),
    initKWargs: obj(run.init),
    disableTrace: await disableTrace(ctx),
    connections: strMap(run.connections),
    runtimeName: run.runtime === 'None' ? null : (str(run.runtime) ?? 'automatic'),
    vmSize: wanted.vmSize,
    computeName: wanted.computeInstanceName,
    identity,
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  phase(phaseText(ctx.locale).submittingRun);
  const pfs = await ctx.pfs();
  const id = await pfs.submitRun(body, randomUUID());
  if (choice.notice) ctx.log('info', choice.notice);
  return id;
}

/** Read back before reporting: what the service says the run is now (a failed read leaves what was submitted). */
async function readBack(ctx: ServiceContext, id: string, choice: RunSessionChoice, { snapshot }: LocalRun): Promise<SubmitRunResult> {
  const read = await readRun(ctx, id).catch((e: unknown) => {
    ctx.log('warn', `Run ${id} was submitted but could not be read back: ${toAzureMlError(e, `Reading run ${id}`).message}`);
    return undefined;
  });
  return {
    runId: id,
    sessionId: read?.sessionId ?? choice.sessionId,
    studioUrl: read?.studioUrl,
    run: read,
    notice: choice.notice,
    uploaded: { files: snapshot.files.length, bytes: snapshot.bytes },
  };
}

/** run.yml identity → the request's `identity` string (docs/azure-contract.md §9). */
function resolveIdentity(
  identity: Record<string, unknown> | undefined,
  w: import('@azure/arm-machinelearning').Workspace,
  loc: Locale,
): string | undefined {
  if (!identity || identity.type === 'user_identity' || identity.type === undefined) return undefined;
  if (identity.type !== 'managed') bad(loc, t(loc, 'session.run.identityType', { type: String(identity.type) }));
  const uais = w.identity?.userAssignedIdentities ?? {};
  const clientId = str(identity.client_id);
  if (!clientId) {
    if (!w.primaryUserAssignedIdentity) {
      throw new AzureMlError({
        kind: 'identity',
        message: t(loc, 'session.run.noPrimaryIdentity'),
        fix: t(loc, 'session.run.noPrimaryIdentityFix'),
        who: t(loc, 'azure.who.workspaceOwner'),
      });
    }
    return w.primaryUserAssignedIdentity;
  }
  const match = Object.entries(uais).find(([, v]) => v.clientId?.toLowerCase() === clientId.toLowerCase());
  if (!match) {
    throw new AzureMlError({
      kind: 'identity',
      message: t(loc, 'session.run.noIdentityWithClientId', { clientId }),
      fix: t(loc, 'session.run.noIdentityWithClientIdFix'),
      who: t(loc, 'azure.who.workspaceOwner'),
    });
  }
  return match[0];
}

/** The flow folder of a run: `LocalUpload/<id>/<flow folder>/flow.dag.yaml` (index `experimentName` names it too). */
function uploadedFlowFolder(blobPath: string | undefined): string | undefined {
  const parts = blobPath?.split('/').filter(Boolean) ?? [];
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}

/**
 * A run as run history has it, with FlowRunInfo's studio link. Run history's display name wins (a rename
 * does not reach FlowRunInfo); FlowRunInfo's session id, else run history's property (§10, §11).
 */
export function runInfoFromHistory(meta: RunMetadata, info: FlowRunInfo | undefined, fallbackId: string): RunInfo {
  const props = meta.properties ?? {};
  const runError = meta.error?.error;
  return {
    runId: str(meta.runId) ?? str(info?.flowRunId) ?? fallbackId,
    displayName: str(meta.displayName) ?? str(info?.flowRunDisplayName),
    status: str(meta.status) ?? 'Unknown',
    sessionId: str(info?.sessionId) ?? str(props['azureml.promptflow.session_id']),
    flowName: uploadedFlowFolder(str(props['azureml.promptflow.flow_definition_blob_path'])),
    createdAt: str(meta.createdUtc),
    startedAt: str(meta.startTimeUtc),
    endedAt: str(meta.endTimeUtc),
    runtimeName: str(info?.runtimeName) ?? str(props['azureml.promptflow.runtime_name']),
    studioUrl: str(info?.studioPortalEndpoint),
    error: str(runError?.message),
  };
}

/** A run of the index: `annotations` (status, display name) and `properties.userProperties` (§14). */
export function runInfoFromEntity(e: IndexEntity): RunInfo {
  const props = obj(e.properties) ?? {};
  const user = obj(props.userProperties) ?? {};
  const ann = obj(e.annotations) ?? {};
  return {
    runId: str(props.runId) ?? str(e.entityId) ?? '',
    displayName: str(ann.displayName),
    status: str(ann.status) ?? 'Unknown',
    sessionId: str(user['azureml.promptflow.session_id']),
    flowName: str(props.experimentName),
    createdAt: str(obj(props.creationContext)?.createdTime),
    startedAt: str(props.startTime),
    endedAt: str(props.endTime),
    runtimeName: str(user['azureml.promptflow.runtime_name']),
    error: str(obj(ann.error)?.message),
  };
}

export async function runHistory(ctx: ServiceContext): Promise<RunHistoryClient> {
  const pfs = await ctx.pfs();
  return new RunHistoryClient(ctx.sender, pfs.host, ctx.ws);
}

/** A run's state where Azure keeps it: run history, plus FlowRunInfo (read at the same time). */
export async function readRun(ctx: ServiceContext, runId: string, abortSignal?: AbortSignal): Promise<RunInfo> {
  const pfs = await ctx.pfs();
  const [info, meta] = await Promise.allSettled([pfs.getRun(runId, abortSignal), (await runHistory(ctx)).runMetadata(runId, abortSignal)]);
  if (meta.status === 'rejected') throw toAzureMlError(meta.reason, msg('azure.op.readRun', { runId }), ctx.locale);
  if (info.status === 'rejected')
    ctx.log('warn', `FlowRunInfo of ${runId} could not be read: ${toAzureMlError(info.reason, `Reading run ${runId}`).message}`);
  return runInfoFromHistory(meta.value, info.status === 'fulfilled' ? info.value : undefined, runId);
}

/** Index pages read at most for one listing: the index spans every user's runs of the workspace. */
const MAX_INDEX_PAGES = 3;
/** Enough of this user's runs for a list. */
const ENOUGH_RUNS = 50;

/** This user's newest runs, from the run index: pages of 100 until enough are found (or 3 pages). */
export async function listMyRuns(ctx: ServiceContext): Promise<RunInfo[]> {
  const history = await runHistory(ctx);
  const oid = await ctx.myObjectId();
  const mine: RunInfo[] = [];
  let skip = 0;
  for (let page = 0; page < MAX_INDEX_PAGES && mine.length < ENOUGH_RUNS; page++) {
    let res: Awaited<ReturnType<RunHistoryClient['queryRuns']>>;
    try {
      res = await history.queryRuns(skip);
    } catch (e) {
      // A later page that fails leaves the runs already found; the first one failing is the listing failing.
      if (page === 0) throw e;
      ctx.log('warn', `Runs beyond the first ${skip} could not be listed: ${toAzureMlError(e, 'Listing runs').message}`);
      break;
    }
    for (const e of res.value) {
      const by = obj(obj(obj(e.properties)?.creationContext)?.createdBy);
      // Only this user's runs: an instance serves exactly one user (S12).
      if (!oid || !str(by?.userObjectId) || by?.userObjectId === oid) mine.push(runInfoFromEntity(e));
    }
    if (typeof res.nextSkip !== 'number' || res.nextSkip <= skip || !res.value.length) break;
    skip = res.nextSkip;
  }
  return mine;
}

/** S13: the workspace's named runtimes, for their environment images. */
export async function listRuntimes(ctx: ServiceContext): Promise<RuntimeInfo[]> {
  const pfs = await ctx.pfs();
  return (await pfs.flowRuntimes())
    .filter((r) => str(r.runtimeName))
    .map((r) => ({
      name: String(r.runtimeName),
      type: str(r.runtimeType),
      status: str(r.status),
      computeInstanceName: str(r.computeInstanceName),
      image: str(r.environment),
    }));
}
