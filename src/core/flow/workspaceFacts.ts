// What a workspace has that a flow file names: its connections (with the deployments of its Azure
// OpenAI connections), the connection types prompt flow knows, and the package tools its runtime
// offers. Plain serializable data: the session service fetches it (core/session/workspaceData.ts),
// the extension hands it to the language server, and the rules of core/validation read it. A part
// that could not be read is absent, never empty: a rule that needs it has nothing to say.
import type { WorkspaceRef } from '../model';

export interface WorkspaceFacts {
  workspace: WorkspaceRef;
  /** Epoch ms when the data was read from the service. */
  fetchedAt: number;
  /** The workspace's connections; absent when the list could not be read. */
  connections?: ConnectionFact[];
  /** The connection types of prompt flow (`Connections/specs`); absent when unknown. */
  connectionSpecs?: ConnectionSpecFact[];
  /** The package tools (`Tools/packageTools`); absent when unknown. */
  tools?: PackageToolFact[];
  /** Parts that could not be read, and why (shown to the user, never holding a secret). */
  unavailable: UnavailablePart[];
}

export type FactsPart = 'connections' | 'connectionSpecs' | 'tools' | 'deployments';

export interface UnavailablePart {
  part: FactsPart;
  /** For `deployments`: the connection whose deployments could not be read. */
  connection?: string;
  message: string;
}

/** One workspace connection as ARM lists it, without its credentials. */
export interface ConnectionFact {
  name: string;
  /** ARM `properties.category`: `AzureOpenAI`, `CustomKeys`, `CognitiveSearch`, `Serp`, … */
  category: string;
  /** ARM `properties.authType`: `ApiKey`, `AAD`, `CustomKeys`, … */
  authType: string;
  target?: string;
  /**
   * The prompt flow connection type a tool input names (`AzureOpenAIConnection`, `CustomConnection`, …):
   * `azureml.flow.connection_type` of the metadata, else what the category implies; absent when prompt
   * flow cannot use the connection.
   */
  valueType?: string;
  /** ARM `properties.metadata`: `ApiType`, `ApiVersion`, `ResourceId`, custom config keys, … */
  metadata: Record<string, string>;
  /** Azure OpenAI connections: the deployments of the account; absent when not read. */
  deployments?: DeploymentFact[];
}

export interface DeploymentFact {
  name: string;
  modelName?: string;
  capabilities: { completion?: boolean; chatCompletion?: boolean; embeddings?: boolean };
}

/** A connection type of prompt flow and its configuration keys. */
export interface ConnectionSpecFact {
  /** `AzureOpenAI`, `OpenAI`, `Serp`, `Custom`, … */
  connectionType: string;
  /** The ARM category it is stored under. */
  category?: string;
  /** The type name tool inputs use, e.g. `AzureOpenAIConnection`. */
  valueType?: string;
  displayName?: string;
  configs: { name: string; secret: boolean; optional: boolean; default?: string; enum?: string[] }[];
}

export interface PackageToolFact {
  /** The tool id a node's `source.tool` names, e.g. `promptflow.tools.serpapi.SerpAPI.search`. */
  id: string;
  name: string;
  /** `python`, `llm`, `custom_llm`, `prompt`. */
  type: string;
  description?: string;
  package?: string;
  packageVersion?: string;
  deprecated?: boolean;
  /** Ids the tool had before (`deprecated_tools`): flows that still name one run this tool. */
  formerIds?: string[];
  inputs: ToolInputFact[];
}

/** A tool input type that names a kind of connection (`AzureOpenAIConnection`, `SerpConnection`, …). */
export const isConnectionType = (type: string): boolean => /Connection$/.test(type);

/** The type name prompt flow gives a connection: its value type, else its ARM category. */
export const connectionTypeOf = (c: ConnectionFact): string => c.valueType ?? c.category;

/** The connections of `types` (any connection when `types` is empty). */
export function connectionsOfType(connections: readonly ConnectionFact[], types: readonly string[]): ConnectionFact[] {
  return types.length ? connections.filter((c) => c.valueType !== undefined && types.includes(c.valueType)) : [...connections];
}

/** The tool a node's `source.tool` names, by its id or a former one. */
export function findTool(tools: readonly PackageToolFact[], id: string): PackageToolFact | undefined {
  return tools.find((t) => t.id === id) ?? tools.find((t) => t.formerIds?.includes(id));
}

/** Scalars an input's `enum` lists; object-valued choices keep their JSON text. */
export type EnumValue = string | number | boolean;

export interface ToolInputFact {
  name: string;
  /** Value types, e.g. `['string']`, `['int']`, `['AzureOpenAIConnection', 'OpenAIConnection']`. */
  types: string[];
  /** No default and not switched on by another input: a node must set it. */
  required: boolean;
  hasDefault: boolean;
  /** The values the input accepts, when it names them; absent = any. */
  enum?: EnumValue[];
  /** Shown only when another input has one of these connection types or values. */
  enabledBy?: { input: string; types?: string[]; values?: EnumValue[] };
  /** True when the tool takes values outside `enum` too (the studio's free entry). */
  allowManualEntry: boolean;
}

const MAX_ITEMS = 5000;
const MAX_TEXT = 4000;

