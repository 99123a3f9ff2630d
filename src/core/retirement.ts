// Prompt flow's retirement: the one home of its dates and of the migration guide's address, and the
// texts every front end shows about it. A leaf: every layer may import it; it uses only the catalogue.
import { msg, type Message } from './i18n';

/** Feature development of prompt flow ended on this UTC date (security and critical fixes only since). */
export const FEATURE_DEVELOPMENT_ENDED = '2026-04-20';
/** From this UTC date on, prompt flow is read-only: nothing new (sessions, runs, flows) can be created. */
export const READ_ONLY_FROM = '2027-04-20';
/** Microsoft Learn, Azure Machine Learning: "Migrate from Prompt Flow to Microsoft Agent Framework". */
export const MIGRATION_GUIDE_URL = 'https://learn.microsoft.com/azure/machine-learning/prompt-flow/migrate-prompt-flow-to-agent-framework';

const DAY_MS = 86_400_000;
const READ_ONLY_MS = Date.parse(`${READ_ONLY_FROM}T00:00:00Z`);

const utcDay = (now: Date | number): number => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

/** True from 00:00 UTC on READ_ONLY_FROM. */
export function isRetired(now: Date | number): boolean {
  return new Date(now).getTime() >= READ_ONLY_MS;
}

/**
 * Days left: how many UTC calendar days lie between today (UTC) and READ_ONLY_FROM, so 1 on the day
 * before (any time of it), and 0 on the date itself and after, when prompt flow is read-only. The
 * time of day does not count: the number changes at midnight UTC, as the date does.
 */
export function daysLeft(now: Date | number): number {
  return Math.max(0, Math.round((READ_ONLY_MS - utcDay(now)) / DAY_MS));
}

/** The facts as data (`pfsession status --json`). */
export interface RetirementFacts {
  featureDevelopmentEnded: string;
  readOnlyFrom: string;
  daysLeft: number;
  readOnly: boolean;
  migrationGuide: string;
}

export function retirementFacts(now: Date | number): RetirementFacts {
  return {
    featureDevelopmentEnded: FEATURE_DEVELOPMENT_ENDED,
    readOnlyFrom: READ_ONLY_FROM,
    daysLeft: daysLeft(now),
    readOnly: isRetired(now),
    migrationGuide: MIGRATION_GUIDE_URL,
  };
}

/** One sentence: the days left (or that prompt flow is read-only) and what to do. */
export function retirementSentence(now: Date | number): Message {
  const days = daysLeft(now);
  if (days === 0) return msg('retirement.readOnly', { date: READ_ONLY_FROM });
  if (days === 1) return msg('retirement.tomorrow', { date: READ_ONLY_FROM });
  return msg('retirement.daysLeft', { days, date: READ_ONLY_FROM });
}

/** A few words for a header (the Sessions view's description). */
export function retirementShort(now: Date | number): Message {
  const days = daysLeft(now);
  if (days === 0) return msg('retirement.short.readOnly', { date: READ_ONLY_FROM });
  if (days === 1) return msg('retirement.short.tomorrow');
  return msg('retirement.short.daysLeft', { days });
}

/** What a request the service refused because prompt flow is read-only reports, and its fix. */
export const retiredMessage = (): Message => msg('retirement.error', { date: READ_ONLY_FROM });
export const retiredFix = (): Message => msg('retirement.fix');
