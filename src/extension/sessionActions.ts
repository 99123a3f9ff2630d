// How the session actions look in VS Code: an icon and a label each. Which actions a state allows is
// core/session/actions.ts; the status bar tooltip and the actions quick pick both show them from here.
import { allowedActions, type SessionAction } from '../core/session/actions';
import type { SessionState } from '../core/session/types';
import { Commands } from '../shared/commands';
import { t } from './i18n';

const look: Record<SessionAction, { icon: string; label: () => string }> = {
  start: { icon: 'play', label: () => t('extension.action.start') },
  startWithSettings: { icon: 'settings-gear', label: () => t('extension.action.startWithSettings') },
  installRequirements: { icon: 'package', label: () => t('extension.action.installRequirements') },
  showPackages: { icon: 'list-unordered', label: () => t('extension.action.showPackages') },
  changeSettings: { icon: 'settings', label: () => t('extension.action.changeSettings') },
  changeBaseImage: { icon: 'symbol-constructor', label: () => t('extension.action.changeBaseImage') },
  reset: { icon: 'debug-restart', label: () => t('extension.action.reset') },
  stop: { icon: 'debug-stop', label: () => t('extension.action.stop') },
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
