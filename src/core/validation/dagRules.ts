// Rules over the whole DAG: they read node summaries and the small top-level blocks only, so they
// stay cheap on 1,000-node flows.
import { isMap, isScalar, type Pair } from 'yaml';
import { Codes } from './codes';
import type { NamedRule, RuleContext } from './context';
import type { DagModel, NodeUnit, TopEntry } from './dagModel';
import { collectSource, type NodeSummary } from './dagNode';
import { raw, type RawDiagnostic } from './diag';
import { msg } from '../i18n';
import { checkFlowPaths, checkMultipleFlowFiles, readFlowPaths } from './flowFiles';
import { parseReference } from './references';
import { checkSchema, type Locate } from './schema';
import { nodeAtPath, rangeOf, scalarValue, stringAt, stringScalars, valueOf } from './yamlTools';

function entry(m: DagModel, key: string): TopEntry | undefined {
  return m.top.find((e) => e.key === key);
}

function pairs(e: TopEntry | undefined): { pair: Pair; key: string; start: number; end: number }[] {
  if (!e || !isMap(e.value)) return [];
  return e.value.items.map((pair) => {
    const [s, en] = rangeOf(pair.key);
    return { pair, key: isScalar(pair.key) ? String(pair.key.value) : '', start: s + e.base, end: en + e.base };
  });
}

const byNameCache = new WeakMap<DagModel, Map<string, NodeSummary>>();

/** First node of each name; computed once per model, shared by the rules. */
function byName(m: DagModel): Map<string, NodeSummary> {
  let map = byNameCache.get(m);
  if (map) return map;
  map = new Map<string, NodeSummary>();
  for (const n of m.nodes) if (n.summary.name !== undefined && !map.has(n.summary.name)) map.set(n.summary.name, n.summary);
  byNameCache.set(m, map);
  return map;
}

const topSchema: NamedRule<DagModel> = {
  name: 'schema',
  run(m) {
    const value: Record<string, unknown> = {};
    for (const e of m.top) value[e.key] = e.js;
    const locate: Locate = (path) => {
      const e = entry(m, path[0]);
      if (!e) return { node: undefined, base: 0 };
      if (path.length === 1) return { node: e.value ?? e.keyNode, key: e.keyNode, base: e.base };
      return { ...nodeAtPath(e.value, path.slice(1)), base: e.base };
    };
    const out = checkSchema('dagFlow', value, locate);
    // Duplicate top-level keys: each slice was parsed alone, so compare across entries.
    const seen = new Set<string>();
    for (const e of m.top) {
      if (seen.has(e.key)) {
        const [s, en] = rangeOf(e.keyNode);
        out.push(raw(s + e.base, en + e.base, 'error', Codes.duplicateKey, msg('validation.duplicateKey', { key: e.key })));
      }
      seen.add(e.key);
    }
    return out;
  },
};

const duplicates: NamedRule<DagModel> = {
  name: 'duplicate nodes',
  run(m, ctx) {
    const first = new Map<string, NodeUnit>();
    const out: RawDiagnostic[] = [];
    for (const unit of m.nodes) {
      const n = unit.summary;
      if (n.name === undefined) continue;
      const prev = first.get(n.name);
      if (!prev) first.set(n.name, unit);
      else {
        out.push({
          ...raw(n.start + unit.base, n.end + unit.base, 'error', Codes.duplicateNode, msg('validation.nodeNameTaken', { name: n.name })),
          related: [
            {
              uri: ctx.path,
              start: prev.summary.start + prev.base,
              end: prev.summary.end + prev.base,
              message: msg('validation.firstNodeOfName'),
            },
          ],
        });
      }
    }
    return out;
  },
};

function inputNames(m: DagModel): Set<string> {
  return new Set(pairs(entry(m, 'inputs')).map((p) => p.key));
}

