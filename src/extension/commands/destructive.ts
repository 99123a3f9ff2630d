// Before a reset or a stop: a modal dialog that names the action (unless the user turned the
// confirmation off), and, before a reset, the flow file saved, since a reset applies the environment
// saved on disk ("Reset to apply image" right after an edit would otherwise apply the old image).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isFlowFileName } from '../../core/flow/files';
import { settings } from '../connection';
import { t } from '../i18n';
import { saveKeepingText } from './flowEdits';

/** The setting (under `promptflow.`) that turns the confirmation off. */
export const CONFIRM_SETTING = 'session.confirmDestructiveActions';

/** True when the user confirmed the action on the flow's session, or asked not to be asked. */
export async function confirmDestructive(action: 'reset' | 'stop', flow: string): Promise<boolean> {
  if (!settings().get<boolean>(CONFIRM_SETTING, true)) return true;
  const label = t(action === 'reset' ? 'lifecycle.resetAction' : 'lifecycle.stopAction');
  const question = t(action === 'reset' ? 'lifecycle.confirmReset' : 'lifecycle.confirmStop', { flow });
  return (await vscode.window.showWarningMessage(question, { modal: true }, label)) === label;
}

/** Saves the flow's edited flow file; false (and said to the user) when it could not be saved. */
export async function saveFlowFile(folder: string): Promise<boolean> {
  const edited = vscode.workspace.textDocuments.filter(
    (d) => d.isDirty && d.uri.scheme === 'file' && path.dirname(d.uri.fsPath) === folder && isFlowFileName(d.uri.fsPath),
  );
  for (const doc of edited) {
    if (await saveKeepingText(doc)) continue;
    const file = path.basename(doc.uri.fsPath);
    void vscode.window.showErrorMessage(t('lifecycle.saveFailed', { file }));
    return false;
  }
  return true;
}
