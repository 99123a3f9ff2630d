// One error type for every Azure ML failure: a kind from the taxonomy, a short message, a fix that
// names what to do and who can do it, and the request id. Raw payloads go to the log only, redacted.
import { FlowError } from '../flow/errors';
import { render, t, type Locale, type Message } from '../i18n';
import type { ErrorInfo, ErrorKind } from '../model';
import { redact } from '../redact';
import { retiredMessage } from '../retirement';
import { failedText, fixFor, pipExitedText } from './messages';

/** What was being done when a call failed: a catalogue message (rendered in the error's locale) or a name. */
export type Operation = string | Message;

export class AzureMlError extends Error {
  readonly info: ErrorInfo;
  /** What the service said, without the "<operation> failed" framing, so a caller can reframe it in its own language. */
  readonly detail?: string;
  /** Framed for the user already (the operation that failed, in the user's language): not reframed by the callers above. */
  readonly localized: boolean;
  constructor(info: ErrorInfo, detail?: string, localized = false) {
    super(info.message);
    this.name = 'AzureMlError';
    this.info = info;
    this.detail = detail;
    this.localized = localized;
  }
  get kind(): ErrorKind {
    return this.info.kind;
  }
  toJSON(): ErrorInfo {
    return this.info;
  }
}

interface ServiceErrorBody {
  code?: string;
  message?: string;
  innerError?: { code?: string; innerError?: unknown } | null;
  details?: ServiceErrorBody[];
}

/**
 * Service error codes that name their cause, whatever the HTTP status or the message says
 * (docs/azure-contract.md §32). Codes that say little (`UserError`, `BadRequest`, `ServiceError`, …)
 * are absent on purpose: for those the status decides, and the message only after that.
 */
export const CODE_KINDS: Readonly<Record<string, ErrorKind>> = {
  // ARM (common envelope).
  AuthorizationFailed: 'permission',
  LinkedAuthorizationFailed: 'identity',
  AuthenticationFailed: 'auth',
  InvalidAuthenticationToken: 'auth',
  InvalidAuthenticationTokenAudience: 'auth',
  ExpiredAuthenticationToken: 'auth',
  ResourceNotFound: 'notFound',
  ResourceGroupNotFound: 'notFound',
  SubscriptionNotFound: 'notFound',
  NotFound: 'notFound',
  Conflict: 'conflict',
  TooManyRequests: 'throttled',
  RequestThrottled: 'throttled',
  InternalServerError: 'transient',
  ServiceUnavailable: 'transient',
  BadGateway: 'transient',
  TransientError: 'transient',
  GatewayTimeout: 'timeout',
  MissingApiVersionParameter: 'validation',
  InvalidApiVersionParameter: 'validation',
  InvalidRequestContent: 'validation',
  InvalidFilterInQueryString: 'validation',
  MethodNotAllowed: 'validation',
  RequestEntityTooLarge: 'validation',
  QuotaExceeded: 'quota',
  AllocationFailed: 'capacity',
  ZonalAllocationFailed: 'capacity',
  SkuNotAvailable: 'capacity',
  // The prompt flow service (ErrorResponse; specific codes travel in the innerError chain).
  AzureStorageError: 'storage',
  ValidationError: 'validation',
  NotFoundError: 'notFound',
  InvalidVmSize: 'validation',
  UnsupportedVmSize: 'validation',
  IdentityNotFound: 'identity',
  PrivateFeedIdentityMissing: 'identity',
  PipInstallFailed: 'packageConflict',
  ImagePullFailed: 'image',
  ComputeNotFound: 'notFound',
  ComputeInstanceNotAssignedToUser: 'permission',
  ComputeInstanceNotRunning: 'conflict',
  SessionNotFound: 'notFound',
  SessionOwnedByAnotherUser: 'permission',
  SessionOperationInProgress: 'conflict',
  SessionNotReady: 'conflict',
  OperationNotFound: 'notFound',
  InvalidSessionId: 'validation',
  InvalidRequestBody: 'validation',
  InvalidAction: 'validation',
  AmlUserTokenMissing: 'auth',
  AmlUserTokenMismatch: 'auth',
  RunNotFound: 'notFound',
  RunExists: 'conflict',
  InvalidRunId: 'validation',
  RuntimeNotFound: 'notFound',
  FlowDefinitionMissing: 'validation',
  DataInputMissing: 'validation',
  // Refused because prompt flow is read-only after its retirement; the real code is unpublished, this is
  // the emulator's (docs/azure-contract.md §34).
  PromptFlowRetired: 'retired',
};

