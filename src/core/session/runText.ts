// What the run verbs tell the user about where a run went, in English and Japanese.
import { isJapanese } from '../azure/messages';

/** What run.yml asks for, in words: a VM size, a compute instance, an identity. */
export interface PlacementWords {
  vmSize?: string;
  computeInstanceName?: string;
  /** A resource id, or '' for the user's own identity. */
  identity?: string;
}

function words(p: PlacementWords, ja: boolean): string {
  const parts: string[] = [];
  if (p.computeInstanceName)
    parts.push(ja ? `コンピューティング インスタンス ${p.computeInstanceName}` : `compute instance ${p.computeInstanceName}`);
  if (p.vmSize) parts.push(ja ? `VM サイズ ${p.vmSize}` : `VM size ${p.vmSize}`);
  if (p.identity !== undefined) {
    const name = p.identity.split('/').pop();
    parts.push(p.identity ? (ja ? `ID ${name}` : `identity ${name}`) : ja ? 'ユーザー自身の ID' : "the user's own identity");
  }
  return parts.join(ja ? '、' : ', ');
}

const short = (id: string) => id.slice(0, 12);

/** run.yml's resources differ from the flow's session: the run goes to a session made for them. */
export function otherResourcesText(
  wanted: PlacementWords,
  actual: PlacementWords,
  flowSession: string,
  runSession: string,
  loc?: string,
): string {
  return isJapanese(loc)
    ? `run.yml は ${words(wanted, true)} を指定していますが、フローのセッション ${short(flowSession)}… は ${words(actual, true) || '別の構成'} で動いています。実行はこのリソース用のセッション ${short(runSession)}… で行います。`
    : `run.yml asks for ${words(wanted, false)}, but the flow's session ${short(flowSession)}… runs on ${words(actual, false) || 'other resources'}; the run goes to session ${short(runSession)}…, made for those resources.`;
}

/** The flow's session runs an older environment: the run goes to the session the official CLI derives. */
export function otherEnvironmentText(flowSession: string, runSession: string, loc?: string): string {
  return isJapanese(loc)
    ? `フローのセッション ${short(flowSession)}… は現在のイメージまたは要件で作られていないため、実行は公式 CLI と同じく導出されたセッション ${short(runSession)}… で行います。`
    : `The flow's session ${short(flowSession)}… does not have the flow's current image or requirements, so the run goes to session ${short(runSession)}…, derived as the official CLI derives it.`;
}
