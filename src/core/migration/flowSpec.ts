// A flow as the migration reads it: the validator's own parse of the flow file (core/validation's
// YAML reading and reference syntax), flattened into plain data the plan and the generator share.
// A node that uses variants is read as its default variant; the other variant ids are kept to be named.
import { dirname } from 'node:path';
import { readFlowText } from '../flow';
import type { FileHost } from '../flow/types';
import { parseReference, type Reference } from '../validation/references';
import { docJs, parseYaml } from '../validation/yamlTools';

export interface InputSpec {
  name: string;
  type: string;
  default?: unknown;
  hasDefault: boolean;
  isChatInput: boolean;
  isChatHistory: boolean;
}

/** Where a flow output's value comes from. */
export type OutputSource =
  { kind: 'node'; node: string; path: string[] } | { kind: 'input'; name: string } | { kind: 'literal'; value: unknown };

export interface OutputSpec {
  name: string;
  source: OutputSource;
  isChatOutput: boolean;
}

/** A node input: a literal, a flow input or a node's output (with a property path). */
export type InputValue = { kind: 'literal'; value: unknown } | { kind: 'ref'; ref: Exclude<Reference, { kind: 'bad' }> };

export interface NodeSpec {
  name: string;
  /** `python`, `llm`, `prompt`, `custom_llm`, … as written. */
  type: string;
  /** `source.type` (`code` or `package`) and its path or tool id. */
  sourceType?: string;
  sourcePath?: string;
  tool?: string;
  /** `function:` of a python node, when written. */
  functionName?: string;
  api?: string;
  provider?: string;
  connection?: string;
  module?: string;
  inputs: [string, InputValue][];
  activate?: { when: InputValue; is: unknown };
  aggregation: boolean;
  /** Variant ids other than the generated default. */
  otherVariants: string[];
  defaultVariant?: string;
}

export interface FlowSpec {
  kind: 'dagFlow' | 'flexFlow';
  path: string;
  folder: string;
  inputs: InputSpec[];
  outputs: OutputSpec[];
  nodes: NodeSpec[];
  environment: { image?: string; requirements?: string };
  additionalIncludes: string[];
  /** Flex flows: `entry` as written (`module:function`). */
  entry?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function inputValue(v: unknown): InputValue {
  const ref = typeof v === 'string' ? parseReference(v) : undefined;
  return ref && ref.kind !== 'bad' ? { kind: 'ref', ref } : { kind: 'literal', value: v };
}

function outputSource(v: unknown): OutputSource {
  const ref = typeof v === 'string' ? parseReference(v) : undefined;
  if (ref?.kind === 'node') return { kind: 'node', node: ref.name, path: ref.field };
  if (ref?.kind === 'input') return { kind: 'input', name: ref.name };
  return { kind: 'literal', value: v };
}

function readNode(raw: Obj, variants: Obj): NodeSpec {
  let n = raw;
  let otherVariants: string[] = [];
  let defaultVariant: string | undefined;
  const name = str(raw.name) ?? '';
  const block = isObj(variants[name]) ? (variants[name] as Obj) : undefined;
  if (raw.use_variants === true && block && isObj(block.variants)) {
    const ids = Object.keys(block.variants);
    defaultVariant = str(block.default_variant_id) ?? ids[0];
    otherVariants = ids.filter((id) => id !== defaultVariant);
    const chosen = (block.variants as Obj)[defaultVariant ?? ''];
    if (isObj(chosen) && isObj(chosen.node)) n = { ...chosen.node, name };
  }
  const source = isObj(n.source) ? n.source : {};
  const inputs = isObj(n.inputs) ? Object.entries(n.inputs).map(([k, v]) => [k, inputValue(v)] as [string, InputValue]) : [];
  const act = isObj(raw.activate) ? raw.activate : undefined;
  return {
    name,
    type: str(n.type) ?? '',
    sourceType: str(source.type),
    sourcePath: str(source.path),
    tool: str(source.tool),
    functionName: str(n.function),
    api: str(n.api),
    provider: str(n.provider),
    connection: str(n.connection),
    module: str(n.module),
    inputs,
    activate: act && 'when' in act ? { when: inputValue(act.when), is: act.is } : undefined,
    aggregation: raw.aggregation === true || raw.reduce === true,
    otherVariants,
    defaultVariant,
  };
}

/** The flow file's content as plain data; undefined when it is not a mapping that can be read. */
export function readFlowSpec(path: string, files: FileHost): FlowSpec | undefined {
  const text = files.readFile(path);
  if (text === undefined) return undefined;
  const { doc } = parseYaml(text);
  let js: unknown;
  try {
    js = doc ? docJs(doc) : undefined;
  } catch {
    return undefined;
  }
  if (!isObj(js)) return undefined;
  const info = readFlowText(text);
  const inputs: InputSpec[] = Object.entries(isObj(js.inputs) ? js.inputs : {}).map(([name, d]) => {
    const o = isObj(d) ? d : {};
    return {
      name,
      type: str(o.type) ?? 'string',
      default: o.default,
      hasDefault: 'default' in o,
      isChatInput: o.is_chat_input === true,
      isChatHistory: o.is_chat_history === true || (str(o.type) === 'list' && name === 'chat_history'),
    };
  });
  const outputs: OutputSpec[] = Object.entries(isObj(js.outputs) ? js.outputs : {}).map(([name, d]) => {
    const o = isObj(d) ? d : {};
    return { name, source: outputSource(o.reference), isChatOutput: o.is_chat_output === true };
  });
  const variants = isObj(js.node_variants) ? js.node_variants : {};
  const nodes = Array.isArray(js.nodes) ? js.nodes.filter(isObj).map((n) => readNode(n, variants)) : [];
  return {
    kind: info.kind,
    path,
    folder: dirname(path),
    inputs,
    outputs,
    nodes,
    environment: { image: info.environment.image, requirements: info.environment.pythonRequirementsTxt },
    additionalIncludes: info.additionalIncludes,
    entry: str(js.entry),
  };
}

/** Every node a node depends on (its inputs and its `activate` condition), each once, in order of mention. */
export function dependencies(node: NodeSpec): string[] {
  const out: string[] = [];
  const add = (v: InputValue | undefined) => {
    if (v?.kind === 'ref' && v.ref.kind === 'node' && !out.includes(v.ref.name)) out.push(v.ref.name);
  };
  for (const [, v] of node.inputs) add(v);
  add(node.activate?.when);
  return out;
}
