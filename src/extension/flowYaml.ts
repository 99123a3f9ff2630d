// Reads and edits the `environment` block of a flow file. Edits go through a WorkspaceEdit on the
// open document, so they join the editor's undo stack and never drop the user's unsaved text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { nodeFileHost } from '../core/flow/fileHost';
import { readFlowText, resolveInFlow } from '../core/flow/folder';
import { flowFileOf } from './flows';

export interface FlowEnvironment {
  flowFile: string;
  image?: string;
  /**
   * Absolute path of the requirements file the session installs: environment.python_requirements_txt, else
   * requirements.txt, found the way the service finds it (through additional_includes, S6).
   */
  requirementsFile: string;
}

function parse(text: string): Document {
  return parseDocument(text, { keepSourceTokens: false });
}

export function environmentOf(text: string): { image?: string; requirements?: string } {
  const env = readFlowText(text).environment;
  return { image: env.image, requirements: env.pythonRequirementsTxt };
}

/** The flow file's text: the open editor's when there is one (it may be unsaved), else the disk's. */
export function flowText(flowFile: string): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === flowFile);
  return open ? open.getText() : fs.readFileSync(flowFile, 'utf8');
}

export function readFlowEnvironment(folder: string): FlowEnvironment | undefined {
  const flowFile = flowFileOf(folder);
  if (!flowFile) return undefined;
  // readFlowText tolerates broken YAML: a broken flow file still has a folder, and the language server
  // reports the YAML error.
  const info = readFlowText(flowText(flowFile));
  const named = info.environment.pythonRequirementsTxt ?? 'requirements.txt';
  const requirementsFile = resolveInFlow(nodeFileHost, folder, info.additionalIncludes, named) ?? path.resolve(folder, named);
  return { flowFile, image: info.environment.image, requirementsFile };
}

/** The edit that sets `environment.image`, keeping everything else in the file as it is. */
export function imageEdit(document: vscode.TextDocument, image: string): vscode.WorkspaceEdit {
  const text = document.getText();
  const doc = parse(text);
  const edit = new vscode.WorkspaceEdit();
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const value = /^[\w./:@-]+$/.test(image) ? image : JSON.stringify(image);
  const env = doc.get('environment', true);
  if (isMap(env) && env.items.length) {
    const imagePair = env.items.find((p) => isScalar(p.key) && p.key.value === 'image');
    if (imagePair && isScalar(imagePair.value) && imagePair.value.range) {
      const [start, , end] = imagePair.value.range;
      edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), value);
      return edit;
    }
    const firstKey = env.items[0].key;
    if (isScalar(firstKey) && firstKey.range && !env.flow) {
      const at = document.positionAt(firstKey.range[0]);
      const indent = document.lineAt(at.line).text.slice(0, at.character);
      edit.insert(document.uri, new vscode.Position(at.line, 0), `${indent}image: ${value}${eol}`);
      return edit;
    }
  }
  const envPair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'environment') : undefined;
  if (envPair && isScalar(envPair.key) && envPair.key.range) {
    // `environment:` with no (or a flow-style) value: rewrite that one line.
    const line = document.positionAt(envPair.key.range[0]).line;
    const valueRange = (envPair.value as { range?: [number, number, number] } | null)?.range;
    const end = valueRange ? document.positionAt(valueRange[2]) : document.lineAt(line).range.end;
    const existing = isMap(envPair.value) ? envPair.value.items.map((p) => `  ${String((p.key as { value?: unknown }).value)}: ${JSON.stringify((p.value as { value?: unknown })?.value ?? null)}${eol}`).join('') : '';
    edit.replace(document.uri, new vscode.Range(new vscode.Position(line, 0), end), `environment:${eol}  image: ${value}${eol}${existing}`.replace(new RegExp(`${eol}$`), ''));
    return edit;
  }
  const last = document.lineAt(document.lineCount - 1);
  const lead = last.text.length ? eol : '';
  edit.insert(document.uri, last.range.end, `${lead}environment:${eol}  image: ${value}${eol}`);
  return edit;
}

/** Lines that pin promptflow or promptflow-tools (S8, S13: the base image already has them). */
export function pinnedPromptflowLines(text: string): number[] {
  return text.split(/\r?\n/).flatMap((line, i) => (/^\s*promptflow(?:-tools)?\s*(?:\[[^\]]*\])?\s*(?:==|>=|<=|~=|!=|<|>|===)/i.test(line) ? [i] : []));
}
