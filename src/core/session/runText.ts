// What the run verbs tell the user about where a run went, rendered from the catalogue
// (core/i18n/messages/session.ts, `session.run.*`).
import { joinList, translator, type Locale } from '../i18n';
import { resourceName } from '../model';

/** What run.yml asks for, in words: a VM size, a compute instance, an identity. */
export interface PlacementWords {
  vmSize?: string;
  computeInstanceName?: string;
  /** A resource id, or '' for the user's own identity. */
  identity?: string;
}

function words(p: PlacementWords, loc: Locale): string {
  const t = translator(loc);
  const parts: string[] = [];
  if (p.computeInstanceName) parts.push(t('session.run.computeInstance', { name: p.computeInstanceName }));
  if (p.vmSize) parts.push(t('session.vmSizeNamed', { size: p.vmSize }));
  if (p.identity !== undefined)
    parts.push(p.identity ? t('session.identityNamed', { name: resourceName(p.identity) }) : t('session.run.ownIdentity'));
  return joinList(loc, parts);
}

const short = (id: string) => id.slice(0, 12);

/** run.yml's resources differ from the flow's session: the run goes to a session made for them. */
export function otherResourcesText(
  wanted: PlacementWords,
  actual: PlacementWords,
  flowSession: string,
  runSession: string,
  loc: Locale,
): string {
  const t = translator(loc);
  return t('session.run.otherResourcesNotice', {
    wanted: words(wanted, loc),
    actual: words(actual, loc) || t('session.run.otherResources'),
    flowSession: short(flowSession),
    runSession: short(runSession),
  });
}

/** The flow's session runs an older environment: the run goes to the session the official CLI derives. */
export function otherEnvironmentText(flowSession: string, runSession: string, loc: Locale): string {
  return translator(loc)('session.run.otherEnvironmentNotice', { flowSession: short(flowSession), runSession: short(runSession) });
}
