// The run outputs panel's data and page, without VS Code: rows a page at a time, a line's node details in
// the window's language, and a page whose every text is escaped under a strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, runOutputsHtml } from '../../../src/extension/runOutputsHtml';
import { PAGE_SIZE, viewModel } from '../../../src/extension/runOutputsModel';
import type { RunLine } from '../../../src/core/session/types';

const line = (index: number, extra: Partial<RunLine> = {}): RunLine => ({
  index,
  status: 'Completed',
  inputs: { q: `question ${index}` },
  outputs: { a: `answer ${index}` },
  durationSeconds: 0.5,
  tokens: { prompt: 3, completion: 4, total: 7 },
  nodes: [],
  ...extra,
});

test('a large run is shown 200 lines a page, the page clamped to the run', () => {
  const lines = Array.from({ length: 450 }, (_, i) => line(i));
  const m = viewModel('en');
  const first = m.page(lines, 0);
  assert.equal(first.rows.length, PAGE_SIZE);
  assert.equal(first.pages, 3);
  assert.equal(first.range, 'Lines 1–200 of 450');
  assert.equal(first.summary, '450 line(s): 450 completed, 0 failed.');
  assert.deepEqual(first.rows[0], {
    index: 0,
    line: '0',
    status: 'Completed',
    failed: false,
    inputs: 'q: question 0',
    outputs: 'a: answer 0',
    duration: '0.50 s',
    tokens: '7',
  });
  const last = m.page(lines, 99);
  assert.equal(last.page, 2);
  assert.equal(last.rows.length, 50);
  assert.equal(last.range, 'Lines 401–450 of 450');
  assert.equal(m.page(lines, -3).page, 0);
  assert.equal(m.page([], 0).range, '');
});

test("a line's details: its error, and each node with tool, status, duration, tokens, inputs, output, error", () => {
  const failed = line(4, {
    status: 'Failed',
    outputs: null,
    error: { code: 'UserError', message: 'Execution failure in answer' },
    nodes: [
      {
        node: 'answer',
        tool: 'AzureOpenAI.chat',
        type: 'LLM',
        inputs: { q: 'x' },
        error: 'boom',
        durationSeconds: 1.25,
        tokens: { prompt: 10, completion: 5, total: 15 },
      },
      { node: 'format', tool: 'format', type: 'Function', output: 'done' },
    ],
  });
  const m = viewModel('en');
  assert.equal(m.page([failed], 0).rows[0].outputs, 'Execution failure in answer', 'a failed line shows why in its outputs cell');
  assert.equal(m.page([failed], 0).rows[0].failed, true);
  const d = m.detail(failed);
  assert.equal(d.title, 'Line 4: Failed');
  assert.equal(d.error, 'Execution failure in answer (UserError)');
  assert.deepEqual(d.nodes[0], {
    failed: true,
    fields: [
      ['Node', 'answer'],
      ['Tool', 'AzureOpenAI.chat · LLM'],
      ['Status', 'Failed'],
      ['Duration', '1.25 s'],
      ['Tokens', '15 (prompt 10, completion 5)'],
      ['Inputs', '{\n  "q": "x"\n}'],
      ['Error', 'boom'],
    ],
  });
  assert.deepEqual(d.nodes[1].fields, [
    ['Node', 'format'],
    ['Tool', 'format · Function'],
    ['Status', 'Completed'],
    ['Output', 'done'],
  ]);
  assert.equal(m.detail(line(1)).empty, 'No node ran on this line.');
  const ja = viewModel('ja');
  assert.equal(ja.detail(failed).nodes[0].fields[0][0], 'ノード');
  assert.equal(ja.page([failed], 0).summary, '1 行: 完了 0、失敗 1。');
});

test('a token a flow printed is not shown back, in a cell or in the details', () => {
  const jwt = 'eyJhbGciOiJub25lIn0.eyJvaWQiOiIxMjMifQ.';
  const l = line(0, { outputs: { a: `token ${jwt}` }, nodes: [{ node: 'n', output: { t: jwt } }] });
  const m = viewModel('en');
  assert.equal(m.page([l], 0).rows[0].outputs, 'a: token ***');
  assert.ok(!JSON.stringify(m.detail(l)).includes(jwt));
});

test('the page: strict CSP with a nonce, no remote resource, every text escaped', () => {
  const html = runOutputsHtml({
    locale: 'en',
    runId: '<img src=x onerror=alert(1)>',
    nonce: 'abc123',
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/runOutputs/main.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/runOutputs/main.css',
  });
  assert.match(
    html,
    /content="default-src &#39;none&#39;; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net; script-src &#39;nonce-abc123&#39;;/,
  );
  assert.ok(!html.includes('<img'), 'the run id is escaped');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.deepEqual(
    [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]),
    ['<script nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/media/runOutputs/main.js">'],
  );
  assert.ok(![...html.matchAll(/(?:src|href)="([^"]+)"/g)].some((m) => !m[1].startsWith('https://file+.vscode-resource.vscode-cdn.net/')));
  assert.match(html, /<th scope="col" class="col-line">Line<\/th>/);
  assert.equal(escapeHtml(`a&b"c'<>`), 'a&amp;b&quot;c&#39;&lt;&gt;');
});
