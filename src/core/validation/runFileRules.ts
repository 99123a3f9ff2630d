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
import { msg } from '../i18n';

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
      : [raw(flow.start, flow.end, 'error', Codes.runFlowMissing, msg('validation.run.remoteFlow', { flow: v }))];
  }
  const abs = local(ctx, v);
  if (!ctx.files.exists(abs)) {
    return [raw(flow.start, flow.end, 'error', Codes.runFlowMissing, msg('validation.run.flowMissing', { flow: v, path: abs }))];
  }
  return [];
}

function dataPathRule(f: ParsedYamlFile, ctx: RuleContext): RawDiagnostic[] {
  const data = stringAt(f.doc.contents, 'data');
  if (!data || REMOTE_DATA.test(data.value.trim())) return [];
  const abs = local(ctx, data.value.trim());
  return ctx.files.exists(abs)
    ? []
    : [raw(data.start, data.end, 'error', Codes.runDataMissing, msg('validation.run.dataMissing', { data: data.value, path: abs }))];
}

function localFileRule(key: string, f: ParsedYamlFile, ctx: RuleContext): RawDiagnostic[] {
  const v = stringAt(f.doc.contents, key);
  if (!v) return [];
  const abs = local(ctx, v.value.trim());
  return ctx.files.exists(abs)
    ? []
    : [raw(v.start, v.end, 'error', Codes.runFileMissing, msg('validation.run.fileMissing', { key, file: v.value }))];
}

function identityRule(f: ParsedYamlFile): RawDiagnostic[] {
  const id = valueOf(f.doc.contents, 'identity');
  if (!isMap(id)) return [];
  const type = stringAt(id, 'type');
  const client = pairOf(id, 'client_id');
  if (client && type?.value !== 'managed') {
    const [s, e] = rangeOf(client.key);
    return [raw(s, e, 'error', Codes.identityClientId, msg('validation.run.clientId'))];
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
          msg('validation.run.columnMapping', { mapping: text, a: '${data.column}', b: '${run.outputs.name}', c: '${run.inputs.name}' }),
        ),
      );
    } else if (text.startsWith('${run.') && !hasRun) {
      out.push(
        raw(s, e, 'error', Codes.runReferenceWithoutRun, msg('validation.run.noBaseRun', { mapping: text, column: '${data.column}' })),
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
      raw(
        variant.start,
        variant.end,
        'error',
        Codes.variantForm,
        msg('validation.run.variantForm', { variant: variant.value, form: '${node_name.variant_id}' }),
      ),
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
        msg('validation.run.noVariantNode', { node, nodes: [...info.variants.keys()].join(', ') || msg('validation.list.none') }),
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
        msg('validation.run.noVariant', { node, variant: id, ids: ids.join(', ') }),
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
