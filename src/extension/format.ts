// How a session reads in the tree, the status bar and the codelenses: state words, times, summaries.
import type { SessionInfo, SessionState } from '../core/session/types';
import { t } from './i18n';

export { isBusy } from '../core/session/actions';

export function stateLabel(state: SessionState): string {
  switch (state) {
    case 'notStarted':
      return t('extension.state.notStarted');
    case 'starting':
      return t('extension.state.starting');
    case 'running':
      return t('extension.state.running');
    case 'installing':
      return t('extension.state.installing');
    case 'resetting':
      return t('extension.state.resetting');
    case 'updating':
      return t('extension.state.updating');
    case 'stopping':
      return t('extension.state.stopping');
    case 'failed':
      return t('extension.state.failed');
    default:
      return t('extension.state.unknown');
  }
}

/** "4 min" / "< 1 min" / "1 h 5 min". */
export function minutes(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return t('extension.time.underOneMinute');
  if (m < 60) return t('extension.time.minutes', { minutes: m });
  return t('extension.time.hoursMinutes', { hours: Math.floor(m / 60), minutes: m % 60 });
}

/** What an item or the status bar says about a session: "Starting… 4 min", "Running · Standard_D4s_v3 · idle 20 min left". */
/** The lens detail: what the state word alone does not say (the server shows the state itself). */
export function sessionDetail(s: SessionInfo, now = Date.now()): string | undefined {
  if (s.operation) return `${minutes(now - s.operation.startedAt)}${s.operation.phase ? ` (${s.operation.phase})` : ''}`;
  const parts: string[] = [];
  const where = placeOf(s);
  if (where) parts.push(where);
  if (s.state === 'running' && s.idleDeadline) parts.push(t('extension.idleLeft', { time: minutes(s.idleDeadline - now) }));
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
  if (s.state === 'running' && s.idleDeadline) parts.push(t('extension.idleLeft', { time: minutes(s.idleDeadline - now) }));
  return parts.join(' · ');
}

/** Where the session runs as the service reports it (its VM size or compute instance), else as asked. */
function placeOf(s: SessionInfo): string | undefined {
  if (s.settings.computeType === 'computeInstance') return s.settings.computeInstanceName ?? s.computeName;
  return s.state === 'notStarted' ? s.settings.vmSize : (s.vmSize ?? s.settings.vmSize);
}
