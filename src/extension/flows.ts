// Flow folders: finding the one a command argument, an editor or the workspace means.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFileHost } from '../core/flow/fileHost';
import { FLOW_FILE_NAMES, flowFileIn } from '../core/flow/files';
import { UserCancelled } from './connection';
import { t } from './i18n';

/** The flow file of a folder, if it has one (in the SDK's order of names). */
export function flowFileOf(folder: string): string | undefined {
  return flowFileIn(folder, nodeFileHost);
}

/** The flow folder that holds a file: its own folder or the nearest parent with a flow file, inside the workspace. */
export function flowFolderOf(file: string): string | undefined {
  const root = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
  let dir = fs.existsSync(file) && fs.statSync(file).isDirectory() ? file : path.dirname(file);
  for (let i = 0; i < 8; i++) {
    if (flowFileOf(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir || (root && !parent.startsWith(root))) break;
    dir = parent;
  }
  return undefined;
}

/** What a command may receive: a tree node, a codelens argument (URI string) or a path, an explorer/editor Uri, or nothing. */
export type CommandArg = { flowFolder?: string } | string | vscode.Uri | undefined;

/** Turns any command argument into a flow folder path; asks with a quick pick when there is nothing to go on. */
export async function flowFolderForCommand(arg: unknown): Promise<string> {
  const direct = flowFolderFromArg(arg);
  if (direct) return direct;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') {
    const folder = flowFolderOf(active.fsPath);
    if (folder) return folder;
  }
  const files = await vscode.workspace.findFiles(`**/{${FLOW_FILE_NAMES.join(',')}}`, '**/node_modules/**', 200);
  if (files.length === 1) return path.dirname(files[0].fsPath);
  if (!files.length) {
    void vscode.window.showInformationMessage(t('extension.flows.openFlowFolderFirst'));
    throw new UserCancelled();
  }
  const picked = await vscode.window.showQuickPick(
    files.map((f) => ({
      label: path.basename(path.dirname(f.fsPath)),
      description: vscode.workspace.asRelativePath(f),
      folder: path.dirname(f.fsPath),
    })),
    { title: t('extension.flows.selectFlow') },
  );
  if (!picked) throw new UserCancelled();
  return picked.folder;
}

export function flowFolderFromArg(arg: unknown): string | undefined {
  if (!arg) return undefined;
  if (typeof arg === 'string') {
    const p = /^[a-z][a-z0-9+.-]+:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg) ? vscode.Uri.parse(arg).fsPath : arg;
    return flowFolderOf(p) ?? p;
  }
  if (arg instanceof vscode.Uri) return flowFolderOf(arg.fsPath);
  if (typeof arg === 'object' && 'flowFolder' in arg && typeof (arg as { flowFolder?: unknown }).flowFolder === 'string') {
    return (arg as { flowFolder: string }).flowFolder;
  }
  return undefined;
}

export function flowUri(folder: string): string {
  return vscode.Uri.file(folder).toString();
}
