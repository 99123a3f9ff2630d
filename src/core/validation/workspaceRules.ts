// What a flow names that the workspace must have: connections (and their type), Azure OpenAI
// deployments, package tools and their inputs. Every check here reads `ctx.facts` and says nothing
// when the part it needs is absent (offline, signed out, not read yet, or that part failed): a
// workspace check never guesses. The llm `provider`/`api` and run.yml placement checks need no
// workspace and run always.
//
// The llm `api` is the schema's to check (chat, completion, embedding).
import { isMap, isScalar, type Pair } from 'yaml';
import {
  connectionsOfType,
  connectionTypeOf,
  findTool,
  isConnectionType,
  type ConnectionFact,
  type EnumValue,
  type PackageToolFact,
  type ToolInputFact,
  type WorkspaceFacts,
} from '../flow/workspaceFacts';
import { closestNames } from './closest';
import { Codes } from './codes';
import type { NamedRule, RuleContext } from './context';
import type { DagModel } from './dagModel';
import { listOf, orList, quotedList, raw, shift, type RawDiagnostic } from './diag';
import type { ParsedYamlFile } from './flexRules';
import { pairOf, rangeOf, stringAt, valueOf } from './yamlTools';
import { msg, type Message } from '../i18n';

/** The llm tool's providers and the connection type each takes (promptflow's `{provider}.{api}` tools). */
export const LLM_PROVIDERS: Record<string, string> = {
  AzureOpenAI: 'AzureOpenAIConnection',
  OpenAI: 'OpenAIConnection',
  Serverless: 'ServerlessConnection',
};

/** The connection types an llm node takes: its provider's, or any provider's when it names none it knows. */
export function llmConnectionTypes(provider: string | undefined): string[] {
  return provider !== undefined && Object.hasOwn(LLM_PROVIDERS, provider) ? [LLM_PROVIDERS[provider]] : Object.values(LLM_PROVIDERS);
}

/** Tool types whose inputs include the variables of a prompt template, so unknown inputs are expected. */
const TEMPLATE_TOOL_TYPES = new Set(['llm', 'custom_llm', 'prompt']);

/** A node, or a variant's node body, with offsets of its YAML made absolute by `base`. */
interface Body {
  node: unknown;
  base: number;
  /** `node "x"` or `variant x.y`, for messages. */
  label: Message;
}

function bodies(m: DagModel): Body[] {
  const out: Body[] = [];
  for (const u of m.nodes) out.push({ node: u.node, base: u.base, label: msg('validation.where.node', { name: u.summary.name ?? '?' }) });
  const nv = m.top.find((e) => e.key === 'node_variants');
  if (nv && isMap(nv.value)) {
    for (const p of nv.value.items) {
      const vs = valueOf(p.value, 'variants');
      if (!isMap(vs)) continue;
      for (const v of vs.items) {
        const body = valueOf(v.value, 'node');
        if (isMap(body))
          out.push({ node: body, base: nv.base, label: msg('validation.where.variant', { id: `${scalarKey(p)}.${scalarKey(v)}` }) });
      }
    }
  }
  return out;
}

const scalarKey = (p: Pair): string => (isScalar(p.key) ? String(p.key.value) : '');

/** A literal (not `${…}`) scalar value with its absolute range. */
interface Literal {
  value: string;
  start: number;
  end: number;
}

function literal(v: unknown, base: number): Literal | undefined {
  if (!isScalar(v) || v.value === null || typeof v.value === 'object') return undefined;
  const value = String(v.value);
  if (value.includes('${')) return undefined;
  const [s, e] = rangeOf(v);
  return { value, start: s + base, end: e + base };
}

function inputPairs(body: unknown): Pair[] {
  const inputs = valueOf(body, 'inputs');
  return isMap(inputs) ? (inputs.items as Pair[]) : [];
}

const list = quotedList;

function replaceWith(names: string[], at: Literal) {
  return names.map((n) => ({ title: msg('validation.fix.changeTo', { name: n }), edits: [{ start: at.start, end: at.end, newText: n }] }));
}

/**
 * A connection name used where `expected` connection types are taken (empty: any). Unknown names get
 * the closest names of a fitting type as fixes; a known name of the wrong type says what it is.
 */
