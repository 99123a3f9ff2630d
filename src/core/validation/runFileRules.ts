// run.yml rules (S5): paths relative to the run file, identity, column mapping and variants. The editor,
// `pfsession validate` and run submission all check a run file with these rules (submission adds what
// it needs besides: a local flow, and data or a run to evaluate).
import { dirname, resolve } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { readFlowFile, locateFlow } from '../flow/folder';
import { Codes } from './codes';
import type { NamedRule, RuleContext } from './context';
import { raw, type Message, type RawDiagnostic } from './diag';
import { guardText } from './guard';
import { applyRules } from './context';
import type { FileHost } from './types';
import { checkSchema, locateIn } from './schema';
import { normalizeLineBreaks, pairOf, parseYamlFile, rangeOf, stringAt, valueOf, type ParsedYamlFile } from './yamlTools';
import { msg } from '../i18n';

const REMOTE_DATA = /^(azureml:|https?:\/\/|wasbs?:\/\/|abfss?:\/\/)/i;

/** Data a run reads from a URI (an Azure ML data asset, a URL, a blob or lake path) rather than a local file. */
export const isRemoteData = (value: string): boolean => REMOTE_DATA.test(value.trim());

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
  if (!data || isRemoteData(data.value)) return [];
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

/** What a submission needs besides a run file without errors. */
const submitRules: NamedRule<ParsedYamlFile>[] = [
  {
    name: 'local flow',
    run(f) {
      const flow = stringAt(f.doc.contents, 'flow');
      return flow && /^azureml:/i.test(flow.value.trim())
        ? [raw(flow.start, flow.end, 'error', Codes.runFlowMissing, msg('validation.run.remoteSubmit'))]
        : [];
    },
  },
  {
    name: 'data or run',
    run(f) {
      // The SDK refuses a run with neither: an evaluation run may take its inputs from the run it evaluates.
      if (stringAt(f.doc.contents, 'data')?.value || stringAt(f.doc.contents, 'run')?.value) return [];
      const end = f.doc.contents?.range?.[0] ?? 0;
      return [raw(end, end, 'error', Codes.runDataMissing, msg('validation.run.dataOrRun'))];
    },
  },
];

/** The first error of a run file, for a submission to refuse with, as the editor shows it (offset and message). */
export interface RunFileError {
  start: number;
  code: string;
  message: Message;
}

/**
 * A run file as run submission reads it: its value when the run-file checks find no error, else the
 * first error (the same checks and messages as the editor's, plus what a submission needs).
 */
export function checkRunForSubmit(path: string, text: string, files: FileHost): { run: Record<string, unknown> } | { error: RunFileError } {
  const normalized = normalizeLineBreaks(text);
  const first = (found: RawDiagnostic[]) => {
    const e = found.filter((d) => d.severity === 'error').sort((a, b) => a.start - b.start)[0];
    return e && { error: { start: e.start, code: e.code, message: e.message } };
  };
  const blocked = guardText(normalized, true);
  if (blocked) return { error: { start: blocked.start, code: blocked.code, message: blocked.message } };
  const { file, diagnostics } = parseYamlFile(normalized);
  const parseError = first(diagnostics);
  if (parseError) return parseError;
  if (!file) return { error: { start: 0, code: Codes.schema, message: msg('validation.notMapping') } };
  const ruleError = first(applyRules([...runFileRules, ...submitRules], file, { path, text: normalized, files }));
  return ruleError ?? { run: file.js as Record<string, unknown> };
}