function referenceProblem(
  text: string,
  inputs: Set<string>,
  nodes: Map<string, NodeSummary>,
  start: number,
  end: number,
): RawDiagnostic | undefined {
  const ref = parseReference(text);
  if (!ref) return undefined;
  if (ref.kind === 'input' && !inputs.has(ref.name)) {
    return raw(start, end, 'error', Codes.unknownInput, msg('validation.unknownInput', { name: ref.name }));
  }
  if (ref.kind === 'node' && !nodes.has(ref.name)) {
    return raw(start, end, 'error', Codes.unknownNode, msg('validation.unknownNode', { name: ref.name }));
  }
  return undefined;
}

const references: NamedRule<DagModel> = {
  name: 'references',
  run(m) {
    const inputs = inputNames(m);
    const nodes = byName(m);
    const out: RawDiagnostic[] = [];
    for (const { summary, base } of m.nodes) {
      for (const r of summary.refs) {
        if (r.ref.kind === 'input' && !inputs.has(r.ref.name)) {
          out.push(raw(r.start + base, r.end + base, 'error', Codes.unknownInput, msg('validation.unknownInput', { name: r.ref.name })));
        } else if (r.ref.kind === 'node' && !nodes.has(r.ref.name)) {
          out.push(raw(r.start + base, r.end + base, 'error', Codes.unknownNode, msg('validation.unknownNode', { name: r.ref.name })));
        }
      }
    }
    // References inside variant bodies resolve the same way as those of the node itself.
    for (const v of variantReferences(m)) {
      const p = referenceProblem(v.text, inputs, nodes, v.start, v.end);
      if (p) out.push(p);
    }
    const outputs = entry(m, 'outputs');
    for (const o of pairs(outputs)) {
      if (!isMap(o.pair.value)) continue;
      const ref = stringAt(o.pair.value, 'reference');
      if (!ref || ref.value.trim() === '') {
        out.push(
          raw(
            o.start,
            o.end,
            'error',
            Codes.emptyOutputReference,
            msg('validation.outputNoReference', { name: o.key, nodeOutput: '${node.output}', flowInput: '${inputs.x}' }),
          ),
        );
        continue;
      }
      const p = referenceProblem(ref.value, inputs, nodes, ref.start + outputs!.base, ref.end + outputs!.base);
      if (p) out.push(p);
    }
    return out;
  },
};

interface VariantReference {
  node: string;
  variant: string;
  isDefault: boolean;
  text: string;
  start: number;
  end: number;
}

/** `${...}` values in node_variants.<node>.variants.<id>.node.inputs, with absolute offsets. */
function variantReferences(m: DagModel): VariantReference[] {
  const nv = entry(m, 'node_variants');
  const out: VariantReference[] = [];
  for (const p of pairs(nv)) {
    const def = stringAt(p.pair.value, 'default_variant_id')?.value;
    const vs = valueOf(p.pair.value, 'variants');
    if (!isMap(vs)) continue;
    for (const v of vs.items) {
      const id = isScalar(v.key) ? String(v.key.value) : '';
      stringScalars(valueOf(valueOf(v.value, 'node'), 'inputs'), (text, s, e) => {
        if (parseReference(text))
          out.push({ node: p.key, variant: id, isDefault: id === def, text, start: s + nv!.base, end: e + nv!.base });
      });
    }
  }
  return out;
}

/** Tarjan's strongly connected components, iterative so a long chain cannot overflow the stack. */
function components(names: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of names) {
    if (index.has(root)) continue;
    const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const next = edges.get(top.v) ?? [];
      if (top.i < next.length) {
        const w = next[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        out.push(comp);
      }
    }
  }
  return out;
}

