// The disk as the core sees it. The language server passes its own host (open documents first);
// the CLI and the session service use this one. Reads go through access.ts: regular files only, bounded.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { MAX_TEXT_FILE_BYTES, readTextBounded, realPath } from './access';
import type { FileHost } from './types';

export const nodeFileHost: FileHost = {
  readFile(p) {
    const r = readTextBounded(p, MAX_TEXT_FILE_BYTES);
    return 'text' in r ? r.text : undefined;
  },
  exists: (p) => existsSync(p),
  isDirectory(p) {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  listDir(p) {
    try {
      return readdirSync(p);
    } catch {
      return [];
    }
  },
  realPath,
};
