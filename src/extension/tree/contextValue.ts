// The context value of a session item: `session;<compute type>;<state>[;local;<actions>]`. Menus in
// package.json match it by regex; the actions part lists what the state allows (core/session/actions.ts),
// so a menu entry asks for its action (`;local;.*\bstop\b`) and never repeats the table. Only sessions
// bound to a flow folder here (`local`) have actions: the others are known from runs alone.
import { allowedActions } from '../../core/session/actions';
import type { SessionInfo } from '../../core/session/types';

export function sessionContextValue(s: Pick<SessionInfo, 'settings' | 'state' | 'flowFolder'>): string {
  const base = `session;${s.settings.computeType};${s.state}`;
  return s.flowFolder ? `${base};local;${allowedActions(s.state).join(',')}` : base;
}
