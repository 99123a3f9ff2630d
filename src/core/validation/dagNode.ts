// What the cross-node rules need to know about one node, read once per node text and cached:
// its name, flags and every reference with its range.
import { isMap, isScalar } from 'yaml';
import { Codes } from './codes';
import { raw, type RawDiagnostic } from './diag';
import { parseReference, type Reference } from './references';
import { pairOf, rangeOf, scalarValue, stringAt, stringScalars, valueOf } from './yamlTools';
import { msg } from '../i18n';

export interface NodeRef {
  ref: Reference;
  start: number;
  end: number;
  /** From `activate.when` rather than `inputs`. */
  inActivate: boolean;
}

export interface PathRef {
  value: string;
  start: number;
  end: number;
}

export interface NodeSummary {
  name?: string;
  /** Range of the name value, or of the item's first line when unnamed. */
  start: number;
  end: number;
  type?: string;
  aggregation: boolean;
  useVariants: boolean;
  refs: NodeRef[];
  sources: PathRef[];
}

const MODULE = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** Summary and node-local diagnostics (offsets relative to the same text as `node`). */
export function summarizeNode(node: unknown): { summary: NodeSummary; diagnostics: RawDiagnostic[] } {
  const diagnostics: RawDiagnostic[] = [];
  const [ns] = rangeOf(node);
  const name = stringAt(node, 'name');
  const summary: NodeSummary = {
    name: name?.value,
    start: name?.start ?? ns,
    end: name?.end ?? ns + 1,
    type: typeof scalarValue(node, 'type') === 'string' ? (scalarValue(node, 'type') as string) : undefined,
    aggregation: scalarValue(node, 'aggregation') === true || scalarValue(node, 'reduce') === true,
    useVariants: scalarValue(node, 'use_variants') === true,
    refs: [],
    sources: [],
  };
  stringScalars(valueOf(node, 'inputs'), (v, s, e) => {
    const ref = parseReference(v);
    if (ref) summary.refs.push({ ref, start: s, end: e, inActivate: false });
  });
  const activate = pairOf(node, 'activate');
  if (activate && isMap(activate.value)) {
    const when = valueOf(activate.value, 'when');
    if (isScalar(when) && typeof when.value === 'string') {
      const ref = parseReference(when.value);
      const [s, e] = rangeOf(when);
      if (ref) summary.refs.push({ ref, start: s, end: e, inActivate: true });
    }
    const missing = ['when', 'is'].filter((k) => !pairOf(activate.value, k));
    if (missing.length) {
      const [s, e] = rangeOf(activate.key);
      diagnostics.push(
        raw(
          s,
          e,
          'error',
          Codes.activateIncomplete,
          msg('validation.activateIncomplete', { missing: missing.length > 1 ? msg('validation.activateBoth') : `"${missing[0]}"` }),
        ),
      );
    }
  }
  collectSource(node, summary.sources);
  if (summary.type === 'llm' && !summary.useVariants && !pairOf(node, 'api')) {
    const t = valueOf(node, 'type');
    const [s, e] = rangeOf(t);
    diagnostics.push(raw(s, e, 'error', Codes.llmApiMissing, msg('validation.llmApi')));
  }
  const mod = stringAt(node, 'module');
  if (mod && !MODULE.test(mod.value)) {
    diagnostics.push(raw(mod.start, mod.end, 'error', Codes.badModule, msg('validation.modulePath', { module: mod.value })));
  }
  for (const r of summary.refs) {
    if (r.ref.kind === 'bad') {
      diagnostics.push(
        raw(
          r.start,
          r.end,
          'error',
          Codes.badReference,
          msg('validation.badReference', {
            reference: `\${${r.ref.text}}`,
            a: '${inputs.x}',
            b: '${node}',
            c: '${node.output}',
            d: '${node.output.field}',
          }),
        ),
      );
    }
  }
  return { summary, diagnostics };
}

/** `source.path` of a node or variant body, when it names a file. */
export function collectSource(body: unknown, into: PathRef[]): void {
  const src = valueOf(body, 'source');
  if (isScalar(src) && typeof src.value === 'string') {
    const [s, e] = rangeOf(src);
    into.push({ value: src.value, start: s, end: e });
    return;
  }
  const path = stringAt(src, 'path');
  if (path && scalarValue(src, 'type') !== 'package') into.push(path);
}
