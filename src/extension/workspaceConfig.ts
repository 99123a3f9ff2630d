// The workspace an Azure ML config.json names, offered first when a workspace is chosen.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findWorkspaceConfig } from '../core/flow/workspaceConfig';
import { render } from '../core/i18n';
import type { WorkspaceRef } from '../core/session/types';
import type { Log } from './log';

/**
 * The workspace Azure ML's config.json names for what the user works on: searched from the active
 * editor's folder, then from each workspace folder, upwards (the first file found in each search
 * decides). A config.json that names no workspace is logged and passed over.
 */
export function configuredWorkspace(log: Log): { workspace: WorkspaceRef; file: string } | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const starts = [
    ...(active?.scheme === 'file' ? [path.dirname(active.fsPath)] : []),
    ...(vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
  ];
  for (const start of starts) {
    const found = findWorkspaceConfig(start);
    if (!found) continue;
    if ('workspace' in found) return found;
    log.warn(`${render('en', found.problem)} It is not offered as the workspace.`);
  }
  return undefined;
}