function checkConnection(
  at: Literal,
  expected: readonly string[],
  facts: WorkspaceFacts,
  where: Message,
): { diagnostic?: RawDiagnostic; connection?: ConnectionFact } {
  const all = facts.connections;
  if (!all) return {};
  const found = all.find((c) => c.name === at.value);
  if (!found) {
    const near = closestNames(
      at.value,
      connectionsOfType(all, expected).map((c) => c.name),
    );
    const d = raw(
      at.start,
      at.end,
      'error',
      Codes.unknownConnection,
      near.length
        ? msg('validation.noConnectionNear', { workspace: facts.workspace.workspace, name: at.value, near: list(near) })
        : msg('validation.noConnection', { workspace: facts.workspace.workspace, name: at.value }),
    );
    if (near.length) d.suggestions = replaceWith(near, at);
    return { diagnostic: d };
  }
  if (expected.length && (found.valueType === undefined || !expected.includes(found.valueType))) {
    const fitting = connectionsOfType(all, expected).map((c) => c.name);
    const d = raw(
      at.start,
      at.end,
      'error',
      Codes.connectionType,
      fitting.length
        ? msg('validation.connectionType', {
            name: found.name,
            type: connectionTypeOf(found),
            where,
            expected: orList(expected),
            fitting: list(fitting.slice(0, 5)),
          })
        : msg('validation.connectionTypeNone', { name: found.name, type: connectionTypeOf(found), where, expected: orList(expected) }),
    );
    d.suggestions = replaceWith(fitting.slice(0, 3), at);
    return { diagnostic: d, connection: found };
  }
  return { connection: found };
}

/** A deployment named for an Azure OpenAI connection whose deployments were read. */
function checkDeployment(at: Literal, connection: ConnectionFact): RawDiagnostic | undefined {
  const deployments = connection.deployments;
  if (connection.valueType !== 'AzureOpenAIConnection' || !deployments) return undefined;
  if (deployments.some((d) => d.name === at.value)) return undefined;
  const names = deployments.map((d) => d.name);
  const near = closestNames(at.value, names);
  const d = raw(
    at.start,
    at.end,
    'error',
    Codes.unknownDeployment,
    names.length
      ? msg('validation.noDeployment', { connection: connection.name, name: at.value, deployments: list(names.slice(0, 8)) })
      : msg('validation.noDeployments', { connection: connection.name, name: at.value }),
  );
  if (near.length) d.suggestions = replaceWith(near, at);
  return d;
}

function llmNode(body: Body, facts: WorkspaceFacts | undefined): RawDiagnostic[] {
  const out: RawDiagnostic[] = [];
  const at = (v: ReturnType<typeof stringAt>): Literal | undefined =>
    v && !v.value.includes('${') ? { value: v.value, start: v.start + body.base, end: v.end + body.base } : undefined;
  // The api is the schema's to check (chat, completion, embedding).
  const provider = at(stringAt(body.node, 'provider'));
  const known = provider && Object.hasOwn(LLM_PROVIDERS, provider.value);
  if (provider && !known)
    out.push(
      raw(
        provider.start,
        provider.end,
        'error',
        Codes.llmProviderUnknown,
        msg('validation.llmProvider', { provider: provider.value, providers: listOf(Object.keys(LLM_PROVIDERS)) }),
      ),
    );
  if (!facts) return out;
  const name = at(stringAt(body.node, 'connection'));
  if (!name) return out;
  const expected = llmConnectionTypes(provider?.value);
  const where = known ? msg('validation.where.llmNodeOf', { provider: provider.value }) : msg('validation.where.llmNode');
  const { diagnostic, connection } = checkConnection(name, expected, facts, where);
  if (diagnostic) out.push(diagnostic);
  else if (connection) {
    const deployment = inputPairs(body.node).find((p) => scalarKey(p) === 'deployment_name');
    const d = deployment && literal(deployment.value, body.base);
    const problem = d && checkDeployment(d, connection);
    if (problem) out.push(problem);
  }
  return out;
}

const enumText = (v: EnumValue) => String(v);

