// Per-document facts the editor features share, computed on first use and kept until the next version:
// the lines, the outline and the kind. Nothing here runs on a keystroke unless a feature asks.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, isRequirementsFileName, type DocumentKind } from '../core/flow/files';
import { uriToPath } from './files';
import { outlineOf, type Outline } from './outline';

export interface DocModel {
  uri: string;
  path: string;
  version: number;
  text: string;
  lines: string[];
  kind: DocumentKind;
  languageId: string;
  outline: Outline;
}

/** *requirements*.txt by name, or any file the editor shows as pip requirements. */
export const isRequirementsDoc = (m: DocModel) => isRequirementsFileName(m.path) || m.languageId === 'pip-requirements';

export class DocModels {
  private readonly cache = new Map<string, DocModel>();

  get(doc: TextDocument): DocModel {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const path = uriToPath(doc.uri);
    const text = doc.getText();
    const outline = outlineOf(text);
    const kind: DocumentKind = detectKind(path, text);
    const model: DocModel = {
      uri: doc.uri,
      path,
      version: doc.version,
      text,
      lines: text.split(/\r?\n/),
      kind,
      languageId: doc.languageId,
      outline,
    };
    this.cache.set(doc.uri, model);
    return model;
  }

  /** A model for a file that is not open (the flow a run file points at). */
  fromText(path: string, text: string): DocModel {
    const outline = outlineOf(text);
    return { uri: '', path, version: 0, text, lines: text.split(/\r?\n/), kind: detectKind(path, text), languageId: 'yaml', outline };
  }

  drop(uri: string): void {
    this.cache.delete(uri);
  }
}
