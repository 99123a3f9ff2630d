// Tree items as plain objects, built from the service's data. The one adapter to VS Code's
// TreeItem is in provider.ts; nothing here depends on how the tree is drawn.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resourceName } from '../../core/model';
import type { InstanceInfo, RunInfo, SessionInfo, WorkspaceRef } from '../../core/session/types';
import { isBusy, minutes, sessionSummary, stateLabel } from '../format';
import { Commands } from '../../shared/commands';
import { sessionContextValue } from './contextValue';
import { t } from '../i18n';

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
    description: emulator ? t('extension.tree.localEmulator') : ws.resourceGroup,
    tooltip: `**${ws.workspace}**\n\n${t('extension.field.subscription', { value: `\`${ws.subscriptionId}\`` })}\n\n${t('extension.field.resourceGroup', { value: `\`${ws.resourceGroup}\`` })}`,
    icon: 'workspace',
    contextValue: emulator ? 'workspace;emulator' : 'workspace;azure',
    collapsible: true,
    workspace: ws,
  };
}

export function instanceNode(i: InstanceInfo, now = Date.now()): TreeNode {
  const serverless = i.computeType === 'serverless';
  // A compute instance's state is ARM's; a serverless one's is its liveliest session's (the same listing's).
  const state = i.state ?? (i.sessionsState ? stateLabel(i.sessionsState) : undefined);
  const parts: string[] = [];
  if (i.vmSize) parts.push(i.vmSize);
  if (state) parts.push(state);
  if (i.idleDeadline) parts.push(t('extension.idleLeft', { time: minutes(i.idleDeadline - now) }));
  const identity = i.identityResourceId ? resourceName(i.identityResourceId) : t('extension.userIdentity');
  return {
    id: `instance:${i.name}`,
    kind: 'instance',
    label: i.name,
    description: parts.join(' · '),
    tooltip: [
      `**${i.name}** (${serverless ? t('extension.tree.serverless') : t('extension.tree.computeInstance')})`,
      i.vmSize ? t('extension.field.vmSize', { value: i.vmSize }) : '',
      t('extension.field.state', { value: state ?? '?' }),
      serverless ? t('extension.field.identity', { value: identity }) : '',
      t('extension.tree.sessionsAndRuns', { sessions: i.sessions.length, runs: i.runs.length }),
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
  const image = s.baseImage ?? t('extension.tree.defaultBaseImage');
  return {
    id: `session:${s.sessionId}`,
    kind: 'session',
    label: flow,
    description,
    tooltip: [
      `**${flow}** — ${stateLabel(s.state)}`,
      t('extension.field.session', { value: `\`${s.sessionId}\`` }),
      t('extension.field.image', { value: `\`${image}\`` }),
      s.vmSize ? t('extension.field.vmSize', { value: s.vmSize }) : '',
      s.state !== 'notStarted' && s.settings.computeType === 'serverless'
        ? t('extension.field.identity', { value: s.identityResourceId ? resourceName(s.identityResourceId) : t('extension.userIdentity') })
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
    command: { command: Commands.openFlow, title: t('extension.tree.openFlow'), arguments: [s.flowFolder] },
  };
}

export function runNode(r: RunInfo): TreeNode {
  // Two runs may share a display name: the id beside it tells them apart.
  const named = !!r.displayName && r.displayName !== r.runId;
  return {
    id: `run:${r.runId}`,
    kind: 'run',
    label: r.displayName ?? r.runId,
    description: named ? `${r.status} · ${r.runId}` : r.status,
    tooltip: [
      `**${r.displayName ?? r.runId}**`,
      named ? t('extension.field.run', { value: `\`${r.runId}\`` }) : '',
      t('extension.field.status', { value: r.status }),
      r.createdAt ?? '',
    ]
      .filter(Boolean)
      .join('\n\n'),
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