function packageNode(body: Body, facts: WorkspaceFacts): RawDiagnostic[] {
  const source = valueOf(body.node, 'source');
  const kind = isMap(source) ? stringAt(source, 'type')?.value : undefined;
  if (kind !== 'package' && kind !== 'package_with_prompt') return [];
  const id = stringAt(source, 'tool');
  if (!id || id.value.includes('${') || !facts.tools) return [];
  const idAt: Literal = { value: id.value, start: id.start + body.base, end: id.end + body.base };
  const tool = findTool(facts.tools, id.value);
  if (!tool) return [unknownTool(idAt, facts.tools)];
  const out: RawDiagnostic[] = [];
  const given = inputPairs(body.node);
  const inputs = new Map(tool.inputs.map((i) => [i.name, i]));
  const checkUnknown = kind === 'package' && !TEMPLATE_TOOL_TYPES.has(tool.type);
  let connection: ConnectionFact | undefined;
  for (const p of given) {
    const key = scalarKey(p);
    const input = inputs.get(key);
    const [ks, ke] = rangeOf(p.key);
    if (!input) {
      if (!checkUnknown) continue;
      const near = closestNames(
        key,
        [...inputs.keys()].filter((k) => !given.some((g) => scalarKey(g) === k)),
        1,
      );
      const d = raw(
        ks + body.base,
        ke + body.base,
        'warning',
        Codes.toolInputUnknown,
        near.length
          ? msg('validation.toolInputUnknownNear', { tool: tool.id, input: key, near: near[0] })
          : msg('validation.toolInputUnknown', { tool: tool.id, input: key, inputs: list([...inputs.keys()].slice(0, 10)) }),
      );
      if (near.length) d.suggestions = replaceWith(near, { value: key, start: ks + body.base, end: ke + body.base });
      out.push(d);
      continue;
    }
    const value = literal(p.value, body.base);
    if (!value) continue;
    const connectionTypes = input.types.filter(isConnectionType);
    if (connectionTypes.length && connectionTypes.length === input.types.length) {
      const r = checkConnection(value, connectionTypes, facts, msg('validation.where.toolInput', { input: key, tool: tool.id }));
      if (r.diagnostic) out.push(r.diagnostic);
      else connection = r.connection;
      continue;
    }
    // An input another input switches on has its choices only when switched on.
    const bad = isEnabled(input, given, facts, body.base) ? outsideEnum(input, value.value) : undefined;
    if (bad) out.push(raw(value.start, value.end, 'error', Codes.toolInputValue, bad(key, tool)));
  }
  if (connection) {
    const dep = given.find((p) => scalarKey(p) === 'deployment_name');
    const d = dep && inputs.has('deployment_name') ? literal(dep.value, body.base) : undefined;
    const problem = d && checkDeployment(d, connection);
    if (problem) out.push(problem);
  }
  const missing = tool.inputs.filter((i) => i.required && !given.some((p) => scalarKey(p) === i.name));
  if (missing.length) {
    const inputsPair = pairOf(body.node, 'inputs');
    const [s, e] = rangeOf(inputsPair?.key ?? valueOf(source, 'tool'));
    out.push(
      raw(
        s + body.base,
        e + body.base,
        'error',
        Codes.toolInputMissing,
        msg(missing.length === 1 ? 'validation.toolInputMissing' : 'validation.toolInputsMissing', {
          tool: tool.id,
          inputs: list(missing.map((i) => i.name)),
          where: body.label,
        }),
      ),
    );
  }
  return out;
}

/** Whether `input` is switched on, as far as the node's literal values tell; false when they do not. */
function isEnabled(input: ToolInputFact, given: Pair[], facts: WorkspaceFacts, base: number): boolean {
  const by = input.enabledBy;
  if (!by) return true;
  const other = given.find((p) => scalarKey(p) === by.input);
  const value = other && literal(other.value, base)?.value;
  if (value === undefined) return false;
  if (by.types?.length) {
    const type = facts.connections?.find((c) => c.name === value)?.valueType;
    if (!type || !by.types.includes(type)) return false;
  }
  return !by.values?.length || by.values.some((v) => enumText(v) === value);
}

