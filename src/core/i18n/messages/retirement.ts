// Prompt flow's retirement (core/retirement.ts holds the dates and the guide's address): the days
// left, the read-only state after the date, the notice's buttons, and the `retired` error.
import type { Entry } from '../catalogue';

export const retirementMessages = {
  'retirement.daysLeft': {
    en: 'Prompt flow becomes read-only in {days} days, on {date}: move your flows to Microsoft Agent Framework.',
    ja: 'プロンプト フローは {days} 日後の {date} に読み取り専用になります。フローを Microsoft Agent Framework に移行してください。',
  },
  'retirement.tomorrow': {
    en: 'Prompt flow becomes read-only tomorrow, {date}: move your flows to Microsoft Agent Framework.',
    ja: 'プロンプト フローは明日 ({date}) 読み取り専用になります。フローを Microsoft Agent Framework に移行してください。',
  },
  'retirement.readOnly': {
    en: 'Prompt flow is retired and read-only since {date}: no new sessions, runs or flows. Move your flows to Microsoft Agent Framework.',
    ja: 'プロンプト フローは提供が終了し、{date} から読み取り専用です (セッション、実行、フローは新しく作成できません)。フローを Microsoft Agent Framework に移行してください。',
  },
  'retirement.short.daysLeft': { en: 'read-only in {days} days', ja: '{days} 日後に読み取り専用' },
  'retirement.short.tomorrow': { en: 'read-only tomorrow', ja: '明日から読み取り専用' },
  'retirement.short.readOnly': { en: 'read-only since {date}', ja: '{date} から読み取り専用' },
  'retirement.guide': { en: 'Migration guide: {url}', ja: '移行ガイド: {url}' },
  'retirement.guideLink': { en: 'Migration guide', ja: '移行ガイド' },
  'retirement.planMigration': { en: 'Plan migration', ja: '移行を計画' },
  'retirement.learnMore': { en: 'Learn more', ja: '詳細を表示' },
  'retirement.snooze': { en: "Don't show for 30 days", ja: '30 日間表示しない' },
  'retirement.error': {
    en: 'prompt flow is retired: read-only since {date}',
    ja: 'プロンプト フローは提供終了しました: {date} から読み取り専用です',
  },
  'retirement.fix': {
    en: 'Move the flow to Microsoft Agent Framework: `pfsession migrate plan <flow>` or the command Plan Migration to Agent Framework.',
    ja: 'フローを Microsoft Agent Framework に移行してください: `pfsession migrate plan <フロー>` またはコマンド [Agent Framework への移行を計画]。',
  },
} as const satisfies Record<string, Entry>;
