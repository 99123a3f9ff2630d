// The HTTP pipeline shared by the prompt flow service client and the ARM calls the SDK lacks:
// bearer token (ARM scope, refreshed before expiry, refreshed once after a 401), `aml-user-token`
// where the service needs to act as the user, `x-ms-client-request-id` per operation, retries that
// honour Retry-After, and trust of the emulator's certificate for its hosts only.
import { Agent } from 'node:https';
import { randomUUID } from 'node:crypto';
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { ARM_SCOPE, ML_SCOPE, type TokenCache } from './credential';
import { redact } from '../redact';
import { AzureMlError, fromHttp, toAzureMlError, type Operation } from './errors';
import { t, type Locale } from '../i18n';
import { failedText } from './messages';

export type LogFn = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string) => void;

const USER_TOKEN_MARKER = 'x-pfs-wants-user-token';
const MAX_RETRIES = 4;
const MAX_RETRY_AFTER_MS = 120_000;
const REQUEST_TIMEOUT_MS = 120_000;

/** Sleeps unless aborted; rejects with an AbortError when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/** Retry-After in ms (seconds or an HTTP date), or undefined. */
export function retryAfterMs(res: { headers: { get(name: string): string | undefined } }): number | undefined {
  const v = res.headers.get('retry-after-ms') ?? res.headers.get('x-ms-retry-after-ms');
  if (v && !Number.isNaN(Number(v))) return Math.min(Number(v), MAX_RETRY_AFTER_MS);
  const ra = res.headers.get('retry-after');
  if (!ra) return undefined;
  const secs = Number(ra);
  const ms = Number.isNaN(secs) ? Date.parse(ra) - Date.now() : secs * 1000;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

function isNetworkError(e: unknown): boolean {
  const err = e as { code?: string; name?: string; message?: string };
  if (err?.name === 'AbortError') return false;
  return /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|socket hang up|UND_ERR|ECONNABORTED/i.test(`${err?.code ?? ''} ${err?.message ?? ''}`);
}

/** 429/502/503/504 always; 500 only for GET (a retried POST creation can cause a 409, docs/azure-contract.md §4). */
function retryPolicy(log: LogFn): PipelinePolicy {
  return {
    name: 'pfsRetry',
    async sendRequest(req, next) {
      for (let attempt = 0; ; attempt++) {
        let res: PipelineResponse;
        try {
          res = await next(req);
        } catch (e) {
          if (!isNetworkError(e) || attempt >= MAX_RETRIES) throw e;
          const wait = backoff(attempt);
          log('warn', `${req.method} ${pathOf(req.url)}: connection failed (${(e as Error).message}); retry in ${wait} ms`);
          await sleep(wait, req.abortSignal as AbortSignal | undefined);
          continue;
        }
        const s = res.status;
        const retryable = s === 429 || s === 502 || s === 503 || s === 504 || (s === 500 && req.method === 'GET');
        if (!retryable || attempt >= MAX_RETRIES) return res;
        const wait = retryAfterMs(res) ?? backoff(attempt);
        log(
          'warn',
          `${req.method} ${pathOf(req.url)}: ${s}; retry in ${wait} ms (request id ${req.headers.get('x-ms-client-request-id')})`,
        );
        await sleep(wait, req.abortSignal as AbortSignal | undefined);
      }
    },
  };
}

function backoff(attempt: number): number {
  return Math.min(1000 * 2 ** attempt, 30_000) + Math.floor(Math.random() * 250);
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Trust the emulator's certificate for its own hosts only (not for any other host). */
export function trustPolicy(caPem: string | undefined, hosts: () => Set<string>): PipelinePolicy {
  const agent = caPem ? new Agent({ ca: caPem, keepAlive: true }) : undefined;
  return {
    name: 'emulatorTrust',
    sendRequest(req, next) {
      if (agent && hosts().has(new URL(req.url).host)) req.agent = agent;
      return next(req);
    },
  };
}

/** Bearer token policy with a refresh and one retry after a 401 (token expired mid-operation). */
function authPolicy(tokens: TokenCache, log: LogFn, locale: () => Locale): PipelinePolicy {
  return {
    name: 'pfsAuth',
    async sendRequest(req, next) {
      // Like the SDK's bearer policy, never send a token over plain http.
      if (!req.url.toLowerCase().startsWith('https://')) {
        throw new AzureMlError({ kind: 'validation', message: t(locale(), 'azure.plainHttp', { host: new URL(req.url).host }) });
      }
      const wantsUser = req.headers.has(USER_TOKEN_MARKER);
      req.headers.delete(USER_TOKEN_MARKER);
      const authorize = async () => {
        req.headers.set('authorization', `Bearer ${await tokens.get(ARM_SCOPE, req.abortSignal as AbortSignal | undefined)}`);
        if (wantsUser) req.headers.set('aml-user-token', await tokens.get(ML_SCOPE, req.abortSignal as AbortSignal | undefined));
      };
      await authorize();
      const res = await next(req);
      if (res.status !== 401) return res;
      log('info', `${req.method} ${pathOf(req.url)}: token refused (401); refreshing it and retrying once`);
      tokens.invalidate();
      await authorize();
      return next(req);
    },
  };
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: PipelineResponse['headers'];
  body: T;
  text: string;
  requestId: string;
}

export interface SendOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** Send `aml-user-token` (FlowSessions create, BulkRuns/submit). */
  userToken?: boolean;
  /** One GUID per user operation, reused by its polls. */
  requestId?: string;
  abortSignal?: AbortSignal;
  /** Status codes that are not failures for this call (e.g. 404 = session does not exist). */
  accept?: number[];
  /** What is being done, for error messages (a catalogue message, rendered in the sender's locale). */
  operation: Operation;
}

export class HttpSender {
  readonly pipeline: Pipeline;
  private readonly client: HttpClient;
  /** Number of HTTP attempts made (benchmarks read it). */
  requestCount = 0;
  /** Language of the errors this sender raises (the service's). */
  locale: Locale = 'en';
  /**
   * The service's clock minus ours, in ms, from the `Date` header of the last answer that had one. Times
   * the service reports (a session's last activity) are turned into local deadlines with it.
   */
  clockSkewMs = 0;

  constructor(
    tokens: TokenCache,
    caPem: string | undefined,
    private readonly trustedHosts: Set<string>,
    private readonly log: LogFn,
  ) {
    const inner = createDefaultHttpClient();
    this.client = {
      sendRequest: (req) => {
        this.requestCount++;
        return inner.sendRequest(req);
      },
    };
    this.pipeline = createEmptyPipeline();
    this.pipeline.addPolicy(retryPolicy(log));
    this.pipeline.addPolicy(trustPolicy(caPem, () => this.trustedHosts));
    this.pipeline.addPolicy(authPolicy(tokens, log, () => this.locale));
  }

  trustHost(host: string): void {
    this.trustedHosts.add(host);
  }

  async send<T = unknown>(o: SendOptions): Promise<HttpResult<T>> {
    const requestId = o.requestId ?? randomUUID();
    const headers = createHttpHeaders({ 'x-ms-client-request-id': requestId, accept: 'application/json' });
    if (o.userToken) headers.set(USER_TOKEN_MARKER, '1');
    let body: string | undefined;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers.set('content-type', 'application/json');
    }
    // A silent connection must not hang an operation. An unref'd AbortSignal.timeout is used rather
    // than the client's `timeout`, whose timer outlives a dropped connection and holds the process.
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const abortSignal = o.abortSignal ? AbortSignal.any([o.abortSignal, timeout]) : timeout;
    const req: PipelineRequest = createPipelineRequest({ url: o.url, method: o.method, headers, body, abortSignal });
    let res: PipelineResponse;
    try {
      res = await this.pipeline.sendRequest(this.client, req);
    } catch (e) {
      const err =
        timeout.aborted && !o.abortSignal?.aborted
          ? new AzureMlError({
              kind: 'timeout',
              message: failedText(
                o.operation,
                t(this.locale, 'azure.noAnswer', { seconds: REQUEST_TIMEOUT_MS / 1000 }),
                requestId,
                this.locale,
              ),
              requestId,
            })
          : toAzureMlError(e, o.operation, this.locale);
      this.log('warn', `${o.method} ${pathOf(o.url)} failed: ${err.message}`);
      throw err;
    }
    const text = res.bodyAsText ?? '';
    let parsed: unknown = text;
    if (text && /json/i.test(res.headers.get('content-type') ?? 'json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const date = Date.parse(res.headers.get('date') ?? '');
    if (Number.isFinite(date)) this.clockSkewMs = date - Date.now();
    const rid = res.headers.get('x-ms-request-id') ?? requestId;
    this.log('debug', `${o.method} ${pathOf(o.url)} → ${res.status} (request id ${rid})`);
    if (res.status >= 400 && !o.accept?.includes(res.status)) {
      this.log('debug', `response body: ${redact(text).slice(0, 2000)}`);
      throw fromHttp({
        statusCode: res.status,
        body: typeof parsed === 'object' ? parsed : { error: { message: text } },
        requestId: rid,
        operation: o.operation,
        locale: this.locale,
      });
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text, requestId: rid };
  }
}