const KIND_BY_CODE = new Map(Object.entries(CODE_KINDS).map(([code, kind]) => [code.toLowerCase(), kind]));

/** The kind a service code names on its own, or undefined when the code says too little. */
export function kindOfCode(code: string | undefined): ErrorKind | undefined {
  return code ? KIND_BY_CODE.get(code.toLowerCase()) : undefined;
}

/**
 * Every code of a PFS RootError or an ARM error, most specific first: the innerError chain from its
 * deepest link up, then `details` (each the same way), then the top-level code.
 */
export function errorCodes(err: ServiceErrorBody | undefined, depth = 0): string[] {
  if (!err || depth > 5) return [];
  const chain: string[] = [];
  let inner = err.innerError as ServiceErrorBody | null | undefined;
  for (let i = 0; inner && i < 20; i++) {
    if (typeof inner.code === 'string' && inner.code) chain.unshift(inner.code);
    inner = inner.innerError as ServiceErrorBody | null | undefined;
  }
  const details = (Array.isArray(err.details) ? err.details : []).flatMap((d) => errorCodes(d, depth + 1));
  const top = typeof err.code === 'string' && err.code ? [err.code] : [];
  return [...new Set([...chain, ...details, ...top])];
}

/** The most specific code in a PFS RootError / ARM error (walks `innerError`, then `details`). */
export function mostSpecificCode(err: ServiceErrorBody | undefined): string | undefined {
  return errorCodes(err)[0];
}

function pickError(body: unknown): ServiceErrorBody | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { error?: unknown };
  if (b.error && typeof b.error === 'object') return b.error as ServiceErrorBody;
  if (typeof b.error === 'string') {
    // The session poll may carry a JSON-encoded error in error.message; a bare string also occurs.
    return { message: b.error };
  }
  return undefined;
}

const text = (s: unknown): string => (typeof s === 'string' ? s : '');

/**
 * The last resort: what the words of a message say, on word boundaries only (a code such as
 * `InvalidVmSize` must not read as "msi"). Checked in this order; the first match wins.
 */
const MESSAGE_RULES: readonly [ErrorKind, RegExp][] = [
  ['quota', /\bquota\b|\bcore ?limit\b|\bvcpu limit\b/i],
  ['capacity', /\bcapacity\b|\ballocation ?failed\b|\bsku ?not ?available\b|\bnot available in (the |this )?region\b/i],
  ['image', /\bimage ?pull\b|\bpull(ing)? (the )?(base )?image\b|\bmanifest unknown\b|\bimage not found\b|\bacr ?pull\b/i],
  [
    'packageConflict',
    /\bresolutionimpossible\b|\bconflicting dependencies\b|\bno matching distribution\b|\bcould not find a version\b|\bpip (install )?(exited|failed)\b|\bpackage installation failed\b/i,
  ],
  ['identity', /\bmanaged identity\b|\buser-assigned identity\b|\bmsi\b/i],
  ['storage', /\bstorage account\b|\bdatastore\b|\bblob\b/i],
];

/** What a message says, when nothing more specific does. */
export function kindOfMessage(message: string): ErrorKind | undefined {
  return MESSAGE_RULES.find(([, re]) => re.test(message))?.[0];
}

/**
 * A message that says prompt flow is retired or read-only. Azure's answer after the retirement date is
 * unpublished, so a refusal worded so is read as `retired` whatever its status (a 403 must not send the
 * user to role assignments); "read-only" alone (a read-only file system in pip's output) is not enough.
 */
