// How a flow folder crosses the protocol between the extension and the language server. A module of its
// own, free of the protocol library, so the extension's small activation bundle can use it.
import * as path from 'node:path';

/**
 * A flow folder on the wire: its absolute file-system path, spelled as the platform spells it, with no
 * trailing separator. A path, not a `file:` URI, because that is what both ends work in: the session
 * service keys sessions by folder path and the server already turns each document URI into a path at
 * its edge. So the extension converts nothing and the server derives the folder from the document path.
 */
export type FlowFolderId = string & { readonly __brand: 'FlowFolderId' };

/** The id of a flow folder, from its absolute path. */
export function flowFolderId(folder: string): FlowFolderId {
  const normal = path.normalize(folder);
  const root = path.parse(normal).root;
  return (normal.length > root.length ? normal.replace(/[\\/]+$/, '') : normal) as FlowFolderId;
}

/** The id of the folder that holds a file, from the file's absolute path. */
export const flowFolderIdOfFile = (file: string): FlowFolderId => flowFolderId(path.dirname(file));
