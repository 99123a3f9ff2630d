// What a session's flow executor needs for one run (the job.json of docs/azure-contract.md §36): the DAG with
// its node variants resolved, the environment variables as prompt flow sets them, and the connections the
// nodes name with their secrets, pointed at the emulator's stand-in services.
import { parse } from 'yaml';
import type { ConnectionRecord } from './aiResources';
import { sessionApiBase } from './chat';
import { connectionsOf } from './connections';
import type { WorkspaceRecord } from './state';
import type { World } from './world';

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A run's flow that cannot be prepared: the run fails with this message. */
export class FlowSetupError extends Error {
  constructor(
    message: string,
    readonly innerCode: string,
  ) {
    super(message);
  }
}

/** Python's `json.dumps` with its default separators (`, ` and `: `) and ASCII escapes. */
export function pyJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Obj)
      .map(([k, x]) => `${pyJson(k)}: ${pyJson(x)}`)
      .join(', ')}}`;
  if (typeof v === 'string')
    return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(v);
}

/** flow.dag.yaml as an object; a message when it is not a mapping with a node list. */
export function parseDag(text: string): Obj {
  let dag: unknown;
  try {
    dag = parse(text);
  } catch (err) {
    throw new FlowSetupError(`flow.dag.yaml does not parse: ${err instanceof Error ? err.message : String(err)}`, 'InvalidFlowYaml');
  }
  const d = obj(dag);
  if (!d || (d.nodes !== undefined && d.nodes !== null && !Array.isArray(d.nodes)))
    throw new FlowSetupError('flow.dag.yaml must be a mapping whose nodes are a list.', 'InvalidFlowYaml');
  return { ...d, nodes: (d.nodes as unknown[] | null) ?? [] };
}

/**
 * Each `use_variants` node replaced by its chosen variant: the one `nodeVariant` (`${node.variant_id}`) names
 * for that node, else the node's `default_variant_id`.
 */
export function resolveVariants(dag: Obj, nodeVariant: unknown): Obj {
  const variants = obj(dag.node_variants) ?? {};
  const asked = /^\$\{([^.}]+)\.([^}]+)\}$/.exec(str(nodeVariant) ?? '');
  if (asked && !obj(variants[asked[1]]))
    throw new FlowSetupError(
      `Node ${asked[1]} named by the run's variant ${String(nodeVariant)} has no variants in the flow.`,
      'InvalidNodeVariant',
    );
  const nodes = (dag.nodes as unknown[]).map((n) => {
    const node = obj(n);
    if (!node) throw new FlowSetupError('Every node in flow.dag.yaml must be a mapping.', 'InvalidFlowYaml');
    if (node.use_variants !== true) return node;
    const name = String(node.name);
    const spec = obj(variants[name]);
    const id = asked?.[1] === name ? asked[2] : str(spec?.default_variant_id);
    const chosen = obj(obj(obj(spec?.variants)?.[id ?? ''])?.node);
    if (!chosen) throw new FlowSetupError(`Node ${name} has no variant ${id ?? '(no default_variant_id)'}.`, 'InvalidNodeVariant');
    const { use_variants: _u, ...rest } = node;
    return { ...rest, ...chosen, name };
  });
  const { node_variants: _v, ...flow } = dag;
  return { ...flow, nodes };
}

/** The flow's `environment_variables` (non-strings as JSON text, as prompt flow sets them), the run's over them. */
export function environmentOf(dag: Obj, requested: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(dag.environment_variables) ?? {})) out[k] = typeof v === 'string' ? v : pyJson(v);
  for (const [k, v] of Object.entries(obj(requested) ?? {})) out[k] = typeof v === 'string' ? v : pyJson(v);
  return out;
}

/** The request's `connections` (`{node: {connection, deployment_name}}`) applied to the nodes they name. */
export function applyConnectionOverrides(flow: Obj, requested: unknown): Obj {
  const asked = obj(requested) ?? {};
  const nodes = (flow.nodes as Obj[]).map((node) => {
    const o = obj(asked[String(node.name)]);
    if (!o) return node;
    const inputs = { ...(obj(node.inputs) ?? {}) };
    const out: Obj = { ...node, inputs };
    if (str(o.connection)) {
      if (node.connection !== undefined || inputs.connection === undefined) out.connection = o.connection;
      else inputs.connection = o.connection;
    }
    if (str(o.deployment_name)) inputs.deployment_name = o.deployment_name;
    return out;
  });
  return { ...flow, nodes };
}

