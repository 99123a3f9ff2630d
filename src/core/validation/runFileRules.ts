// run.yml rules (S5): paths relative to the run file, identity, column mapping and variants.
import { dirname, resolve } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { readFlowFile, locateFlow } from '../flow/folder';
import { Codes } from './codes';
import type { NamedRule, RuleContext } from './context';
import { raw, type RawDiagnostic } from './diag';
import type { ParsedYamlFile } from './flexRules';
import { checkSchema, locateIn } from './schema';
import { pairOf, rangeOf, stringAt, valueOf } from './yamlTools';

const REMOTE_DATA = /^(azureml:|https?:\/\/|wasbs?:\/\/|abfss?:\/\/)/i;

function local(ctx: RuleContext, value: string): string {
  return resolve(dirname(ctx.path), value);
}

function flowPathRule(f: ParsedYamlFile, ctx: RuleContext): RawDiagnostic[] {
  const flow = stringAt(f.doc.contents, 'flow');
  if (!flow) return [];
  const v = flow.value.trim();
  if (/^azureml:/i.test(v)) {
    return /^azureml:(\/\/.+|[A-Za-z0-9][\w.-]*(:[\w.-]+|@[\w.-]+)?)$/i.test(v)
      ? []
      : [raw(flow.start, flow.end, 'error', Codes.runFlowMissing, `"${v}" is not a valid remote flow. Use azureml:<flow-name>.`)];
  }
  const abs = local(ctx, v);
  if (!ctx.files.exists(abs)) {
    return [
      raw(
        flow.start,
        flow.end,
        'error',
        Codes.runFlowMissing,
        `Flow "${v}" is not found relative to this run file (looked for ${abs}) and is not azureml:<flow-name>. Fix the path.`,
      ),
    ];
  }
  return [];
}

function dataPathRule(f: ParsedYamlFile, ctx: RuleContext): RawDiagnostic[] {
  const data = stringAt(f.doc.contents, 'data');
  if (!data || REMOTE_DATA.test(data.value.trim())) return [];
  const abs = local(ctx, data.value.trim());
  return ctx.files.exists(abs)
    ? []
    : [
        raw(
          data.start,
          data.end,
          'error',
          Codes.runDataMissing,
          `Data "${data.value}" is not found relative to this run file (looked for ${abs}). Fix the path or use azureml://... / https://...`,
        ),
      ];
}

function localFileRule(key: string, f: ParsedYamlFile, ctx: RuleContext): RawDiagnostic[] {
  const v = stringAt(f.doc.contents, key);
  if (!v) return [];
  const abs = local(ctx, v.value.trim());
  return ctx.files.exists(abs)
    ? []
    : [
        raw(
          v.start,
          v.end,
          'error',
          Codes.runFileMissing,
          `${key} file "${v.value}" is not found relative to this run file. Fix the path or write the values inline.`,
        ),
      ];
}

function identityRule(f: ParsedYamlFile): RawDiagnostic[] {
  const id = valueOf(f.doc.contents, 'identity');
  if (!isMap(id)) return [];
  const type = stringAt(id, 'type');
  const client = pairOf(id, 'client_id');
  if (client && type?.value !== 'managed') {
    const [s, e] = rangeOf(client.key);
    return [
      raw(
        s,
        e,
        'error',
        Codes.identityClientId,
        'client_id is only used with identity type: managed. Set type: managed or remove client_id.',
      ),
    ];
  }
  return [];
}

const MAPPING = /^\$\{(data|run\.outputs|run\.inputs)\.[^{}.\s][^{}]*\}$/;

function columnMappingRule(f: ParsedYamlFile): RawDiagnostic[] {
  const cm = valueOf(f.doc.contents, 'column_mapping');
  if (!isMap(cm)) return [];
  const hasRun = !!stringAt(f.doc.contents, 'run');
  const out: RawDiagnostic[] = [];
  for (const p of cm.items) {
    if (!isScalar(p.value) || typeof p.value.value !== 'string') continue;
    const text = p.value.value.trim();
    if (!text.includes('${')) continue;
    const [s, e] = rangeOf(p.value);
    if (!MAPPING.test(text)) {
      out.push(
        raw(
          s,
          e,
          'error',
          Codes.columnMappingForm,
          `"${text}" is not a column mapping the service understands. Use \${data.column}, \${run.outputs.name} or \${run.inputs.name}.`,
        ),
      );
    } else if (text.startsWith('${run.') && !hasRun) {
      out.push(
        raw(
          s,
          e,
          'error',
          Codes.runReferenceWithoutRun,
          `"${text}" reads a base run, but this file sets no "run". Add run: <base run name> or map from \${data.column}.`,
        ),
      );
    }
  }
  return out;
}

function variantRule(f: ParsedYamlFile, ctx: RuleContext): RawDiagnostic[] {
  const variant = stringAt(f.doc.contents, 'variant');
  if (!variant) return [];
  const m = /^\$\{([^{}.]+)\.([^{}.]+)\}$/.exec(variant.value.trim());
  if (!m)
    return [
      raw(variant.start, variant.end, 'error', Codes.variantForm, `variant "${variant.value}" must look like \${node_name.variant_id}.`),
    ];
  const flow = stringAt(f.doc.contents, 'flow');
  if (!flow || /^azureml:/i.test(flow.value)) return [];
  const resolved = locateFlow(local(ctx, flow.value.trim()), ctx.files);
  const info = resolved && readFlowFile(resolved.flowFile, ctx.files);
  if (!info || info.kind !== 'dagFlow') return [];
  const [, node, id] = m;
  const ids = info.variants.get(node);
  if (!info.nodeNames.includes(node) || !ids) {
    return [
      raw(
        variant.start,
        variant.end,
        'error',
        Codes.variantUnknown,
        `The flow has no node "${node}" with variants. Use one of: ${[...info.variants.keys()].join(', ') || '(none)'}.`,
      ),
    ];
  }
  if (!ids.includes(id)) {
    return [
      raw(
        variant.start,
        variant.end,
        'error',
        Codes.variantUnknown,
        `Node "${node}" has no variant "${id}". Use one of: ${ids.join(', ')}.`,
      ),
    ];
  }
  return [];
}

export const runFileRules: NamedRule<ParsedYamlFile>[] = [
  { name: 'schema', run: (f) => checkSchema('run', f.js, locateIn(f.doc.contents)) },
  { name: 'flow path', run: flowPathRule },
  { name: 'data path', run: dataPathRule },
  {
    name: 'env file',
    run: (f, ctx) => (isScalar(valueOf(f.doc.contents, 'environment_variables')) ? localFileRule('environment_variables', f, ctx) : []),
  },
  { name: 'init file', run: (f, ctx) => (isScalar(valueOf(f.doc.contents, 'init')) ? localFileRule('init', f, ctx) : []) },
  { name: 'identity', run: identityRule },
  { name: 'column mapping', run: columnMappingRule },
  { name: 'variant', run: variantRule },
];