/** A path from `from` back to `to` inside one component, for the message. */
function cyclePath(from: string, to: string, edges: Map<string, string[]>, inComp: Set<string>): string[] {
  const prev = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const v = queue.shift()!;
    if (v === to) break;
    for (const w of edges.get(v) ?? []) {
      if (inComp.has(w) && !seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  const path = [to];
  while (path[0] !== from && prev.has(path[0])) path.unshift(prev.get(path[0])!);
  return path;
}

const cycles: NamedRule<DagModel> = {
  name: 'cycles',
  run(m) {
    const nodes = byName(m);
    const edges = new Map<string, string[]>();
    for (const [name, s] of nodes) {
      edges.set(
        name,
        s.refs.filter((r) => r.ref.kind === 'node' && nodes.has(r.ref.name)).map((r) => (r.ref as { name: string }).name),
      );
    }
    // A node that uses variants depends on what its default variant references.
    const viaVariant = new Map<string, VariantReference>();
    for (const v of variantReferences(m)) {
      const ref = parseReference(v.text);
      if (!v.isDefault || ref?.kind !== 'node' || !nodes.get(v.node)?.useVariants || !nodes.has(ref.name)) continue;
      edges.get(v.node)!.push(ref.name);
      viaVariant.set(`${v.node}>${ref.name}`, v);
    }
    const out: RawDiagnostic[] = [];
    for (const comp of components([...nodes.keys()], edges)) {
      const only = comp[0];
      if (comp.length === 1 && !(edges.get(only) ?? []).includes(only)) continue;
      const inComp = new Set(comp);
      // Report on one edge of the cycle: the first in-cycle reference of the first node in file order.
      let reported = false;
      for (const unit of m.nodes) {
        const owner = unit.summary;
        if (reported || owner.name === undefined || !inComp.has(owner.name)) continue;
        const edge = owner.refs.find((r) => r.ref.kind === 'node' && inComp.has(r.ref.name));
        const variantEdge = edge
          ? undefined
          : [...viaVariant.values()].find((v) => v.node === owner.name && inComp.has((parseReference(v.text) as { name: string }).name));
        if (!edge && !variantEdge) continue;
        const target = edge ? (edge.ref as { name: string }).name : (parseReference(variantEdge!.text) as { name: string }).name;
        const loop = [owner.name, ...cyclePath(target, owner.name, edges, inComp)];
        const path = loop.join(' → ');
        const text = edge?.inActivate
          ? msg('validation.cycleActivate', { loop: path })
          : variantEdge
            ? msg('validation.cycleVariant', { loop: path, variant: variantEdge.variant })
            : msg('validation.cycle', { loop: path });
        const [s, e] = edge ? [edge.start + unit.base, edge.end + unit.base] : [variantEdge!.start, variantEdge!.end];
        out.push(raw(s, e, 'error', Codes.cycle, text));
        reported = true;
      }
    }
    return out;
  },
};

const aggregation: NamedRule<DagModel> = {
  name: 'aggregation',
  run(m) {
    const nodes = byName(m);
    const out: RawDiagnostic[] = [];
    for (const { summary: n, base } of m.nodes) {
      for (const r of n.refs) {
        if (r.ref.kind !== 'node') continue;
        const target = nodes.get(r.ref.name);
        if (!target) continue;
        if (!n.aggregation && target.aggregation && !r.inActivate) {
          out.push(
            raw(
              r.start + base,
              r.end + base,
              'error',
              Codes.aggregationReference,
              msg('validation.aggregationOutput', { node: String(n.name), target: String(target.name) }),
            ),
          );
        }
        if (n.aggregation && r.inActivate && !target.aggregation) {
          out.push(
            raw(
              r.start + base,
              r.end + base,
              'error',
              Codes.aggregationActivate,
              msg('validation.aggregationActivate', { node: String(n.name), target: String(target.name) }),
            ),
          );
        }
      }
    }
    return out;
  },
};

function flagged(e: TopEntry | undefined, flag: string): { key: string; start: number; end: number }[] {
  return pairs(e).filter((p) => isMap(p.pair.value) && scalarValue(p.pair.value, flag) === true);
}

const chat: NamedRule<DagModel> = {
  name: 'chat',
  run(m) {
    const out: RawDiagnostic[] = [];
    const chatInputs = flagged(entry(m, 'inputs'), 'is_chat_input');
    const chatOutputs = flagged(entry(m, 'outputs'), 'is_chat_output');
    for (const extra of chatInputs.slice(1)) {
      out.push(
        raw(
          extra.start,
          extra.end,
          'error',
          Codes.chatInputs,
          msg('validation.chatInputTwice', { first: chatInputs[0].key, extra: extra.key }),
        ),
      );
    }
    for (const extra of chatOutputs.slice(1)) {
      out.push(
        raw(
          extra.start,
          extra.end,
          'error',
          Codes.chatOutputs,
          msg('validation.chatOutputTwice', { first: chatOutputs[0].key, extra: extra.key }),
        ),
      );
    }
    if (chatInputs.length > 0 && chatOutputs.length === 0) {
      const first = chatInputs[0];
      out.push(raw(first.start, first.end, 'warning', Codes.chatOutputMissing, msg('validation.chatNoOutput')));
    }
    return out;
  },
};

const variants: NamedRule<DagModel> = {
  name: 'node variants',
  run(m) {
    const out: RawDiagnostic[] = [];
    const nv = entry(m, 'node_variants');
    const declared = new Map(pairs(nv).map((p) => [p.key, p]));
    const nodes = byName(m);
    for (const { summary: n, base } of m.nodes) {
      if (n.useVariants && n.name !== undefined && !declared.has(n.name)) {
        out.push(raw(n.start + base, n.end + base, 'error', Codes.variantsMissing, msg('validation.variantsMissing', { node: n.name })));
      }
    }
    for (const [name, p] of declared) {
      const node = nodes.get(name);
      if (!node || !node.useVariants) {
        out.push(
          raw(
            p.start,
            p.end,
            'warning',
            Codes.variantsUnused,
            msg(node ? 'validation.variantsIgnored' : 'validation.variantsOfNoNode', { node: name }),
          ),
        );
      }
      const block = p.pair.value;
      const def = stringAt(block, 'default_variant_id');
      const ids = isMap(valueOf(block, 'variants'))
        ? pairs({ key: '', keyNode: undefined, value: valueOf(block, 'variants'), base: nv!.base, js: undefined }).map((v) => v.key)
        : [];
      if (def && ids.length && !ids.includes(def.value)) {
        out.push(
          raw(
            def.start + nv!.base,
            def.end + nv!.base,
            'error',
            Codes.defaultVariant,
            msg('validation.defaultVariant', { id: def.value, ids: ids.join(', ') }),
          ),
        );
      }
    }
    return out;
  },
};

const files: NamedRule<DagModel> = {
  name: 'files',
  run(m, ctx: RuleContext) {
    const inc = entry(m, 'additional_includes');
    const env = entry(m, 'environment');
    const paths = readFlowPaths(inc?.value, inc?.base ?? 0, env?.value, env?.base ?? 0, env?.keyNode);
    for (const { summary, base } of m.nodes) {
      for (const s of summary.sources)
        paths.sources.push({
          value: s.value,
          start: s.start + base,
          end: s.end + base,
          what: msg('validation.what.nodeSource', { name: String(summary.name) }),
        });
    }
    const nv = entry(m, 'node_variants');
    for (const p of pairs(nv)) {
      const vs = valueOf(p.pair.value, 'variants');
      if (!isMap(vs)) continue;
      for (const v of vs.items) {
        const found: { value: string; start: number; end: number }[] = [];
        collectSource(valueOf(v.value, 'node'), found);
        for (const f of found)
          paths.sources.push({
            value: f.value,
            start: f.start + nv!.base,
            end: f.end + nv!.base,
            what: msg('validation.what.variantSource', { id: `${p.key}.${isScalar(v.key) ? String(v.key.value) : ''}` }),
          });
      }
    }
    return [...checkFlowPaths(paths, ctx), ...checkMultipleFlowFiles(ctx)];
  },
};

export const dagRules: NamedRule<DagModel>[] = [topSchema, duplicates, references, cycles, aggregation, chat, variants, files];
