// Reads and edits the `environment` block of a flow file. Edits go through a WorkspaceEdit on the
// open document, so they join the editor's undo stack and never drop the user's unsaved text.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_REQUIREMENTS_FILE } from '../core/flow/files';
import { flowFileOf } from './flows';

type FlowTextBundle = typeof import('./flowTextBundle');
let bundle: FlowTextBundle | undefined;

/** dist/flowtext.js (the YAML parser), loaded on first use so that activation does not pay for it. */
function flowTextBundle(): FlowTextBundle {
  return (bundle ??= require(path.join(__dirname, 'flowtext.js')) as FlowTextBundle);
}

/** A flow's environment as the editor sees it: the open document's text, saved or not. */
export interface EditorFlowEnvironment {
  flowFile: string;
  image?: string;
  /**
   * Absolute path of the requirements file the session installs: environment.python_requirements_txt, else
   * requirements.txt, found the way the service finds it (through additional_includes, S6).
   */
  requirementsFile: string;
}

export function environmentOf(text: string): { image?: string; requirements?: string } {
  const env = flowTextBundle().readFlowText(text).environment;
  return { image: env.image, requirements: env.pythonRequirementsTxt };
}

/** The flow file's text: the open editor's when there is one (it may be unsaved), else the disk's. */
export function flowText(flowFile: string): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === flowFile);
  // From the disk through core/flow/access.ts: a regular file, bounded (a FIFO must not hang the host).
  return open ? open.getText() : (flowTextBundle().nodeFileHost.readFile(flowFile) ?? '');
}

export function readEditorEnvironment(folder: string): EditorFlowEnvironment | undefined {
  const flowFile = flowFileOf(folder);
  if (!flowFile) return undefined;
  const { readFlowText, resolveInFlow, nodeFileHost } = flowTextBundle();
  // readFlowText tolerates broken YAML: a broken flow file still has a folder, and the language server
  // reports the YAML error.
  const info = readFlowText(flowText(flowFile));
  const named = info.environment.pythonRequirementsTxt ?? DEFAULT_REQUIREMENTS_FILE;
  const requirementsFile = resolveInFlow(nodeFileHost, folder, info.additionalIncludes, named) ?? path.resolve(folder, named);
  return { flowFile, image: info.environment.image, requirementsFile };
}

/** The edit that sets `environment.image`, keeping everything else in the file as it is. */
export function imageEdit(document: vscode.TextDocument, image: string): vscode.WorkspaceEdit {
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const e = flowTextBundle().imageTextEdit(document.getText(), image, eol);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  return edit;
}

/** Lines (0-based, continuations included) that pin promptflow or promptflow-tools (S8, S13). */
export function pinnedPromptflowLines(text: string): number[] {
  const { parseRequirements, pinsBaseImagePackage } = flowTextBundle();
  return parseRequirements(text)
    .filter(pinsBaseImagePackage)
    .flatMap((l) => Array.from({ length: l.range.end.line - l.range.start.line + 1 }, (_, k) => l.range.start.line + k));
}
