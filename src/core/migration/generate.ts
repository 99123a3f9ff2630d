// The Python project generated from a flow's plan: workflow.py (a module-level `workflow` built with
// WorkflowBuilder, one executor per node), main.py, pf_runtime.py, the promptflow stand-in, the flow's
// own files under flow/, requirements.txt, .env.example, README.md and migration.json. The same plan and
// files give the same bytes; nothing here writes to disk or sends anything anywhere.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { joinList, render, t, type Locale } from '../i18n';
import { normalizePackageName, parseRequirements, resolveInFlow } from '../flow';
import type { FileHost } from '../flow/types';
import { redact } from '../redact';
import type { InputValue, NodeSpec } from './flowSpec';
import type { FlowPlan, NodePlan } from './plan';
import { ERROR_KEY, MAIN_PY } from './python/main';
import { PF_RUNTIME } from './python/runtime';
import { SHIM_FILES } from './python/shim';
import { pyDocText, pyIdentifier, pyLiteral, pyString } from './pythonText';
import { connectionVariables, envPrefix } from './tools';

/** The Agent Framework release the generated code is written for (read in microsoft/agent-framework). */
export const AGENT_FRAMEWORK = { core: '1.13.0', openai: '1.12.0' } as const;

export interface GeneratedFile {
  path: string;
  content: string | Buffer;
  /** Copied from the flow unchanged (the rest is generated text). */
  copied: boolean;
}