/** The names of connections the nodes use: an llm node's `connection`, and inputs naming a workspace connection. */
function namedConnections(flow: Obj, known: Set<string>): { required: Set<string>; optional: Set<string> } {
  const required = new Set<string>();
  const optional = new Set<string>();
  for (const node of flow.nodes as Obj[]) {
    if (str(node.connection)) required.add(String(node.connection));
    for (const [k, v] of Object.entries(obj(node.inputs) ?? {})) {
      if (typeof v !== 'string' || v.startsWith('${')) continue;
      if (k === 'connection') required.add(v);
      else if (known.has(v)) optional.add(v);
    }
  }
  return { required, optional };
}

/** A workspace connection as prompt flow's connection objects carry it, aimed at the emulator. */
function connectionForJob(w: World, c: ConnectionRecord): Obj {
  const type = c.metadata['azureml.flow.connection_type'] ?? (c.category === 'CustomKeys' ? 'Custom' : c.category);
  const keys = (obj(c.credentials?.keys) ?? {}) as Obj;
  const key = str(c.credentials?.key) ?? str(keys.api_key);
  const configs = Object.fromEntries(Object.entries(c.metadata).filter(([k]) => !k.startsWith('azureml.')));
  if (type === 'AzureOpenAI')
    return {
      type,
      // Where the session reaches the connection's target: the chat service's addressing (§35).
      api_base: sessionApiBase(w.endpoint, c.target) ?? c.target,
      api_key: key,
      api_version: c.metadata.ApiVersion ?? '2024-02-01',
      api_type: c.metadata.ApiType ?? 'azure',
    };
  if (type === 'OpenAI') {
    const base = sessionApiBase(w.endpoint, c.metadata.base_url ?? '') ?? c.metadata.base_url;
    return { type, api_key: key, base_url: base, api_base: base, organization: configs.organization };
  }
  if (type === 'Custom') return { type, configs, secrets: keys };
  return { type, api_key: key, ...configs, secrets: keys };
}

/** The connections the flow names, resolved against the workspace; a named one that does not exist fails the run. */
export function connectionsFor(w: World, ws: WorkspaceRecord, flow: Obj): Record<string, Obj> {
  const all = new Map(connectionsOf(w, ws).map((c) => [c.name, c]));
  const { required, optional } = namedConnections(flow, new Set(all.keys()));
  const out: Record<string, Obj> = {};
  for (const name of [...required, ...optional]) {
    const c = all.get(name);
    if (!c) throw new FlowSetupError(`Connection ${name} is not found in the workspace.`, 'ConnectionNotFound');
    out[name] = connectionForJob(w, c);
  }
  return out;
}

/**
 * Environment variables that name a connection's field (`${my_connection.api_key}`) take that field's value,
 * as prompt flow's "environment variable with connection" mapping does; the field is the connection's own
 * (`api_key`, `api_base`, …) or one of a custom connection's secrets or configs.
 */
export function resolveEnvironmentReferences(w: World, ws: WorkspaceRecord, env: Record<string, string>): Record<string, string> {
  const all = new Map(connectionsOf(w, ws).map((c) => [c.name, c]));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const m = /^\$\{([^.}]+)\.([^}]+)\}$/.exec(v);
    const c = m && all.get(m[1]);
    if (!m) out[k] = v;
    else if (!c)
      throw new FlowSetupError(
        `Environment variable ${k} names connection ${m[1]}, which is not found in the workspace.`,
        'ConnectionNotFound',
      );
    else {
      const job = connectionForJob(w, c);
      const value = job[m[2]] ?? obj(job.secrets)?.[m[2]] ?? obj(job.configs)?.[m[2]];
      if (typeof value !== 'string')
        throw new FlowSetupError(
          `Environment variable ${k} names ${m[2]}, which connection ${m[1]} does not have.`,
          'ConnectionKeyNotFound',
        );
      out[k] = value;
    }
  }
  return out;
}

/** Node types that render a Jinja template (and so need Jinja2 in the executor). */
export const usesTemplates = (flow: Obj): boolean => (flow.nodes as Obj[]).some((n) => n.type === 'llm' || n.type === 'prompt');
