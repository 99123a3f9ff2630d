// Completion: keys by YAML path, values of enumerated keys (tool, identity, value types…), node and
// input names, and `${…}` references. All from the outline; no YAML parse on the request path.
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver/node';
import type { FileHost } from '../core/validation';
import type { DocModel, DocModels } from './docModel';
import { treeFor } from './hover';
import { nodeAt } from './keyTree';
import { t, type Locale } from '../core/i18n';
import { pick } from './keyTree';
import { dataColumns, runFlow } from './references';
import { pathAt, shapeOf } from './yamlLines';
import { workspaceCompletions } from './workspaceItems';
import type { WorkspaceFacts } from '../core/flow/workspaceFacts';

interface Context {
  model: DocModel;
  pos: Position;
  locale: Locale;
  files: FileHost;
  models: DocModels;
  /** The chosen workspace's data (connections, deployments, tools), when the extension has sent it. */
  facts?: WorkspaceFacts;
}

export function completeAt(ctx: Context): CompletionItem[] {
  const { model, pos } = ctx;
  const line = model.lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  const ref = /\$\{([^}\s]*)$/.exec(before);
  if (ref) return referenceItems(ctx, ref[1], line.slice(pos.character).startsWith('}'));
  const fromWorkspace = workspaceCompletions(model, pos, ctx.facts, ctx.locale);
  const tree = treeFor(model.kind);
  if (!tree) return fromWorkspace;
  const at = pathAt(model.lines, pos.line, pos.character);
  if (fromWorkspace.length) return fromWorkspace;
  if (at.onKey) {
    const parent = nodeAt(tree, at.path);
    const present = siblingKeys(model.lines, pos.line);
    return Object.entries(parent?.keys ?? {})
      .filter(([k]) => !present.has(k) || k === at.key)
      .map(([k, node]) => ({
        label: k,
        kind: CompletionItemKind.Property,
        insertText: `${k}: `,
        documentation: pick(ctx.locale, node.doc),
      }));
  }
  return valueItems(ctx, at.path);
}

