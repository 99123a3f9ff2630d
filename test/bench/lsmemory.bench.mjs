// Memory of the language server after opening the corpus: the built server (dist/server.js --stdio)
// gets didOpen for every corpus file it serves (flows, runs, requirements; MANIFEST.tsv kinds) and we
// wait for every publishDiagnostics; then RSS (from /proc, or memoryUsage elsewhere) and the V8 heap
// after a full GC are read. A preload in the server process answers SIGUSR2 by writing
// process.memoryUsage() to a file, since stdout is the LSP channel. Median of 3 runs, with min and max.
// Run alone: node test/bench/lsmemory.bench.mjs [--quick]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export const title = 'Language server memory after opening the corpus';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusRoot = resolve(root, '..', 'shared', 'corpus');
const serverPath = join(root, 'dist', 'server.js');
const SERVED_KINDS = new Set(['flow', 'run', 'requirements']);
const WAIT_MS = 120_000;

function corpusDocs() {
  return readFileSync(join(corpusRoot, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'))
    .filter(([, kind]) => SERVED_KINDS.has(kind))
    .map(([rel]) => {
      const abs = join(corpusRoot, rel);
      return {
        uri: pathToFileURL(abs).href,
        text: readFileSync(abs, 'utf8'),
        languageId: rel.endsWith('.txt') ? 'pip-requirements' : 'yaml',
      };
    });
}

const PRELOAD = `
const { writeFileSync } = require('node:fs');
process.on('SIGUSR2', () => {
  if (global.gc) global.gc();
  writeFileSync(process.env.LSMEM_OUT + '.tmp', JSON.stringify(process.memoryUsage()));
  require('node:fs').renameSync(process.env.LSMEM_OUT + '.tmp', process.env.LSMEM_OUT);
});
`;

async function waitForFile(path, ms) {
  const deadline = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`the server wrote no memory figures to ${path}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

function rssFromProc(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** One server: memory after initialize, then after opening every document and getting its diagnostics. */
async function once(docs, scratch, i) {
  const preload = join(scratch, 'preload.cjs');
  writeFileSync(preload, PRELOAD);
  const out = join(scratch, `mem-${i}`);
  const child = spawn(process.execPath, ['--expose-gc', '--require', preload, serverPath, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, LSMEM_OUT: out },
  });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const pending = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => pending.get(p.uri)?.());
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const sample = async (tag) => {
    rmSync(out, { force: true });
    child.kill('SIGUSR2');
    const mem = await waitForFile(`${out}`, 10_000);
    return { tag, rss: rssFromProc(child.pid) ?? mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal };
  };
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(corpusRoot).href,
      locale: 'en',
      capabilities: { textDocument: { publishDiagnostics: {} } },
    });
    await conn.sendNotification('initialized', {});
    const idle = await sample('idle');
    const started = Date.now();
    const all = Promise.all(docs.map((d) => new Promise((r) => pending.set(d.uri, r))));
    for (const d of docs)
      await conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: d.uri, languageId: d.languageId, version: 1, text: d.text },
      });
    let timer;
    await Promise.race([
      all,
      new Promise(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`diagnostics for only some of ${docs.length} documents within ${WAIT_MS} ms`)),
            WAIT_MS,
          )),
      ),
    ]);
    clearTimeout(timer);
    const openMs = Date.now() - started;
    const opened = await sample('opened');
    return { idle, opened, openMs };
  } finally {
    await Promise.race([conn.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    conn.sendNotification('exit').catch(() => undefined);
    conn.dispose();
    child.kill();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b) => (b / 1024 / 1024).toFixed(1);

export async function run({ quick = false } = {}) {
  if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run "node esbuild.mjs" first`);
  const docs = corpusDocs();
  const scratch = mkdtempSync(join(tmpdir(), 'pf-lsmem-'));
  const runs = [];
  try {
    for (let i = 0; i < (quick ? 1 : 3); i++) runs.push(await once(docs, scratch, i));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const row = (label, pick) => {
    const xs = runs.map(pick);
    return `| ${label} | ${mb(median(xs))} | ${mb(Math.min(...xs))} | ${mb(Math.max(...xs))} |`;
  };
  const markdown = [
    `${docs.length} corpus documents opened (every flow, run and requirements file in MANIFEST.tsv; ${(docs.reduce((n, d) => n + d.text.length, 0) / 1e6).toFixed(2)} MB of text), all diagnostics received; ${runs.length} run(s), a fresh server each.`,
    '',
    '| MB | median | min | max |',
    '| --- | --- | --- | --- |',
    row('RSS after initialize', (r) => r.idle.rss),
    row('RSS after opening the corpus', (r) => r.opened.rss),
    row('V8 heap used after opening (after a full GC)', (r) => r.opened.heapUsed),
    row('V8 heap used after initialize (after a full GC)', (r) => r.idle.heapUsed),
    '',
    `Time from the first didOpen to the last publishDiagnostics: median ${median(runs.map((r) => r.openMs))} ms.`,
  ].join('\n');
  const figures = {
    documents: docs.length,
    rssIdleMB: Number(mb(median(runs.map((r) => r.idle.rss)))),
    rssOpenedMB: Number(mb(median(runs.map((r) => r.opened.rss)))),
    heapOpenedMB: Number(mb(median(runs.map((r) => r.opened.heapUsed)))),
    openAllMs: median(runs.map((r) => r.openMs)),
  };
  return { markdown, figures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await run({ quick: process.argv.includes('--quick') });
  console.log(r.markdown);
  console.log(JSON.stringify(r.figures));
}