export interface GeneratedProject {
  files: GeneratedFile[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', '.promptflow', '.runs']);
/** The flow's own files are copied up to these bounds; what is left out is named in migration.json. */
const MAX_COPIED_BYTES = 5 * 1024 * 1024;
const MAX_COPIED_FILES = 2000;

interface Wiring {
  /** `.add_…` lines of the builder, in order. */
  edges: string[];
  /** The same edges as data, for migration.json. */
  records: { kind: string; sources: string[]; targets: string[]; condition?: string }[];
}

function ref(v: InputValue): string {
  if (v.kind === 'literal') return pyLiteral(v.value);
  if (v.ref.kind === 'input') return `Input(${pyString(v.ref.name)})`;
  return `NodeOutput(${[v.ref.name, ...v.ref.field].map(pyString).join(', ')})`;
}

function inputsDict(node: NodeSpec): string {
  return `{${node.inputs.map(([k, v]) => `${pyString(k)}: ${ref(v)}`).join(', ')}}`;
}

function modelExpr(node: NodeSpec, model: string | undefined): string {
  if (model !== undefined) return pyString(model);
  for (const key of ['deployment_name', 'model']) {
    const v = node.inputs.find(([k]) => k === key)?.[1];
    if (v?.kind === 'ref') return `inputs[${pyString(key)}]`;
  }
  return 'None  # REVIEW: set the deployment or model';
}

/** The body of a node's function. Generated code is not localised: its texts are English. */
function nodeBody(n: NodePlan): string[] {
  const g = n.generated;
  switch (g.kind) {
    case 'python':
      return [`return await rt.call_python(rt.python_tool(${pyString(g.path)}, ${pyString(g.fn ?? '')}), inputs)`];
    case 'flex':
      return [`return await rt.call_python(rt.python_tool(${pyString(g.module)}, ${pyString(g.fn)})${g.isClass ? '()' : ''}, inputs)`];
    case 'prompt':
      return [`return rt.render(${pyString(g.path)}, inputs)`];
    case 'llm': {
      const lines =
        g.api === 'chat'
          ? [`messages = rt.chat_messages(rt.render(${pyString(g.path)}, inputs, escape_roles=True))`]
          : [
              `# REVIEW: completion API: the rendered prompt goes to the chat API as one user message.`,
              `messages = [Message("user", [rt.render(${pyString(g.path)}, inputs)])]`,
            ];
      const model = modelExpr(n.spec!, g.model);
      const p = g.connection ? envPrefix(g.connection) : undefined;
      const args: string[] = [`model=${model}`];
      if (p && g.provider === 'AzureOpenAI')
        args.push(
          `azure_endpoint=rt.env("${p}_API_BASE")`,
          `api_version=rt.env("${p}_API_VERSION", required=False)`,
          `api_key=rt.env("${p}_API_KEY")`,
        );
      else if (p && g.provider === 'OpenAI')
        args.push(
          `api_key=rt.env("${p}_API_KEY")`,
          `base_url=rt.env("${p}_BASE_URL", required=False)`,
          `org_id=rt.env("${p}_ORGANIZATION", required=False)`,
        );
      else if (p) args.push(`api_key=rt.env("${p}_API_KEY")`, `base_url=rt.env("${p}_API_BASE")`);
      lines.push(`client = OpenAIChatCompletionClient(`, ...args.map((a) => `    ${a},`), `)`);
      lines.push(`response = await client.get_response(messages, options=rt.chat_options(inputs))`, `return response.text`);
      return lines;
    }
    case 'manual':
      return [
        `raise rt.ManualNode(${pyString(render('en', { id: 'migration.manual.raise', args: { name: n.name, note: n.notes[0] ?? '' } }))})`,
      ];
  }
}

function wire(plan: FlowPlan, vars: Map<string, string>): Wiring {
  const line = plan.nodes.filter((n) => !n.spec?.aggregation);
  const lineNames = new Set(line.map((n) => n.name));
  const exit = (name: string) => (plan.nodes.find((n) => n.name === name)?.spec?.activate ? `${vars.get(name)}_done` : vars.get(name)!);
  const edges: string[] = [];
  const records: Wiring['records'] = [];
  const singles = new Map<string, string[]>();
  const consumed = new Set<string>();
  const single = (source: string, target: string) => singles.set(source, [...(singles.get(source) ?? []), target]);
  const fanIn = (sources: string[], target: string) => {
    edges.push(`.add_fan_in_edges([${sources.join(', ')}], ${target})`);
    records.push({ kind: 'fanIn', sources, targets: [target] });
  };
  for (const n of line) {
    const v = vars.get(n.name)!;
    const preds = n.after.filter((a) => lineNames.has(a));
    preds.forEach((p) => consumed.add(p));
    const sources = preds.length ? preds.map(exit) : ['flow_inputs'];
    const act = n.spec?.activate;
    if (!act) {
      if (sources.length === 1) single(sources[0], v);
      else fanIn(sources, v);
      continue;
    }
    let entry = sources[0];
    if (sources.length > 1) {
      entry = `${v}_join`;
      fanIn(sources, entry);
    }
    const cond = `rt.condition(${ref(act.when)}, ${pyLiteral(act.is)})`;
    const neg = `rt.condition(${ref(act.when)}, ${pyLiteral(act.is)}, negate=True)`;
    edges.push(`.add_edge(${entry}, ${v}, condition=${cond})`, `.add_edge(${entry}, ${v}_bypassed, condition=${neg})`);
    edges.push(`.add_edge(${v}, ${v}_done)`, `.add_edge(${v}_bypassed, ${v}_done)`);
    records.push(
      { kind: 'conditional', sources: [entry], targets: [v], condition: cond },
      { kind: 'conditional', sources: [entry], targets: [`${v}_bypassed`], condition: neg },
      { kind: 'edge', sources: [v, `${v}_bypassed`], targets: [`${v}_done`] },
    );
  }
  const sinks = line.filter((n) => !consumed.has(n.name)).map((n) => exit(n.name));
  if (sinks.length > 1) fanIn(sinks, 'flow_outputs');
  else single(sinks[0] ?? 'flow_inputs', 'flow_outputs');
  const singleEdges: string[] = [];
  for (const [source, targets] of singles) {
    if (targets.length > 1) {
      singleEdges.push(`.add_fan_out_edges(${source}, [${targets.join(', ')}])`);
      records.push({ kind: 'fanOut', sources: [source], targets });
    } else {
      singleEdges.push(`.add_edge(${source}, ${targets[0]})`);
      records.push({ kind: 'edge', sources: [source], targets });
    }
  }
  // migration.json names executors by their ids, as the workflow's events do, not by Python variables.
  const ids = new Map<string, string>([
    ['flow_inputs', 'flow.inputs'],
    ['flow_outputs', 'flow.outputs'],
  ]);
  for (const [name, v] of vars)
    for (const suffix of ['', '_bypassed', '_done', '_join']) ids.set(v + suffix, name + suffix.replace('_', '.'));
  const id = (v: string) => ids.get(v) ?? v;
  return {
    edges: [...singleEdges, ...edges],
    records: records.map((r) => ({ ...r, sources: r.sources.map(id), targets: r.targets.map(id) })),
  };
}

/** Aggregation nodes in an order where each comes after the aggregation nodes it reads, as prompt flow runs them. */
function inDependencyOrder(nodes: NodePlan[]): NodePlan[] {
  const left = [...nodes];
  const out: NodePlan[] = [];
  while (left.length) {
    const names = new Set(left.map((n) => n.name));
    const i = left.findIndex((n) => !n.after.some((a) => names.has(a)));
    out.push(...left.splice(i < 0 ? 0 : i, 1)); // a cycle is the validator's error; keep the written order then
  }
  return out;
}

function workflowPy(
  plan: FlowPlan,
  flowLabel: string,
): { text: string; vars: Map<string, string>; fns: Map<string, string>; wiring: Wiring } {
  const spec = plan.spec!;
  const taken = new Set([
    'rt',
    'workflow',
    'flow_inputs',
    'flow_outputs',
    'Input',
    'NodeOutput',
    'Message',
    'WorkflowBuilder',
    'OpenAIChatCompletionClient',
    'Any',
    'FLOW_INPUTS',
    'FLOW_OUTPUTS',
    'AGGREGATION',
  ]);
  const fns = new Map<string, string>();
  const vars = new Map<string, string>();
  for (const n of plan.nodes) fns.set(n.name, pyIdentifier(n.name, 'node_', taken));
  for (const n of plan.nodes) vars.set(n.name, pyIdentifier(n.name, 'x_', taken));
  const aggregation = inDependencyOrder(plan.nodes.filter((n) => n.spec?.aggregation));
  const aggNames = new Set(aggregation.map((n) => n.name));
  const llm = plan.nodes.some((n) => n.generated.kind === 'llm');
  const completion = plan.nodes.some((n) => n.generated.kind === 'llm' && n.generated.api === 'completion');
  const out: string[] = [
    // Python's own text, not the product's: generated code is English whatever the locale (the brief of
    // the migration), so it is one docstring literal rather than catalogue entries.
    `"""Agent Framework workflow of the prompt flow ${pyDocText(flowLabel)}.

Generated by pfsession migrate generate for agent-framework-core ${AGENT_FRAMEWORK.core} (Python 3.10 or later).
One executor per node; migration.json maps nodes to executors; README.md lists what to review.
"""`,
    '',
    'from typing import Any',
    '',
    `from agent_framework import ${completion ? 'Message, ' : ''}WorkflowBuilder`,
  ];
  if (llm) out.push('from agent_framework.openai import OpenAIChatCompletionClient');
  out.push('', 'import pf_runtime as rt', 'from pf_runtime import Input, NodeOutput', '');
  out.push('# Flow inputs: name -> (type, has a default, default).');
  out.push('FLOW_INPUTS = {');
  for (const i of spec.inputs)
    out.push(`    ${pyString(i.name)}: (${pyString(i.type)}, ${i.hasDefault ? 'True' : 'False'}, ${pyLiteral(i.default)}),`);
  out.push('}', '');
  out.push('# Flow outputs of a line (outputs that read an aggregation node are left out, as prompt flow does).');
  out.push('FLOW_OUTPUTS = {');
  for (const o of spec.outputs) {
    if (o.source.kind === 'node' && aggNames.has(o.source.node)) continue;
    const v =
      o.source.kind === 'node'
        ? `NodeOutput(${[o.source.node, ...o.source.path].map(pyString).join(', ')})`
        : o.source.kind === 'input'
          ? `Input(${pyString(o.source.name)})`
          : pyLiteral(o.source.value);
    out.push(`    ${pyString(o.name)}: ${v},`);
  }
  out.push('}', '');
  for (const n of plan.nodes) {
    const doc = `${n.type} node ${n.name}: ${n.notes.map((m) => render('en', m)).join(' ')}`;
    out.push(
      '',
      `async def ${fns.get(n.name)}(inputs: dict) -> Any:`,
      `    """${n.readiness === 'automatic' ? '' : n.readiness.toUpperCase() + ': '}${pyDocText(doc)}"""`,
    );
    for (const l of nodeBody(n)) out.push(`    ${l}`);
    out.push('');
  }
  out.push('', '# Aggregation nodes: (node, function, inputs), run once after all lines by main.py.');
  if (!aggregation.length) out.push('AGGREGATION = []', '', '');
  else {
    out.push('AGGREGATION = [');
    for (const n of aggregation) out.push(`    (${pyString(n.name)}, ${fns.get(n.name)}, ${inputsDict(n.spec!)}),`);
    out.push(']', '', '');
  }
  out.push('flow_inputs = rt.FlowInputs(FLOW_INPUTS)');
  const flexEntry = plan.kind === 'flexFlow' ? plan.nodes[0]?.name : undefined;
  for (const n of plan.nodes.filter((x) => !aggNames.has(x.name))) {
    const v = vars.get(n.name)!;
    const inputs = plan.kind === 'flexFlow' ? 'None' : inputsDict(n.spec!);
    const after = `[${n.after.map(pyString).join(', ')}]`;
    out.push(
      `${v} = rt.NodeExecutor(${pyString(n.name)}, ${fns.get(n.name)}, ${inputs}, ${after}${n.spec?.activate ? ', activated=True' : ''})`,
    );
    if (n.spec?.activate) {
      out.push(`${v}_bypassed = rt.Bypassed(${pyString(n.name)})`, `${v}_done = rt.Done(${pyString(n.name)})`);
      if (n.after.length > 1) out.push(`${v}_join = rt.Join(${pyString(n.name + '.join')})`);
    }
  }
  out.push(
    `flow_outputs = rt.FlowOutputs(FLOW_OUTPUTS, keep_state=bool(AGGREGATION)${flexEntry ? `, entry=${pyString(flexEntry)}` : ''})`,
    '',
  );
  const wiring = wire(plan, vars);
  out.push('workflow = (');
  out.push(
    `    WorkflowBuilder(name=${pyString(basename(spec.folder))}, description=${pyString(`prompt flow ${flowLabel}`)}, start_executor=flow_inputs)`,
  );
  for (const e of wiring.edges) out.push(`    ${e}`);
  out.push('    .build()', ')', '');
  return { text: out.join('\n'), vars, fns, wiring };
}

function requirementsTxt(plan: FlowPlan, files: FileHost): string {
  const llm = plan.nodes.some((n) => n.generated.kind === 'llm');
  const out = [
    `# Agent Framework (the generated code is written for agent-framework-core ${AGENT_FRAMEWORK.core})`,
    `agent-framework-core>=${AGENT_FRAMEWORK.core},<2`,
  ];
  if (llm) out.push(`agent-framework-openai>=${AGENT_FRAMEWORK.openai},<2`);
  out.push('jinja2>=3', 'python-dotenv>=1', 'typing-extensions>=4.8');
  const spec = plan.spec!;
  const req = resolveInFlow(files, spec.folder, spec.additionalIncludes, spec.environment.requirements ?? 'requirements.txt');
  const text = req ? files.readFile(req) : undefined;
  if (text !== undefined) {
    const kept = parseRequirements(text)
      .filter((l) => l.kind !== 'blank' && l.kind !== 'comment')
      .filter((l) => !l.name || !['promptflow', 'promptflow-tools', 'jinja2', 'python-dotenv'].includes(normalizePackageName(l.name)))
      .map((l) => l.text.trim());
    if (kept.length) out.push('', "# From the flow's requirements (without promptflow and promptflow-tools)", ...kept);
  }
  return out.join('\n') + '\n';
}

function envExample(plan: FlowPlan): string {
  const out = ['# The connections of the flow, one variable per field. Fill in the values in .env (never commit it).'];
  for (const c of plan.connections) {
    out.push('', `# ${c.name} (${c.type}), used by ${c.usedBy.join(', ')}`);
    if (c.type === 'CustomConnection') out.push(`# ${envPrefix(c.name)}_SECRET_<KEY>=`, `# ${envPrefix(c.name)}_CONFIG_<KEY>=`);
    for (const v of c.type === 'CustomConnection' ? [] : connectionVariables(c.name, c.type)) out.push(`${v}=`);
  }
  return out.join('\n') + '\n';
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

function readme(plan: FlowPlan, flowLabel: string, locale: Locale, workflow: string, fns: Map<string, string>): string {
  const out = [`# ${t(locale, 'migration.readme.title', { flow: basename(plan.spec!.folder) })}`, ''];
  out.push(t(locale, 'migration.readme.intro', { path: flowLabel, version: AGENT_FRAMEWORK.core }), '');
  out.push(
    `## ${t(locale, 'migration.readme.run')}`,
    '',
    t(locale, 'migration.readme.runSteps', { record: `{"${ERROR_KEY}": {"type": …, "message": …, "node": …}}` }),
    '',
  );
  out.push(`## ${t(locale, 'migration.readme.layout')}`, '', t(locale, 'migration.readme.layoutText'), '');
  out.push(`## ${t(locale, 'migration.readme.todo')}`, '');
  const todo = plan.nodes.filter((n) => n.readiness !== 'automatic');
  if (!todo.length && !plan.items.some((i) => i.readiness !== 'automatic')) out.push(t(locale, 'migration.readme.noTodo'));
  for (const n of todo) {
    const fn = fns.get(n.name)!;
    const place = `workflow.py:${lineOf(workflow, `async def ${fn}(`)} (${fn})`;
    out.push(
      `- ${t(locale, 'migration.readme.todoItem', {
        readiness: t(locale, `migration.readiness.${n.readiness}`),
        name: n.name,
        place,
        note: n.notes.map((m) => render(locale, m)).join(' '),
      })}`,
    );
  }
  for (const i of plan.items.filter((x) => x.readiness !== 'automatic'))
    out.push(`- ${t(locale, `migration.readiness.${i.readiness}`)}: ${i.subject}: ${render(locale, i.note)}`);
  out.push('', `## ${t(locale, 'migration.readme.variables')}`, '');
  const vars = plan.connections.flatMap((c) =>
    c.type === 'CustomConnection' ? [`${envPrefix(c.name)}_SECRET_<KEY>`, `${envPrefix(c.name)}_CONFIG_<KEY>`] : c.variables,
  );
  out.push(
    vars.length
      ? joinList(
          locale,
          vars.map((v) => `\`${v}\``),
        )
      : t(locale, 'migration.readme.noVariables'),
  );
  out.push('', t(locale, 'migration.readme.parity'), '');
  return out.join('\n');
}

/** The flow's own files (and its additional includes), each with its place under flow/. */
function copiedFiles(plan: FlowPlan, files: FileHost, outDir?: string): { files: GeneratedFile[]; skipped: string[] } {
  const out: GeneratedFile[] = [];
  const skipped: string[] = [];
  // Bytes, not text: a flow folder may hold images or other binary files, and they are copied unchanged.
  const read = (abs: string, rel: string) => {
    let bytes: Buffer;
    try {
      if (statSync(abs).size > MAX_COPIED_BYTES || out.length >= MAX_COPIED_FILES) return void skipped.push(rel);
      bytes = readFileSync(abs);
    } catch {
      return;
    }
    out.push({ path: `flow/${rel}`, content: bytes, copied: true });
  };
  const walk = (dir: string, rel: string) => {
    for (const name of [...files.listDir(dir)].sort()) {
      const abs = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (files.isDirectory(abs)) {
        // The project may be generated inside the flow folder: its own files are not the flow's.
        if (!SKIP_DIRS.has(name) && abs !== outDir) walk(abs, r);
      } else read(abs, r);
    }
  };
  const folder = plan.spec!.folder;
  walk(folder, '');
  for (const inc of plan.spec!.additionalIncludes) {
    const abs = resolve(folder, inc);
    if (!files.exists(abs)) continue;
    if (files.isDirectory(abs)) walk(abs, basename(abs));
    else read(abs, basename(abs));
  }
  const seen = new Set<string>();
  return { files: out.filter((f) => !seen.has(f.path) && seen.add(f.path)), skipped };
}

export const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** The project of a flow whose plan is generatable. `flowLabel` names the flow in the texts (a relative path). */
export function generateProject(
  plan: FlowPlan,
  files: FileHost,
  locale: Locale,
  flowLabel = basename(plan.path),
  outDir?: string,
): GeneratedProject {
  if (!plan.generatable || !plan.spec) throw new Error(`${plan.path} cannot be generated until it validates`);
  const label = flowLabel.split(sep).join('/');
  const wf = workflowPy(plan, label);
  const copied = copiedFiles(plan, files, outDir && resolve(outDir));
  const generated: GeneratedFile[] = [
    // workflow.py is code: its values from the flow pass through redact one by one (pyLiteral).
    { path: 'workflow.py', content: wf.text, copied: false },
    { path: 'main.py', content: MAIN_PY, copied: false },
    { path: 'pf_runtime.py', content: PF_RUNTIME, copied: false },
    ...Object.entries(SHIM_FILES).map(([path, content]) => ({ path, content, copied: false })),
    { path: 'requirements.txt', content: requirementsTxt(plan, files), copied: false },
    { path: '.env.example', content: envExample(plan), copied: false },
    { path: 'README.md', content: readme(plan, label, locale, wf.text, wf.fns), copied: false },
  ].map((f) => (f.path === 'workflow.py' ? f : { ...f, content: redact(f.content as string) }));
  const all = [...generated, ...copied.files];
  const manifest = {
    flow: label,
    generator: 'pfsession migrate generate',
    agentFramework: AGENT_FRAMEWORK,
    readiness: plan.readiness,
    nodes: plan.nodes.map((n) => ({
      node: n.name,
      type: n.type,
      executor: n.spec?.aggregation ? null : n.name,
      function: wf.fns.get(n.name),
      aggregation: Boolean(n.spec?.aggregation),
      mapsTo: n.mapsTo,
      readiness: n.readiness,
    })),
    edges: wf.wiring.records,
    notCopied: copied.skipped,
    files: Object.fromEntries(all.map((f) => [f.path, sha256(f.content)])),
  };
  return { files: [...all, { path: 'migration.json', content: JSON.stringify(manifest, null, 2) + '\n', copied: false }] };
}