function valueItems(ctx: Context, path: string[]): CompletionItem[] {
  const { model } = ctx;
  const tree = treeFor(model.kind);
  const node = tree && nodeAt(tree, path);
  const items: CompletionItem[] = (node?.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
  const last = path.at(-1);
  if (model.kind === 'dagFlow' && last === 'default_variant_id' && path[0] === 'node_variants') {
    for (const id of model.outline.variants.get(path[1]) ?? []) items.push({ label: id, kind: CompletionItemKind.EnumMember });
  }
  // A node input or an output reference: offer whole references.
  const inNodeInputs = path[0] === 'nodes' && path[2] === 'inputs' && path.length === 4;
  if (
    (model.kind === 'dagFlow' && (inNodeInputs || last === 'reference' || last === 'when')) ||
    (model.kind === 'flexFlow' && last === 'reference')
  ) {
    for (const i of model.outline.inputs)
      items.push({
        label: `\${inputs.${i.name}}`,
        kind: CompletionItemKind.Variable,
        detail: t(ctx.locale, 'server.flowInput', { name: i.name }),
      });
    for (const n of model.outline.nodes)
      items.push({
        label: `\${${n.name}.output}`,
        kind: CompletionItemKind.Reference,
        detail: t(ctx.locale, 'server.nodeOutput', { name: n.name }),
      });
  }
  if (model.kind === 'run' && path.length === 1 && last === 'variant') {
    const flow = runFlow(model, ctx.files, ctx.models);
    for (const [nodeName, ids] of flow?.outline.variants ?? [])
      for (const id of ids) items.push({ label: `\${${nodeName}.${id}}`, kind: CompletionItemKind.EnumMember });
  }
  if (model.kind === 'run' && path[0] === 'column_mapping' && path.length === 2) {
    for (const c of dataColumns(model, ctx.files))
      items.push({ label: `\${data.${c}}`, kind: CompletionItemKind.Field, detail: t(ctx.locale, 'server.dataColumn') });
  }
  return items;
}

/** Completes inside `${…`: `typed` is what follows `${` up to the cursor. */
function referenceItems(ctx: Context, typed: string, closed: boolean): CompletionItem[] {
  const { model, pos, locale } = ctx;
  const dot = typed.lastIndexOf('.');
  const head = dot < 0 ? '' : typed.slice(0, dot);
  const partialStart = pos.character - (typed.length - dot - 1);
  const close = closed ? '' : '}';
  const item = (label: string, kind: CompletionItemKind, detail?: string, more = false): CompletionItem => ({
    label,
    kind,
    detail,
    // A segment that continues (`inputs.`) keeps the reference open; a final one closes it.
    textEdit: { range: { start: { line: pos.line, character: partialStart }, end: pos }, newText: more ? `${label}.` : label + close },
    command: more ? { title: '', command: 'editor.action.triggerSuggest' } : undefined,
  });
  const o = model.outline;
  if (model.kind === 'dagFlow' || model.kind === 'flexFlow') {
    if (head === '')
      return [
        item('inputs', CompletionItemKind.Module, t(locale, 'server.flowInputs'), true),
        ...o.nodes.map((n) => item(n.name, CompletionItemKind.Reference, t(locale, 'server.nodeOutput', { name: n.name }), true)),
      ];
    if (head === 'inputs' || head === 'flow')
      return o.inputs.map((i) => item(i.name, CompletionItemKind.Variable, t(locale, 'server.flowInput', { name: i.name })));
    if (o.nodes.some((n) => n.name === head)) return [item('output', CompletionItemKind.Field, t(locale, 'server.wholeNodeOutput'))];
    return [];
  }
  if (model.kind === 'run') {
    const key = shapeOf(model.lines[pos.line] ?? '')?.key;
    const flow = runFlow(model, ctx.files, ctx.models);
    if (key === 'variant' || (head !== '' && flow?.outline.variants.has(head))) {
      if (head === '') return [...(flow?.outline.variants.keys() ?? [])].map((n) => item(n, CompletionItemKind.Reference, undefined, true));
      return (flow?.outline.variants.get(head) ?? []).map((id) => item(id, CompletionItemKind.EnumMember));
    }
    if (head === '') {
      const out = [item('data', CompletionItemKind.Module, t(locale, 'server.dataColumns'), true)];
      if (o.top.has('run')) out.push(item('run', CompletionItemKind.Module, undefined, true));
      return out;
    }
    if (head === 'data') return dataColumns(model, ctx.files).map((c) => item(c, CompletionItemKind.Field, t(locale, 'server.dataColumn')));
    if (head === 'run')
      return [
        item('outputs', CompletionItemKind.Module, t(locale, 'server.baseRunOutputs'), true),
        item('inputs', CompletionItemKind.Module, t(locale, 'server.baseRunInputs'), true),
      ];
    if (head === 'run.outputs')
      return (flow?.outline.outputs ?? []).map((x) =>
        item(x.name, CompletionItemKind.Field, t(locale, 'server.flowOutput', { name: x.name })),
      );
    if (head === 'run.inputs')
      return (flow?.outline.inputs ?? []).map((x) =>
        item(x.name, CompletionItemKind.Variable, t(locale, 'server.flowInput', { name: x.name })),
      );
  }
  return [];
}

/** Keys already present in the mapping around `line` (same column), so completion does not repeat them. */
function siblingKeys(lines: readonly string[], line: number): Set<string> {
  const own = shapeOf(lines[line] ?? '');
  const col = own?.keyCol ?? (lines[line] ?? '').length - (lines[line] ?? '').trimStart().length;
  const keys = new Set<string>();
  for (const dir of [-1, 1]) {
    for (let i = line + dir; i >= 0 && i < lines.length && Math.abs(i - line) < 500; i += dir) {
      const s = shapeOf(lines[i]);
      if (!s) continue;
      const first = s.dashes[0] ?? s.keyCol;
      if (first < col) {
        // The item line `- name: x` opens this mapping: its key is a sibling too.
        if (dir === -1 && s.keyCol === col && s.key) keys.add(s.key);
        break;
      }
      if (s.keyCol === col && s.key && !s.dashes.length) keys.add(s.key);
      else if (s.dashes.length && first === col - 2 && dir === 1) break;
    }
  }
  return keys;
}
