// Per-document facts the editor features share, computed on first use and kept until the next version:
// the lines, the outline and the kind. Nothing here runs on a keystroke unless a feature asks.
import { basename } from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, type DocumentKind } from '../core/validation';
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

const FLOW_FILE = /^flow\.(dag|flex)\.ya?ml$/i;
const REQUIREMENTS_FILE = /requirements.*\.txt$/i;

/** The kind by name and top-level keys, used when the validator cannot tell. */
export function guessKind(path: string, outline: Outline): DocumentKind {
  const name = basename(path);
  if (REQUIREMENTS_FILE.test(name)) return 'requirements';
  if (/^flow\.flex\.ya?ml$/i.test(name) || outline.top.has('entry')) return 'flexFlow';
  if (/^flow\.dag\.ya?ml$/i.test(name) || outline.top.has('nodes')) return 'dagFlow';
  if (outline.top.has('flow') && /\.ya?ml$/i.test(name)) return 'run';
  return 'unknown';
}

export const isFlowFileName = (path: string) => FLOW_FILE.test(basename(path));
/** *requirements*.txt by name, or any file the editor shows as pip requirements. */
export const isRequirementsDoc = (m: DocModel) => REQUIREMENTS_FILE.test(basename(m.path)) || m.languageId === 'pip-requirements';

export class DocModels {
  private readonly cache = new Map<string, DocModel>();

  get(doc: TextDocument): DocModel {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const path = uriToPath(doc.uri);
    const text = doc.getText();
    const outline = outlineOf(text);
    let kind: DocumentKind = 'unknown';
    try {
      kind = detectKind(path, text);
    } catch {
      kind = 'unknown';
    }
    if (kind === 'unknown') kind = guessKind(path, outline);
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
    return { uri: '', path, version: 0, text, lines: text.split(/\r?\n/), kind: guessKind(path, outline), languageId: 'yaml', outline };
  }

  drop(uri: string): void {
    this.cache.delete(uri);
  }
}
