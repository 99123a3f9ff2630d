// Which catalogue entries describe a failure: the fix of each error kind (or of a service code that
// says more than its kind), the person who can apply it, and the framing "<operation> failed: …".
// The texts live in the catalogue (core/i18n/messages/azure.ts); the locale is the service's.
import { msg, render, t, type Locale, type Message, type MessageId } from '../i18n';
import type { ErrorKind } from '../model';

type Fix = { fix: string; who?: string };
type FixIds = { fix: MessageId; who?: MessageId };

const byKind: Record<ErrorKind, FixIds> = {
  quota: { fix: 'azure.fix.quota', who: 'azure.who.subscriptionAdmin' },
  capacity: { fix: 'azure.fix.capacity' },
  permission: { fix: 'azure.fix.permission', who: 'azure.who.workspaceOwner' },
  auth: { fix: 'azure.fix.auth' },
  storage: { fix: 'azure.fix.storage', who: 'azure.who.workspaceOwner' },
  image: { fix: 'azure.fix.image', who: 'azure.who.registryOwner' },
  packageConflict: { fix: 'azure.fix.packageConflict' },
  identity: { fix: 'azure.fix.identity', who: 'azure.who.workspaceOwner' },
  network: { fix: 'azure.fix.network' },
  throttled: { fix: 'azure.fix.throttled' },
  transient: { fix: 'azure.fix.transient' },
  notFound: { fix: 'azure.fix.notFound' },
  conflict: { fix: 'azure.fix.conflict' },
  validation: { fix: 'azure.fix.validation' },
  timeout: { fix: 'azure.fix.timeout' },
  cancelled: { fix: 'azure.fix.cancelled' },
  retired: { fix: 'retirement.fix' },
  unknown: { fix: 'azure.fix.unknown' },
};

/** Service codes whose fix says more than their kind's (matched without regard to case). */
const byCode: Record<string, { fix: Message; who?: MessageId }> = {
  InvalidVmSize: { fix: msg('azure.fixCode.InvalidVmSize') },
  UnsupportedVmSize: { fix: msg('azure.fixCode.UnsupportedVmSize') },
  ComputeInstanceNotAssignedToUser: { fix: msg('azure.fixCode.ComputeInstanceNotAssignedToUser'), who: 'azure.who.instanceUser' },
  ComputeInstanceNotRunning: { fix: msg('azure.fixCode.ComputeInstanceNotRunning') },
  IdentityNotFound: { fix: msg('azure.fixCode.IdentityNotFound'), who: 'azure.who.workspaceOwner' },
  // `{private}` is the feed form prompt flow replaces with the identity's token.
  PrivateFeedIdentityMissing: { fix: msg('azure.fixCode.PrivateFeedIdentityMissing', { feed: 'https://{private}@…' }) },
  SessionOwnedByAnotherUser: { fix: msg('azure.fixCode.SessionOwnedByAnotherUser') },
  LinkedAuthorizationFailed: { fix: msg('azure.fixCode.LinkedAuthorizationFailed'), who: 'azure.who.identityOwner' },
};

/** The fix of a failure and who can apply it, in the given locale. */
export function fixFor(kind: ErrorKind, loc: Locale, code?: string): Fix {
  const special = code ? Object.entries(byCode).find(([c]) => c.toLowerCase() === code.toLowerCase())?.[1] : undefined;
  if (special) return { fix: render(loc, special.fix), who: special.who && render(loc, { id: special.who }) };
  const ids = byKind[kind];
  return { fix: render(loc, { id: ids.fix }), who: ids.who && render(loc, { id: ids.who }) };
}

/** "pip exited with code N: <pip's last lines>". */
export function pipExitedText(exitCode: number, tail: string, loc: Locale): string {
  return t(loc, 'azure.pipExited', { exitCode, tail });
}

/** A text followed by the request id, when there is one. */
export function withRequestId(loc: Locale, text: string, requestId: string | undefined): string {
  return requestId ? t(loc, 'azure.withRequestId', { text, requestId }) : text;
}

/** "<operation> failed: <detail> (request id …)"; the operation is a name or a catalogue message. */
export function failedText(operation: string | Message, detail: string, requestId: string | undefined, loc: Locale): string {
  const op = render(loc, operation);
  return withRequestId(
    loc,
    detail ? t(loc, 'azure.failed', { operation: op, detail }) : t(loc, 'azure.failedPlain', { operation: op }),
    requestId,
  );
}

/** Why a local write failed, from its errno code, in words. */
export function writeFailureReason(code: string | undefined, loc: Locale): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return t(loc, 'azure.write.diskFull');
    case 'EACCES':
    case 'EPERM':
      return t(loc, 'azure.write.permission');
    case 'EROFS':
      return t(loc, 'azure.write.readOnly');
    case 'EISDIR':
      return t(loc, 'azure.write.folderInTheWay');
    case 'EEXIST':
    case 'ENOTDIR':
      return t(loc, 'azure.write.fileInTheWay');
    default:
      return code ?? t(loc, 'azure.write.unknown');
  }
}
