// Flex flow rules: the entry must name a module the session can import.
import { dirname, join, resolve } from 'node:path';
import { isMap, isSeq } from 'yaml';
import { resolveInFlow } from '../flow/folder';
import { Codes } from './codes';
import type { NamedRule } from './context';
import { orList, raw, type RawDiagnostic } from './diag';
import { checkFlowPaths, checkMultipleFlowFiles, readFlowPaths } from './flowFiles';
import { checkSchema, locateIn } from './schema';
import { pairOf, scalarValue, stringAt, valueOf, type ParsedYamlFile } from './yamlTools';
import { msg } from '../i18n';

export type { ParsedYamlFile } from './yamlTools';

const PY_ENTRY = /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*):([A-Za-z_]\w*)$/;

export const flexRules: NamedRule<ParsedYamlFile>[] = [
  { name: 'schema', run: (f) => checkSchema('flexFlow', f.js, locateIn(f.doc.contents)) },
  {
    name: 'entry',
    run(f, ctx) {
      const entry = stringAt(f.doc.contents, 'entry');
      if (!entry || scalarValue(f.doc.contents, 'language') === 'csharp') return [];
      const m = PY_ENTRY.exec(entry.value.trim());
      if (!m) {
        return [raw(entry.start, entry.end, 'error', Codes.flexEntry, msg('validation.flexEntry', { entry: entry.value }))];
      }
      const folder = dirname(ctx.path);
      const code = stringAt(f.doc.contents, 'code');
      const root = code ? resolve(folder, code.value) : folder;
      const out: RawDiagnostic[] = [];
      if (code && !ctx.files.isDirectory(root)) {
        out.push(raw(code.start, code.end, 'error', Codes.flexCodeMissing, msg('validation.flexCodeMissing', { path: code.value })));
        return out;
      }
      const includes = isSeq(valueOf(f.doc.contents, 'additional_includes')) ? docJsArray(f.js, 'additional_includes') : [];
      const rel = m[1].split('.');
      const candidates = [join(...rel) + '.py', join(...rel, '__init__.py')];
      const found = candidates.some((c) => resolveInFlow(ctx.files, root, code ? [] : includes, c));
      if (!found) {
        out.push(
          raw(
            entry.start,
            entry.end,
            'error',
            Codes.flexEntryMissing,
            msg('validation.flexModuleMissing', { module: m[1], candidates: orList(candidates), folder: root }),
          ),
        );
      }
      return out;
    },
  },
  {
    name: 'files',
    run(f, ctx) {
      const root = f.doc.contents;
      const inc = pairOf(root, 'additional_includes')?.value;
      const envPair = pairOf(root, 'environment');
      const env = isMap(envPair?.value) ? envPair.value : undefined;
      return [...checkFlowPaths(readFlowPaths(inc, 0, env, 0, envPair?.key), ctx), ...checkMultipleFlowFiles(ctx)];
    },
  },
];

function docJsArray(js: unknown, key: string): string[] {
  const v = js && typeof js === 'object' ? (js as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
