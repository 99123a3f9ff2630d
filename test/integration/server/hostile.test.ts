// Hostile documents through the real server over stdio: each one gets publishDiagnostics and the
// server keeps answering requests afterwards. No timing assertions (benchmarks measure speed); the
// bound on each wait only turns a hang into a failure.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { Commands } from '../../../src/shared/commands';
import { LspTestClient, uriOf } from '../../helpers/lspClient';

const BOUND_MS = 30_000;

function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  lines.push('nodes: *a9');
  return lines.join('\n') + '\n';
}

function fiveMegabytes(): string {
  const out = ['inputs:', '  q:', '    type: string', 'outputs: {}', 'nodes:'];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const node = `- name: n${i}\n  type: python\n  source:\n    type: code\n    path: step.py\n  inputs:\n    text: "${'x'.repeat(400)}"\n`;
    out.push(node.trimEnd());
    size += node.length;
  }
  return out.join('\n') + '\n';
}

const hostile: Record<string, () => string> = {
  'malformed YAML': () => 'inputs:\n  q: {type: string\nnodes:\n- name: [unclosed\n  type: : :\n\t\tbad: "unterminated\n',
  'alias bomb': aliasBomb,
  '5 MB file': fiveMegabytes,
  '10,000-deep flow nesting': () => `nodes: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  '10,000-deep block nesting': () => `nodes:\n${'- '.repeat(10_000)}x\n`,
  '10,000-deep mapping nesting': () => `inputs: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  'binary bytes': () => {
    const bytes = Buffer.alloc(64 * 1024);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    return bytes.toString('latin1');
  },
};

describe('language server on hostile input', () => {
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pf-hostile-'));
    client = await LspTestClient.start({ rootPath: root });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  for (const [name, make] of Object.entries(hostile)) {
    it(`${name}: diagnostics arrive and the server still answers`, async () => {
      const folder = join(root, name.replace(/\W+/g, '_'));
      mkdirSync(folder);
      const uri = uriOf(join(folder, 'flow.dag.yaml'));
      const text = make();
      const published = await client.open(uri, text, 'yaml', BOUND_MS);
      assert.equal(published.uri, uri);
      assert.ok(Array.isArray(published.diagnostics));
      assert.ok(published.diagnostics.length > 0, 'hostile input is reported, not silently accepted');
      assert.ok(published.diagnostics.every((d) => d.source === 'promptflow' && d.code));
      // Every feature still answers on the same document, and the answers are well-formed.
      const pos = { line: 1, character: 3 };
      const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: pos });
      assert.ok(hover === null || typeof hover === 'object');
      const items = await client.request<unknown[]>('textDocument/completion', { textDocument: { uri }, position: pos });
      assert.ok(Array.isArray(items));
      const lenses = await client.request<unknown[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(
        Array.isArray(lenses) && lenses.some((l) => (l as CodeLens).command?.command === Commands.start),
        'flow.dag.yaml keeps its Start lens',
      );
      const links = await client.request<unknown[]>('textDocument/documentLink', { textDocument: { uri } });
      assert.ok(Array.isArray(links));
      // An edit after the hostile text is validated too.
      const edited = await client.change(uri, 2, 'inputs: {}\noutputs: {}\nnodes: []\n', BOUND_MS);
      assert.equal(edited.version, 2);
      assert.ok(client.alive);
    });
  }

  it('answers a request with broken parameters with an empty result, then keeps serving', async () => {
    const uri = uriOf(join(root, 'flow.dag.yaml'));
    await client.open(uri, 'nodes: []\n');
    const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: null });
    assert.equal(hover, null);
    const items = await client.request<unknown[]>('textDocument/completion', { textDocument: { uri }, position: null });
    assert.deepEqual(items, []);
    assert.ok(client.stderr.join('').includes('failed'), 'the failure is logged');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.some((l) => l.command?.command === Commands.start));
    assert.ok(client.alive);
  });
});
