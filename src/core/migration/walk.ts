// The flow files under a path: a flow file itself, or every flow file in a folder, walked as
// `pfsession validate` walks it (sorted, the same folders skipped).
import { join } from 'node:path';
import { isFlowFileName } from '../flow';
import type { FileHost } from '../flow/types';

const SKIP_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'dist', 'out', '.vscode-test']);

export function flowFilesUnder(path: string, files: FileHost, out: string[] = []): string[] {
  if (!files.isDirectory(path)) {
    if (files.exists(path)) out.push(path);
    return out;
  }
  for (const name of [...files.listDir(path)].sort()) {
    const p = join(path, name);
    if (files.isDirectory(p)) {
      if (!SKIP_DIRS.has(name)) flowFilesUnder(p, files, out);
    } else if (isFlowFileName(name)) out.push(p);
  }
  return out;
}
