// The migration plan of one flow: every node with the Agent Framework construct it becomes and how
// ready that is (`automatic`: the generated code does what the node did; `review`: generated, a person
// checks what the note names; `manual`: no equivalent, the note says what to do instead), the
// connections with the variables that replace them, and what blocks generation. Pure: reads files only.
import { msg, type Message } from '../i18n';
import { resolveInFlow } from '../flow';
import type { FileHost } from '../flow/types';
import { createValidator, MAX_VALIDATED_BYTES } from '../validation';
import { dependencies, readFlowSpec, type FlowSpec, type NodeSpec } from './flowSpec';
import { readToolSignature, type ToolSignature } from './signature';
import { connectionVariables, LLM_TOOLS, MANUAL_TOOLS, PROVIDER_CONNECTION, PROVIDERS, UNPASSED_PARAMETERS, type Provider } from './tools';

export type Readiness = 'automatic' | 'review' | 'manual';
const ORDER: readonly Readiness[] = ['automatic', 'review', 'manual'];
export const worst = (list: readonly Readiness[]): Readiness =>
  list.reduce<Readiness>((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'automatic');

/** What the generator emits for a node. */
export type Generated =
  | { kind: 'python'; path: string; fn?: string; connections: Record<string, string>; isAsync: boolean }
  | { kind: 'prompt'; path: string }
  | { kind: 'llm'; path: string; provider: Provider; api: 'chat' | 'completion'; connection?: string; model?: string }
  | { kind: 'flex'; module: string; fn: string; isClass: boolean }
  | { kind: 'manual' };

export interface NodePlan {
  name: string;
  type: string;
  mapsTo: string;
  readiness: Readiness;
  notes: Message[];
  /** The nodes it waits for. */
  after: string[];
  generated: Generated;
  spec?: NodeSpec;
}

export type BlockerKind = 'invalidFlow' | 'unknownTool' | 'noEquivalent' | 'classTool' | 'unknownNodeType' | 'missingSource';

export interface Blocker {
  kind: BlockerKind;
  node?: string;
  note: Message;
}

export interface ConnectionPlan {
  name: string;
  type: string;
  variables: string[];
  usedBy: string[];
}

/** A fact about the flow as a whole (inputs, outputs, environment) and what it becomes. */
export interface FlowItem {
  subject: string;
  readiness: Readiness;
  note: Message;
}

export interface FlowPlan {
  path: string;
  kind: 'dagFlow' | 'flexFlow';
  readiness: Readiness;
  /** False while the flow fails validation: nothing is generated until it is fixed. */
  generatable: boolean;
  nodes: NodePlan[];
  items: FlowItem[];
  connections: ConnectionPlan[];
  blockers: Blocker[];
  spec?: FlowSpec;
}

/** The connection type an llm node uses, and whether it had to be assumed. */
function providerOf(node: NodeSpec): { provider: Provider; assumed: boolean } {
  const fromTool = node.tool ? LLM_TOOLS[node.tool]?.provider : undefined;
  const named = node.provider && (PROVIDERS as readonly string[]).includes(node.provider) ? (node.provider as Provider) : undefined;
  if (named ?? fromTool) return { provider: (named ?? fromTool)!, assumed: false };
  const has = (k: string) => node.inputs.some(([n]) => n === k);
  return { provider: has('deployment_name') ? 'AzureOpenAI' : 'OpenAI', assumed: true };
}

function literal(node: NodeSpec, key: string): string | undefined {
  const v = node.inputs.find(([n]) => n === key)?.[1];
  return v?.kind === 'literal' && (typeof v.value === 'string' || typeof v.value === 'number') ? String(v.value) : undefined;
}

function planLlm(
  node: NodeSpec,
  api: 'chat' | 'completion',
  vision: boolean,
  notes: Message[],
): { plan: Partial<NodePlan>; generated: Generated } {
  const { provider, assumed } = providerOf(node);
  const connection = node.connection ?? literal(node, 'connection');
  const model =
    provider === 'AzureOpenAI'
      ? (literal(node, 'deployment_name') ?? literal(node, 'model'))
      : (literal(node, 'model') ?? literal(node, 'deployment_name'));
  let readiness: Readiness = 'automatic';
  notes.push(msg('migration.note.llm', { provider, api, model: model ?? '-' }));
  if (assumed) {
    readiness = 'review';
    notes.push(msg('migration.note.providerAssumed', { provider }));
  }
  if (api === 'completion') {
    readiness = 'review';
    notes.push(msg('migration.note.completion'));
  }
  if (vision) {
    readiness = 'review';
    notes.push(msg('migration.note.vision'));
  }
  if (provider === 'Serverless') {
    readiness = 'review';
    notes.push(msg('migration.note.serverless'));
  }
  const unpassed = node.inputs.map(([n]) => n).filter((n) => UNPASSED_PARAMETERS.includes(n));
  if (unpassed.length) {
    readiness = 'review';
    notes.push(msg('migration.note.unpassed', { names: unpassed.join(', ') }));
  }
  if (!model) {
    readiness = 'review';
    notes.push(msg('migration.note.noModel'));
  }
  const client = 'OpenAIChatCompletionClient';
  return {
    plan: { mapsTo: `Executor + ${client} (${provider})`, readiness },
    generated: { kind: 'llm', path: node.sourcePath ?? '', provider, api, connection, model },
  };
}

function planNode(spec: FlowSpec, node: NodeSpec, files: FileHost, blockers: Blocker[]): NodePlan {
  const notes: Message[] = [];
  const base = { name: node.name, type: node.type, after: dependencies(node), spec: node };
  const manual = (kind: BlockerKind, note: Message, mapsTo = 'Executor → raise rt.ManualNode'): NodePlan => {
    blockers.push({ kind, node: node.name, note });
    return { ...base, mapsTo, readiness: 'manual', notes: [note], generated: { kind: 'manual' } };
  };
  let plan: NodePlan;
  const llmTool = node.tool ? LLM_TOOLS[node.tool] : undefined;
  if (node.type === 'llm' || llmTool) {
    const api = node.api === 'completion' ? 'completion' : (llmTool?.api ?? 'chat');
    const { plan: p, generated } = planLlm(node, node.type === 'llm' ? api : (llmTool?.api ?? api), Boolean(llmTool?.vision), notes);
    plan = { ...base, mapsTo: p.mapsTo!, readiness: p.readiness!, notes, generated };
  } else if (node.type === 'prompt') {
    notes.push(msg('migration.note.prompt', { path: node.sourcePath ?? '' }));
    plan = {
      ...base,
      mapsTo: 'Executor → jinja2.Template.render',
      readiness: 'automatic',
      notes,
      generated: { kind: 'prompt', path: node.sourcePath ?? '' },
    };
  } else if (node.type === 'python' && node.sourceType !== 'package' && node.sourcePath) {
    const file = resolveInFlow(files, spec.folder, spec.additionalIncludes, node.sourcePath);
    const text = file ? files.readFile(file) : undefined;
    if (text === undefined) return manual('missingSource', msg('migration.note.missingSource', { path: node.sourcePath }));
    const sig: ToolSignature = readToolSignature(text, node.functionName);
    if (sig.inClass) return manual('classTool', msg('migration.note.classTool', { path: node.sourcePath }));
    if (!sig.fn) return manual('missingSource', msg('migration.note.noToolFunction', { path: node.sourcePath }));
    notes.push(msg('migration.note.python', { fn: sig.fn, path: node.sourcePath }));
    plan = {
      ...base,
      mapsTo: `Executor → ${node.sourcePath}:${sig.fn}()`,
      readiness: 'automatic',
      notes,
      generated: { kind: 'python', path: node.sourcePath, fn: sig.fn, connections: sig.connections, isAsync: sig.isAsync },
    };
  } else if (node.tool && MANUAL_TOOLS[node.tool]) {
    return manual('noEquivalent', msg(`migration.tool.${MANUAL_TOOLS[node.tool]}`, { tool: node.tool }));
  } else if (node.tool) {
    return manual('unknownTool', msg('migration.note.unknownTool', { tool: node.tool }));
  } else {
    return manual('unknownNodeType', msg('migration.note.unknownNodeType', { type: node.type || '-' }));
  }
  if (node.defaultVariant !== undefined) {
    plan.readiness = worst([plan.readiness, 'review']);
    plan.notes.push(msg('migration.note.variants', { chosen: node.defaultVariant, others: node.otherVariants.join(', ') || '-' }));
  }
  return plan;
}

/** Notes on how the graph is wired: activate, joins, fan-outs, aggregation. Shared readiness is unchanged. */
function wiringNotes(nodes: NodePlan[]): void {
  const targets = new Map<string, string[]>();
  for (const n of nodes) for (const a of n.after) targets.set(a, [...(targets.get(a) ?? []), n.name]);
  for (const n of nodes) {
    const s = n.spec;
    if (s?.activate) {
      const w = s.activate.when;
      const when = w.kind === 'ref' ? (w.ref.kind === 'node' ? `${w.ref.name}.output` : `inputs.${w.ref.name}`) : JSON.stringify(w.value);
      n.notes.push(msg('migration.note.activate', { when, is: JSON.stringify(s.activate.is) ?? 'null' }));
      n.mapsTo += ' + add_edge(condition=…)';
    }
    if (s?.aggregation) {
      n.notes.push(msg('migration.note.aggregation'));
      n.mapsTo += ' + main.py aggregate()';
    } else if (n.after.length > 1) {
      n.notes.push(msg('migration.note.fanIn', { sources: n.after.join(', ') }));
      n.mapsTo += ' + add_fan_in_edges';
    }
    const out = targets.get(n.name) ?? [];
    if (out.length > 1) n.notes.push(msg('migration.note.fanOut', { targets: out.join(', ') }));
  }
}

function flowItems(spec: FlowSpec): FlowItem[] {
  const items: FlowItem[] = [];
  for (const i of spec.inputs) {
    if (i.isChatInput) items.push({ subject: `inputs.${i.name}`, readiness: 'automatic', note: msg('migration.item.chatInput') });
    if (i.isChatHistory) items.push({ subject: `inputs.${i.name}`, readiness: 'automatic', note: msg('migration.item.chatHistory') });
    if (i.type === 'image') items.push({ subject: `inputs.${i.name}`, readiness: 'review', note: msg('migration.item.image') });
  }
  for (const o of spec.outputs)
    if (o.isChatOutput) items.push({ subject: `outputs.${o.name}`, readiness: 'automatic', note: msg('migration.item.chatOutput') });
  if (spec.environment.image)
    items.push({
      subject: 'environment.image',
      readiness: 'review',
      note: msg('migration.item.image.env', { image: spec.environment.image }),
    });
  if (spec.environment.requirements)
    items.push({
      subject: 'environment.python_requirements_txt',
      readiness: 'automatic',
      note: msg('migration.item.requirements', { path: spec.environment.requirements }),
    });
  return items;
}

function connectionsOf(nodes: NodePlan[]): ConnectionPlan[] {
  const byName = new Map<string, ConnectionPlan>();
  const add = (name: string, type: string, node: string) => {
    const c = byName.get(name) ?? { name, type, variables: connectionVariables(name, type), usedBy: [] };
    if (!c.usedBy.includes(node)) c.usedBy.push(node);
    byName.set(name, c);
  };
  for (const n of nodes) {
    const g = n.generated;
    if (g.kind === 'llm' && g.connection) add(g.connection, PROVIDER_CONNECTION[g.provider], n.name);
    if (g.kind === 'python')
      for (const [param, type] of Object.entries(g.connections)) {
        const v = n.spec?.inputs.find(([k]) => k === param)?.[1];
        if (v?.kind === 'literal' && typeof v.value === 'string') add(v.value, type, n.name);
      }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function planFlex(spec: FlowSpec, files: FileHost, blockers: Blocker[]): NodePlan[] {
  const entry = spec.entry ?? '';
  const [module, fn] = entry.split(':');
  const file = module ? resolveInFlow(files, spec.folder, spec.additionalIncludes, `${module.replace(/\./g, '/')}.py`) : undefined;
  const text = file ? (files.readFile(file) ?? '') : undefined;
  const base = { name: fn || entry, type: 'flex', after: [] as string[] };
  if (!module || !fn || text === undefined) {
    const note = msg('migration.note.flexEntryMissing', { entry });
    blockers.push({ kind: 'missingSource', node: base.name, note });
    return [{ ...base, mapsTo: 'Executor', readiness: 'manual', notes: [note], generated: { kind: 'manual' } }];
  }
  const isClass = new RegExp(`^class\\s+${fn}\\b`, 'm').test(text);
  const notes = [isClass ? msg('migration.note.flexClass', { entry }) : msg('migration.note.flexFunction', { entry })];
  return [
    {
      ...base,
      mapsTo: `Executor → ${entry}`,
      readiness: isClass ? 'review' : 'automatic',
      notes,
      generated: { kind: 'flex', module, fn, isClass },
    },
  ];
}

/** The plan of one flow file. */
export function planFlow(path: string, files: FileHost): FlowPlan {
  const text = files.readFile(path) ?? '';
  const blockers: Blocker[] = [];
  const diagnostics = createValidator(files, { incremental: false }).validate({ path, text });
  for (const d of diagnostics.filter((x) => x.severity === 'error'))
    blockers.push({
      kind: 'invalidFlow',
      note: msg('migration.blocker.invalid', { line: d.range.start.line + 1, code: d.code, message: d.message }),
    });
  // A file the validator refuses to read for its size is not parsed here either.
  const spec = Buffer.byteLength(text) > MAX_VALIDATED_BYTES ? undefined : readFlowSpec(path, files);
  if (!spec) {
    if (!blockers.length) blockers.push({ kind: 'invalidFlow', note: msg('migration.blocker.unreadable') });
    return { path, kind: 'dagFlow', readiness: 'manual', generatable: false, nodes: [], items: [], connections: [], blockers };
  }
  const nodes = spec.kind === 'flexFlow' ? planFlex(spec, files, blockers) : spec.nodes.map((n) => planNode(spec, n, files, blockers));
  if (spec.kind === 'dagFlow') wiringNotes(nodes);
  const items = flowItems(spec);
  const invalid = blockers.some((b) => b.kind === 'invalidFlow');
  return {
    path,
    kind: spec.kind,
    readiness: invalid ? 'manual' : worst([...nodes.map((n) => n.readiness), ...items.map((i) => i.readiness)]),
    generatable: !invalid,
    nodes,
    items,
    connections: connectionsOf(nodes),
    blockers,
    spec,
  };
}

export interface PlanSummary {
  flows: number;
  generatable: number;
  nodes: Record<Readiness, number>;
  blockers: Partial<Record<BlockerKind, number>>;
}

export function summarize(plans: readonly FlowPlan[]): PlanSummary {
  const s: PlanSummary = { flows: plans.length, generatable: 0, nodes: { automatic: 0, review: 0, manual: 0 }, blockers: {} };
  for (const p of plans) {
    if (p.generatable) s.generatable++;
    for (const n of p.nodes) s.nodes[n.readiness]++;
    for (const b of p.blockers) s.blockers[b.kind] = (s.blockers[b.kind] ?? 0) + 1;
  }
  return s;
}