const RETIRED_TEXT = /\bprompt ?flow\b[^.\n]{0,80}\b(retired|retirement|read-only)\b|\b(retired|read-only)\b[^.\n]{0,80}\bprompt ?flow\b/i;

/** HTTP statuses whose meaning does not depend on the words that come with them. */
function kindOfStatus(status: number): ErrorKind | undefined {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status === 408 || status === 504) return 'timeout';
  return undefined;
}

/**
 * Classifies a service failure: the most specific service code first (the innerError chain), then the
 * HTTP status, the message text only as a last resort, and a default by status at the end.
 */
export function classify(f: { statusCode?: number; codes: readonly string[]; message: string; operationStatus?: string }): ErrorKind {
  for (const code of f.codes) {
    const k = kindOfCode(code);
    if (k) return k;
  }
  if (RETIRED_TEXT.test(f.message)) return 'retired';
  const byStatus = f.statusCode !== undefined ? kindOfStatus(f.statusCode) : undefined;
  if (byStatus) return byStatus;
  const byText = kindOfMessage(f.message);
  if (byText) return byText;
  if (f.statusCode !== undefined) return f.statusCode >= 500 ? 'transient' : 'validation';
  return f.operationStatus === 'Canceled' ? 'cancelled' : 'unknown';
}

export interface HttpFailure {
  statusCode: number;
  body?: unknown;
  requestId?: string;
  /** What was being done, e.g. "Starting the session". */
  operation: Operation;
  /** Language of the fix and framing; absent = English. */
  locale?: Locale;
}

/** Our words for a refusal after the retirement date (the service's own words go to the details). */
function retiredText(loc: Locale): string {
  return render(loc, retiredMessage());
}

function firstLine(s: string, max = 300): string {
  const line = s.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return redact(line.length > max ? `${line.slice(0, max)}…` : line);
}

/**
 * The service's reason in one line: its first line and, when it goes on (pip's output), its last
 * lines too, where pip says what went wrong.
 */
export function reasonOf(s: string, lastLines = 3): string {
  const lines = s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length <= 1) return firstLine(s);
  const tail = lines.slice(Math.max(1, lines.length - lastLines));
  return redact(`${lines[0].slice(0, 300)} … ${tail.join(' ').slice(-400)}`);
}

/** Maps an HTTP failure (status + parsed body) to an AzureMlError. */
export function fromHttp(f: HttpFailure): AzureMlError {
  const err = pickError(f.body);
  const codes = errorCodes(err);
  const serviceMessage = firstLine(text(err?.message));
  const kind = classify({ statusCode: f.statusCode, codes, message: text(err?.message) });
  return make(
    kind,
    f.operation,
    kind === 'retired' ? retiredText(f.locale ?? 'en') : serviceMessage,
    { statusCode: f.statusCode, requestId: f.requestId, code: codes[0], body: f.body },
    f.locale,
  );
}

/** A failed long-running operation (poll status other than Succeeded). */
export function fromOperation(operation: Operation, body: unknown, requestId?: string, loc: Locale = 'en'): AzureMlError {
  const err = pickError(body);
  let message = text(err?.message);
  let codes = errorCodes(err);
  // The service may JSON-encode a whole error object inside error.message (docs/azure-contract.md §3, §5).
  try {
    const inner = JSON.parse(message) as unknown;
    const innerErr = pickError(inner) ?? (inner as ServiceErrorBody);
    if (innerErr && typeof innerErr === 'object') {
      message = text(innerErr.message) || message;
      codes = [...new Set([...errorCodes(innerErr), ...codes])];
    }
  } catch {
    // not JSON: keep the text
  }
  const status = text((body as { status?: unknown })?.status) || 'Failed';
  const kind = classify({ codes, message, operationStatus: status });
  const reason = kind === 'retired' ? retiredText(loc) : reasonOf(message) || t(loc, 'azure.serviceReported', { status });
  return make(kind, operation, reason, { requestId, code: codes[0], body }, loc);
}

