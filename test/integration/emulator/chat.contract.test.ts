// The stand-in chat completions service (docs/azure-contract.md §35): Azure OpenAI's and OpenAI's REST
// shapes answered by value, its errors, the test control's fixed answers and request list, faults, and the
// Agent Framework test double (test/doubles) calling it from Python as the real client would.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sessionApiBase } from '../../../src/emulator/chat';
import { chatAccess, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { repoRoot } from '../../helpers/validation';

interface Completion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; finish_reason: string; message: { role: string; content: string }; content_filter_results?: unknown }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  prompt_filter_results?: unknown;
}

describe('emulator: chat completions service', () => {
  let emu: TestEmulator;
  let access: Awaited<ReturnType<typeof chatAccess>>;
  const azurePath = (deployment: string, version: string | null = '2024-02-01', account = 'pf-demo-aoai') =>
    `/_aoai/${account}/openai/deployments/${deployment}/chat/completions${version ? `?api-version=${version}` : ''}`;
  const azure = <T = Completion>(
    deployment: string,
    body: unknown,
    o: { key?: string | null; version?: string | null; account?: string } = {},
  ) =>
    emu.request<T>('POST', azurePath(deployment, o.version === undefined ? '2024-02-01' : o.version, o.account), {
      body,
      token: null,
      headers: o.key === null ? {} : { 'api-key': o.key ?? access.aoaiKey },
    });
  const openai = <T = Completion>(body: unknown, key: string | null = access.openaiKey) =>
    emu.request<T>('POST', '/v1/chat/completions', { body, token: key });
  const chat = [
    { role: 'system', content: 'You answer in one line.' },
    { role: 'user', content: 'Hi there' },
    { role: 'assistant', content: 'Hello' },
    { role: 'user', content: 'What is two plus two?' },
  ];

  before(async () => {
    emu = await startTestEmulator();
    access = await chatAccess(emu);
  });
  beforeEach(async () => {
    await emu.control.clearChatAnswers();
    await emu.control.clearFaults();
  });
  after(() => emu.stop());

  it('maps a connection target to the address a session reaches it at', () => {
    const e = 'https://127.0.0.1:1234';
    assert.deepEqual(
      [
        'https://pf-demo-aoai.openai.azure.com/',
        'https://My-Account.openai.azure.com',
        'https://hub-ai.cognitiveservices.azure.com/',
        'https://api.openai.com/v1',
        '',
        '_',
        'https://example.com/api',
        'https://evil.openai.azure.com.example.com/',
      ].map((t) => sessionApiBase(e, t)),
      [`${e}/_aoai/pf-demo-aoai/`, `${e}/_aoai/my-account/`, `${e}/_aoai/hub-ai/`, `${e}/v1`, `${e}/v1`, `${e}/v1`, undefined, undefined],
    );
  });

  it('answers Azure OpenAI with the deployment and the last user message, counting words as tokens', async () => {
    const res = await azure('gpt-4o', { messages: chat, temperature: 0.2 });
    assert.equal(res.status, 200, res.text);
    const b = res.body;
    assert.deepEqual(b.choices, [
      {
        index: 0,
        finish_reason: 'stop',
        logprobs: null,
        message: { role: 'assistant', content: '[gpt-4o] What is two plus two?' },
        content_filter_results: {
          hate: { filtered: false, severity: 'safe' },
          self_harm: { filtered: false, severity: 'safe' },
          sexual: { filtered: false, severity: 'safe' },
          violence: { filtered: false, severity: 'safe' },
        },
      },
    ]);
    // 5 + 2 + 1 + 5 words asked, 6 answered.
    assert.deepEqual(b.usage, { prompt_tokens: 13, completion_tokens: 6, total_tokens: 19 });
    assert.equal(b.object, 'chat.completion');
    assert.equal(b.model, 'gpt-4o', "the deployment's model name");
    assert.match(b.id, /^chatcmpl-[0-9a-f]{29}$/);
    assert.deepEqual(
      (b.prompt_filter_results as { prompt_index: number }[]).map((p) => p.prompt_index),
      [0],
    );
    const now = Date.parse((await emu.control.state()).now) / 1000;
    assert.ok(Math.abs(b.created - now) < 60, 'created is read from the emulated clock');
    // The id is a function of the request: the same request gets it again, another one does not.
    assert.equal((await azure('gpt-4o', { messages: chat, temperature: 0.2 })).body.id, b.id);
    assert.notEqual((await azure('gpt-4o', { messages: chat, temperature: 0.3 })).body.id, b.id);
  });

  it("answers OpenAI with the body's model, a list content's text parts joined by newlines", async () => {
    const res = await openai({
      model: 'gpt-4o-mini',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'first part' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'text', text: 'second' },
          ],
        },
      ],
      n: 2,
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.model, 'gpt-4o-mini');
    assert.deepEqual(
      res.body.choices.map((c) => [c.index, c.message.content]),
      [
        [0, '[gpt-4o-mini] first part\nsecond'],
        [1, '[gpt-4o-mini] first part\nsecond'],
      ],
    );
    assert.equal(res.body.prompt_filter_results, undefined, 'content filter annotations are Azure-only');
    assert.deepEqual(res.body.usage, { prompt_tokens: 3, completion_tokens: 8, total_tokens: 11 });
  });

  it('answers unknown deployments, accounts, paths and keys as Azure OpenAI does', async () => {
    const missing = await azure('gpt-5', { messages: chat });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, {
      error: {
        code: 'DeploymentNotFound',
        message:
          'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      },
    });
    const embeddings = await azure<{ error: { code: string; message: string } }>('text-embedding-ada-002', { messages: chat });
    assert.equal(embeddings.status, 400);
    assert.equal(embeddings.body.error.code, 'OperationNotSupported');
    assert.match(
      embeddings.body.error.message,
      /^The chatCompletion operation does not work with the specified model, text-embedding-ada-002\./,
    );
    const noVersion = await azure('gpt-4o', { messages: chat }, { version: null });
    assert.deepEqual([noVersion.status, noVersion.body], [404, { error: { code: '404', message: 'Resource not found' } }]);
    const bad = await azure<{ error: { code: string } }>('gpt-4o', { messages: chat }, { account: '%E0%A4%A' });
    assert.deepEqual([bad.status, bad.body.error.code], [404, 'AccountNotFound'], 'a malformed name names no account');
    const account = await azure<{ error: { code: string; message: string } }>('gpt-4o', { messages: chat }, { account: 'nowhere' });
    assert.equal(account.status, 404);
    assert.match(account.body.error.message, /No Azure OpenAI account 'nowhere'/);
    const wrong = await azure('gpt-4o', { messages: chat }, { key: access.openaiKey });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, {
      error: {
        code: '401',
        message:
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      },
    });
    const none = await azure<{ statusCode: number; message: string }>('gpt-4o', { messages: chat }, { key: null });
    assert.equal(none.status, 401);
    assert.match(none.body.message, /missing subscription key/);
    const arm = await emu.request('POST', azurePath('gpt-4o'), { body: { messages: chat } });
    assert.equal(arm.status, 401, 'an ARM bearer token is no key of the account');
    assert.ok(![wrong.text, none.text, arm.text].some((t) => t.includes(access.aoaiKey) || t.includes(access.openaiKey)));
  });

  it('streams the same answer as server-sent events when asked', async () => {
    const events = (text: string) => {
      const lines = text.split('\n\n').filter(Boolean);
      assert.equal(lines.pop(), 'data: [DONE]');
      return lines.map(
        (l) =>
          JSON.parse(l.replace(/^data: /, '')) as Record<string, unknown> & {
            choices: { delta: { content?: string }; finish_reason: string | null }[];
          },
      );
    };
    const plain = await openai({ model: 'gpt-4o', messages: chat });
    const o = await openai<string>({ model: 'gpt-4o', messages: chat, stream: true, stream_options: { include_usage: true } });
    assert.equal(o.status, 200);
    assert.match(String(o.headers['content-type']), /^text\/event-stream/);
    const chunks = events(o.text);
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), '[gpt-4o] What is two plus two?');
    assert.deepEqual(chunks.at(-2)?.choices, [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(chunks.at(-1)?.usage, plain.body.usage);
    assert.ok(chunks.every((c) => c.id === chunks[0].id && c.object === 'chat.completion.chunk'));
    const a = await azure<string>('gpt-4o', { messages: chat, stream: true });
    const azureChunks = events(a.text);
    assert.deepEqual(azureChunks[0].choices, [], 'Azure sends its prompt filter results first');
    assert.ok(azureChunks[0].prompt_filter_results);
    assert.equal(azureChunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), '[gpt-4o] What is two plus two?');
    assert.ok(
      azureChunks.every((c) => c.usage === undefined),
      'no usage chunk unless asked',
    );
  });

  it('refuses a wrong OpenAI key without echoing it, and bad bodies in the OpenAI error shape', async () => {
    const wrong = await openai({ model: 'gpt-4o', messages: chat }, access.aoaiKey);
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, {
      error: {
        message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    assert.equal((await openai({ model: 'gpt-4o', messages: chat }, null)).status, 401);
    const noMessages = await azure('gpt-4o', { temperature: 1 });
    assert.equal(noMessages.status, 400);
    assert.deepEqual(noMessages.body, {
      error: {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'missing_required_parameter',
      },
    });
    const role = await openai<{ error: { param: string; code: string; message: string } }>({
      model: 'gpt-4o',
      messages: [{ role: 'wizard', content: 'x' }],
    });
    assert.equal(role.status, 400);
    assert.deepEqual([role.body.error.param, role.body.error.code], ['messages[0].role', 'invalid_value']);
    assert.match(role.body.error.message, /^Invalid value: 'wizard'\. Supported values are: 'system', 'assistant', 'user'/);
    const options = await openai<{ error: { param: string } }>({
      model: 'gpt-4o',
      messages: chat,
      stream_options: { include_usage: true },
    });
    assert.deepEqual([options.status, options.body.error.param], [400, 'stream_options']);
    const empty = await openai<{ error: { code: string } }>({ model: 'gpt-4o', messages: [] });
    assert.deepEqual([empty.status, empty.body.error.code], [400, 'empty_array']);
    const url = await emu.request<{ error: { message: string } }>('POST', '/v1/completions', { body: {}, token: access.openaiKey });
    assert.deepEqual([url.status, url.body.error.message], [404, 'Invalid URL (POST /v1/completions)']);
  });

  it('gives the fixed answers of the test control, first match first, and lists what it received', async () => {
    await emu.control.addChatAnswer({ deployment: 'gpt-4o', contains: 'weather', answer: 'Sunny all week.' });
    await emu.control.addChatAnswer({ contains: 'weather', answer: 'Ask someone else.' });
    await emu.control.clearChatRequests();
    const fixed = await azure('gpt-4o', { messages: [{ role: 'user', content: 'How is the weather?' }] });
    assert.equal(fixed.body.choices[0].message.content, 'Sunny all week.');
    assert.deepEqual(fixed.body.usage, { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 });
    const second = await openai({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'weather?' }] });
    assert.equal(second.body.choices[0].message.content, 'Ask someone else.');
    const other = await azure('gpt-35-turbo', { messages: [{ role: 'user', content: 'Other' }] }, { version: '2024-06-01' });
    assert.equal(other.body.choices[0].message.content, '[gpt-35-turbo] Other');
    await emu.control.clearChatAnswers();
    assert.equal(
      (await azure('gpt-4o', { messages: [{ role: 'user', content: 'weather' }] })).body.choices[0].message.content,
      '[gpt-4o] weather',
    );
    const log = await emu.control.chatRequests();
    assert.deepEqual(
      log.map((r) => [r.api, r.account, r.deployment, r.apiVersion, r.status]),
      [
        ['AzureOpenAI', 'pf-demo-aoai', 'gpt-4o', '2024-02-01', 200],
        ['OpenAI', undefined, 'gpt-4o-mini', undefined, 200],
        ['AzureOpenAI', 'pf-demo-aoai', 'gpt-35-turbo', '2024-06-01', 200],
        ['AzureOpenAI', 'pf-demo-aoai', 'gpt-4o', '2024-02-01', 200],
      ],
    );
    assert.deepEqual(log[0].body, { messages: [{ role: 'user', content: 'How is the weather?' }] });
    assert.ok(!JSON.stringify(log).includes(access.aoaiKey), 'no key in the request list');
  });

  it('honours the fault injection, in the answering API’s error shape', async () => {
    await emu.control.addFault({ kind: 'throttle', path: '^/_aoai/', retryAfterSeconds: 7 });
    const throttled = await azure<{ error: { code: string } }>('gpt-4o', { messages: chat });
    assert.deepEqual([throttled.status, throttled.headers['retry-after'], throttled.body.error.code], [429, '7', 'TooManyRequests']);
    await emu.control.addFault({ kind: 'error', path: '^/v1/chat/completions$', status: 503 });
    const down = await openai<{ error: { type: string; code: string } }>({ model: 'gpt-4o', messages: chat });
    assert.deepEqual([down.status, down.body.error.type, down.body.error.code], [503, 'server_error', 'ServiceUnavailable']);
    assert.equal((await azure('gpt-4o', { messages: chat })).status, 200, 'each fault was used up');
  });

  it('is called by the Agent Framework test double as the real client calls it: path, api-version, options', async () => {
    await emu.control.clearChatRequests();
    const script = [
      'import asyncio, json',
      'from agent_framework import Message',
      'from agent_framework.openai import OpenAIChatCompletionClient as C',
      'import os',
      'async def main():',
      '    a = C("gpt-4o", azure_endpoint=os.environ["AOAI_BASE"], api_key=os.environ["AOAI_KEY"])',
      '    o = C("gpt-4o-mini", api_key=os.environ["OAI_KEY"], base_url=os.environ["OAI_BASE"])',
      '    msgs = [Message("system", ["Be brief."]), Message("user", ["Hello", "world"])]',
      '    r1 = await a.get_response(msgs, options={"max_tokens": 5})',
      '    r2 = await o.get_response(msgs)',
      '    print(json.dumps([r1.text, r1.usage_details, r2.text, r2.model]))',
      'asyncio.run(main())',
    ].join('\n');
    // Asynchronous: the emulator answers from this very process.
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(
        'python3',
        ['-c', script],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...process.env,
            PYTHONPATH: resolve(repoRoot, 'test/doubles'),
            SSL_CERT_FILE: emu.ca,
            AOAI_BASE: access.aoaiBase,
            AOAI_KEY: access.aoaiKey,
            OAI_BASE: access.openaiBase,
            OAI_KEY: access.openaiKey,
          },
        },
        (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      '[gpt-4o] Hello\nworld',
      { input_token_count: 4, output_token_count: 3, total_token_count: 7 },
      '[gpt-4o-mini] Hello\nworld',
      'gpt-4o-mini',
    ]);
    assert.deepEqual(
      (await emu.control.chatRequests()).map((r) => [r.api, r.deployment, r.apiVersion, r.body]),
      [
        [
          'AzureOpenAI',
          'gpt-4o',
          '2024-12-01-preview',
          {
            max_completion_tokens: 5,
            messages: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: 'Hello\nworld' },
            ],
            model: 'gpt-4o',
          },
        ],
        [
          'OpenAI',
          'gpt-4o-mini',
          undefined,
          {
            messages: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: 'Hello\nworld' },
            ],
            model: 'gpt-4o-mini',
          },
        ],
      ],
    );
  });
});

describe('emulator: chat service on a state written before accounts had keys', () => {
  it("takes the key the account's connection already holds", async () => {
    const first = await startTestEmulator({ keepData: true });
    await first.stop();
    const file = join(first.dataDir, 'state.json');
    const state = JSON.parse(readFileSync(file, 'utf8')) as { cognitiveAccounts: { keys?: unknown }[] };
    for (const a of state.cognitiveAccounts) delete a.keys;
    writeFileSync(file, JSON.stringify(state));
    const emu = await first.restart();
    try {
      const secrets = await emu.request<{ properties: { credentials: { key: string } } }>(
        'POST',
        `${emu.workspacePath}/connections/azure_open_ai_connection/listsecrets?api-version=2023-04-01-preview`,
      );
      const res = await emu.request<Completion>(
        'POST',
        '/_aoai/pf-demo-aoai/openai/deployments/gpt-4o/chat/completions?api-version=2024-02-01',
        {
          token: null,
          headers: { 'api-key': secrets.body.properties.credentials.key },
          body: { messages: [{ role: 'user', content: 'still here' }] },
        },
      );
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.choices[0].message.content, '[gpt-4o] still here');
    } finally {
      await emu.stop();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
