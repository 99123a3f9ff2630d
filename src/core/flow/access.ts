// How the product touches files a flow or run names: through symlinks to the real path, only regular
// files, never more than a stated number of bytes, and only where the flow may reach. Devices, FIFOs
// and sockets are never opened (a read of /dev/zero never ends, a FIFO blocks forever); the size is
// checked on the opened file before a byte is read. The validator's file host, the environment a
// session is built from and the snapshot a run uploads all read through here.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, normalize, resolve, sep } from 'node:path';

/** The largest flow, run or requirements file read for a session or a run (the editor validates up to 1 MB). */
export const MAX_TEXT_FILE_BYTES = 5_000_000;

export type FileType = 'file' | 'directory' | 'fifo' | 'socket' | 'device' | 'other';

export type AccessProblem =
  | { kind: 'missing' }
  | { kind: 'notFile'; type: Exclude<FileType, 'file'> }
  | { kind: 'tooLarge'; size: number; limit: number }
  | { kind: 'unreadable'; code: string };

export function fileTypeOf(st: Stats): FileType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  return 'other';
}

const errCode = (e: unknown) => (e as { code?: string })?.code ?? 'EIO';

// O_NONBLOCK: opening a FIFO that was put in place of a checked file returns at once instead of waiting
// for a writer; the type is then checked on the open descriptor. O_NOCTTY: a terminal never becomes ours.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The bytes of a regular file, at most `limit` of them; a problem instead when it is missing, not a
 * regular file, larger than `limit`, or unreadable. Symlinks are followed (the caller checks where to).
 */
export function readBounded(path: string, limit: number): { bytes: Buffer } | { problem: AccessProblem } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    const code = errCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: { kind: 'missing' } };
    // Windows and some systems refuse to open a folder for reading.
    if (code === 'EISDIR') return { problem: { kind: 'notFile', type: 'directory' } };
    return { problem: { kind: 'unreadable', code } };
  }
  try {
    const st = fstatSync(fd);
    const type = fileTypeOf(st);
    if (type !== 'file') return { problem: { kind: 'notFile', type } };
    if (st.size > limit) return { problem: { kind: 'tooLarge', size: st.size, limit } };
    // One byte more than allowed tells a file that grew since fstat from one that fits.
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let got = 0;
    for (;;) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got === buf.length) break;
    }
    if (got > limit) return { problem: { kind: 'tooLarge', size: got, limit } };
    return { bytes: buf.subarray(0, got) };
  } catch (e) {
    const code = errCode(e);
    if (code === 'EISDIR') return { problem: { kind: 'notFile', type: 'directory' } };
    return { problem: { kind: 'unreadable', code } };
  } finally {
    closeSync(fd);
  }
}

/** A regular file's text (UTF-8, invalid bytes as U+FFFD, which validation reports), bounded as `readBounded`. */
export function readTextBounded(path: string, limit: number): { text: string } | { problem: AccessProblem } {
  const r = readBounded(path, limit);
  return 'bytes' in r ? { text: r.bytes.toString('utf8') } : r;
}

/** The real path, symlinks resolved; undefined when it does not exist. */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** True when `child` is `root` or below it, by their paths as given. */
export function within(root: string, child: string): boolean {
  const r = normalize(resolve(root));
  const c = normalize(resolve(child));
  return c === r || c.startsWith(r.endsWith(sep) ? r : r + sep);
}

/** Why a flow may not reach a path it names: an absolute path, or one that leads out of the flow. */
export type ReachProblem = 'absolute' | 'outside';

/**
 * Whether a flow may use a path it names (a requirements file, a node's source, a template). It may
 * reach its own folder and what `additional_includes` bring in; through symlinks, the real path must
 * stay there too. `real` resolves a path through symlinks (undefined: it does not exist, which is a
 * different finding). Relative includes may leave the flow folder, as prompt flow allows.
 */
export function flowReach(
  flowFolder: string,
  includes: readonly string[],
  named: string,
  found: string,
  real: (p: string) => string | undefined = realPath,
): ReachProblem | undefined {
  if (isAbsolute(named)) return 'absolute';
  // A file not on disk yet (an unsaved document) has no real path: then paths are compared as written.
  const target = real(found);
  const path = (p: string) => (target === undefined ? p : (real(p) ?? p));
  const roots = [path(flowFolder)];
  for (const inc of includes) {
    if (isAbsolute(inc)) continue;
    // An include that lies in the flow folder but leads out of it through a symlink brings in nothing.
    if (includeReach(flowFolder, inc, real)) continue;
    roots.push(path(resolve(flowFolder, inc)));
  }
  return roots.some((root) => within(root, target ?? found)) ? undefined : 'outside';
}

/**
 * Whether an `additional_includes` entry may be used: relative paths may point outside the flow folder
 * (`../shared/utils.py`), as prompt flow allows; an absolute path may not, nor an entry inside the flow
 * folder that a symlink leads out of it.
 */
export function includeReach(
  flowFolder: string,
  include: string,
  real: (p: string) => string | undefined = realPath,
): ReachProblem | undefined {
  if (isAbsolute(include)) return 'absolute';
  const abs = resolve(flowFolder, include);
  if (!within(flowFolder, abs)) return undefined;
  const target = real(abs);
  const root = real(flowFolder) ?? flowFolder;
  return target === undefined || within(root, target) ? undefined : 'outside';
}

/** A size for a person, in units of 1024 as Azure ML states its limits (300 MB). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] =
    bytes < 1024 ** 2 ? [bytes / 1024, 'KB'] : bytes < 1024 ** 3 ? [bytes / 1024 ** 2, 'MB'] : [bytes / 1024 ** 3, 'GB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
