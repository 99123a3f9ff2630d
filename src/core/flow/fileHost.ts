// The disk as the core sees it. The language server passes its own host (open documents first);
// the CLI and the session service use this one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { FileHost } from './types';

export const nodeFileHost: FileHost = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
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
};
