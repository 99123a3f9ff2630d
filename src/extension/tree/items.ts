// Tree items as plain objects, built from the service's data. The one adapter to VS Code's
// TreeItem is in provider.ts; nothing here depends on how the tree is drawn.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resourceName } from '../../core/model';
import type { InstanceInfo, RunInfo, SessionInfo, WorkspaceRef } from '../../core/session/types';
import { isBusy, minutes, sessionSummary, stateLabel } from '../format';
import { Commands } from '../../shared/commands';
import { sessionContextValue } from './contextValue';

export type NodeKind = 'workspace' | 'instance' | 'session' | 'flow' | 'run' | 'message';

export interface TreeNode {
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  /** Markdown text. */
  tooltip?: string;
  /** A file in media/tree/{light,dark}/ (without .svg), or a codicon id prefixed with `$`. */
  icon?: string;
  /** `kind;computeType;state`, matched by regex in package.json `when` clauses. */
  contextValue: string;
  collapsible: boolean;
  command?: { command: string; title: string; arguments?: unknown[] };
  flowFolder?: string;
  workspace?: WorkspaceRef;
  instance?: InstanceInfo;
  session?: SessionInfo;
  run?: RunInfo;
}

export function workspaceNode(ws: WorkspaceRef, emulator: boolean): TreeNode {
  return {
    id: `ws:${ws.subscriptionId}/${ws.resourceGroup}/${ws.workspace}`,
    kind: 'workspace',
    label: ws.workspace,
    description: emulator ? vscode.l10n.t('local emulator') : ws.resourceGroup,
    tooltip: `**${ws.workspace}**\n\n${vscode.l10n.t('Subscription')}: \`${ws.subscriptionId}\`\n\n${vscode.l10n.t('Resource group')}: \`${ws.resourceGroup}\``,
    icon: 'workspace',
    contextValue: emulator ? 'workspace;emulator' : 'workspace;azure',
    collapsible: true,
    workspace: ws,
  };
}

export function instanceNode(i: InstanceInfo, now = Date.now()): TreeNode {
  const serverless = i.computeType === 'serverless';
  const parts: string[] = [];
  if (i.vmSize) parts.push(i.vmSize);
  if (!serverless && i.state) parts.push(i.state);
  if (i.idleDeadline) parts.push(vscode.l10n.t('idle {0} left', minutes(i.idleDeadline - now)));
  const identity = i.identityResourceId ? resourceName(i.identityResourceId) : vscode.l10n.t("user's identity");
  return {
    id: `instance:${i.name}`,
    kind: 'instance',
    label: i.name,
    description: parts.join(' · '),
    tooltip: [
      `**${i.name}** (${serverless ? vscode.l10n.t('serverless') : vscode.l10n.t('compute instance')})`,
      i.vmSize ? `${vscode.l10n.t('VM size')}: ${i.vmSize}` : '',
      serverless ? `${vscode.l10n.t('Identity')}: ${identity}` : `${vscode.l10n.t('State')}: ${i.state ?? '?'}`,
      vscode.l10n.t('{0} sessions, {1} runs', i.sessions.length, i.runs.length),
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: serverless ? 'instance-serverless' : 'instance-compute',
    contextValue: `instance;${i.computeType};${(i.state ?? 'unknown').toLowerCase()}`,
    collapsible: true,
    instance: i,
  };
}

export function sessionNode(s: SessionInfo, busyLabel?: { text: string; since: number }, now = Date.now()): TreeNode {
  const flow = s.flowName ?? (s.flowFolder ? path.basename(s.flowFolder) : s.sessionId);
  const description = busyLabel ? `${busyLabel.text} ${minutes(now - busyLabel.since)}` : sessionSummary(s, now);
  const image = s.baseImage ?? vscode.l10n.t('default base image');
  return {
    id: `session:${s.sessionId}`,
    kind: 'session',
    label: flow,
    description,
    tooltip: [
      `**${flow}** — ${stateLabel(s.state)}`,
      `${vscode.l10n.t('Session')}: \`${s.sessionId}\``,
      `${vscode.l10n.t('Image')}: \`${image}\``,
      s.vmSize ? `${vscode.l10n.t('VM size')}: ${s.vmSize}` : '',
      s.state !== 'notStarted' && s.settings.computeType === 'serverless'
        ? `${vscode.l10n.t('Identity')}: ${s.identityResourceId ? resourceName(s.identityResourceId) : vscode.l10n.t("user's identity")}`
        : '',
      s.pythonVersion ? `Python ${s.pythonVersion}` : '',
      s.error ? `$(error) ${s.error.message}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: `session-${iconState(s)}`,
    contextValue: sessionContextValue(s),
    collapsible: true,
    flowFolder: s.flowFolder,
    session: s,
  };
}

function iconState(s: SessionInfo): string {
  if (s.state === 'running') return 'running';
  if (s.state === 'failed') return 'failed';
  if (isBusy(s.state)) return 'busy';
  return 'stopped';
}

export function flowNode(s: SessionInfo): TreeNode | undefined {
  if (!s.flowFolder) return undefined;
  const rel = vscode.workspace.asRelativePath(s.flowFolder);
  return {
    id: `flow:${s.sessionId}:${s.flowFolder}`,
    kind: 'flow',
    label: s.flowName ?? path.basename(s.flowFolder),
    description: rel,
    tooltip: s.flowFolder,
    icon: 'flow',
    contextValue: 'flow',
    collapsible: false,
    flowFolder: s.flowFolder,
    session: s,
    command: { command: Commands.openFlow, title: vscode.l10n.t('Open flow'), arguments: [s.flowFolder] },
  };
}

export function runNode(r: RunInfo): TreeNode {
  return {
    id: `run:${r.runId}`,
    kind: 'run',
    label: r.displayName ?? r.runId,
    description: r.status,
    tooltip: [`**${r.displayName ?? r.runId}**`, `${vscode.l10n.t('Status')}: ${r.status}`, r.createdAt ?? ''].filter(Boolean).join('\n\n'),
    icon: `run-${runIcon(r.status)}`,
    contextValue: `run;${r.status.toLowerCase()}`,
    collapsible: false,
    run: r,
  };
}

function runIcon(status: string): string {
  if (/^completed$/i.test(status)) return 'completed';
  if (/^(failed|canceled|cancelled)$/i.test(status)) return 'failed';
  return 'active';
}

export function messageNode(id: string, text: string, icon = '$info'): TreeNode {
  return { id: `msg:${id}`, kind: 'message', label: text, icon, contextValue: 'message', collapsible: false };
}
