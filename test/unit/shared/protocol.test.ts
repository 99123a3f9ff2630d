// The protocol between the extension and the language server: one spelling of a flow folder, and no
// custom method named anywhere but src/shared/protocol.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { flowFolderId, flowFolderIdOfFile } from '../../../src/shared/flowFolderId';
import { runtimeImports } from '../../helpers/imports';
import { SessionStateChangedNotification, SessionStateRequest, WorkspaceFactsRequest } from '../../../src/shared/protocol';

const SRC = resolve(__dirname, '..', '..', '..', 'src');
const PROTOCOL = join('shared', 'protocol.ts');

/** Every module a bundle holds: what its entry loads at run time, lazily required bundles left out. */
function bundled(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const u of runtimeImports(file, readFileSync(file, 'utf8'), new Map())) visit(u.to);
  };
  visit(join(SRC, entry));
  return new Set([...seen].map((f) => relative(SRC, f)));
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** A custom method name as a string literal: `promptflow/` and one word (file paths such as 'promptflow/core/…' are not). */
const METHOD_LITERAL = /(['"`])promptflow\/\w+\1/g;

describe('flow folder ids', () => {
  const root = resolve(sep);
  const folder = join(root, 'work', 'flows', 'chat');

  it('are the absolute path, unchanged when already plain', () => {
    assert.equal(flowFolderId(folder), folder);
  });

  it('drop a trailing separator and dot segments, so both ends spell a folder alike', () => {
    assert.equal(flowFolderId(folder + sep), folder);
    assert.equal(flowFolderId(join(root, 'work', 'flows', '.', 'other', '..', 'chat') + sep + sep), folder);
  });

  it('keep the root as it is', () => {
    assert.equal(flowFolderId(root), root);
  });

  it('of a file are its folder', () => {
    assert.equal(flowFolderIdOfFile(join(folder, 'flow.dag.yaml')), folder);
  });
});

describe('custom protocol messages', () => {
  it('are typed objects with the method names', () => {
    assert.deepEqual(
      [SessionStateRequest.method, SessionStateChangedNotification.method, WorkspaceFactsRequest.method],
      ['promptflow/sessionState', 'promptflow/sessionStateChanged', 'promptflow/workspaceFacts'],
    );
  });

  it('are named only in src/shared/protocol.ts', () => {
    const strays = sourcesUnder(SRC)
      .filter((f) => relative(SRC, f) !== PROTOCOL)
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(METHOD_LITERAL)].map((m) => `${relative(SRC, f)}: ${m[0]}`));
    assert.deepEqual(strays, []);
  });

  it('are found by the check when spelled as strings', () => {
    const text = `connection.sendRequest('promptflow/sessionState', p); x["promptflow/other"]; const f = 'promptflow/core/__init__.py';`;
    assert.deepEqual(
      [...text.matchAll(METHOD_LITERAL)].map((m) => m[0]),
      [`'promptflow/sessionState'`, `"promptflow/other"`],
    );
  });
});

describe('the protocol library', () => {
  it('stays out of the activation bundle: the extension takes the messages from dist/client.js', () => {
    const activation = bundled(join('extension', 'main.ts'));
    assert.ok(activation.has(join('shared', 'flowFolderId.ts')), 'the extension bundle spells flow folder ids');
    assert.ok(!activation.has(PROTOCOL), 'dist/extension.js would load vscode-languageserver-protocol');
    assert.ok(bundled(join('extension', 'lsp', 'clientBundle.ts')).has(PROTOCOL));
  });
});
