import * as vscode from 'vscode';
import type { SessionInfo, SessionState } from '../core/session/types';

export { isBusy } from '../core/session/actions';

export function stateLabel(state: SessionState): string {
  switch (state) {
    case 'notStarted':
      return vscode.l10n.t('Not started');
    case 'starting':
      return vscode.l10n.t('Starting');
    case 'running':
      return vscode.l10n.t('Running');
    case 'installing':
      return vscode.l10n.t('Installing');
    case 'resetting':
      return vscode.l10n.t('Resetting');
    case 'updating':
      return vscode.l10n.t('Updating');
    case 'stopping':
      return vscode.l10n.t('Stopping');
    case 'failed':
      return vscode.l10n.t('Failed');
    default:
      return vscode.l10n.t('Unknown');
  }
}

/** "4 min" / "< 1 min" / "1 h 5 min". */
export function minutes(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return vscode.l10n.t('< 1 min');
  if (m < 60) return vscode.l10n.t('{0} min', m);
  return vscode.l10n.t('{0} h {1} min', Math.floor(m / 60), m % 60);
}

/** What an item or the status bar says about a session: "Starting… 4 min", "Running · Standard_D4s_v3 · idle 20 min left". */
/** The lens detail: what the state word alone does not say (the server shows the state itself). */
export function sessionDetail(s: SessionInfo, now = Date.now()): string | undefined {
  if (s.operation) return `${minutes(now - s.operation.startedAt)}${s.operation.phase ? ` (${s.operation.phase})` : ''}`;
  const parts: string[] = [];
  const where = placeOf(s);
  if (where) parts.push(where);
  if (s.state === 'running' && s.idleDeadline) parts.push(vscode.l10n.t('idle {0} left', minutes(s.idleDeadline - now)));
  return parts.join(' · ') || undefined;
}

export function sessionSummary(s: SessionInfo, now = Date.now()): string {
  if (s.operation) {
    const phase = s.operation.phase ? ` (${s.operation.phase})` : '';
    return `${stateLabel(s.state)}… ${minutes(now - s.operation.startedAt)}${phase}`;
  }
  const parts = [stateLabel(s.state)];
  const where = placeOf(s);
  if (where) parts.push(where);
  if (s.state === 'running' && s.idleDeadline) parts.push(vscode.l10n.t('idle {0} left', minutes(s.idleDeadline - now)));
  return parts.join(' · ');
}

/** Where the session runs as the service reports it (its VM size or compute instance), else as asked. */
function placeOf(s: SessionInfo): string | undefined {
  if (s.settings.computeType === 'computeInstance') return s.settings.computeInstanceName ?? s.computeName;
  return s.state === 'notStarted' ? s.settings.vmSize : (s.vmSize ?? s.settings.vmSize);
}
