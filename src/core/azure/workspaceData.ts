// What a workspace holds that flow files name: its connections (ARM), the connection types, the Azure
// OpenAI deployments behind a connection and the package tools (the prompt flow service). Read-only:
// the product never asks for a connection's secrets (`listsecrets`), and drops `credentials` should an
// answer carry them. docs/azure-contract.md §17–§19.
import {
  isRecord,
  type ConnectionFact,
  type ConnectionSpecFact,
  type DeploymentFact,
  type EnumValue,
  type PackageToolFact,
  type ToolInputFact,
} from '../flow/workspaceFacts';
import { msg } from '../i18n';
import type { WorkspaceRef } from '../model';
import { redact } from '../redact';
import type { HttpSender } from './http';
import { workspaceArmPath } from './pfs';

/** The version pfazure lists connections with (recorded), the first that carries `metadata`. */
export const CONNECTIONS_API_VERSION = '2023-04-01-preview';

const MAX_PAGES = 50;
const MAX_ITEMS = 5000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function caseless(map: Record<string, string>, key: string): string | undefined {
  const k = Object.keys(map).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : map[k];
}

/**
 * The prompt flow connection type of an ARM connection, the way the prompt flow runtime resolves it:
 * `azureml.flow.connection_type` (with `Connection` appended), else the category for the categories that
 * name one type, else a Cognitive Services `Kind`; undefined when the runtime would not recognize it.
 */
export function connectionValueType(category: string, metadata: Record<string, string>): string | undefined {
  const named = caseless(metadata, 'azureml.flow.connection_type');
  let type = named;
  if (!type && ['AzureOpenAI', 'CognitiveSearch', 'Serverless'].includes(category)) type = category;
  if (!type && category === 'CognitiveService') {
    const kind = caseless(metadata, 'Kind');
    type = kind === 'Content Safety' ? 'AzureContentSafety' : kind === 'Form Recognizer' ? 'FormRecognizer' : undefined;
  }
  if (!type) return undefined;
  return type.endsWith('Connection') ? type : `${type}Connection`;
}

/** A connection entry of the ARM list without its credentials; undefined when it has no name or properties. */
export function connectionFact(entry: unknown): ConnectionFact | undefined {
  if (!isRecord(entry) || !str(entry.name) || !isRecord(entry.properties)) return undefined;
  const p = entry.properties;
  const metadata: Record<string, string> = {};
  if (isRecord(p.metadata)) for (const [k, v] of Object.entries(p.metadata)) if (typeof v === 'string') metadata[k] = v;
  const category = str(p.category) ?? '';
  // The target is an endpoint; one that embeds credentials (`https://user:pass@…`) is masked.
  const target = str(p.target);
  return {
    name: entry.name as string,
    category,
    authType: str(p.authType) ?? '',
    target: target === undefined ? undefined : redact(target),
    valueType: connectionValueType(category, metadata),
    metadata,
  };
}

function deploymentFact(v: unknown): DeploymentFact | undefined {
  if (!isRecord(v) || !str(v.name)) return undefined;
  const c = isRecord(v.capabilities) ? v.capabilities : {};
  const flag = (x: unknown) => (typeof x === 'boolean' ? x : undefined);
  return {
    name: v.name as string,
    modelName: str(v.modelName),
    capabilities: { completion: flag(c.completion), chatCompletion: flag(c.chat_completion), embeddings: flag(c.embeddings) },
  };
}

function specFact(v: unknown): ConnectionSpecFact | undefined {
  if (!isRecord(v) || !str(v.connectionType)) return undefined;
  return {
    connectionType: v.connectionType as string,
    category: str(v.connectionCategory),
    valueType: str(v.flowValueType),
    displayName: str(v.connectionTypeDisplayName),
    configs: (Array.isArray(v.configSpecs) ? v.configSpecs : []).flatMap((c) =>
      isRecord(c) && str(c.name)
        ? [
            {
              name: c.name as string,
              secret: c.configValueType === 'Secret',
              optional: c.isOptional === true,
              default: str(c.defaultValue),
              enum: Array.isArray(c.enumValues) ? strList(c.enumValues) : undefined,
            },
          ]
        : [],
    ),
  };
}

const scalar = (x: unknown): EnumValue | undefined =>
  typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean'
    ? x
    : x !== null && x !== undefined
      ? JSON.stringify(x)
      : undefined;

