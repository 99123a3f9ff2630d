// Request/response plumbing shared by every route: body parsing, request ids, and the two error
// envelopes Azure uses (ARM `{error:{...}}`, prompt flow service `ErrorResponse`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** Request bodies above this size are refused before parsing (a hostile client cannot exhaust memory). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  /** Path with any trailing slash removed. */
  path: string;
  requestId: string;
  clientRequestId?: string;
  /** Filled by the auth check. */
  user?: { oid: string; tid: string; upn: string };
  /** The parsed JSON body (undefined when empty). */
  body?: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      innerCode?: string;
      target?: string;
      headers?: Record<string, string>;
      /** Data plane: the message with its parameters named, and the service that answered (run history). */
      messageFormat?: string;
      messageParameters?: Record<string, string>;
      componentName?: string;
    } = {},
  ) {
    super(message);
  }
}

export function newCtx(req: IncomingMessage, res: ServerResponse): Ctx {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const client = req.headers['x-ms-client-request-id'];
  return {
    req,
    res,
    url,
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    requestId: randomUUID(),
    clientRequestId: typeof client === 'string' ? client : undefined,
  };
}

export function readBody(ctx: Ctx): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`));
        ctx.req.destroy();
        return;
      }
      chunks.push(c);
    });
    ctx.req.on('error', reject);
    ctx.req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(
          new HttpError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: not valid JSON.'),
        );
      }
    });
  });
}

function baseHeaders(ctx: Ctx): Record<string, string> {
  const h: Record<string, string> = { 'x-ms-request-id': ctx.requestId, 'x-ms-correlation-request-id': ctx.requestId };
  if (ctx.clientRequestId) h['x-ms-client-request-id'] = ctx.clientRequestId;
  return h;
}

export function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (ctx.res.headersSent || ctx.res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  ctx.res.writeHead(status, {
    ...baseHeaders(ctx),
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  ctx.res.end(text);
}

export function sendText(ctx: Ctx, status: number, text: string, headers: Record<string, string> = {}): void {
  if (ctx.res.headersSent || ctx.res.destroyed) return;
  ctx.res.writeHead(status, {
    ...baseHeaders(ctx),
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  ctx.res.end(text);
}

/** Which envelope a path speaks: ARM for `/subscriptions`, the prompt flow service for its prefixes. */
export function isDataPlane(path: string): boolean {
  return /^\/(flow|history|index|metric)\//.test(path);
}

export function sendError(ctx: Ctx, err: HttpError): void {
  const headers = err.extra.headers ?? {};
  if (isDataPlane(ctx.path)) {
    sendJson(ctx, err.status, pfsError(ctx, err), headers);
  } else {
    sendJson(
      ctx,
      err.status,
      {
        error: {
          code: err.code,
          message: err.message,
          ...(err.extra.target ? { target: err.extra.target } : {}),
          details: [],
          additionalInfo: [],
        },
      },
      headers,
    );
  }
}

const PFS_TOP_CODES = new Set(['ServiceError', 'UserError', 'ValidationError', 'AzureStorageError', 'TransientError', 'RequestThrottled']);

/** The prompt flow service `ErrorResponse` (docs/azure-contract.md §3): the specific code sits in the innerError chain. */
export function pfsError(ctx: Ctx, err: HttpError): Record<string, unknown> {
  // The swagger's top-level codes are few; anything more specific travels as the innerError code.
  const top = PFS_TOP_CODES.has(err.code)
    ? err.code
    : err.status >= 500
      ? 'ServiceError'
      : err.status === 429
        ? 'RequestThrottled'
        : 'UserError';
  const inner = err.extra.innerCode ?? (top !== err.code ? err.code : undefined);
  return {
    error: {
      code: top,
      severity: null,
      message: err.message,
      messageFormat: err.extra.messageFormat ?? null,
      messageParameters: err.extra.messageParameters ?? {},
      referenceCode: null,
      detailsUri: null,
      target: err.extra.target ?? null,
      details: [],
      innerError: inner ? { code: inner, innerError: null } : null,
      debugInfo: null,
      additionalInfo: null,
    },
    correlation: {
      operation: ctx.requestId,
      request: ctx.requestId,
      RequestId: ctx.requestId,
      ...(ctx.clientRequestId ? { ClientRequestId: ctx.clientRequestId } : {}),
    },
    environment: 'local',
    location: 'eastus',
    time: new Date().toISOString(),
    componentName: err.extra.componentName ?? 'promptflow-service-emulator',
    statusCode: err.status,
  };
}

export const notFound = (what: string): HttpError => new HttpError(404, 'NotFound', what);
export const badRequest = (message: string, innerCode?: string): HttpError =>
  new HttpError(400, 'UserError', message, innerCode ? { innerCode } : {});
