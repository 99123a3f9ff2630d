// The one locale detector. Each front end has one source of truth for its language, and everything
// below it takes the locale as a parameter: the extension reads VS Code's display language, the
// language server the `locale` of its initialize request, the CLI `--locale` or the environment.
import type { Locale } from './catalogue';

/** The product's language for a BCP 47 or POSIX tag (`ja`, `ja-JP`, `ja_JP.UTF-8`); anything else is English. */
export function toLocale(tag: string | undefined): Locale {
  return tag?.trim().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * The locale of a process that has no other word for it (the CLI, a child of VS Code): an explicit
 * choice first, then POSIX precedence (`LC_ALL`, `LC_MESSAGES`, `LANG`), then the language VS Code
 * passes to its child processes (`VSCODE_NLS_CONFIG`).
 */
export function processLocale(env: NodeJS.ProcessEnv = process.env, explicit?: string): Locale {
  if (explicit) return toLocale(explicit);
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (posix && posix !== 'C' && posix !== 'POSIX' && !posix.startsWith('C.')) return toLocale(posix);
  const nls = env.VSCODE_NLS_CONFIG;
  if (nls) {
    try {
      return toLocale((JSON.parse(nls) as { locale?: string }).locale);
    } catch {
      // not JSON: no word from VS Code
    }
  }
  return 'en';
}
