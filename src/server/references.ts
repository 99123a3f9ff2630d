// What a `${…}` reference may name in the current document: flow inputs and node names in flows;
// data columns and the referenced flow's inputs/outputs/variants in run files.
import { openSync, readSync, closeSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { FileHost } from '../core/validation';
import type { DocModel, DocModels } from './docModel';
import { FLOW_FILE_NAMES } from '../core/flow/files';

const isRemote = (v: string) => /^(azureml:|https?:)/i.test(v);

/** The flow a run file points at (folder or file), read through the host (open documents first). */
export function runFlow(model: DocModel, files: FileHost, models: DocModels): DocModel | undefined {
  const flow = model.outline.top.get('flow')?.value;
  if (!flow || isRemote(flow)) return undefined;
  const target = resolve(dirname(model.path), flow);
  const candidates = files.isDirectory(target) ? FLOW_FILE_NAMES.map((n) => join(target, n)) : [target];
  for (const c of candidates) {
    const text = files.readFile(c);
    if (text !== undefined) return models.fromText(c, text);
  }
  return undefined;
}

/** Column names of a run's local data file, from its first line only (jsonl keys or csv header). */
export function dataColumns(model: DocModel, files: FileHost): string[] {
  const data = model.outline.top.get('data')?.value;
  if (!data || isRemote(data)) return [];
  const path = resolve(dirname(model.path), data);
  if (!files.exists(path) || files.isDirectory(path)) return [];
  const first = firstLine(path);
  if (!first) return [];
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv')
    return first
      .split(ext === '.csv' ? ',' : '\t')
      .map((c) => c.trim().replace(/^"|"$/g, ''))
      .filter(Boolean);
  try {
    const row: unknown = JSON.parse(first);
    return row && typeof row === 'object' && !Array.isArray(row) ? Object.keys(row) : [];
  } catch {
    return [];
  }
}

/** Reads at most 64 KB: the header is all we need, and data files can be large. */
function firstLine(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
