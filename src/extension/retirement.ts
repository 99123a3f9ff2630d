// Prompt flow's retirement in the window: the Sessions view's header and welcome, and a notice shown once
// per workspace that, answered in any way, stays away for 30 days. The dates and texts come from
// core/retirement.ts and the catalogue, rendered in VS Code's display language.
import * as vscode from 'vscode';
import { MIGRATION_GUIDE_URL, isRetired, retirementSentence, retirementShort } from '../core/retirement';
import { Commands } from '../shared/commands';
import { render, t } from './i18n';

const NOTICE_KEY = 'promptflow.retirementNotice.quietUntil';
const NOTICE_QUIET_MS = 30 * 86_400_000;

/** What was chosen on the notice; `closed` when it was closed without a button. */
export type NoticeAnswer = 'plan' | 'learnMore' | 'snooze' | 'closed';

/**
 * The Sessions view's header (the days left) and the context key its welcome texts follow. Called with
 * every redraw of the status bar, so a window left open past midnight UTC shows the new count at its
 * next redraw; it sets only what changed.
 */
export function showRetirementState(view: vscode.TreeView<unknown>, now = Date.now()): void {
  const description = render(retirementShort(now));
  if (view.description === description) return;
  view.description = description;
  void vscode.commands.executeCommand('setContext', 'promptflow.retired', isRetired(now));
}

/** The status bar tooltip's line: the days left (or read-only) and the guide. */
export function retirementMarkdown(now = Date.now()): string {
  return `$(calendar) ${render(retirementSentence(now))} [${t('retirement.guideLink')}](${MIGRATION_GUIDE_URL})`;
}

export class RetirementNotice implements vscode.Disposable {
  private open?: Promise<NoticeAnswer>;
  private readonly shown = new vscode.EventEmitter<string>();
  /** The notice's text, each time it is shown (tests wait on it). */
  readonly onDidShow = this.shown.event;

  constructor(private readonly state: vscode.Memento) {}

  /**
   * Shows the notice unless one is open in this window or an answer in this workspace is less than 30
   * days old; resolves with the answer, or undefined when it was not shown.
   */
  maybeShow(now = Date.now()): Promise<NoticeAnswer> | undefined {
    if (this.open || now < (this.state.get<number>(NOTICE_KEY) ?? 0)) return undefined;
    const answered = this.ask(now).finally(() => (this.open = undefined));
    this.open = answered;
    return answered;
  }

  /** Forgets the answer (tests), once an open notice has been answered. */
  async reset(): Promise<void> {
    await this.open;
    await this.state.update(NOTICE_KEY, undefined);
  }

  private async ask(now: number): Promise<NoticeAnswer> {
    const sentence = render(retirementSentence(now));
    const buttons: [string, NoticeAnswer][] = [
      [t('retirement.planMigration'), 'plan'],
      [t('retirement.learnMore'), 'learnMore'],
      [t('retirement.snooze'), 'snooze'],
    ];
    const shown = vscode.window.showInformationMessage(sentence, ...buttons.map(([label]) => label));
    this.shown.fire(sentence);
    const picked = await shown;
    const answer = buttons.find(([label]) => label === picked)?.[1] ?? 'closed';
    // Any answer, a close too, keeps the notice away for 30 days in this workspace.
    await this.state.update(NOTICE_KEY, now + NOTICE_QUIET_MS);
    if (answer === 'plan') await vscode.commands.executeCommand(Commands.planMigration);
    if (answer === 'learnMore') await vscode.env.openExternal(vscode.Uri.parse(MIGRATION_GUIDE_URL));
    return answer;
  }

  dispose(): void {
    this.shown.dispose();
  }
}
