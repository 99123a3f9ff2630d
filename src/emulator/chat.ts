// The stand-in chat completions service that LLM nodes reach during runs, on the emulator's own port:
// Azure OpenAI's data plane under `/_aoai/<account>/` and OpenAI's under `/v1`, with the real request and
// answer shapes, and an answer that is a documented function of the request (docs/azure-contract.md §35).
import { createHash } from 'node:crypto';
import { sameSecret } from './controlKey';
import { HttpError, readBody, sendJson, type Ctx } from './http';
import { accountKeys } from './cognitive';
import type { CognitiveAccountRecord } from './aiResources';
import { st, type World } from './world';

const AZURE_ROUTE = /^\/_aoai\/[^/]+\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const OPENAI_ROUTE = '/v1/chat/completions';
const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];
/** Requests kept for the test control, newest last. */
const MAX_LOGGED = 1000;

/** A path segment as text; a malformed escape stays as sent (it then names nothing). */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const isChatPath = (path: string): boolean => path.startsWith('/_aoai/') || path === '/v1' || path.startsWith('/v1/');

/**
 * Where a session reaches a connection's target: an Azure OpenAI endpoint (`https://<account>.openai.azure.com/`,
 * or `.cognitiveservices.azure.com/`) at `<endpoint>/_aoai/<account>/`; OpenAI (`https://api.openai.com/v1`, or no
 * target: empty or the seed's `_`) at `<endpoint>/v1`; anything else has no stand-in (undefined).
 */
export function sessionApiBase(endpoint: string, target: string): string | undefined {
  const t = target.trim();
  if (!t || t === '_' || /^https:\/\/api\.openai\.com\/v1\/?$/i.test(t)) return `${endpoint}/v1`;
  const m = /^https:\/\/([a-z0-9][a-z0-9-]*)\.(openai\.azure\.com|cognitiveservices\.azure\.com)\/?$/i.exec(t);
  return m ? `${endpoint}/_aoai/${m[1].toLowerCase()}/` : undefined;
}

/** An error in the body shape of the API that answers it (Azure OpenAI's `{code, message}` or OpenAI's). */
export class ChatError extends HttpError {
  constructor(
    status: number,
    readonly body: Record<string, unknown>,
  ) {
    const e = body.error as { code?: unknown; message?: unknown } | undefined;
    super(status, String(e?.code ?? status), String(e?.message ?? body.message ?? ''));
  }
}

const azureError = (status: number, code: string, message: string) => new ChatError(status, { error: { code, message } });
const openaiError = (status: number, message: string, param: string | null, code: string | null) =>
  new ChatError(status, { error: { message, type: 'invalid_request_error', param, code } });

/** The body of any error on a chat path: its own, or one of a fault or of the plumbing put in the API's shape. */
export function chatErrorBody(path: string, err: HttpError): Record<string, unknown> {
  if (err instanceof ChatError) return err.body;
  if (path.startsWith('/_aoai/')) return { error: { code: err.code, message: err.message } };
  const type = err.status >= 500 ? 'server_error' : err.status === 429 ? 'requests' : 'invalid_request_error';
  return { error: { message: err.message, type, param: null, code: err.code } };
}

export interface AnswerRule {
  /** The Azure deployment or the OpenAI model the request names; any when absent. */
  deployment?: string;
  /** A text the last user message contains; any when absent. */
  contains?: string;
  answer: string;
}

export interface LoggedRequest {
  at: string;
  api: 'AzureOpenAI' | 'OpenAI';
  account?: string;
  deployment?: string;
  apiVersion?: string;
  status: number;
  /** The request body as sent (keys travel in headers, which are never kept). */
  body: unknown;
}

/** A message's content as text: a string as is, a list's text parts joined with newlines. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((p): p is { type: 'text'; text: string } => !!p && p.type === 'text' && typeof p.text === 'string')
    .map((p) => p.text)
    .join('\n');
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const SAFE = { filtered: false, severity: 'safe' };
/** Azure OpenAI's content filter annotations of a prompt or choice that passed (learn.microsoft.com, content filtering). */
const PASSED = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };

