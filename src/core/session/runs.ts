// Runs bound to a session (S5): run.yml → upload → BulkRuns/submit, as the SDK maps it (docs/azure-contract.md §9).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { AzureMlError } from '../azure/errors';
import { containerClient, snapshotFiles, uploadFiles } from '../azure/storage';
import { readFlowEnvironment, type FlowEnvironment } from '../flow/environment';
import type { ServiceContext } from './context';
import type { RunInfo, SubmitRunResult } from './types';

function bad(message: string): never {
  throw new AzureMlError({ kind: 'validation', message, fix: 'Fix run.yml and submit again.' });
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export async function submitRunFromYaml(
  ctx: ServiceContext,
  runYamlPath: string,
  sessionIdFor: (env: FlowEnvironment) => Promise<string>,
  signal: AbortSignal | undefined,
  phase: (p: string) => void,
): Promise<SubmitRunResult> {
  const path = resolve(runYamlPath);
  if (!existsSync(path)) bad(`${runYamlPath} does not exist.`);
  if (statSync(path).size > 1_000_000) bad(`${runYamlPath} is too large to be a run file.`);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length) bad(`${basename(path)} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const run = obj(doc.toJS({ maxAliasCount: 100 })) ?? bad(`${basename(path)} is not a mapping.`);
  const base = dirname(path);
  const flowRef = str(run.flow) ?? bad('run.yml has no `flow`.');
  if (flowRef.startsWith('azureml:')) bad('Remote flows (azureml:) are submitted from the studio; this command submits local flows.');
  const env = readFlowEnvironment(resolve(base, flowRef));

  const w = await ctx.workspace();
  const ds = await ctx.arm.defaultDatastore(ctx.ws);
  const dsp = ds?.properties as
    { datastoreType?: string; accountName?: string; containerName?: string; endpoint?: string; protocol?: string } | undefined;
  if (!ds?.name || dsp?.datastoreType !== 'AzureBlob') {
    throw new AzureMlError({
      kind: 'storage',
      message: 'The default datastore is not Azure Blob, so the flow cannot be uploaded.',
      fix: 'Make workspaceblobstore (Azure Blob) the default datastore.',
      who: 'workspace Owner',
    });
  }
  // Everything that can be checked locally is checked before anything is uploaded.
  const identity = resolveIdentity(obj(run.identity), w);
  const data = str(run.data);
  const dataPath = data && !/^(azureml:|https?:)/.test(data) ? resolve(base, data) : undefined;
  if (dataPath && !existsSync(dataPath)) bad(`data ${data} does not exist.`);
  for (const inc of env.additionalIncludes)
    if (!existsSync(resolve(env.flowFolder, inc))) bad(`additional_includes names ${inc}, which does not exist.`);
  const secrets = await ctx.arm.datastoreSecrets(ctx.ws, ds.name);
  const container = containerClient({
    accountName: dsp.accountName ?? '',
    containerName: dsp.containerName ?? '',
    endpoint: dsp.endpoint ?? 'core.windows.net',
    protocol: dsp.protocol ?? 'https',
    key: secrets.key,
    sasToken: secrets.sasToken,
  });

  const runId =
    str(run.name) ??
    `${env.flowName.replace(/[^\w-]/g, '_')}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomUUID().slice(0, 6)}`;
  const prefix = `LocalUpload/${runId}`;
  phase('Uploading the flow');
  const files = snapshotFiles(env.flowFolder, `${env.flowName}/`);
  // S6: each additional include is copied into the flow folder root under its own name.
  for (const inc of env.additionalIncludes) {
    const src = resolve(env.flowFolder, inc);
    if (statSync(src).isDirectory()) files.push(...snapshotFiles(src, `${env.flowName}/${basename(src)}/`));
    else files.push([src, `${env.flowName}/${basename(src)}`]);
  }
  await uploadFiles(container, files, prefix, signal);

  let dataUri: string | undefined = data && !dataPath ? data : undefined;
  if (dataPath) {
    phase('Uploading the data');
    const name = basename(dataPath);
    const dataFiles = statSync(dataPath).isDirectory()
      ? snapshotFiles(dataPath, `data/${name}/`)
      : ([[dataPath, `data/${name}`]] as [string, string][]);
    await uploadFiles(container, dataFiles, prefix, signal);
    dataUri = `azureml://datastores/${ds.name}/paths/${prefix}/data/${name}`;
  }

  const resources = obj(run.resources) ?? {};
  const columnMapping = obj(run.column_mapping);
  const body: Record<string, unknown> = {
    runId,
    runDisplayName: str(run.display_name) ?? runId,
    runDisplayNameGenerationType: 'UserProvidedMacro',
    description: str(run.description),
    tags: obj(run.tags),
    properties: obj(run.properties),
    nodeVariant: str(run.variant),
    variantRunId: str(run.run),
    batchDataInput: dataUri ? { dataUri } : undefined,
    inputsMapping: columnMapping
      ? Object.fromEntries(Object.entries(columnMapping).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v]))
      : undefined,
    environmentVariables: obj(run.environment_variables),
    connections: obj(run.connections),
    initKWargs: obj(run.init),
    flowDefinitionDataStoreName: ds.name,
    flowDefinitionBlobPath: `${prefix}/${env.flowName}/${basename(env.flowFile)}`,
    vmSize: str(resources.instance_type),
    computeName: str(resources.compute),
    identity,
    sessionSetupMode: 'SystemWait',
    runtimeName: run.runtime === 'None' ? null : (str(run.runtime) ?? 'automatic'),
    sessionId: await sessionIdFor(env),
    runExperimentName: env.flowName,
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  phase('Submitting the run');
  const pfs = await ctx.pfs();
  const id = await pfs.submitRun(body, randomUUID());
  const info = await pfs.getRun(id).catch(() => undefined);
  return { runId: id, sessionId: body.sessionId as string, studioUrl: info ? str(info.studioPortalEndpoint) : undefined };
}

