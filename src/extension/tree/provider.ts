// The Sessions view: workspace → instances → sessions → flow and runs, refreshed node by node.
import * as vscode from 'vscode';
import type { ISessionService, SessionChangeEvent, SessionInfo } from '../../core/session/types';
import type { Connection } from '../connection';
import { toErrorInfo } from '../errors';
import type { Busy, OperationTracker } from '../operationTracker';
import { flowNode, instanceNode, messageNode, runNode, sessionNode, workspaceNode, type TreeNode } from './items';
import { t } from '../i18n';

/** The one place plain TreeNodes become VS Code TreeItems. Only changed nodes are refreshed. */
export class SessionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, TreeNode>();
  private root?: TreeNode;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly connection: Connection,
    private readonly media: vscode.Uri,
    /** Busy text per flow and the clock of moving times, shared with the status bar. */
    private readonly operations: OperationTracker,
  ) {
    this.subscriptions = [
      operations.onDidChange((folder) => (folder ? this.touchFlow(folder) : this.touchTimed())),
      // The idle countdown of a shown session moves even when this window runs nothing.
      operations.addSource(() => this.sessionNodes().some((n) => isTimed(n.session!))),
    ];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    if (node.kind === 'workspace') item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip, true);
    if (node.icon?.startsWith('$')) item.iconPath = new vscode.ThemeIcon(node.icon.slice(1));
    else if (node.icon) {
      item.iconPath = {
        light: vscode.Uri.joinPath(this.media, 'tree', 'light', `${node.icon}.svg`),
        dark: vscode.Uri.joinPath(this.media, 'tree', 'dark', `${node.icon}.svg`),
      };
    }
    if (node.command) item.command = node.command;
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const children = await this.childrenOf(node);
    for (const c of children) this.nodes.set(c.id, c);
    this.operations.update();
    return children;
  }

  getParent(): undefined {
    return undefined;
  }

  private async childrenOf(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      // Opening the view is a user action: resolve only what needs no question (remembered workspace, emulator).
      let service: ISessionService | undefined;
      try {
        service = await this.connection.getService(false);
      } catch (e) {
        return [messageNode('error', toErrorInfo(e).message, '$error')];
      }
      if (!service) return []; // viewsWelcome explains sign-in / workspace choice
      this.root = workspaceNode(service.workspace, this.connection.isEmulator());
      return [this.root];
    }
    const service = this.connection.current;
    if (!service) return [];
    try {
      switch (node.kind) {
        case 'workspace': {
          const instances = await service.instances();
          if (!instances.length) return [messageNode('empty', t('extension.tree.noSession'))];
          return instances.map((i) => instanceNode(i));
        }
        case 'instance': {
          const i = node.instance!;
          const sessions = i.sessions.map((s) => sessionNode(this.latest(service, s), this.busyOf(s)));
          const orphanRuns = i.runs.filter((r) => !r.sessionId || !i.sessions.some((s) => s.sessionId === r.sessionId));
          return [...sessions, ...orphanRuns.map(runNode)];
        }
        case 'session': {
          const s = node.session!;
          const runs = (node.instance?.runs ?? this.instanceOf(s)?.runs ?? []).filter((r) => r.sessionId === s.sessionId);
          return [flowNode(s), ...runs.map(runNode)].filter((n): n is TreeNode => !!n);
        }
        default:
          return [];
      }
    } catch (e) {
      return [messageNode(`error:${node.id}`, toErrorInfo(e).message, '$error')];
    }
  }

  private instanceOf(s: SessionInfo) {
    for (const n of this.nodes.values())
      if (n.kind === 'instance' && n.instance?.sessions.some((x) => x.sessionId === s.sessionId)) return n.instance;
    return undefined;
  }

  /** The service's in-memory view is fresher than the instance listing for sessions started here. */
  private latest(service: ISessionService, s: SessionInfo): SessionInfo {
    return (s.flowFolder && service.peek(s.flowFolder)?.sessionId === s.sessionId && service.peek(s.flowFolder)) || s;
  }

  private busyOf(s: SessionInfo): Busy | undefined {
    return s.flowFolder ? this.operations.get(s.flowFolder) : undefined;
  }

  private sessionNodes(): TreeNode[] {
    return [...this.nodes.values()].filter((n) => n.kind === 'session' && n.session);
  }

  /** All nodes currently shown (tests read the tree through this and getChildren). */
  shownNodes(): TreeNode[] {
    return [...this.nodes.values()];
  }

  /** Refreshes what a service event touched: one session node, or the workspace when instances changed. */
  onServiceChange(e: SessionChangeEvent): void {
    if (e.instancesChanged || (e.session && !this.nodes.has(`session:${e.session.sessionId}`))) {
      this.refresh(this.root);
      return;
    }
    if (e.session) this.updateSession(e.session);
  }

  private updateSession(s: SessionInfo): void {
    const old = this.nodes.get(`session:${s.sessionId}`);
    if (!old) return;
    const fresh = sessionNode(s, this.busyOf(s));
    Object.assign(old, fresh);
    this.changed.fire(old);
    this.operations.update();
  }

  private touchFlow(flowFolder: string): void {
    for (const n of this.sessionNodes()) if (n.session!.flowFolder === flowFolder) this.updateSession(n.session!);
  }

  /** A tick: redraw the items whose text depends on the time (elapsed minutes, idle time left). */
  private touchTimed(): void {
    for (const n of this.sessionNodes()) if (isTimed(n.session!) || this.busyOf(n.session!)) this.updateSession(n.session!);
  }

  refresh(node?: TreeNode): void {
    if (!node) {
      this.nodes.clear();
      this.root = undefined;
    }
    this.changed.fire(node);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }
}

/** A session whose text moves with the clock: an operation's elapsed time, or the idle time left. */
function isTimed(s: SessionInfo): boolean {
  return !!s.operation || (s.state === 'running' && !!s.idleDeadline);
}
