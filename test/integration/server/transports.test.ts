// The language client starts the server with `--node-ipc` (a forked process); the benches and other
// editors use `--stdio`. Both transports must serve the same features.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { serverPath, uriOf } from '../../helpers/lspClient';

describe('language server transports', () => {
  it('serves over node-ipc', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-ipc-'));
    const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      const uri = uriOf(join(dir, 'flow.dag.yaml'));
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => p.uri === uri && resolve(p)),
      );
      conn.listen();
      const init = await conn.sendRequest<{ capabilities: { codeLensProvider?: unknown } }>('initialize', {
        processId: process.pid,
        rootUri: uriOf(dir),
        capabilities: {},
      });
      assert.ok(init.capabilities.codeLensProvider);
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'nodes: [\n' } });
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error('no diagnostics over node-ipc')), 20_000)),
      );
      const p = await Promise.race([published, bound]).finally(() => clearTimeout(timer));
      assert.ok(p.diagnostics.length > 0, 'the broken flow is reported');
      await conn.sendRequest('shutdown');
    } finally {
      conn.dispose();
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