function inputFact(name: string, v: unknown): ToolInputFact | undefined {
  if (!isRecord(v)) return undefined;
  const types = Array.isArray(v.type) ? strList(v.type) : str(v.type) ? [v.type as string] : [];
  const hasDefault = 'default' in v;
  const enabledBy = str(v.enabled_by);
  const list = (x: unknown) => (Array.isArray(x) ? x.map(scalar).filter((y): y is EnumValue => y !== undefined) : undefined);
  return {
    name,
    types,
    // Inputs another input switches on are needed only then; the rule that knows when is the caller's.
    required: !hasDefault && !enabledBy,
    hasDefault,
    enum: list(v.enum),
    enabledBy: enabledBy
      ? {
          input: enabledBy,
          types: Array.isArray(v.enabled_by_type) ? strList(v.enabled_by_type) : undefined,
          values: list(v.enabled_by_value),
        }
      : undefined,
    allowManualEntry: v.allow_manual_entry === true,
  };
}

/** One entry of `Tools/packageTools` (id → Tool). */
export function toolFact(id: string, v: unknown): PackageToolFact | undefined {
  if (!isRecord(v) || !id) return undefined;
  const inputs = isRecord(v.inputs) ? Object.entries(v.inputs).slice(0, MAX_ITEMS) : [];
  return {
    id,
    name: str(v.name) ?? id,
    type: str(v.type) ?? 'python',
    description: str(v.description),
    package: str(v.package),
    packageVersion: str(v.package_version),
    deprecated: v.deprecated === true || undefined,
    formerIds: Array.isArray(v.deprecated_tools) ? strList(v.deprecated_tools) : undefined,
    inputs: inputs.map(([n, x]) => inputFact(n, x)).filter((x): x is ToolInputFact => !!x),
  };
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export class WorkspaceDataClient {
  constructor(
    private readonly http: HttpSender,
    private readonly armEndpoint: string,
    private readonly pfsHost: () => Promise<string>,
    private readonly ws: WorkspaceRef,
  ) {}

  private async pfs(tail: string): Promise<string> {
    return `${await this.pfsHost()}/flow/api${workspaceArmPath(this.ws)}/${tail}`;
  }

  /** GET `{WS}/connections` (ARM), every page; names, categories and metadata, never credentials. */
  async listConnections(abortSignal?: AbortSignal): Promise<ConnectionFact[]> {
    const out: ConnectionFact[] = [];
    let next: string | undefined =
      `${this.armEndpoint.replace(/\/$/, '')}${workspaceArmPath(this.ws)}/connections?api-version=${CONNECTIONS_API_VERSION}`;
    for (let page = 0; next && page < MAX_PAGES && out.length < MAX_ITEMS; page++) {
      const res: { body: unknown } = await this.http.send({
        method: 'GET',
        url: next,
        abortSignal,
        operation: msg('azure.op.listConnections'),
      });
      const body = isRecord(res.body) ? res.body : {};
      out.push(...(Array.isArray(body.value) ? body.value : []).map(connectionFact).filter(defined));
      next = str(body.nextLink);
    }
    return out.slice(0, MAX_ITEMS);
  }

  /** GET `Connections/specs`: the connection types prompt flow knows and their config keys. */
  async connectionSpecs(abortSignal?: AbortSignal): Promise<ConnectionSpecFact[]> {
    const res = await this.http.send({
      method: 'GET',
      url: await this.pfs('Connections/specs'),
      abortSignal,
      operation: msg('azure.op.readConnectionTypes'),
    });
    return (Array.isArray(res.body) ? res.body.slice(0, MAX_ITEMS) : []).map(specFact).filter(defined);
  }

  /** GET `Connections/{name}/AzureOpenAIDeployments`: the deployments of the account an Azure OpenAI connection names. */
  async azureOpenAIDeployments(connection: string, abortSignal?: AbortSignal): Promise<DeploymentFact[]> {
    const res = await this.http.send({
      method: 'GET',
      url: await this.pfs(`Connections/${encodeURIComponent(connection)}/AzureOpenAIDeployments`),
      abortSignal,
      operation: msg('azure.op.listDeployments', { connection }),
    });
    return (Array.isArray(res.body) ? res.body.slice(0, MAX_ITEMS) : []).map(deploymentFact).filter(defined);
  }

  /** GET `Tools/packageTools`: the package tools the workspace's runtime offers, by tool id. */
  async packageTools(abortSignal?: AbortSignal): Promise<PackageToolFact[]> {
    const res = await this.http.send({
      method: 'GET',
      url: await this.pfs('Tools/packageTools'),
      abortSignal,
      operation: msg('azure.op.listPackageTools'),
    });
    if (!isRecord(res.body)) return [];
    return Object.entries(res.body)
      .slice(0, MAX_ITEMS)
      .map(([id, t]) => toolFact(id, t))
      .filter(defined);
  }
}
