// What the CLI says a user should do, where the shared fix does not fit a command line: the emulator
// endpoint that does not answer, no Azure sign-in at all, throttling the retries did not outlast, and a
// VM size chosen with a flag (the editor's wizard is not there).
import { msg, processLocale, render, type Locale } from '../core/i18n';
import { fixFor } from '../core/azure/messages';
import type { ErrorInfo, PreflightCheck } from '../core/session/types';

/** The error as the CLI shows it: the same facts, with a fix a command-line user can follow. */
export function cliFix(info: ErrorInfo, locale: Locale = processLocale(), env: NodeJS.ProcessEnv = process.env): ErrorInfo {
  const say = (m: Parameters<typeof render>[1]) => render(locale, m);
  const emulator = env.AZUREML_EMULATOR_ENDPOINT;
  if (emulator && (info.kind === 'network' || info.kind === 'timeout'))
    return { ...info, fix: say(msg('access.emulatorUnreachable', { endpoint: emulator })), who: undefined };
  // @azure/identity's chain found no way to sign in: say which ways there are, not the chain's name.
  if (!emulator && /ChainedTokenCredential|CredentialUnavailable|AggregateAuthentication/.test(info.message))
    return { ...info, kind: 'auth', message: say(msg('access.noCredential')), fix: undefined, who: undefined };
  // The pipeline's retries are over by the time an error reaches the command line.
  if (info.kind === 'throttled') return { ...info, fix: say(msg('access.throttledGaveUp')) };
  if (info.code === 'InvalidVmSize' || info.code === 'Preflight.vmSize') return { ...info, fix: say(msg('access.vmSizeCli')) };
  return info;
}

/** The shared fix of throttling, which promises retries that are over once the CLI reports. */
const throttledFixes = new Set([fixFor('throttled', 'en').fix, fixFor('throttled', 'ja').fix]);

/**
 * A preflight check as the CLI shows it: its VM size fix names the CLI's own way to check a size, and a
 * check that could not be read because of throttling does not promise a retry.
 */
export function cliCheck(check: PreflightCheck, locale: Locale = processLocale()): PreflightCheck {
  if (check.id === 'vmSize' && check.status === 'fail' && check.fix) return { ...check, fix: render(locale, msg('access.vmSizeCli')) };
  if (check.fix && throttledFixes.has(check.fix)) return { ...check, fix: render(locale, msg('access.throttledGaveUp')) };
  return check;
}