/** pip failures found in the session's setupResults: pip's last lines are the reason. */
export function fromSetupFailure(operation: Operation, stdErr: string, exitCode: number, loc: Locale = 'en'): AzureMlError {
  const tail = redact(
    stdErr
      .trim()
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-3)
      .join(' ')
      .slice(-400),
  );
  return make('packageConflict', operation, pipExitedText(exitCode, tail, loc), { details: stdErr, localized: true }, loc);
}

/**
 * The same failure framed by another operation in another language ("Starting the session failed: …"
 * → "セッションの開始に失敗しました: …"), with the fix of its kind and code in that language. An error
 * already framed for the user (`localized`) is kept as it is.
 */
export function reframe(e: AzureMlError, operation: Operation, loc: Locale = 'en'): AzureMlError {
  if (e.localized || e.detail === undefined) return e;
  const fix = fixFor(e.kind, loc, e.info.code);
  return new AzureMlError(
    { ...e.info, message: failedText(operation, e.detail, e.info.requestId, loc), fix: fix.fix, who: fix.who },
    e.detail,
    true,
  );
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/** Maps anything thrown (RestError, system error, abort) to an AzureMlError; `loc` picks the language. */
export function toAzureMlError(e: unknown, operation: Operation, loc: Locale = 'en'): AzureMlError {
  if (e instanceof AzureMlError) return e;
  // A flow folder the service could not use: the flow layer's message and fix, as a validation error.
  if (e instanceof FlowError) return new AzureMlError({ kind: 'validation', message: e.message, fix: e.fix });
  const any = e as {
    name?: string;
    code?: string;
    statusCode?: number;
    message?: string;
    response?: { bodyAsText?: string; headers?: { get(n: string): string | undefined } };
    details?: unknown;
    request?: { requestId?: string };
  };
  if (any?.name === 'AbortError') return make('cancelled', operation, t(loc, 'azure.cancelled'), {}, loc);
  if (typeof any?.statusCode === 'number') {
    let body: unknown = any.details;
    if (any.response?.bodyAsText) {
      try {
        body = JSON.parse(any.response.bodyAsText);
      } catch {
        body = { error: { message: any.response.bodyAsText } };
      }
    }
    if (!pickError(body) && any.message) body = { error: { code: any.code, message: any.message } };
    const requestId =
      any.response?.headers?.get('x-ms-request-id') ?? any.response?.headers?.get('x-ms-client-request-id') ?? any.request?.requestId;
    return fromHttp({ statusCode: any.statusCode, body, requestId, operation, locale: loc });
  }
  const code = any?.code ?? '';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT')
    return make('timeout', operation, t(loc, 'azure.connectionTimedOut'), { code }, loc);
  if (NETWORK_CODES.has(code) || /socket hang up|network|fetch failed|certificate|self.signed|ECONNRESET/i.test(any?.message ?? '')) {
    return make('network', operation, firstLine(any?.message ?? code), { code: code || undefined }, loc);
  }
  return make('unknown', operation, firstLine(any?.message ?? String(e)), {}, loc);
}

function make(
  kind: ErrorKind,
  operation: Operation,
  detail: string,
  extra: { statusCode?: number; requestId?: string; code?: string; body?: unknown; details?: string; localized?: boolean },
  loc: Locale = 'en',
): AzureMlError {
  const fix = fixFor(kind, loc, extra.code);
  let details = extra.details;
  if (extra.body !== undefined) {
    try {
      details = JSON.stringify(extra.body);
    } catch {
      details = String(extra.body);
    }
  }
  const info: ErrorInfo = {
    kind,
    message: failedText(operation, detail, extra.requestId, loc),
    fix: fix.fix,
    who: fix.who,
    requestId: extra.requestId,
    statusCode: extra.statusCode,
    code: extra.code,
    details: details === undefined ? undefined : redact(details).slice(0, 4000),
  };
  return new AzureMlError(info, detail, extra.localized ?? false);
}

/** True for failures a watcher should ride out by polling again later. */
export function isTransient(e: AzureMlError): boolean {
  return ['throttled', 'transient', 'network', 'timeout'].includes(e.kind);
}