interface Message {
  role: string;
  content: unknown;
}

/** The request's messages, checked as OpenAI checks them (both APIs answer 400 in OpenAI's error shape). */
function checkBody(body: unknown): { messages: Message[]; n: number; stream: boolean; usageChunk: boolean } {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
    throw openaiError(400, 'The request body must be a JSON object.', null, 'invalid_type');
  const b = (body ?? {}) as Record<string, unknown>;
  if (b.messages === undefined) throw openaiError(400, "Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(b.messages))
    throw openaiError(400, "Invalid type for 'messages': expected an array of objects.", 'messages', 'invalid_type');
  if (b.messages.length === 0)
    throw openaiError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1.", 'messages', 'empty_array');
  b.messages.forEach((m: unknown, i) => {
    const at = `messages[${i}]`;
    if (!m || typeof m !== 'object' || Array.isArray(m))
      throw openaiError(400, `Invalid type for '${at}': expected an object.`, at, 'invalid_type');
    const { role, content } = m as Record<string, unknown>;
    if (role === undefined) throw openaiError(400, `Missing required parameter: '${at}.role'.`, `${at}.role`, 'missing_required_parameter');
    if (typeof role !== 'string' || !ROLES.includes(role))
      throw openaiError(
        400,
        `Invalid value: '${String(role).slice(0, 100)}'. Supported values are: ${ROLES.map((r) => `'${r}'`).join(', ')}.`,
        `${at}.role`,
        'invalid_value',
      );
    if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content))
      throw openaiError(
        400,
        `Invalid type for '${at}.content': expected a string or an array of objects.`,
        `${at}.content`,
        'invalid_type',
      );
  });
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== 'boolean')
    throw openaiError(400, "Invalid type for 'stream': expected a boolean.", 'stream', 'invalid_type');
  if (b.stream_options !== undefined && b.stream_options !== null && b.stream !== true)
    throw openaiError(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options', 'invalid_value');
  const n = b.n === undefined || b.n === null ? 1 : b.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 128)
    throw openaiError(400, `Invalid 'n': expected an integer from 1 to 128.`, 'n', 'invalid_value');
  const usageChunk = (b.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  return { messages: b.messages as Message[], n, stream: b.stream === true, usageChunk };
}

type Completion = Record<string, unknown> & {
  id: string;
  created: number;
  model: string;
  choices: { index: number; message: { content: string } }[];
  usage: unknown;
};

/**
 * `stream: true`: the same answer as server-sent events. Per choice, a chunk with the role, one per word of
 * the answer (with the whitespace after it, so the deltas join to the answer) and one with the finish
 * reason; Azure sends its prompt filter results first, and `stream_options.include_usage` adds a last chunk
 * with the usage; then `data: [DONE]`.
 */
function sendStream(ctx: Ctx, body: Completion, usageChunk: boolean, headers: Record<string, string>): void {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: body.id,
    object: 'chat.completion.chunk',
    created: body.created,
    model: body.model,
    system_fingerprint: null,
    choices,
    ...extra,
  });
  const delta = (index: number, d: Record<string, unknown>, finish: string | null = null) => ({
    index,
    delta: d,
    logprobs: null,
    finish_reason: finish,
  });
  const events: unknown[] = [];
  if (body.prompt_filter_results)
    events.push({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: body.prompt_filter_results });
  for (const c of body.choices) {
    events.push(chunk([delta(c.index, { role: 'assistant', content: '' })]));
    for (const word of c.message.content.match(/\S+\s*|^\s+/g) ?? []) events.push(chunk([delta(c.index, { content: word })]));
    events.push(chunk([delta(c.index, {}, 'stop')]));
  }
  if (usageChunk) events.push(chunk([], { usage: body.usage }));
  ctx.res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-ms-request-id': ctx.requestId,
    ...headers,
  });
  ctx.res.end([...events.map((e) => `data: ${JSON.stringify(e)}\n\n`), 'data: [DONE]\n\n'].join(''));
}