/** A JSON object (not null, not a list): what every reader of service data checks first. */
export const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= MAX_TEXT ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, MAX_ITEMS) : []);
const texts = (v: unknown): string[] => list(v).flatMap((x) => (text(x) === undefined ? [] : [x as string]));
const enumValues = (v: unknown): EnumValue[] =>
  list(v).flatMap((x) => (typeof x === 'number' || typeof x === 'boolean' || text(x) !== undefined ? [x as EnumValue] : []));
const flag = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v).slice(0, MAX_ITEMS)) if (text(x) !== undefined) out[k] = x as string;
  return out;
}

function workspaceRef(v: unknown): WorkspaceRef | undefined {
  if (!isRecord(v)) return undefined;
  const [subscriptionId, resourceGroup, workspace] = [text(v.subscriptionId), text(v.resourceGroup), text(v.workspace)];
  return subscriptionId && resourceGroup && workspace ? { subscriptionId, resourceGroup, workspace } : undefined;
}

function deployment(v: unknown): DeploymentFact[] {
  if (!isRecord(v) || !text(v.name)) return [];
  const c = isRecord(v.capabilities) ? v.capabilities : {};
  return [
    {
      name: v.name as string,
      modelName: text(v.modelName),
      capabilities: { completion: flag(c.completion), chatCompletion: flag(c.chatCompletion), embeddings: flag(c.embeddings) },
    },
  ];
}

function connection(v: unknown): ConnectionFact[] {
  if (!isRecord(v) || !text(v.name) || text(v.category) === undefined || text(v.authType) === undefined) return [];
  return [
    {
      name: v.name as string,
      category: v.category as string,
      authType: v.authType as string,
      target: text(v.target),
      valueType: text(v.valueType),
      metadata: strings(v.metadata),
      deployments: Array.isArray(v.deployments) ? list(v.deployments).flatMap(deployment) : undefined,
    },
  ];
}

function spec(v: unknown): ConnectionSpecFact[] {
  if (!isRecord(v) || !text(v.connectionType)) return [];
  return [
    {
      connectionType: v.connectionType as string,
      category: text(v.category),
      valueType: text(v.valueType),
      displayName: text(v.displayName),
      configs: list(v.configs).flatMap((c) =>
        isRecord(c) && text(c.name)
          ? [
              {
                name: c.name as string,
                secret: c.secret === true,
                optional: c.optional === true,
                default: text(c.default),
                enum: Array.isArray(c.enum) ? texts(c.enum) : undefined,
              },
            ]
          : [],
      ),
    },
  ];
}

function toolInput(v: unknown): ToolInputFact[] {
  if (!isRecord(v) || !text(v.name)) return [];
  const e = isRecord(v.enabledBy) && text(v.enabledBy.input) ? v.enabledBy : undefined;
  return [
    {
      name: v.name as string,
      types: texts(v.types),
      required: v.required === true,
      hasDefault: v.hasDefault === true,
      enum: Array.isArray(v.enum) ? enumValues(v.enum) : undefined,
      enabledBy: e
        ? {
            input: e.input as string,
            types: Array.isArray(e.types) ? texts(e.types) : undefined,
            values: Array.isArray(e.values) ? enumValues(e.values) : undefined,
          }
        : undefined,
      allowManualEntry: v.allowManualEntry === true,
    },
  ];
}

function tool(v: unknown): PackageToolFact[] {
  if (!isRecord(v) || !text(v.id) || !text(v.name) || !text(v.type)) return [];
  return [
    {
      id: v.id as string,
      name: v.name as string,
      type: v.type as string,
      description: text(v.description),
      package: text(v.package),
      packageVersion: text(v.packageVersion),
      deprecated: flag(v.deprecated),
      formerIds: Array.isArray(v.formerIds) ? texts(v.formerIds) : undefined,
      inputs: list(v.inputs).flatMap(toolInput),
    },
  ];
}

/**
 * `value` as WorkspaceFacts when it has the shape, else undefined. Entries that do not fit are dropped
 * and lists are capped, so a hostile or broken message cannot make a rule misfire or exhaust memory.
 */
export function readWorkspaceFacts(value: unknown): WorkspaceFacts | undefined {
  if (!isRecord(value)) return undefined;
  const workspace = workspaceRef(value.workspace);
  if (!workspace || typeof value.fetchedAt !== 'number' || !Number.isFinite(value.fetchedAt)) return undefined;
  const part = (v: unknown) => ['connections', 'connectionSpecs', 'tools', 'deployments'].includes(v as string);
  return {
    workspace,
    fetchedAt: value.fetchedAt,
    connections: Array.isArray(value.connections) ? list(value.connections).flatMap(connection) : undefined,
    connectionSpecs: Array.isArray(value.connectionSpecs) ? list(value.connectionSpecs).flatMap(spec) : undefined,
    tools: Array.isArray(value.tools) ? list(value.tools).flatMap(tool) : undefined,
    unavailable: list(value.unavailable).flatMap((u) =>
      isRecord(u) && part(u.part) && text(u.message) !== undefined
        ? [{ part: u.part as FactsPart, connection: text(u.connection), message: u.message as string }]
        : [],
    ),
  };
}

/** `subscription/resourceGroup/workspace`, case-insensitive as ARM is: facts belong to the workspace they name. */
export function workspaceKey(ws: WorkspaceRef): string {
  return `${ws.subscriptionId}/${ws.resourceGroup}/${ws.workspace}`.toLowerCase();
}