/** run.yml identity → the request's `identity` string (docs/azure-contract.md §9). */
function resolveIdentity(
  identity: Record<string, unknown> | undefined,
  w: import('@azure/arm-machinelearning').Workspace,
): string | undefined {
  if (!identity || identity.type === 'user_identity' || identity.type === undefined) return undefined;
  if (identity.type !== 'managed') bad(`identity.type must be user_identity or managed, not ${String(identity.type)}.`);
  const uais = w.identity?.userAssignedIdentities ?? {};
  const clientId = str(identity.client_id);
  if (!clientId) {
    if (!w.primaryUserAssignedIdentity) {
      throw new AzureMlError({
        kind: 'identity',
        message: 'identity.type is managed but the workspace has no primary user-assigned identity.',
        fix: 'Attach a user-assigned identity to the workspace, or give its client_id.',
        who: 'workspace Owner',
      });
    }
    return w.primaryUserAssignedIdentity;
  }
  const match = Object.entries(uais).find(([, v]) => v.clientId?.toLowerCase() === clientId.toLowerCase());
  if (!match) {
    throw new AzureMlError({
      kind: 'identity',
      message: `No user-assigned identity with client id ${clientId} is attached to the workspace.`,
      fix: 'Attach that identity to the workspace first.',
      who: 'workspace Owner',
    });
  }
  return match[0];
}

/** FlowRunInfo (or an index entity) → RunInfo, reading the fields defensively. */
export function runInfoFrom(body: Record<string, unknown>, fallbackId?: string): RunInfo {
  const props = obj(body.properties) ?? {};
  // The run's own properties: `properties.userProperties` on an index entity (10 of 10 recorded entities,
  // docs/azure-contract.md §14), `properties.properties` on a run-history run.
  const inner = { ...(obj(props.properties) ?? {}), ...(obj(props.userProperties) ?? {}) };
  const ann = obj(body.annotations) ?? {};
  const created = obj(props.creationContext) ?? obj(body.createdBy) ?? {};
  return {
    runId: str(body.flowRunId) ?? str(body.runId) ?? str(props.runId) ?? str(body.entityId) ?? fallbackId ?? '',
    displayName: str(body.flowRunDisplayName) ?? str(body.runDisplayName) ?? str(ann.displayName) ?? str(props.displayName),
    status: str(body.status) ?? str(ann.status) ?? str(props.status) ?? 'Unknown',
    sessionId:
      str(body.sessionId) ?? str(inner['azureml.promptflow.session_id']) ?? str(obj(ann.properties)?.['azureml.promptflow.session_id']),
    flowName: str(body.flowName) ?? str(inner['azureml.promptflow.flow_name']),
    createdAt: str(body.createdDate) ?? str(created.createdTime) ?? str(props.createdTime),
    studioUrl: str(body.studioPortalEndpoint),
  };
}
