// Error notifications: what happened, what to do (with the button that does it) and the request id.
import * as vscode from 'vscode';
import type { ErrorInfo, WorkspaceRef } from '../core/session/types';
import type { Log } from './log';
import { MIGRATION_GUIDE_URL } from '../core/retirement';
import { t } from './i18n';

/**
 * Any thrown value as the service's ErrorInfo. The service throws one error type carrying the
 * taxonomy; read it structurally (`info`, or the fields themselves) so no SDK class crosses bundles.
 */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const inner = (o.info ?? o.errorInfo) as Record<string, unknown> | undefined;
    if (inner && typeof inner.kind === 'string' && typeof inner.message === 'string') return inner as unknown as ErrorInfo;
    if (typeof o.kind === 'string' && typeof o.message === 'string') return o as unknown as ErrorInfo;
    if (o.name === 'AbortError') return { kind: 'cancelled', message: t('extension.errors.cancelled') };
  }
  return { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
}

/** The Azure portal page where roles on the workspace are assigned (S1). */
export function roleAssignmentUrl(ws: WorkspaceRef): string {
  return `https://portal.azure.com/#@/resource/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${ws.workspace}/users`;
}

export interface FixActions {
  retry?: () => unknown;
  preflight?: () => unknown;
  /** The migration plan of the flow (a `retired` failure). */
  planMigration?: () => unknown;
  reset?: () => unknown;
  changeSettings?: () => unknown;
  workspace?: WorkspaceRef;
}

/**
 * Error notifications: what happened, what to do (with a button that does it), the request id.
 * At most one notification per key (a session's flow folder) is open at a time; later errors for
 * the same key only go to the log, so a failing poll never stacks toasts.
 */
export class ErrorReporter implements vscode.Disposable {
  private readonly open = new Set<string>();
  private readonly reported = new vscode.EventEmitter<{ key: string; info: ErrorInfo }>();
  /** Every error reported, shown or not (tests wait on it). */
  readonly onDidReport = this.reported.event;

  constructor(private readonly log: Log) {}

  async show(key: string, e: unknown, actions: FixActions = {}): Promise<void> {
    const info = toErrorInfo(e);
    this.log.error(
      `[${info.kind}] ${info.message}${info.code ? ` (code ${info.code})` : ''}${info.requestId && !info.message.includes(info.requestId) ? ` (request id ${info.requestId})` : ''}${info.details ? `\n${info.details}` : ''}`,
    );
    this.reported.fire({ key, info });
    if (info.kind === 'cancelled') return;
    if (this.open.has(key)) return;
    const buttons = new Map<string, () => unknown>();
    if ((info.kind === 'permission' || info.kind === 'identity') && actions.workspace) {
      const url = roleAssignmentUrl(actions.workspace);
      buttons.set(t('extension.openRoleAssignments'), () => vscode.env.openExternal(vscode.Uri.parse(url)));
    }
    const vmSizeCode = /^(InvalidVmSize|UnsupportedVmSize|Preflight\.vmSize)$/.test(info.code ?? '');
    if ((info.kind === 'quota' || info.kind === 'capacity' || vmSizeCode) && actions.changeSettings) {
      buttons.set(t('extension.errors.chooseVmSize'), actions.changeSettings);
    }
    // A prerequisite that stopped a start: the whole report says what else is missing.
    if (info.code?.startsWith('Preflight.') && actions.preflight) buttons.set(t('extension.checkPrerequisites'), actions.preflight);
    if ((info.kind === 'packageConflict' || info.kind === 'image') && actions.reset)
      buttons.set(t('extension.resetSession'), actions.reset);
    // Prompt flow is read-only: nothing to retry; the way on is the migration.
    if (info.kind === 'retired') {
      if (actions.planMigration) buttons.set(t('retirement.planMigration'), actions.planMigration);
      buttons.set(t('retirement.guideLink'), () => vscode.env.openExternal(vscode.Uri.parse(MIGRATION_GUIDE_URL)));
    }
    if (['transient', 'throttled', 'timeout', 'network', 'capacity', 'unknown', 'conflict'].includes(info.kind) && actions.retry) {
      buttons.set(t('extension.errors.retry'), actions.retry);
    }
    buttons.set(t('extension.showLog'), () => this.log.show());
    const parts = [info.message];
    if (info.fix) parts.push(info.fix);
    if (info.who) parts.push(t('extension.errors.who', { who: info.who }));
    if (info.requestId) parts.push(t('extension.errors.requestId', { requestId: info.requestId }));
    this.open.add(key);
    try {
      const picked = await vscode.window.showErrorMessage(parts.join(' '), ...buttons.keys());
      if (picked) await buttons.get(picked)?.();
    } finally {
      this.open.delete(key);
    }
  }

  dispose(): void {
    this.reported.dispose();
  }
}
