// Which session actions each state allows: the one table the status bar, the actions quick pick, the
// codelenses, the tree's context menus (through the item's context value) and the CLI follow. A test
// checks package.json's `when` clauses against it.
import type { SessionState } from './types';

export const SESSION_ACTIONS = [
  'start',
  'startWithSettings',
  'installRequirements',
  'showPackages',
  'changeSettings',
  'changeBaseImage',
  'reset',
  'stop',
] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

const ALL_ON_A_SESSION: readonly SessionAction[] = [
  'installRequirements',
  'showPackages',
  'changeSettings',
  'changeBaseImage',
  'reset',
  'stop',
];

const ALLOWED: Record<SessionState, readonly SessionAction[]> = {
  // No session: start one. Changing the base image only edits flow.dag.yaml until a session exists.
  notStarted: ['start', 'startWithSettings', 'changeBaseImage'],
  // A watch was cancelled or a read failed: the session may exist. Start reads first and reuses it;
  // stop removes whatever is there.
  unknown: ['start', 'startWithSettings', 'changeBaseImage', 'stop'],
  // The session (or its install) failed: start again, or repair it, or remove it.
  failed: ['start', 'startWithSettings', ...ALL_ON_A_SESSION],
  // A start takes minutes on Azure: the user may give up and stop it.
  starting: ['stop'],
  running: ALL_ON_A_SESSION,
  // While an install, a reset, a settings change or a stop runs, the service takes no other action.
  installing: [],
  resetting: [],
  updating: [],
  stopping: [],
};

export function allowedActions(state: SessionState): readonly SessionAction[] {
  return ALLOWED[state];
}

export function allows(state: SessionState, action: SessionAction): boolean {
  return ALLOWED[state].includes(action);
}

/** True while an operation runs on the session: the table allows nothing then but giving up (a stop). */
export function isBusy(state: SessionState): boolean {
  return ALLOWED[state].every((a) => a === 'stop');
}
