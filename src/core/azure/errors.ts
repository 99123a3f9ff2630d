// One error type for every Azure ML failure: a kind from the taxonomy, a short message, a fix that
// names what to do and who can do it, and the request id. Raw payloads go to the log only, redacted.
import { FlowError } from '../flow/errors';
import type { ErrorInfo, ErrorKind } from '../model';
import { redact } from '../redact';
import { failedText, fixFor } from './messages';

export class AzureMlError extends Error {
  readonly info: ErrorInfo;
  /** What the service said, without the "<operation> failed" framing, so a caller can reframe it in its own language. */
  readonly detail?: string;
  constructor(info: ErrorInfo, detail?: string) {
    super(info.message);
    this.name = 'AzureMlError';
    this.info = info;
    this.detail = detail;
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
  innerError?: { code?: string; innerError?: unknown };
  details?: ServiceErrorBody[];
}

/** The most specific code in a PFS RootError / ARM error (walks `innerError`, then `details`). */
export function mostSpecificCode(err: ServiceErrorBody | undefined): string | undefined {
  if (!err) return undefined;
  let code = err.code;
  let inner = err.innerError as ServiceErrorBody | undefined;
  for (let depth = 0; inner && depth < 20; depth++) {
    if (inner.code) code = inner.code;
    inner = inner.innerError as ServiceErrorBody | undefined;
  }
  if (code === err.code && err.details?.length) {
    const sub = mostSpecificCode(err.details[0]);
    if (sub) code = sub;
  }
  return code;
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

/** Classifies a 400-class service error by code and message. */
function classifyByContent(code: string, message: string): ErrorKind | undefined {
  const s = `${code} ${message}`.toLowerCase();
  if (/quota|corelimit|vcpu limit/.test(s)) return 'quota';
  if (/capacity|allocationfailed|skunotavailable|zonalallocation|not available in (the )?region/.test(s)) return 'capacity';
  if (/imagepull|pull image|manifest unknown|image not found|acr|base ?image/.test(s)) return 'image';
  if (/resolutionimpossible|conflict(ing)? dependenc|pip install|no matching distribution|could not find a version|package/.test(s))
    return 'packageConflict';
  if (/identity|managedidentity|msi/.test(s)) return 'identity';
  if (/storage|datastore|blob/.test(s)) return 'storage';
  return undefined;
}

export interface HttpFailure {
  statusCode: number;
  body?: unknown;
  requestId?: string;
  /** What was being done, e.g. "Starting the session". */
  operation: string;
  /** Language of the fix and framing; absent = the process's locale. */
  locale?: string;
}

function firstLine(s: string, max = 300): string {
  const line = s.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return redact(line.length > max ? `${line.slice(0, max)}…` : line);
}

/** Maps an HTTP failure (status + parsed body) to an AzureMlError. */
export function fromHttp(f: HttpFailure): AzureMlError {
  const err = pickError(f.body);
  const code = mostSpecificCode(err);
  const serviceMessage = firstLine(text(err?.message));
  let kind: ErrorKind;
  switch (true) {
    case f.statusCode === 401:
      kind = 'auth';
      break;
    case f.statusCode === 403:
      kind = classifyByContent(code ?? '', serviceMessage) === 'identity' ? 'identity' : 'permission';
      break;
    case f.statusCode === 404:
      kind = 'notFound';
      break;
    case f.statusCode === 409:
      kind = 'conflict';
      break;
    case f.statusCode === 429:
      kind = 'throttled';
      break;
    case f.statusCode === 408 || f.statusCode === 504:
      kind = 'timeout';
      break;
    case f.statusCode >= 500:
      kind = classifyByContent(code ?? '', serviceMessage) ?? 'transient';
      break;
    default:
      kind = classifyByContent(code ?? '', serviceMessage) ?? 'validation';
  }
  return make(kind, f.operation, serviceMessage, { statusCode: f.statusCode, requestId: f.requestId, code, body: f.body }, f.locale);
}

/** A failed long-running operation (poll status other than Succeeded). */
export function fromOperation(operation: string, body: unknown, requestId?: string): AzureMlError {
  const err = pickError(body);
  let message = text(err?.message);
  let code = mostSpecificCode(err);
  // The service may JSON-encode a whole error object inside error.message (docs/azure-contract.md §3, §5).
  try {
    const inner = JSON.parse(message) as unknown;
    const innerErr = pickError(inner) ?? (inner as ServiceErrorBody);
    if (innerErr && typeof innerErr === 'object') {
      message = text(innerErr.message) || message;
      code = mostSpecificCode(innerErr) ?? code;
    }
  } catch {
    // not JSON: keep the text
  }
  const status = text((body as { status?: unknown })?.status) || 'Failed';
  const kind = classifyByContent(code ?? '', message) ?? (status === 'Canceled' ? 'cancelled' : 'unknown');
  return make(kind, operation, firstLine(message) || `the service reported ${status}`, { requestId, code, body });
}

/** pip failures found in the session's setupResults. */
export function fromSetupFailure(operation: string, stdErr: string, exitCode: number): AzureMlError {
  const tail = redact(stdErr.trim().split(/\r?\n/).slice(-3).join(' ').slice(-300));
  return make('packageConflict', operation, `pip exited with code ${exitCode}: ${tail}`, { details: stdErr });
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
export function toAzureMlError(e: unknown, operation: string, loc?: string): AzureMlError {
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
  if (any?.name === 'AbortError') return make('cancelled', operation, 'cancelled', {}, loc);
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
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return make('timeout', operation, 'the connection timed out', { code }, loc);
  if (NETWORK_CODES.has(code) || /socket hang up|network|fetch failed|certificate|self.signed|ECONNRESET/i.test(any?.message ?? '')) {
    return make('network', operation, firstLine(any?.message ?? code), { code: code || undefined }, loc);
  }
  return make('unknown', operation, firstLine(any?.message ?? String(e)), {}, loc);
}

function make(
  kind: ErrorKind,
  operation: string,
  detail: string,
  extra: { statusCode?: number; requestId?: string; code?: string; body?: unknown; details?: string },
  loc?: string,
): AzureMlError {
  const fix = fixFor(kind, loc);
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
  return new AzureMlError(info, detail);
}

/** True for failures a watcher should ride out by polling again later. */
export function isTransient(e: AzureMlError): boolean {
  return ['throttled', 'transient', 'network', 'timeout'].includes(e.kind);
}