function outsideEnum(input: ToolInputFact, value: string): ((key: string, tool: PackageToolFact) => Message) | undefined {
  if (!input.enum?.length || input.allowManualEntry || input.enum.some((v) => enumText(v) === value)) return undefined;
  const choices = input.enum.map(enumText);
  return (key, tool) => msg('validation.toolInputValue', { value, input: key, tool: tool.id, choices: list(choices.slice(0, 10)) });
}

function unknownTool(at: Literal, tools: PackageToolFact[]): RawDiagnostic {
  const ids = tools.map((t) => t.id);
  const near = closestNames(at.value, ids);
  // A tool of a package the workspace lists is a typo; one of another package may come from requirements.txt.
  const pkg = (id: string) => id.split('.').slice(0, 2).join('.');
  const knownPackage = ids.some((i) => pkg(i) === pkg(at.value));
  const d = raw(
    at.start,
    at.end,
    knownPackage ? 'error' : 'warning',
    Codes.unknownTool,
    knownPackage
      ? near.length
        ? msg('validation.noToolNear', { tool: at.value, near: list(near) })
        : msg('validation.noTool', { tool: at.value })
      : msg('validation.toolElsewhere', { tool: at.value }),
  );
  if (near.length) d.suggestions = replaceWith(near, at);
  return d;
}

/**
 * A node's findings depend on its YAML and the workspace data only. The editor re-uses the YAML of
 * unchanged nodes between edits, so they are kept per node (offsets relative to it) and per data.
 */
const byNode = new WeakMap<object, { facts: WorkspaceFacts | undefined; found: RawDiagnostic[] }>();

function checkBody(body: Body, facts: WorkspaceFacts | undefined): RawDiagnostic[] {
  const key = body.node as object;
  let hit = byNode.get(key);
  if (!hit || hit.facts !== facts) {
    const at0 = { ...body, base: 0 };
    const type = stringAt(body.node, 'type')?.value;
    const found = type === 'llm' ? llmNode(at0, facts) : facts ? packageNode(at0, facts) : [];
    byNode.set(key, (hit = { facts, found }));
  }
  return body.base === 0 ? hit.found : hit.found.map((d) => shift(d, body.base));
}

const dagChecks: NamedRule<DagModel> = {
  name: 'workspace connections and tools',
  run(m, ctx: RuleContext) {
    const out: RawDiagnostic[] = [];
    for (const body of bodies(m)) out.push(...checkBody(body, ctx.facts));
    return out;
  },
};

export const workspaceDagRules: NamedRule<DagModel>[] = [dagChecks];

/** run.yml: a run goes to serverless compute (instance_type) or to a compute instance, not both. */
function placement(f: ParsedYamlFile): RawDiagnostic[] {
  const resources = valueOf(f.doc.contents, 'resources');
  const type = pairOf(resources, 'instance_type');
  const compute = pairOf(resources, 'compute');
  if (!type || !compute) return [];
  const [s, e] = rangeOf(compute.key);
  return [raw(s, e, 'error', Codes.runPlacement, msg('validation.run.placement'))];
}

/** run.yml `connections: {node: {connection, deployment_name}}` against the workspace. */
function runConnections(f: ParsedYamlFile, ctx: RuleContext): RawDiagnostic[] {
  const facts = ctx.facts;
  const overrides = valueOf(f.doc.contents, 'connections');
  if (!facts || !isMap(overrides)) return [];
  const out: RawDiagnostic[] = [];
  for (const p of overrides.items) {
    const c = pairOf(p.value, 'connection');
    const name = c && literal(c.value, 0);
    if (!name) continue;
    const { diagnostic, connection } = checkConnection(name, [], facts, msg('validation.where.node', { name: scalarKey(p as Pair) }));
    if (diagnostic) out.push(diagnostic);
    const dep = pairOf(p.value, 'deployment_name');
    const d = dep && connection ? literal(dep.value, 0) : undefined;
    const problem = d && connection && checkDeployment(d, connection);
    if (problem) out.push(problem);
  }
  return out;
}

export const workspaceRunRules: NamedRule<ParsedYamlFile>[] = [
  { name: 'run placement', run: placement },
  { name: 'workspace connections', run: runConnections },
];