export class ChatService {
  private rules: AnswerRule[] = [];
  private log: LoggedRequest[] = [];

  constructor(private readonly w: World) {}

  addRule(input: unknown): AnswerRule {
    const r = (input ?? {}) as Record<string, unknown>;
    const optional = (k: string) => r[k] === undefined || typeof r[k] === 'string';
    if (typeof r.answer !== 'string' || !optional('deployment') || !optional('contains'))
      throw new HttpError(400, 'BadRequest', 'A rule is {deployment?: string, contains?: string, answer: string}.');
    const rule: AnswerRule = { answer: r.answer };
    if (typeof r.deployment === 'string') rule.deployment = r.deployment;
    if (typeof r.contains === 'string') rule.contains = r.contains;
    this.rules.push(rule);
    return rule;
  }

  listRules(): AnswerRule[] {
    return [...this.rules];
  }

  clearRules(): void {
    this.rules = [];
  }

  requests(): LoggedRequest[] {
    return [...this.log];
  }

  clearRequests(): void {
    this.log = [];
  }

  /** Answers a request on a chat path (faults were applied before); every answer is logged, errors too. */
  async handle(ctx: Ctx): Promise<void> {
    const entry: LoggedRequest = {
      at: this.w.clock.iso(),
      api: ctx.path.startsWith('/_aoai/') ? 'AzureOpenAI' : 'OpenAI',
      status: 200,
      body: undefined,
    };
    try {
      if (entry.api === 'AzureOpenAI') await this.azure(ctx, entry);
      else await this.openai(ctx, entry);
    } catch (err) {
      entry.status = err instanceof HttpError ? err.status : 500;
      throw err;
    } finally {
      this.log.push(entry);
      if (this.log.length > MAX_LOGGED) this.log.shift();
    }
  }

