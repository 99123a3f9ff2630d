// How the session actions look in VS Code: an icon and a label each. Which actions a state allows is
// core/session/actions.ts; the status bar tooltip and the actions quick pick both show them from here.
import * as vscode from 'vscode';
import { allowedActions, type SessionAction } from '../core/session/actions';
import type { SessionState } from '../core/session/types';
import { Commands } from '../shared/commands';

const look: Record<SessionAction, { icon: string; label: () => string }> = {
  start: { icon: 'play', label: () => vscode.l10n.t('Start') },
  startWithSettings: { icon: 'settings-gear', label: () => vscode.l10n.t('Start with settings…') },
  installRequirements: { icon: 'package', label: () => vscode.l10n.t('Install requirements') },
  showPackages: { icon: 'list-unordered', label: () => vscode.l10n.t('Show packages') },
  changeSettings: { icon: 'settings', label: () => vscode.l10n.t('Change settings…') },
  changeBaseImage: { icon: 'symbol-constructor', label: () => vscode.l10n.t('Change base image…') },
  reset: { icon: 'debug-restart', label: () => vscode.l10n.t('Reset') },
  stop: { icon: 'debug-stop', label: () => vscode.l10n.t('Stop') },
};

export interface ShownAction {
  action: SessionAction;
  command: string;
  icon: string;
  label: string;
}

/** The actions a session in `state` allows, in the table's order, ready to show. */
export function shownActions(state: SessionState): ShownAction[] {
  return allowedActions(state).map((action) => ({
    action,
    command: Commands[action],
    icon: look[action].icon,
    label: look[action].label(),
  }));
}

/** Every command a session action can run (the status bar tooltip trusts exactly these). */
export const sessionActionCommands: readonly string[] = Object.keys(look).map((a) => Commands[a as SessionAction]);
