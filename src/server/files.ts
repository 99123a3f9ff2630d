// How the validator sees files while editing: open documents (unsaved text) first, then the disk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileHost } from '../core/validation';
import { MAX_TEXT_FILE_BYTES, readTextBounded, realPath } from '../core/flow/access';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // fall through: a malformed file URI is treated like any other scheme
    }
  }
  return decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '/'));
}

export const pathToUri = (p: string): string => pathToFileURL(p).href;

export class WorkspaceFiles implements FileHost {
  constructor(
    private readonly openText: (absPath: string) => string | undefined,
    private readonly openPaths: () => Iterable<string>,
  ) {}

  readFile(absPath: string): string | undefined {
    const open = this.openText(absPath);
    if (open !== undefined) return open;
    // Regular files only, bounded: a FIFO or a device named by a flow must not stall the server.
    const r = readTextBounded(absPath, MAX_TEXT_FILE_BYTES);
    return 'text' in r ? r.text : undefined;
  }

  realPath(absPath: string): string | undefined {
    // An open document that is not saved yet has none: the validator then compares paths as written.
    return realPath(absPath);
  }

  exists(absPath: string): boolean {
    return this.openText(absPath) !== undefined || existsSync(absPath);
  }

  isDirectory(absPath: string): boolean {
    try {
      return statSync(absPath).isDirectory();
    } catch {
      return false;
    }
  }

  listDir(absPath: string): string[] {
    let names: string[] = [];
    try {
      names = readdirSync(absPath);
    } catch {
      names = [];
    }
    // A new file that is open but not saved yet still counts as present.
    for (const p of this.openPaths()) if (dirname(p) === absPath && !names.includes(basename(p))) names.push(basename(p));
    return names;
  }
}
