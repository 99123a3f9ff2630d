// Texts shared by every front end that belong to no one domain.
import type { Entry } from '../catalogue';

export const commonMessages = {
  'common.yes': { en: 'Yes', ja: 'はい' },
  'common.no': { en: 'No', ja: 'いいえ' },
} as const satisfies Record<string, Entry>;
