// Document links for paths a flow or run file names (source.path, python_requirements_txt,
// additional_includes, run flow/data) and for `-r`/`-c` includes of requirements files.
// Only targets that exist as files (or a flow folder's flow file) get a link.
import { dirname, join, resolve } from 'node:path';
import type { DocumentLink } from 'vscode-languageserver/node';
import type { FileHost } from '../core/validation';
import type { DocModel } from './docModel';
import { pathToUri } from './files';
import type { Located } from './outline';
import { FLOW_FILE_NAMES } from '../core/flow/files';

const REMOTE = /^(azureml:|https?:)/i;

export function linksOf(model: DocModel, files: FileHost): DocumentLink[] {
  const base = dirname(model.path);
  const out: DocumentLink[] = [];
  const add = (line: number, col: number, raw: string, target: string | undefined) => {
    if (target)
      out.push({ range: { start: { line, character: col }, end: { line, character: col + raw.length } }, target: pathToUri(target) });
  };
  const fileTarget = (value: string): string | undefined => {
    const p = resolve(base, value);
    if (!files.exists(p)) return undefined;
    if (!files.isDirectory(p)) return p;
    return FLOW_FILE_NAMES.map((n) => join(p, n)).find((f) => files.exists(f));
  };
  const addLocated = (loc: Located | undefined) => {
    if (!loc?.value || loc.valueCol === undefined || REMOTE.test(loc.value)) return;
    const text = model.lines[loc.line] ?? '';
    const col = text.indexOf(loc.value, loc.valueCol);
    if (col >= 0) add(loc.line, col, loc.value, fileTarget(loc.value));
  };
  if (model.kind === 'requirements') {
    model.lines.forEach((text, line) => {
      const m = /^(\s*(?:-r|-c|--requirement|--constraint)[\s=]+)(\S+)/.exec(text);
      if (m) add(line, m[1].length, m[2], fileTarget(m[2]));
    });
    return out;
  }
  if (model.kind === 'run') {
    addLocated(model.outline.top.get('flow'));
    addLocated(model.outline.top.get('data'));
    return out;
  }
  for (const loc of model.outline.paths) addLocated(loc);
  return out;
}