  private async azure(ctx: Ctx, entry: LoggedRequest): Promise<void> {
    const account = segment(ctx.path.split('/')[2] ?? '');
    entry.account = account;
    const a = (st(this.w).cognitiveAccounts ?? []).find((x) => x.customSubDomainName.toLowerCase() === account.toLowerCase());
    // Azure cannot answer for a host that does not exist; the emulator says so instead of failing to resolve.
    if (!a)
      throw azureError(
        404,
        'AccountNotFound',
        `No Azure OpenAI account '${account}' exists in the emulator (https://${account}.openai.azure.com/).`,
      );
    const m = AZURE_ROUTE.exec(ctx.path);
    const apiVersion = ctx.url.searchParams.get('api-version');
    entry.apiVersion = apiVersion ?? undefined;
    // Azure OpenAI answers a path it does not serve, and one without an api-version, with this 404.
    if (!m || !apiVersion || !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) throw azureError(404, '404', 'Resource not found');
    if (ctx.method !== 'POST') throw azureError(405, '405', `The method ${ctx.method} is not allowed here; send POST.`);
    ctx.body = await readBody(ctx);
    entry.body = ctx.body;
    this.checkKey(a, ctx.req.headers['api-key']);
    const deployment = segment(m[1]);
    entry.deployment = deployment;
    const d = a.deployments.find((x) => x.name === deployment);
    if (!d)
      throw azureError(
        404,
        'DeploymentNotFound',
        'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      );
    if (d.capabilities.chatCompletion !== 'true')
      throw azureError(
        400,
        'OperationNotSupported',
        `The chatCompletion operation does not work with the specified model, ${d.model.name}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.`,
      );
    const { messages, n, stream, usageChunk } = checkBody(ctx.body);
    const body = this.completion(`${account}/${deployment}`, deployment, d.model.name, messages, n, ctx.body);
    body.prompt_filter_results = [{ prompt_index: 0, content_filter_results: PASSED }];
    for (const c of body.choices as Record<string, unknown>[]) c.content_filter_results = PASSED;
    const headers = { 'apim-request-id': ctx.requestId };
    if (stream) sendStream(ctx, body, usageChunk, headers);
    else sendJson(ctx, 200, body, headers);
  }

  private checkKey(a: CognitiveAccountRecord, header: string | string[] | undefined): void {
    if (typeof header !== 'string' || !header)
      throw new ChatError(401, {
        statusCode: 401,
        message: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      });
    const keys = accountKeys(this.w, a);
    if (!sameSecret(header, keys.key1) && !sameSecret(header, keys.key2))
      throw azureError(
        401,
        '401',
        'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      );
  }

  private async openai(ctx: Ctx, entry: LoggedRequest): Promise<void> {
    if (ctx.path !== OPENAI_ROUTE || ctx.method !== 'POST') throw openaiError(404, `Invalid URL (${ctx.method} ${ctx.path})`, null, null);
    ctx.body = await readBody(ctx);
    entry.body = ctx.body;
    const auth = ctx.req.headers.authorization;
    const key = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth.trim())?.[1] : undefined;
    if (!key)
      throw openaiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        null,
        null,
      );
    // The key is never echoed back, not even in part.
    if (!this.openaiKeys().some((k) => sameSecret(key, k)))
      throw openaiError(
        401,
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        null,
        'invalid_api_key',
      );
    const model = (ctx.body as { model?: unknown } | undefined)?.model;
    entry.deployment = typeof model === 'string' ? model : undefined;
    const { messages, n, stream, usageChunk } = checkBody(ctx.body);
    if (typeof model !== 'string' || !model) throw openaiError(400, 'you must provide a model parameter', null, null);
    const body = this.completion(`openai/${model}`, model, model, messages, n, ctx.body);
    const headers = { 'x-request-id': ctx.requestId };
    if (stream) sendStream(ctx, body, usageChunk, headers);
    else sendJson(ctx, 200, body, headers);
  }

  /** The keys of the OpenAI connections of every workspace (a `CustomKeys` connection keeps it as `api_key`). */
  private openaiKeys(): string[] {
    return (st(this.w).connections ?? [])
      .filter((c) => c.category === 'OpenAI' || c.metadata['azureml.flow.connection_type'] === 'OpenAI')
      .map((c) => {
        const cred = (c.credentials ?? {}) as { key?: unknown; keys?: { api_key?: unknown } };
        return cred.keys?.api_key ?? cred.key;
      })
      .filter((k): k is string => typeof k === 'string' && k.length > 0);
  }

  /** The answer function (docs/azure-contract.md §35): a fixed answer of the control, else `[<name>] <last user message>`. */
  private completion(target: string, name: string, model: string, messages: Message[], n: number, body: unknown): Completion {
    const lastUser = contentText([...messages].reverse().find((m) => m.role === 'user')?.content);
    const rule = this.rules.find(
      (r) => (r.deployment === undefined || r.deployment === name) && (r.contains === undefined || lastUser.includes(r.contains)),
    );
    const answer = rule ? rule.answer : `[${name}] ${lastUser}`;
    const prompt = messages.reduce((sum, m) => sum + words(contentText(m.content)), 0);
    const completion = n * words(answer);
    const hash = createHash('sha256')
      .update(`${target}\n${JSON.stringify(body)}`)
      .digest('hex');
    return {
      id: `chatcmpl-${hash.slice(0, 29)}`,
      object: 'chat.completion',
      created: Math.floor(this.w.clock.now() / 1000),
      model,
      choices: Array.from({ length: n }, (_, index) => ({
        index,
        finish_reason: 'stop',
        logprobs: null,
        message: { role: 'assistant', content: answer },
      })),
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
      system_fingerprint: null,
    };
  }
}
