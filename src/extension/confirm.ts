// The one way the extension asks before an action that costs or destroys something.
import * as vscode from 'vscode';
import { t } from './i18n';

export interface Choice<T> {
  label: string;
  value: T;
  /** What choosing it does (for a deletion: what it ends). */
  detail?: string;
}

/**
 * Asks before an action that costs or destroys something (a reset, a compute instance started, an
 * instance deleted): a quick pick with the choices and Cancel, which the keyboard reaches like any other
 * step. Resolves undefined when the user cancelled or dismissed it.
 */
export async function confirm<T>(title: string, question: string, choices: Choice<T>[]): Promise<T | undefined> {
  const items: (vscode.QuickPickItem & { value?: T })[] = [
    ...choices.map((c) => ({ label: c.label, detail: c.detail, value: c.value })),
    { label: t('extension.cancel') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: question, ignoreFocusOut: true, matchOnDetail: false });
  return picked?.value;
}
