// The status bar item: the session of the flow in the active editor, with its actions in the tooltip.
import * as vscode from 'vscode';
import type { SessionInfo } from '../core/session/types';
import { Commands } from '../shared/commands';
import { flowUri } from './flows';
import { isBusy, sessionSummary, stateLabel } from './format';
import { retirementMarkdown } from './retirement';
import { sessionActionCommands, shownActions } from './sessionActions';
import { t } from './i18n';

const commandsInTooltip = [...sessionActionCommands, Commands.showLog];

/** One item: the session of the flow in the active editor. A click opens that session's actions. */
export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('promptflow.session', vscode.StatusBarAlignment.Left, 50);
  private flowFolder?: string;

  constructor() {
    this.item.name = t('extension.statusBar.name');
  }

  get text(): string {
    return this.item.text;
  }
  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }
  get visibleFlow(): string | undefined {
    return this.flowFolder;
  }

  /** `session` undefined = no session bound yet; `flowFolder` undefined = hide. */
  update(flowFolder: string | undefined, session: SessionInfo | undefined, busyText?: string): void {
    this.flowFolder = flowFolder;
    if (!flowFolder) {
      this.item.hide();
      return;
    }
    const state = session?.state ?? 'notStarted';
    const icon =
      isBusy(state) || busyText
        ? '$(loading~spin)'
        : state === 'running'
          ? '$(vm-running)'
          : state === 'failed'
            ? '$(error)'
            : '$(vm-outline)';
    const summary = busyText ?? (session ? sessionSummary(session) : stateLabel('notStarted'));
    this.item.text = `${icon} ${summary}`;
    const idleLeft = session?.state === 'running' && session.idleDeadline ? session.idleDeadline - Date.now() : undefined;
    this.item.backgroundColor =
      state === 'failed'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : idleLeft !== undefined && idleLeft < 10 * 60_000
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.tooltip = this.tooltipFor(flowFolder, session, summary);
    this.item.command = {
      command: Commands.sessionActions,
      title: t('extension.statusBar.sessionActions'),
      arguments: [flowUri(flowFolder)],
    };
    this.item.show();
  }

  private tooltipFor(flowFolder: string, s: SessionInfo | undefined, summary: string): vscode.MarkdownString {
    const arg = encodeURIComponent(JSON.stringify([flowUri(flowFolder)]));
    const link = (label: string, id: string) => `[${label}](command:${id}?${arg})`;
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = { enabledCommands: commandsInTooltip };
    md.appendMarkdown(`**${t('extension.statusBar.name')}** — ${summary}\n\n`);
    if (s) {
      md.appendMarkdown(`${t('extension.field.session', { value: `\`${s.sessionId}\`` })}\n\n`);
      if (s.computeName) md.appendMarkdown(`${t('extension.field.compute', { value: s.computeName })}\n\n`);
      if (s.baseImage) md.appendMarkdown(`${t('extension.field.image', { value: `\`${s.baseImage}\`` })}\n\n`);
      if (s.error) md.appendMarkdown(`$(error) ${s.error.message}${s.error.fix ? ` — ${s.error.fix}` : ''}\n\n`);
    }
    const links = shownActions(s?.state ?? 'notStarted').map((a) => link(a.label, a.command));
    links.push(`[${t('extension.showLog')}](command:${Commands.showLog})`);
    md.appendMarkdown(links.join(' · '));
    md.appendMarkdown(`\n\n---\n\n${retirementMarkdown()}`);
    return md;
  }

  dispose(): void {
    this.item.dispose();
  }
}
