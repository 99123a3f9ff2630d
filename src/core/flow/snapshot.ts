// The files a run uploads (S5, S6): a flow folder with its additional_includes, or local data. Only
// regular files are taken; a symlink is followed only while it stays inside the folder it lies in; a
// device, FIFO or socket, or a link out of the folder, stops the upload before anything is sent. The
// totals are checked against Azure ML's snapshot limits before the first byte goes out.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { msg } from '../i18n';
import { fileTypeOf, includeReach, realPath, sizeText, within } from './access';
import { FlowError } from './errors';

/**
 * Azure ML's limits of an experiment snapshot: "300 MB and/or 2000 files" (docs/azure-contract.md §21;
 * learn.microsoft.com, "Where to save and write files for Azure Machine Learning experiments", Storage
 * limits of experiment snapshots; azureml-core's SNAPSHOT_MAX_SIZE_BYTES = 300 MB of 1024² bytes).
 */
export const SNAPSHOT_MAX_FILES = 2000;
export const SNAPSHOT_MAX_BYTES = 300 * 1024 * 1024;

// Folders the prompt flow SDK leaves out of a snapshot.
const SKIP = new Set(['.git', '__pycache__', '.promptflow', '.runs', 'node_modules', '.venv', '.vscode']);

/** One file to upload: where it is, where it goes in the snapshot, its size. */
export interface SnapshotFile {
  path: string;
  name: string;
  size: number;
}

export interface Snapshot {
  files: SnapshotFile[];
  bytes: number;
}

const fixText = () => msg('access.fix');

/**
 * The regular files under `folder` (or `folder` itself when it is a file), named `prefix` + their path
 * inside it. Throws a FlowError for a link that leads out of `folder`, or anything that is not a regular
 * file or a folder. Stops counting once past the snapshot limits (`limitFiles`), so a huge folder is not walked to its end.
 */
export function collectFiles(folder: string, prefix: string, limitFiles = SNAPSHOT_MAX_FILES): Snapshot {
  const out: Snapshot = { files: [], bytes: 0 };
  const root = realPath(folder) ?? resolve(folder);
  const seen = new Set<string>();
  const add = (path: string, size: number, rel: string) => {
    out.files.push({ path, name: `${prefix}${rel.split(sep).join('/')}`, size });
    out.bytes += size;
  };
  const visit = (abs: string, rel: string): void => {
    if (out.files.length > limitFiles) return;
    const link = lstatSync(abs);
    let target = abs;
    if (link.isSymbolicLink()) {
      const real = realPath(abs);
      if (!real || !within(root, real)) {
        throw FlowError.of(msg('access.snapshotLinkOut', { path: abs, folder, real: real ?? '?' }), fixText());
      }
      target = real;
    }
    const st = link.isSymbolicLink() ? statSync(target) : link;
    const type = fileTypeOf(st);
    if (type === 'file') return add(abs, st.size, rel);
    if (type !== 'directory') {
      throw FlowError.of(msg('access.snapshotSpecial', { path: abs, folder, type: msg(`access.type.${type}`) }), fixText());
    }
    // A link back up the tree would be walked for ever.
    const key = realPath(target) ?? target;
    if (seen.has(key)) return;
    seen.add(key);
    for (const name of readdirSync(abs).sort()) {
      if (SKIP.has(name)) continue;
      visit(join(abs, name), rel ? join(rel, name) : name);
    }
  };
  const top = lstatSync(folder);
  if (top.isDirectory() || (top.isSymbolicLink() && statSync(folder).isDirectory())) {
    seen.add(root);
    for (const name of readdirSync(folder).sort()) if (!SKIP.has(name)) visit(join(folder, name), name);
  } else {
    const st = statSync(folder);
    const type = fileTypeOf(st);
    if (type !== 'file')
      throw FlowError.of(msg('access.snapshotSpecial', { path: folder, folder, type: msg(`access.type.${type}`) }), fixText());
    add(resolve(folder), st.size, basename(folder));
  }
  return out;
}

/**
 * The snapshot of a flow: its folder under `<flow name>/`, each include copied into the flow folder root
 * under its own name (S6). An include the flow may not use (absolute, or a link out of the flow folder)
 * is refused, as validation reports it. Throws when the snapshot exceeds Azure ML's limits.
 */
export function flowSnapshot(flowFolder: string, flowName: string, includes: readonly string[]): Snapshot {
  const snap = collectFiles(flowFolder, `${flowName}/`);
  for (const inc of includes) {
    const problem = includeReach(flowFolder, inc);
    if (problem) {
      const abs = resolve(flowFolder, inc);
      const name = basename(abs);
      throw FlowError.of(
        problem === 'absolute'
          ? msg('access.includeAbsolute', { path: inc, name })
          : msg('access.includeLink', { path: inc, real: realPath(abs) ?? abs, name }),
        fixText(),
      );
    }
    const src = resolve(flowFolder, inc);
    const part = statSync(src).isDirectory()
      ? collectFiles(src, `${flowName}/${basename(src)}/`, SNAPSHOT_MAX_FILES - snap.files.length)
      : collectFiles(src, `${flowName}/`);
    snap.files.push(...part.files);
    snap.bytes += part.bytes;
  }
  checkLimits(snap, flowFolder);
  return snap;
}

/** Azure ML's snapshot limits, checked before anything is uploaded. */
export function checkLimits(snap: Snapshot, folder: string): void {
  if (snap.files.length > SNAPSHOT_MAX_FILES) {
    throw FlowError.of(
      msg('access.snapshotTooManyFiles', { folder, files: `${SNAPSHOT_MAX_FILES}+`, limit: SNAPSHOT_MAX_FILES }),
      fixText(),
    );
  }
  if (snap.bytes > SNAPSHOT_MAX_BYTES) {
    throw FlowError.of(
      msg('access.snapshotTooLarge', { folder, size: sizeText(snap.bytes), limit: sizeText(SNAPSHOT_MAX_BYTES) }),
      fixText(),
    );
  }
}

/** The line a person sees before an upload: how many files, how large, from where. */
export function snapshotSummary(snap: Snapshot, folder: string) {
  // The folder as a person finds it: relative to where they are when it lies below, else in full.
  const rel = relative(process.cwd(), folder);
  return msg('access.snapshotSummary', {
    files: snap.files.length,
    size: sizeText(snap.bytes),
    folder: rel && within(process.cwd(), folder) ? rel : folder,
  });
}
